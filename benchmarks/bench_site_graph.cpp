// Plant -> attack graph translation on generated sites (issue: "a 10k-asset site builds in well
// under a second"): the access map, security levels and threat model (SiteContext::make, once per
// site) and the per-actor graph (build_site_graph), on S (1k), M (10k) and L (100k) assets.
//
//   cmake --preset bench && cmake --build --preset bench
//   build/bench/benchmarks/bench_site_graph --benchmark_repetitions=3
#include <map>
#include <sstream>

#include <benchmark/benchmark.h>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/generate_site.hpp"

namespace {

using namespace zonepath;

const models::Site& generated_site(std::uint64_t assets, scenarios::SiteShape shape) {
  static std::map<std::pair<std::uint64_t, int>, models::Site> cache;
  auto key = std::make_pair(assets, static_cast<int>(shape));
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::ostringstream text;
    scenarios::GenerateOptions options;
    options.assets = assets;
    options.shape = shape;
    scenarios::generate_site(options, text);
    it = cache.emplace(key, models::load_site(JsonDocument::parse(text.str(), "generated.json"))).first;
  }
  return it->second;
}

void args(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {1000, 10000, 100000})
    for (std::int64_t shape : {0, 1}) b->Args({n, shape});
  b->Unit(benchmark::kMillisecond)->ArgNames({"assets", "flat"});
}

scenarios::SiteShape shape_of(const benchmark::State& state) {
  return state.range(1) ? scenarios::SiteShape::Flat : scenarios::SiteShape::Segmented;
}

void BM_SiteContext(benchmark::State& state) {
  const auto& site = generated_site(static_cast<std::uint64_t>(state.range(0)), shape_of(state));
  for (auto _ : state) benchmark::DoNotOptimize(models::SiteContext::make(site));
}
BENCHMARK(BM_SiteContext)->Apply(args);

// Context plus the graph of the most capable actor: what `zonepath paths --threat` builds.
void BM_SiteGraph(benchmark::State& state) {
  const auto& site = generated_site(static_cast<std::uint64_t>(state.range(0)), shape_of(state));
  models::Index apt = site.threat_index("ta-apt");
  if (apt == models::kNone) apt = 0;
  std::size_t edges = 0;
  for (auto _ : state) {
    auto ctx = models::SiteContext::make(site);
    auto sg = models::build_site_graph(ctx, site.threat_actors[apt]);
    edges = sg.graph.edge_count();
    benchmark::DoNotOptimize(sg);
  }
  state.counters["edges"] = static_cast<double>(edges);
}
BENCHMARK(BM_SiteGraph)->Apply(args);

} // namespace

BENCHMARK_MAIN();
