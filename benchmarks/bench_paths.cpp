// Engine path benchmarks against plain Boost.Graph on the same generated graphs:
//   Dijkstra to all nodes (ours vs boost::dijkstra_shortest_paths on a compressed_sparse_row_graph),
//   k best paths (k = 10, 100), min-cut (ours end to end vs boost::boykov_kolmogorov_max_flow
//   on a prebuilt adjacency_list network of the whole graph).
//
// Graphs come from benchmarks/gen_graph.py (see benchmarks/run_peers.sh):
//   ZONEPATH_BENCH_GRAPHS=/tmp/zonepath-bench/random_100k_1m,/tmp/zonepath-bench/random_1m_4m
//   build/benchmarks/bench_paths --benchmark_repetitions=3
// Each entry is a path without extension: NAME.bin and NAME.query.json.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
// GCC 12 reports -Wmaybe-uninitialized false positives inside Boost's adjacency_list edge
// iterators (used only by the plain-Boost baseline below).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <nlohmann/json.hpp>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/markov_chain.hpp"
#include "zonepath/core/min_cut.hpp"
#include "zonepath/core/shortest_paths.hpp"

namespace {

using namespace zonepath;

struct RawGraph {
  std::uint32_t n = 0;
  std::vector<std::int32_t> from, to;
  std::vector<double> p;
  std::vector<float> ttc, cost;
};

RawGraph read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path + " (run benchmarks/run_peers.sh or gen_graph.py)");
  char magic[4];
  in.read(magic, 4);
  if (std::string(magic, 4) != "ZPG1") throw std::runtime_error(path + ": not a ZPG1 graph");
  RawGraph r;
  std::uint64_t m = 0;
  in.read(reinterpret_cast<char*>(&r.n), 4);
  in.read(reinterpret_cast<char*>(&m), 8);
  auto read = [&](auto& v) {
    v.resize(m);
    in.read(reinterpret_cast<char*>(v.data()), std::streamsize(m * sizeof(v[0])));
  };
  read(r.from);
  read(r.to);
  read(r.p);
  read(r.ttc);
  read(r.cost);
  if (!in) throw std::runtime_error(path + ": truncated");
  return r;
}

struct Bench {
  std::string name;
  RawGraph raw;
  AttackGraph graph;
  NodeId source = 0, target = 0;
  std::vector<NodeId> cut_sources, cut_targets;
};

AttackGraph to_attack_graph(const RawGraph& r) {
  AttackGraphBuilder b;
  b.reserve(r.n, r.from.size());
  for (std::uint32_t v = 0; v < r.n; ++v) b.add_node({"n" + std::to_string(v), NodeKind::Or, 1.0});
  for (std::size_t e = 0; e < r.from.size(); ++e) {
    EdgeSpec s;
    s.from = NodeId(r.from[e]);
    s.to = NodeId(r.to[e]);
    s.p = r.p[e];
    // Zero-length steps (a site's "holding an asset gives its zone network") stay fixed at 0.
    s.ttc = r.ttc[e] > 0 ? TtcDistribution::exponential(r.ttc[e]) : TtcDistribution::fixed(0);
    s.cost = r.cost[e];
    b.add_edge(std::move(s));
  }
  return b.build();
}

std::vector<std::unique_ptr<Bench>> load_all() {
  const char* env = std::getenv("ZONEPATH_BENCH_GRAPHS");
  std::string list = env ? env : "/tmp/zonepath-bench/random_100k_1m,/tmp/zonepath-bench/random_1m_4m";
  std::vector<std::unique_ptr<Bench>> out;
  std::stringstream ss(list);
  for (std::string base; std::getline(ss, base, ',');) {
    if (base.empty()) continue;
    auto b = std::make_unique<Bench>();
    b->name = base.substr(base.find_last_of('/') + 1);
    b->raw = read_raw(base + ".bin");
    b->graph = to_attack_graph(b->raw);
    std::ifstream qf(base + ".query.json");
    auto q = nlohmann::json::parse(qf);
    b->source = q["source"].get<NodeId>();
    b->target = q["target"].get<NodeId>();
    b->cut_sources = q["cut_sources"].get<std::vector<NodeId>>();
    b->cut_targets = q["cut_targets"].get<std::vector<NodeId>>();
    out.push_back(std::move(b));
  }
  return out;
}

// ---- Dijkstra, all targets ----

void ours_dijkstra(benchmark::State& st, const Bench* b, PathMetric metric) {
  ShortestPathOptions o;
  o.metric = metric;
  const NodeId src[] = {b->source};
  for (auto _ : st) {
    auto t = shortest_paths_from(b->graph, src, o);
    benchmark::DoNotOptimize(t.dist.data());
  }
}

void ours_reverse(benchmark::State& st, const Bench* b) {
  for (auto _ : st) {
    auto t = shortest_paths_to(b->graph, b->target);
    benchmark::DoNotOptimize(t.dist.data());
  }
}

// Plain Boost: a default compressed_sparse_row_graph with a bundled weight and the
// named-parameter dijkstra_shortest_paths, as its documentation shows.
struct EdgeWeight {
  double w;
};
using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeWeight>;

void boost_dijkstra(benchmark::State& st, const Bench* b) {
  std::vector<std::pair<std::size_t, std::size_t>> edges(b->raw.from.size());
  std::vector<EdgeWeight> w(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    edges[e] = {std::size_t(b->raw.from[e]), std::size_t(b->raw.to[e])};
    w[e].w = -std::log(b->raw.p[e]);
  }
  BoostCsr g(boost::edges_are_sorted, edges.begin(), edges.end(), w.begin(), b->raw.n);
  for (auto _ : st) {
    std::vector<double> dist(b->raw.n);
    std::vector<std::size_t> pred(b->raw.n);
    boost::dijkstra_shortest_paths(
        g, b->source,
        boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), get(boost::vertex_index, g)))
            .distance_map(boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, g)))
            .weight_map(get(&EdgeWeight::w, g)));
    benchmark::DoNotOptimize(dist.data());
  }
}

// ---- k best paths ----

void ours_k_paths(benchmark::State& st, const Bench* b, std::size_t k) {
  KShortestOptions o;
  o.k = k;
  const NodeId src[] = {b->source};
  std::size_t found = 0;
  for (auto _ : st) {
    auto paths = k_shortest_paths(b->graph, src, b->target, o);
    found = paths.size();
    benchmark::DoNotOptimize(paths.data());
  }
  st.counters["paths"] = double(found);
}

// ---- min-cut ----

void ours_min_cut(benchmark::State& st, const Bench* b) {
  double cost = 0;
  for (auto _ : st) {
    auto cut = min_cut(b->graph, b->cut_sources, b->cut_targets);
    cost = cut.cost;
    benchmark::DoNotOptimize(cut.edges.data());
  }
  st.counters["cut_cost"] = cost;
}

// Same, with the solver's buffers kept between calls (what the planner's loops do).
void ours_min_cut_reused(benchmark::State& st, const Bench* b) {
  MinCutSolver solver(b->graph);
  double cost = 0;
  for (auto _ : st) {
    auto cut = solver.solve(b->cut_sources, b->cut_targets);
    cost = cut.cost;
    benchmark::DoNotOptimize(cut.edges.data());
  }
  st.counters["cut_cost"] = cost;
}

// ---- absorbing Markov chain (BiCGSTAB above 20000 transient states) ----

void ours_markov(benchmark::State& st, const Bench* b) {
  const NodeId src[] = {b->source};
  double absorbed = 0;
  std::size_t iterations = 0;
  for (auto _ : st) {
    auto r = absorbing_markov_chain(b->graph, src, b->cut_targets);
    absorbed = r.weighted.absorption[0];
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.weighted.expected_steps);
  }
  st.counters["p_target0"] = absorbed;
  st.counters["iterations"] = double(iterations);
}

// Plain Boost: the adjacency_list network of Boost's own BK example (internal properties),
// built once outside the timing for the whole graph plus super source and sink.
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using BkGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_color_t, boost::default_color_type,
                    boost::property<boost::vertex_distance_t, long,
                                    boost::property<boost::vertex_predecessor_t, Traits::edge_descriptor>>>,
    boost::property<boost::edge_capacity_t, double,
                    boost::property<boost::edge_residual_capacity_t, double,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;

void boost_bk(benchmark::State& st, const Bench* b) {
  const std::size_t n = b->raw.n;
  BkGraph g(n + 2);
  auto cap = get(boost::edge_capacity, g);
  auto rev = get(boost::edge_reverse, g);
  double total = 1.0;
  for (float c : b->raw.cost) total += c;
  auto add = [&](std::size_t u, std::size_t v, double c) {
    auto e = boost::add_edge(u, v, g).first, r = boost::add_edge(v, u, g).first;
    cap[e] = c;
    cap[r] = 0;
    rev[e] = r;
    rev[r] = e;
  };
  for (std::size_t e = 0; e < b->raw.from.size(); ++e)
    add(std::size_t(b->raw.from[e]), std::size_t(b->raw.to[e]), b->raw.cost[e]);
  for (NodeId s : b->cut_sources) add(n, s, total);
  for (NodeId t : b->cut_targets) add(t, n + 1, total);
  double flow = 0;
  for (auto _ : st) {
    flow = boost::boykov_kolmogorov_max_flow(g, n, n + 1);
    benchmark::DoNotOptimize(flow);
  }
  st.counters["cut_cost"] = flow;
}

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::unique_ptr<Bench>> benches;
  try {
    benches = load_all();
  } catch (const std::exception& e) {
    std::cerr << "bench_paths: " << e.what() << '\n';
    return 1;
  }
  for (const auto& up : benches) {
    const Bench* b = up.get();
    const std::string g = "/" + b->name;
    auto ms = [](benchmark::internal::Benchmark* x) { x->Unit(benchmark::kMillisecond)->UseRealTime(); };
    ms(benchmark::RegisterBenchmark(("dijkstra_all/ours" + g).c_str(), ours_dijkstra, b,
                                    PathMetric::Likelihood));
    ms(benchmark::RegisterBenchmark(("dijkstra_all/boost" + g).c_str(), boost_dijkstra, b));
    ms(benchmark::RegisterBenchmark(("dijkstra_all_time/ours" + g).c_str(), ours_dijkstra, b,
                                    PathMetric::Time));
    ms(benchmark::RegisterBenchmark(("dijkstra_reverse/ours" + g).c_str(), ours_reverse, b));
    ms(benchmark::RegisterBenchmark(("k_paths_10/ours" + g).c_str(), ours_k_paths, b, std::size_t{10}));
    ms(benchmark::RegisterBenchmark(("k_paths_100/ours" + g).c_str(), ours_k_paths, b, std::size_t{100}));
    ms(benchmark::RegisterBenchmark(("markov/ours" + g).c_str(), ours_markov, b));
    ms(benchmark::RegisterBenchmark(("min_cut/ours" + g).c_str(), ours_min_cut, b));
    ms(benchmark::RegisterBenchmark(("min_cut/ours_reused" + g).c_str(), ours_min_cut_reused, b));
    ms(benchmark::RegisterBenchmark(("min_cut/boost" + g).c_str(), boost_bk, b));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
