// Monte Carlo reach: agreement with brute-force enumeration on random AND/OR graphs with
// cycles, Wilson intervals, determinism across thread counts, common random numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "reach_test_graphs.hpp"
#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/reach_probability.hpp"
#include "zonepath/core/ttc_simulation.hpp"
#include "zonepath/core/wilson.hpp"

namespace zonepath {
namespace {

TEST(Wilson, KnownValues) {
  // Worked out from the closed form (z = 1.959964).
  Interval a = wilson_interval(0, 10);
  EXPECT_EQ(a.lo, 0.0);
  EXPECT_NEAR(a.hi, 0.2775327, 1e-6); // z^2 / (n + z^2)
  Interval b = wilson_interval(5, 10);
  EXPECT_NEAR(b.lo, 0.2365931, 1e-6);
  EXPECT_NEAR(b.hi, 0.7634069, 1e-6);
  Interval c = wilson_interval(10, 10);
  EXPECT_NEAR(c.lo, 1.0 - 0.2775327, 1e-6);
  EXPECT_EQ(c.hi, 1.0);
  Interval d = wilson_interval(0, 0);
  EXPECT_EQ(d.lo, 0.0);
  EXPECT_EQ(d.hi, 1.0);
}

TEST(MonteCarloReach, DesignExample) {
  test::SmallGraph sg;
  sg.kinds.assign(4, NodeKind::Or);
  sg.priors = {0.7, 1, 1, 1};
  sg.edges = {{0, 1, 0.85}, {0, 2, 0.7}, {1, 3, 0.65}, {2, 3, 1.0}};
  sg.sources = {0};
  AttackGraph g = sg.build();
  std::vector<NodeId> targets = {3};
  MonteCarloReachOptions opt;
  opt.samples = 200000;
  auto r = monte_carlo_reach(g, sg.sources, targets, opt);
  const double sigma = std::sqrt(0.606025 * (1 - 0.606025) / 200000.0);
  EXPECT_NEAR(r.targets[0].probability, 0.606025, 4 * sigma);
  EXPECT_LE(r.targets[0].ci95.lo, r.targets[0].probability);
  EXPECT_GE(r.targets[0].ci95.hi, r.targets[0].probability);
}

TEST(MonteCarloReach, AgreesWithBruteForceOnRandomGraphs) {
  // 50 random graphs whose target is neither certain nor impossible (those are checked for
  // exact equality on the way), each against the brute-force value within 4 sigma.
  const std::uint64_t N = 200000;
  int with_and = 0, with_cycle = 0, uncertain = 0, certain = 0;
  for (std::uint64_t seed = 1001; uncertain < 50 && seed < 2000; ++seed) {
    test::SmallGraph sg = test::random_small_graph(seed);
    AttackGraph g = sg.build();
    double expected = test::brute_force_reach(sg, sg.target);
    if (std::abs(expected - 1.0) < 1e-12) expected = 1.0; // rounding in the 2^k-term sum
    std::vector<NodeId> targets = {sg.target};
    MonteCarloReachOptions opt;
    opt.samples = expected == 0.0 || expected == 1.0 ? 2000 : N;
    opt.seed = seed;
    const double got = monte_carlo_reach(g, sg.sources, targets, opt).targets[0].probability;
    if (expected == 0.0 || expected == 1.0) {
      EXPECT_EQ(got, expected) << "seed " << seed; // certain outcomes are never sampled wrong
      ++certain;
      continue;
    }
    const double sigma = std::sqrt(expected * (1 - expected) / double(N));
    EXPECT_NEAR(got, expected, 4 * sigma) << "seed " << seed;
    ++uncertain;
    bool and_node = false, cycle = false;
    for (auto k : sg.kinds) and_node = and_node || k == NodeKind::And;
    for (const auto& e : sg.edges) cycle = cycle || e.from >= e.to;
    with_and += and_node;
    with_cycle += cycle;
  }
  EXPECT_EQ(uncertain, 50);
  EXPECT_GT(certain, 5);
  EXPECT_GT(with_and, 20);
  EXPECT_GT(with_cycle, 20);
}

// A random graph with a few thousand nodes, AND nodes and cycles.
AttackGraph medium_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  for (std::size_t v = 0; v < n; ++v) {
    NodeSpec s;
    s.name = "v" + std::to_string(v);
    s.kind = rng() % 8 == 0 ? NodeKind::And : NodeKind::Or;
    s.prior = 0.9;
    b.add_node(s);
  }
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng() % n);
    e.to = NodeId(rng() % n);
    e.p = 0.05 + 0.9 * double(rng() % 1000) / 1000.0;
    e.ttc = TtcDistribution::exponential(1.0 + double(rng() % 10));
    b.add_edge(e);
  }
  return b.build();
}

TEST(MonteCarloReach, IdenticalForOneAndTwoThreads) {
  AttackGraph g = medium_graph(7, 3000, 9000);
  std::vector<NodeId> sources = {0, 1, 2}, targets = {2999, 2500, 1234, 42};
  MonteCarloReachOptions opt;
  opt.samples = 20000;
  opt.seed = 99;
  MonteCarloReachResult one, two;
  {
    ThreadLimit limit(1);
    one = monte_carlo_reach(g, sources, targets, opt);
  }
  {
    ThreadLimit limit(2);
    two = monte_carlo_reach(g, sources, targets, opt);
  }
  ASSERT_EQ(one.targets.size(), two.targets.size());
  for (std::size_t i = 0; i < one.targets.size(); ++i) {
    EXPECT_EQ(one.targets[i].hits, two.targets[i].hits);
    EXPECT_EQ(one.targets[i].probability, two.targets[i].probability);
  }
  // A different seed gives different draws.
  opt.seed = 100;
  MonteCarloReachResult other = monte_carlo_reach(g, sources, targets, opt);
  bool differs = false;
  for (std::size_t i = 0; i < one.targets.size(); ++i)
    differs = differs || other.targets[i].hits != one.targets[i].hits;
  EXPECT_TRUE(differs);
}

TEST(MonteCarloReach, SameDrawsAsTheTtcSimulation) {
  AttackGraph g = medium_graph(8, 500, 1500);
  std::vector<NodeId> sources = {0, 1}, targets = {499, 250};
  MonteCarloReachOptions opt;
  opt.samples = 3000;
  opt.seed = 5;
  auto reach = monte_carlo_reach(g, sources, targets, opt);
  TtcSimulationOptions topt;
  topt.samples = 3000;
  topt.seed = 5;
  auto ttc = simulate_ttc(g, sources, targets, topt);
  for (std::size_t i = 0; i < targets.size(); ++i) EXPECT_EQ(reach.targets[i].hits, ttc.targets[i].hits);
}

TEST(MonteCarloReach, CommonRandomNumbersAcrossEdits) {
  // Adding an edge elsewhere shifts edge ids but not the draws of the other edges: the
  // estimate for a target whose ancestors are unchanged stays identical.
  test::SmallGraph sg;
  sg.kinds.assign(6, NodeKind::Or);
  sg.priors.assign(6, 1.0);
  sg.edges = {{0, 2, 0.5}, {2, 3, 0.5}, {0, 3, 0.3}, {1, 4, 0.5}, {4, 5, 0.5}};
  sg.sources = {0, 1};
  AttackGraph before = sg.build();
  sg.edges.insert(sg.edges.begin(), {0, 4, 0.9}); // ids of every edge out of 0 shift
  AttackGraph after = sg.build();
  std::vector<NodeId> targets = {3};
  MonteCarloReachOptions opt;
  opt.samples = 5000;
  EXPECT_EQ(monte_carlo_reach(before, sg.sources, targets, opt).targets[0].hits,
            monte_carlo_reach(after, sg.sources, targets, opt).targets[0].hits);
}

TEST(MonteCarloReach, ChecksArgumentsAndCancels) {
  AttackGraph g = medium_graph(9, 100, 300);
  std::vector<NodeId> sources = {0}, targets = {99}, bad = {1000};
  MonteCarloReachOptions opt;
  EXPECT_THROW(monte_carlo_reach(g, sources, bad, opt), GraphError);
  opt.samples = 0;
  EXPECT_THROW(monte_carlo_reach(g, sources, targets, opt), AnalysisError);
  opt.samples = 100000;
  CancelToken token;
  token.cancel();
  opt.cancel = &token;
  EXPECT_THROW(monte_carlo_reach(g, sources, targets, opt), CancelledError);
}

TEST(MonteCarloReach, ExactAndSampledAgreeOnAMediumGraph) {
  // Auto picks exact here; forcing Monte Carlo must land within 4 sigma of it.
  AttackGraph g = medium_graph(11, 60, 90);
  std::vector<NodeId> sources = {0, 1}, targets;
  for (NodeId v = 30; v < 60; ++v) targets.push_back(v);
  ReachOptions ro;
  ro.exact.max_uncertain_edges = 40;
  ReachResult ex = reach_probability(g, sources, targets, ro);
  ASSERT_EQ(ex.method, ReachMethod::Exact);
  ro.method = ReachMethod::MonteCarlo;
  ro.samples = 100000;
  ReachResult mc = reach_probability(g, sources, targets, ro);
  int nontrivial = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const double p = ex.targets[i].probability;
    const double sigma = std::sqrt(p * (1 - p) / 100000.0);
    EXPECT_NEAR(mc.targets[i].probability, p, 4 * sigma + 1e-12) << g.name(targets[i]);
    nontrivial += p > 0.05 && p < 0.95;
  }
  EXPECT_GT(nontrivial, 3);
}

} // namespace
} // namespace zonepath
