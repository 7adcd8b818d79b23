// Monte Carlo benchmarks: TTC simulation (1,000 samples) and Monte Carlo reach on a random
// graph of 100k nodes / 1M edges generated in-process (deterministic), on 1 and 2 threads,
// with the 2-vs-1 thread speed-up printed at the end; exact reach on small graphs.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DZONEPATH_BENCHMARKS=ON
//   cmake --build build-bench -j2 --target bench_montecarlo
//   build-bench/benchmarks/bench_montecarlo
// Repetitions of all benchmarks run interleaved in random order (a later
// --benchmark_enable_random_interleaving=false turns that off).
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/reach_exact.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace {

using namespace zonepath;

struct Workload {
  AttackGraph graph;
  std::vector<NodeId> sources, targets;
};

// Random attack graph: every node has `degree` out-edges to uniform random nodes, 2% AND
// nodes, p uniform in [0.2, 0.9], TTC a mix of exponential (means 1..30 days), log-normal and
// gamma; 4 sources, 16 targets.
Workload make_random(std::size_t n, std::size_t degree, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  b.reserve(n, n * degree);
  for (std::size_t v = 0; v < n; ++v) {
    NodeSpec s;
    s.name = "n" + std::to_string(v);
    s.kind = rng() % 50 == 0 ? NodeKind::And : NodeKind::Or;
    b.add_node(std::move(s));
  }
  for (std::size_t u = 0; u < n; ++u)
    for (std::size_t k = 0; k < degree; ++k) {
      EdgeSpec e;
      e.from = NodeId(u);
      e.to = NodeId(rng() % n);
      e.p = 0.2 + 0.7 * double(rng() % 10000) / 10000.0;
      switch (rng() % 4) {
      case 0:
        e.ttc = TtcDistribution::lognormal(1.0, 0.8);
        break;
      case 1:
        e.ttc = TtcDistribution::gamma(2.0, 3.0);
        break;
      default:
        e.ttc = TtcDistribution::exponential(1.0 + double(rng() % 30));
        break;
      }
      b.add_edge(std::move(e));
    }
  Workload w;
  w.graph = b.build();
  for (int i = 0; i < 4; ++i) w.sources.push_back(NodeId(rng() % n));
  for (int i = 0; i < 16; ++i) w.targets.push_back(NodeId(rng() % n));
  return w;
}

const Workload& big() {
  static const Workload w = make_random(100000, 10, 2024);
  return w;
}

// Best time per configuration over all repetitions. The 1- and 2-thread runs are interleaved
// (see main) so that a slow phase of a shared machine does not fall on one of them only.
std::map<std::string, double>& seconds() {
  static std::map<std::string, double> s;
  return s;
}
void record(const std::string& key, double t) {
  auto [it, fresh] = seconds().try_emplace(key, t);
  if (!fresh) it->second = std::min(it->second, t);
}

// range(0): threads; range(1): 1 with criticality (one Dijkstra search per sample), 0 without
// (the lane-parallel propagation of 64 samples at once).
void BM_TtcSimulation_1M(benchmark::State& state) {
  const Workload& w = big();
  const auto threads = static_cast<std::size_t>(state.range(0));
  ThreadLimit limit(threads);
  TtcSimulationOptions opt;
  opt.samples = 1000;
  opt.horizon_days = 30.0;
  opt.criticality = state.range(1) != 0;
  double best = 1e300;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = simulate_ttc(w.graph, w.sources, w.targets, opt);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(r.targets.data());
    state.counters["reach_t0"] = r.targets[0].reach_probability;
  }
  record((opt.criticality ? "ttc/" : "ttc-lanes/") + std::to_string(threads), best);
  state.counters["samples_per_s"] = 1000.0 / best;
}
BENCHMARK(BM_TtcSimulation_1M)
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

void BM_MonteCarloReach_1M(benchmark::State& state) {
  const Workload& w = big();
  const auto threads = static_cast<std::size_t>(state.range(0));
  ThreadLimit limit(threads);
  MonteCarloReachOptions opt;
  opt.samples = 1000;
  double best = 1e300;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = monte_carlo_reach(w.graph, w.sources, w.targets, opt);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(r.targets.data());
  }
  record("reach/" + std::to_string(threads), best);
}
BENCHMARK(BM_MonteCarloReach_1M)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

// Exact reach on a directed grid with diagonals (not series-parallel): state.range(0) wide,
// 5 high, p = 0.6.
void BM_ExactReachGrid(benchmark::State& state) {
  const std::size_t width = static_cast<std::size_t>(state.range(0)), height = 5;
  AttackGraphBuilder b;
  for (std::size_t v = 0; v < width * height; ++v) {
    NodeSpec s;
    s.name = "g" + std::to_string(v);
    b.add_node(std::move(s));
  }
  auto id = [&](std::size_t x, std::size_t y) { return NodeId(y * width + x); };
  auto edge = [&](NodeId a, NodeId c) {
    EdgeSpec e;
    e.from = a;
    e.to = c;
    e.p = 0.6;
    b.add_edge(std::move(e));
  };
  for (std::size_t y = 0; y < height; ++y)
    for (std::size_t x = 0; x < width; ++x) {
      if (x + 1 < width) edge(id(x, y), id(x + 1, y));
      if (y + 1 < height) edge(id(x, y), id(x, y + 1));
      if (x + 1 < width && y > 0) edge(id(x, y), id(x + 1, y - 1));
    }
  AttackGraph g = b.build();
  std::vector<NodeId> sources = {0};
  ExactReachOptions opt;
  opt.max_uncertain_edges = kMaxExactUncertainEdges; // the largest grid has 95 edges
  ExactReach r;
  for (auto _ : state) r = exact_reach_probability(g, sources, NodeId(width * height - 1), opt);
  state.counters["edges"] = double(g.edge_count());
  state.counters["uncertain"] = double(r.detail.uncertain_edges);
  state.counters["steps"] = double(r.detail.factoring_steps);
}
BENCHMARK(BM_ExactReachGrid)->Arg(4)->Arg(6)->Arg(8)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
  // Interleave the repetitions of all benchmarks in random order unless told otherwise.
  std::vector<char*> args(argv, argv + argc);
  std::string interleave = "--benchmark_enable_random_interleaving=true";
  args.insert(args.begin() + 1, interleave.data());
  argc = static_cast<int>(args.size());
  argv = args.data();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  auto& s = seconds();
  for (const char* kind : {"ttc", "ttc-lanes", "reach"}) {
    auto one = s.find(std::string(kind) + "/1"), two = s.find(std::string(kind) + "/2");
    if (one != s.end() && two != s.end())
      std::printf("%s, 1,000 samples, 100k nodes / 1M edges (best of repetitions): 1 thread %.2f s, "
                  "2 threads %.2f s, speed-up %.2fx\n",
                  kind, one->second, two->second, one->second / two->second);
  }
  auto searches = s.find("ttc/2"), lanes = s.find("ttc-lanes/2");
  if (searches != s.end() && lanes != s.end())
    std::printf("ttc on 2 threads: per-sample searches with criticality %.2f s, lanes without %.2f s, "
                "ratio %.2fx\n",
                searches->second, lanes->second, searches->second / lanes->second);
  return 0;
}
