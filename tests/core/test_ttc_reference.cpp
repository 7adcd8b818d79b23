// simulate_ttc against a plain reference simulator written from the documented semantics
// (engine-reach.md): per sample, every edge's success is the first draw of its counter-based
// stream and its duration the values that follow; held sources start at time 0; an OR node takes
// the earliest arrival, an AND node the latest once all its in-edges succeeded. The reference
// draws each edge where a search reaches it, on the whole graph, with a binary heap; the engine
// prunes the graph and takes the success draws of 64 samples at once from bit masks. The times
// must agree to the bit in every sample.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <queue>
#include <random>
#include <vector>

#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Compromise time of every node in one sample (+inf when not reached).
std::vector<double> reference_sample(const AttackGraph& g, const StreamIds& ids,
                                     std::span<const NodeId> sources, std::uint64_t seed,
                                     std::uint64_t sample) {
  const std::uint64_t key = mc::sample_key(seed, sample);
  const std::size_t n = g.node_count();
  std::vector<double> time(n, kInfinity);
  std::vector<bool> held(n, false), settled(n, false);
  std::vector<std::size_t> arrived(n, 0); // AND nodes: successful in-edges so far
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (NodeId s : sources)
    if (!held[s] && mc::first_draw_succeeds(key, ids.node(g, s), g.prior(s))) {
      held[s] = true;
      time[s] = 0.0;
      queue.push({0.0, s});
    }
  while (!queue.empty()) {
    const auto [t, u] = queue.top();
    queue.pop();
    if (settled[u]) continue;
    settled[u] = true;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.to(e);
      if (settled[v] || held[v]) continue;
      mc::CounterRng rng(mc::stream_key(key, ids.edge[e]));
      if (!rng.bernoulli(g.p(e))) continue;
      const double arrival = t + g.ttc(e).sample(rng);
      if (g.kind(v) == NodeKind::And) {
        time[v] = arrived[v] == 0 ? arrival : std::max(time[v], arrival);
        if (++arrived[v] == g.in_degree(v)) queue.push({time[v], v});
      } else if (arrival < time[v]) {
        time[v] = arrival;
        queue.push({arrival, v});
      }
    }
  }
  for (NodeId v = 0; v < n; ++v)
    if (!settled[v]) time[v] = kInfinity; // an AND node with some prerequisites only
  return time;
}

// Random AND/OR graph with hubs of more than 64 out-edges (the masks are words of 64 edges),
// parallel edges, self-loops, certain and impossible edges, priors below 1, every TTC kind.
AttackGraph hub_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  for (std::size_t v = 0; v < n; ++v) {
    NodeSpec s;
    s.name = "n" + std::to_string(v);
    s.kind = rng() % 6 == 0 ? NodeKind::And : NodeKind::Or;
    s.prior = v % 3 == 0 ? 0.7 : 1.0;
    b.add_node(s);
  }
  const TtcDistribution dists[] = {TtcDistribution::exponential(2), TtcDistribution::lognormal(0.3, 0.9),
                                   TtcDistribution::gamma(0.6, 3),  TtcDistribution::uniform(0.5, 4),
                                   TtcDistribution::fixed(0),       TtcDistribution::fixed(1.5)};
  const double ps[] = {0.0, 1.0, 1e-9, 0.3, 0.95, 0.01};
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(i % 5 == 0 ? rng() % 4 : rng() % n); // nodes 0-3 are hubs
    e.to = NodeId(rng() % n);
    e.p = rng() % 2 ? ps[rng() % 6] : double(rng() % 1000) / 1000.0;
    e.ttc = dists[rng() % 6];
    b.add_edge(e);
    if (rng() % 20 == 0) b.add_edge(e); // a parallel edge: its own stream (rank 1)
  }
  return b.build();
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(TtcReference, EverySampleTimeMatchesThePlainSimulator) {
  const AttackGraph g = hub_graph(11, 400, 3000);
  ASSERT_GT(g.out_end(0) - g.out_begin(0), 64u);
  const StreamIds ids = StreamIds::of(g);
  const std::vector<NodeId> sources = {0, 1, 5};
  std::vector<NodeId> targets;
  for (NodeId v = 0; v < g.node_count(); v += 7) targets.push_back(v);
  TtcSimulationOptions opt;
  opt.samples = 150; // two full blocks of 64 and a partial one
  opt.seed = 9;
  opt.keep_times = true;
  opt.criticality = false;
  for (std::size_t threads : {1, 2}) {
    ThreadLimit limit(threads);
    const TtcSimulationResult r = simulate_ttc(g, sources, targets, opt);
    std::size_t mismatches = 0, reached = 0, unreached = 0;
    for (std::uint64_t s = 0; s < opt.samples; ++s) {
      const std::vector<double> want = reference_sample(g, ids, sources, opt.seed, s);
      for (std::size_t i = 0; i < targets.size(); ++i) {
        mismatches += !same_bits(r.times[i][s], want[targets[i]]);
        (want[targets[i]] < kInfinity ? reached : unreached) += 1;
      }
    }
    EXPECT_EQ(mismatches, 0u) << threads << " threads";
    EXPECT_GT(reached, 1000u); // the comparison covers both outcomes
    EXPECT_GT(unreached, 100u);
  }
}

TEST(TtcReference, CriticalityOffChangesNothingElse) {
  const AttackGraph g = hub_graph(12, 300, 2000);
  const std::vector<NodeId> sources = {0, 2}, targets = {299, 150, 3};
  TtcSimulationOptions opt;
  opt.samples = 200;
  opt.horizon_days = 3.0;
  opt.top_critical_edges = 0;
  const TtcSimulationResult with = simulate_ttc(g, sources, targets, opt);
  opt.criticality = false;
  const TtcSimulationResult without = simulate_ttc(g, sources, targets, opt);
  EXPECT_FALSE(with.critical_edges.empty());
  EXPECT_TRUE(without.critical_edges.empty());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(with.targets[i].hits, without.targets[i].hits);
    EXPECT_EQ(with.targets[i].within_horizon_hits, without.targets[i].within_horizon_hits);
    EXPECT_TRUE(same_bits(with.targets[i].ttc_days.mean, without.targets[i].ttc_days.mean));
  }
}

} // namespace
} // namespace zonepath
