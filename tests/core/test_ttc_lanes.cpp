// The lane-parallel TTC simulation (criticality off) against the per-sample Dijkstra searches
// (criticality on) on the same draws: every compromise time must be the same bits, on random
// AND/OR graphs with cycles, self-loops, parallel edges, impossible edges, uncertain sources
// and every TTC distribution. Also the horizon-only runs and the logarithm behind the
// exponential durations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "zonepath/core/error.hpp"
#include "zonepath/core/log_unit.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {
namespace {

struct RandomCase {
  AttackGraph graph;
  std::vector<NodeId> sources, targets;
};

// n nodes (about one in six AND), m edges with endpoints drawn at random (cycles, self-loops
// and parallel edges happen), p from {0, 1} or (0, 1), a mix of TTC distributions including
// zero-length steps; two or three sources, some uncertain; targets include a source. With
// `runs`, half of the edges come with one to four parallel edges added right after them (as
// plant graphs have one edge per means and service between two assets), which the lanes relax
// together.
RandomCase random_case(std::uint64_t seed, std::size_t n, std::size_t m, bool runs = false) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  for (std::size_t v = 0; v < n; ++v) {
    NodeSpec s;
    s.name = "v" + std::to_string(v);
    s.kind = rng() % 6 == 0 ? NodeKind::And : NodeKind::Or;
    s.prior = rng() % 3 == 0 ? 0.6 : 1.0;
    b.add_node(s);
  }
  const TtcDistribution dists[] = {TtcDistribution::exponential(3),
                                   TtcDistribution::exponential(100),
                                   TtcDistribution::lognormal(0.5, 0.8),
                                   TtcDistribution::gamma(0.7, 4),
                                   TtcDistribution::uniform(1, 5),
                                   TtcDistribution::fixed(2),
                                   TtcDistribution::fixed(0)};
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng() % n);
    e.to = NodeId(rng() % n);
    const unsigned kind = rng() % 10;
    e.p = kind == 0 ? 0.0 : kind == 1 ? 1.0 : 0.05 + 0.9 * double(rng() % 1000) / 1000.0;
    e.ttc = dists[rng() % 7];
    b.add_edge(e);
    for (std::size_t extra = runs && rng() % 2 ? 1 + rng() % 4 : 0; extra > 0; --extra) {
      e.p = rng() % 8 == 0 ? 1.0 : 0.05 + 0.9 * double(rng() % 1000) / 1000.0;
      e.ttc = dists[rng() % 7];
      b.add_edge(e);
    }
  }
  RandomCase c{b.build(), {}, {}};
  for (std::size_t i = 0, k = 2 + rng() % 2; i < k; ++i) c.sources.push_back(NodeId(rng() % n));
  for (std::size_t i = 0; i < n / 4 + 1; ++i) c.targets.push_back(NodeId(rng() % n));
  c.targets.push_back(c.sources[0]);
  return c;
}

bool identical_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void expect_same_summary(const TtcTarget& a, const TtcTarget& b) {
  EXPECT_EQ(a.node, b.node);
  EXPECT_EQ(a.hits, b.hits);
  EXPECT_EQ(a.within_horizon_hits, b.within_horizon_hits);
  EXPECT_TRUE(identical_bits(a.ttc_days.mean, b.ttc_days.mean));
  EXPECT_TRUE(identical_bits(a.ttc_days.p10, b.ttc_days.p10));
  EXPECT_TRUE(identical_bits(a.ttc_days.p50, b.ttc_days.p50));
  EXPECT_TRUE(identical_bits(a.ttc_days.p90, b.ttc_days.p90));
}

TEST(TtcLanes, SameTimesAsTheSearchesOnRandomGraphs) {
  std::size_t reached = 0, and_reached = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::size_t n = 5 + seed % 40;
    RandomCase c = random_case(seed, n, n * (1 + seed % 4));
    TtcSimulationOptions opt;
    opt.samples = 150; // three blocks, the last one partial
    opt.seed = seed;
    opt.horizon_days = 6.0;
    opt.keep_times = true;
    const TtcSimulationResult searches = simulate_ttc(c.graph, c.sources, c.targets, opt);
    opt.criticality = false;
    const TtcSimulationResult lanes = simulate_ttc(c.graph, c.sources, c.targets, opt);
    ASSERT_EQ(searches.times.size(), lanes.times.size());
    for (std::size_t i = 0; i < c.targets.size(); ++i) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " target " + std::to_string(c.targets[i]));
      expect_same_summary(searches.targets[i], lanes.targets[i]);
      for (std::size_t s = 0; s < opt.samples; ++s) {
        ASSERT_TRUE(identical_bits(searches.times[i][s], lanes.times[i][s]))
            << "sample " << s << ": " << searches.times[i][s] << " vs " << lanes.times[i][s];
        if (std::isfinite(lanes.times[i][s])) {
          ++reached;
          and_reached += c.graph.kind(c.targets[i]) == NodeKind::And;
        }
      }
    }
  }
  // The comparison must cover reached targets, AND nodes among them.
  EXPECT_GT(reached, 5000u);
  EXPECT_GT(and_reached, 100u);
}

// The searches (criticality on), the lanes with times and the horizon-only lanes on the same
// case and draws: the same summaries, the same times to the bit, the same reach and horizon
// counts. Returns how many target samples were reached.
std::size_t expect_lanes_as_searches(const RandomCase& c, std::uint64_t samples, std::uint64_t seed,
                                     double horizon) {
  TtcSimulationOptions opt;
  opt.samples = samples;
  opt.seed = seed;
  opt.horizon_days = horizon;
  opt.keep_times = true;
  const TtcSimulationResult searches = simulate_ttc(c.graph, c.sources, c.targets, opt);
  opt.criticality = false;
  const TtcSimulationResult lanes = simulate_ttc(c.graph, c.sources, c.targets, opt);
  opt.keep_times = false;
  opt.within_horizon_only = true;
  const TtcSimulationResult bounded = simulate_ttc(c.graph, c.sources, c.targets, opt);
  std::size_t reached = 0;
  for (std::size_t i = 0; i < c.targets.size(); ++i) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " target " + std::to_string(c.targets[i]));
    expect_same_summary(searches.targets[i], lanes.targets[i]);
    EXPECT_EQ(searches.targets[i].within_horizon_hits, bounded.targets[i].within_horizon_hits);
    EXPECT_EQ(searches.targets[i].hits, bounded.targets[i].hits);
    for (std::size_t s = 0; s < samples; ++s) {
      EXPECT_TRUE(identical_bits(searches.times[i][s], lanes.times[i][s])) << "sample " << s;
      reached += std::isfinite(lanes.times[i][s]);
    }
  }
  return reached;
}

// Runs of parallel edges next to each other meet in their head's row once per relaxation;
// their times must still be the searches' (each edge its own draws, the least arrival wins).
TEST(TtcLanes, SameTimesAsTheSearchesWithRunsOfParallelEdges) {
  std::size_t runs = 0, reached = 0;
  for (std::uint64_t seed = 200; seed <= 230; ++seed) {
    const std::size_t n = 5 + seed % 30;
    RandomCase c = random_case(seed, n, n * (1 + seed % 3), true);
    for (NodeId u = 0; u < c.graph.node_count(); ++u)
      for (EdgeId e = c.graph.out_begin(u); e + 1 < c.graph.out_end(u); ++e)
        runs += c.graph.to(e) == c.graph.to(e + 1);
    reached += expect_lanes_as_searches(c, 130, seed, 5.0);
  }
  EXPECT_GT(runs, 500u); // consecutive edges with the same head: the runs are exercised
  EXPECT_GT(reached, 2000u);
}

// A plant-shaped graph: zone networks (OR targets) with steps into assets of their own and a
// few other zones (one to four parallel edges per pair), each asset a step back into its zone's
// network and, for one in five, into a second zone's (dual-homed); some assets manage others,
// some are AND nodes or targets themselves. Most assets lead only into zone networks, so the
// lanes drop arrivals that come after those networks' times (TargetExits).
RandomCase plant_case(std::uint64_t seed, std::size_t zones, std::size_t assets) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  for (std::size_t z = 0; z < zones; ++z) b.add_node(NodeSpec{"z" + std::to_string(z), NodeKind::Or, 1.0});
  for (std::size_t a = 0; a < assets; ++a)
    b.add_node(NodeSpec{"a" + std::to_string(a), rng() % 12 == 0 ? NodeKind::And : NodeKind::Or, 1.0});
  const TtcDistribution dists[] = {TtcDistribution::exponential(3), TtcDistribution::exponential(20),
                                   TtcDistribution::lognormal(0.5, 0.8), TtcDistribution::uniform(1, 5),
                                   TtcDistribution::fixed(0)};
  auto edge = [&](std::size_t from, std::size_t to, double p) {
    EdgeSpec e;
    e.from = NodeId(from);
    e.to = NodeId(to);
    e.p = p;
    e.ttc = dists[rng() % 5];
    b.add_edge(e);
  };
  std::vector<std::size_t> zone_of(assets);
  for (std::size_t a = 0; a < assets; ++a) {
    zone_of[a] = rng() % zones;
    edge(zones + a, zone_of[a], 0.9);
    if (rng() % 5 == 0) edge(zones + a, rng() % zones, 0.7);
    if (rng() % 10 == 0) edge(zones + a, zones + rng() % assets, 0.5); // manages another asset
  }
  for (std::size_t z = 0; z < zones; ++z) {
    const std::size_t others[] = {z, rng() % zones, rng() % zones};
    for (std::size_t a = 0; a < assets; ++a)
      if (std::find(std::begin(others), std::end(others), zone_of[a]) != std::end(others))
        for (std::size_t k = 1 + rng() % 4; k > 0; --k)
          edge(z, zones + a, 0.05 + 0.9 * double(rng() % 100) / 100);
  }
  RandomCase c{b.build(), {NodeId(rng() % zones)}, {}};
  if (rng() % 2) c.sources.push_back(NodeId(zones + rng() % assets));
  for (std::size_t z = 0; z < zones; ++z) c.targets.push_back(NodeId(z));
  for (std::size_t i = 0; i < 3; ++i) c.targets.push_back(NodeId(zones + rng() % assets));
  return c;
}

// Arrivals at a node whose only steps lead into targets are dropped when they come no earlier
// than every one of those targets' times: the targets' times must stay the searches' exactly,
// in full runs and in horizon-only runs.
TEST(TtcLanes, SameTimesAsTheSearchesOnPlantShapedGraphs) {
  std::size_t exit_nodes = 0, reached = 0;
  for (std::uint64_t seed = 300; seed <= 320; ++seed) {
    RandomCase c = plant_case(seed, 4 + seed % 9, 40 + 7 * (seed % 11));
    std::vector<bool> is_target(c.graph.node_count(), false);
    for (NodeId t : c.targets) is_target[t] = true;
    for (NodeId v = 0; v < c.graph.node_count(); ++v) {
      bool only_targets = !is_target[v] && c.graph.out_begin(v) != c.graph.out_end(v);
      for (EdgeId e = c.graph.out_begin(v); e < c.graph.out_end(v); ++e)
        only_targets =
            only_targets && is_target[c.graph.to(e)] && c.graph.kind(c.graph.to(e)) == NodeKind::Or;
      exit_nodes += only_targets;
    }
    reached += expect_lanes_as_searches(c, 200, seed, 4.0 + double(seed % 3) * 4.0);
  }
  EXPECT_GT(exit_nodes, 500u); // most assets lead only into zone networks
  EXPECT_GT(reached, 10000u);
}

// A horizon-only run settles a sample once every target it reaches is within the horizon: with
// few targets and a long horizon most samples stop early, with many targets and a short one
// few do; either way the answers are the full run's.
TEST(TtcLanes, WithinHorizonOnlyKeepsReachAndTheHorizonShare) {
  for (std::uint64_t seed = 100; seed <= 120; ++seed)
    for (const double horizon : {4.0, 1e6})
      for (const std::size_t target_count : {std::size_t{2}, std::size_t{100}}) {
        RandomCase c = random_case(seed, 40, 120);
        c.targets.resize(std::min(target_count, c.targets.size()));
        TtcSimulationOptions opt;
        opt.samples = 200;
        opt.seed = seed;
        opt.horizon_days = horizon;
        opt.criticality = false;
        const TtcSimulationResult full = simulate_ttc(c.graph, c.sources, c.targets, opt);
        opt.within_horizon_only = true;
        const TtcSimulationResult bounded = simulate_ttc(c.graph, c.sources, c.targets, opt);
        for (std::size_t i = 0; i < c.targets.size(); ++i) {
          EXPECT_EQ(full.targets[i].hits, bounded.targets[i].hits);
          EXPECT_EQ(full.targets[i].within_horizon_hits, bounded.targets[i].within_horizon_hits);
          EXPECT_EQ(full.targets[i].reach_probability, bounded.targets[i].reach_probability);
          EXPECT_EQ(full.targets[i].within_horizon, bounded.targets[i].within_horizon);
          EXPECT_TRUE(std::isnan(bounded.targets[i].ttc_days.mean));
        }
      }
}

TEST(TtcLanes, WithinHorizonOnlyNeedsAHorizonAndNoWinningEdges) {
  RandomCase c = random_case(7, 10, 20);
  TtcSimulationOptions opt;
  opt.within_horizon_only = true;
  opt.criticality = false;
  EXPECT_THROW(simulate_ttc(c.graph, c.sources, c.targets, opt), AnalysisError);
  opt.horizon_days = 3.0;
  opt.criticality = true;
  EXPECT_THROW(simulate_ttc(c.graph, c.sources, c.targets, opt), AnalysisError);
  opt.criticality = false;
  opt.keep_times = true;
  EXPECT_THROW(simulate_ttc(c.graph, c.sources, c.targets, opt), AnalysisError);
}

TEST(TtcLanes, IdenticalForOneAndTwoThreads) {
  RandomCase c = random_case(11, 3000, 12000);
  TtcSimulationOptions opt;
  opt.samples = 500;
  opt.seed = 5;
  opt.horizon_days = 10.0;
  opt.criticality = false;
  TtcSimulationResult one, two;
  {
    ThreadLimit limit(1);
    one = simulate_ttc(c.graph, c.sources, c.targets, opt);
  }
  {
    ThreadLimit limit(2);
    two = simulate_ttc(c.graph, c.sources, c.targets, opt);
  }
  for (std::size_t i = 0; i < c.targets.size(); ++i) expect_same_summary(one.targets[i], two.targets[i]);
}

TEST(LogUnit, WithinOneUlpOfTheCLibrary) {
  std::mt19937_64 rng(3);
  std::size_t differ = 0;
  for (int i = 0; i < 1000000; ++i) {
    double u = (double(rng() >> 11) + 0.5) * 0x1.0p-53;
    if (i % 3 == 0) u = std::ldexp(u, -int(rng() % 60));
    const double ours = log_unit(u), libm = std::log(u);
    if (ours == libm) continue;
    ++differ;
    ASSERT_EQ(std::nextafter(ours, libm), libm) << "u = " << u;
  }
  EXPECT_LT(differ, 200000u); // and mostly the same bits
  EXPECT_EQ(log_unit(1.0), 0.0);
  EXPECT_EQ(log_unit(0.5), -0.69314718055994530942);
  EXPECT_NEAR(log_unit(0x1.0p-54), std::log(0x1.0p-54), 1e-14);
}

} // namespace
} // namespace zonepath
