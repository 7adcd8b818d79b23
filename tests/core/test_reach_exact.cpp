// Exact reach probability: closed forms worked out by hand, and agreement with brute-force
// enumeration on random AND/OR graphs with cycles.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reach_test_graphs.hpp"
#include "zonepath/core/reach_exact.hpp"
#include "zonepath/core/reach_probability.hpp"

namespace zonepath {
namespace {

using test::SmallGraph;

SmallGraph make(std::size_t n, std::vector<test::EdgeDef> edges, std::vector<NodeId> sources, NodeId target) {
  SmallGraph g;
  g.kinds.assign(n, NodeKind::Or);
  g.priors.assign(n, 1.0);
  g.edges = std::move(edges);
  g.sources = std::move(sources);
  g.target = target;
  return g;
}

double exact(const SmallGraph& sg, ExactReachDetail* detail = nullptr) {
  AttackGraph g = sg.build();
  ExactReach r = exact_reach_probability(g, sg.sources, sg.target);
  if (detail) *detail = r.detail;
  return r.probability;
}

TEST(ReachExact, DesignExample) {
  // D prior 0.7; D->B 0.85, D->C 0.7, B->A 0.65, C->A 1.0 (the example graph of docs/formats-documents.md)
  SmallGraph g = make(4, {{0, 1, 0.85}, {0, 2, 0.7}, {1, 3, 0.65}, {2, 3, 1.0}}, {0}, 3);
  g.priors[0] = 0.7;
  EXPECT_NEAR(exact(g), 0.7 * (1 - (1 - 0.85 * 0.65) * (1 - 0.7)), 1e-12);
  EXPECT_NEAR(exact(g), 0.606025, 1e-12);
}

TEST(ReachExact, SeriesAndParallel) {
  SmallGraph chain = make(4, {{0, 1, 0.9}, {1, 2, 0.8}, {2, 3, 0.5}}, {0}, 3);
  EXPECT_NEAR(exact(chain), 0.36, 1e-12);
  SmallGraph par = make(2, {{0, 1, 0.5}, {0, 1, 0.6}, {0, 1, 0.2}}, {0}, 1);
  EXPECT_NEAR(exact(par), 1 - 0.5 * 0.4 * 0.8, 1e-12);
  // Two disjoint 2-step routes: 1 - (1 - p1 p2)(1 - p3 p4), fully reduced, one factoring step.
  ExactReachDetail d;
  SmallGraph sp = make(4, {{0, 1, 0.9}, {1, 3, 0.5}, {0, 2, 0.4}, {2, 3, 0.7}}, {0}, 3);
  EXPECT_NEAR(exact(sp, &d), 1 - (1 - 0.45) * (1 - 0.28), 1e-12);
  EXPECT_EQ(d.uncertain_edges, 1u);
  EXPECT_EQ(d.factoring_steps, 1u);
  EXPECT_GE(d.series, 2u);
  EXPECT_GE(d.parallel, 1u);
}

double wheatstone(double p, bool two_way) {
  // s=0, a=1, b=2, t=3; s->a, s->b, a->t, b->t, bridge a->b (and b->a)
  std::vector<test::EdgeDef> e = {{0, 1, p}, {0, 2, p}, {1, 3, p}, {2, 3, p}, {1, 2, p}};
  if (two_way) e.push_back({2, 1, p});
  return exact(make(4, e, {0}, 3));
}

TEST(ReachExact, WheatstoneBridge) {
  for (double p : {0.1, 0.3, 0.5, 0.77, 0.9}) {
    // Undirected bridge (usable either way; in every outcome only one direction can matter,
    // so two independent directed bridge edges give the same value).
    EXPECT_NEAR(wheatstone(p, true), 2 * p * p + 2 * std::pow(p, 3) - 5 * std::pow(p, 4) + 2 * std::pow(p, 5),
                1e-12)
        << p;
    // One-way bridge a->b: p (3p^2 - 2p^3) + (1 - p)(2p^2 - p^4).
    EXPECT_NEAR(wheatstone(p, false), 2 * p * p + std::pow(p, 3) - 3 * std::pow(p, 4) + std::pow(p, 5), 1e-12)
        << p;
  }
  EXPECT_NEAR(wheatstone(0.5, true), 0.5, 1e-12);
}

TEST(ReachExact, AndNodeIsAProduct) {
  // s -> a (0.9), s -> b (0.8), a -> t (0.7), b -> t (0.6), t AND
  SmallGraph g = make(4, {{0, 1, 0.9}, {0, 2, 0.8}, {1, 3, 0.7}, {2, 3, 0.6}}, {0}, 3);
  g.kinds[3] = NodeKind::And;
  EXPECT_NEAR(exact(g), 0.9 * 0.7 * 0.8 * 0.6, 1e-12);
  // Shared uncertain source: prior 0.5, two edges into an AND: 0.5 * 0.9 * 0.8, not
  // (0.5 * 0.9)(0.5 * 0.8).
  SmallGraph h = make(2, {{0, 1, 0.9}, {0, 1, 0.8}}, {0}, 1);
  h.priors[0] = 0.5;
  h.kinds[1] = NodeKind::And;
  EXPECT_NEAR(exact(h), 0.5 * 0.9 * 0.8, 1e-12);
  // OR of an AND and a direct edge: t OR <- {x AND <- (s->x 0.5, r->x 0.5)}, s->t 0.3
  SmallGraph k = make(4, {{0, 2, 0.5}, {1, 2, 0.5}, {2, 3, 1.0}, {0, 3, 0.3}}, {0, 1}, 3);
  k.kinds[2] = NodeKind::And;
  EXPECT_NEAR(exact(k), 1 - (1 - 0.25) * 0.7, 1e-12);
  // An AND node with an in-edge from a node nobody reaches is never reached.
  SmallGraph dead = make(3, {{0, 2, 0.9}, {1, 2, 0.9}}, {0}, 2);
  dead.kinds[2] = NodeKind::And;
  EXPECT_EQ(exact(dead), 0.0);
}

TEST(ReachExact, Cycles) {
  // s -> a (0.9), a -> b (0.8), b -> a (0.7), b -> t (0.6): the back edge cannot help.
  SmallGraph g = make(4, {{0, 1, 0.9}, {1, 2, 0.8}, {2, 1, 0.7}, {2, 3, 0.6}}, {0}, 3);
  EXPECT_NEAR(exact(g), 0.9 * 0.8 * 0.6, 1e-12);
  // An AND node that needs itself (via a cycle) is never reached: least fixed point.
  SmallGraph h = make(3, {{0, 1, 0.9}, {1, 2, 1.0}, {2, 1, 1.0}}, {0}, 2);
  h.kinds[1] = NodeKind::And;
  EXPECT_EQ(exact(h), 0.0);
  // Self-loops: harmless on OR, fatal on AND.
  SmallGraph s = make(2, {{0, 1, 0.5}, {1, 1, 0.9}}, {0}, 1);
  EXPECT_NEAR(exact(s), 0.5, 1e-12);
  s.kinds[1] = NodeKind::And;
  EXPECT_EQ(exact(s), 0.0);
}

TEST(ReachExact, SourcesAndPriors) {
  // A held source is reached with its prior; otherwise through its in-edges.
  SmallGraph g = make(3, {{0, 1, 0.4}, {1, 2, 1.0}}, {0, 1}, 2);
  g.priors[1] = 0.5;
  EXPECT_NEAR(exact(g), 1 - 0.5 * 0.6, 1e-12);
  g.kinds[1] = NodeKind::And; // an AND source: held, or all its in-edges
  EXPECT_NEAR(exact(g), 1 - 0.5 * 0.6, 1e-12);
  // Target that is a source.
  SmallGraph t = make(2, {{0, 1, 0.5}}, {0, 1}, 1);
  t.priors[1] = 0.2;
  EXPECT_NEAR(exact(t), 1 - 0.8 * 0.5, 1e-12);
  // Unreachable target, prior 0 source.
  SmallGraph u = make(3, {{0, 1, 0.5}}, {0}, 2);
  EXPECT_EQ(exact(u), 0.0);
  u.priors[0] = 0.0;
  u.target = 1;
  EXPECT_EQ(exact(u), 0.0);
}

TEST(ReachExact, AgreesWithBruteForceOnRandomGraphs) {
  int factored = 0, factored_with_and = 0;
  for (bool dense : {false, true})
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
      SmallGraph g = test::random_small_graph(seed, dense);
      const double expected = test::brute_force_reach(g, g.target);
      ExactReachDetail d;
      const double got = exact(g, &d);
      EXPECT_NEAR(got, expected, 1e-12) << "seed " << seed << (dense ? " dense" : "");
      if (d.factoring_steps >= 3) {
        ++factored;
        bool and_node = false;
        for (auto k : g.kinds) and_node = and_node || k == NodeKind::And;
        factored_with_and += and_node;
      }
    }
  // The sample really exercises factoring (most small graphs dissolve under reductions alone).
  EXPECT_GE(factored, 40);
  EXPECT_GE(factored_with_and, 25);
}

// A directed grid with diagonals: not series-parallel, so factoring has real work.
SmallGraph grid(std::size_t w, std::size_t h, double p) {
  SmallGraph g;
  const std::size_t n = w * h;
  g.kinds.assign(n, NodeKind::Or);
  g.priors.assign(n, 1.0);
  auto id = [&](std::size_t x, std::size_t y) { return NodeId(y * w + x); };
  for (std::size_t y = 0; y < h; ++y)
    for (std::size_t x = 0; x < w; ++x) {
      if (x + 1 < w) g.edges.push_back({id(x, y), id(x + 1, y), p});
      if (y + 1 < h) g.edges.push_back({id(x, y), id(x, y + 1), p});
      if (x + 1 < w && y > 0) g.edges.push_back({id(x, y), id(x + 1, y - 1), p});
    }
  g.sources = {0};
  g.target = NodeId(n - 1);
  return g;
}

TEST(ReachExact, RefusesBeyondTheLimitAndAutoFallsBack) {
  SmallGraph sg = grid(6, 6, 0.6);
  AttackGraph g = sg.build();
  ExactReachOptions opt;
  opt.max_uncertain_edges = 30;
  EXPECT_THROW(exact_reach_probability(g, sg.sources, sg.target, opt), ExactLimitError);

  std::vector<NodeId> targets = {sg.target};
  ReachOptions ro;
  ro.samples = 2000;
  ReachResult r = reach_probability(g, sg.sources, targets, ro);
  EXPECT_EQ(r.method, ReachMethod::MonteCarlo);
  EXPECT_EQ(r.samples, 2000u);
  EXPECT_NE(r.fallback_reason.find("uncertain edges"), std::string::npos);
  ro.method = ReachMethod::Exact;
  EXPECT_THROW(reach_probability(g, sg.sources, targets, ro), ExactLimitError);
}

TEST(ReachExact, FactorsMediumGraphs) {
  // 4x3 grid: 22 uncertain edges, barely reducible. Enumerating 2^22 outcomes is too slow
  // for a unit test, so check the law of total probability on one edge instead (the two
  // conditioned problems take different reduction paths), then brute force on a 3x3 grid.
  SmallGraph sg = grid(4, 3, 0.7);
  ExactReachDetail d;
  const double all = exact(sg, &d);
  EXPECT_GT(d.factoring_steps, 1u);
  SmallGraph works = sg, fails = sg;
  works.edges[0].p = 1.0;
  fails.edges[0].p = 0.0;
  EXPECT_NEAR(all, 0.7 * exact(works) + 0.3 * exact(fails), 1e-12);
  // And against brute force on a grid small enough to enumerate (3x3: 16 edges).
  SmallGraph small = grid(3, 3, 0.55);
  EXPECT_NEAR(exact(small), test::brute_force_reach(small, small.target), 1e-12);
}

TEST(ReachExact, ReachProbabilityReportsExact) {
  SmallGraph sg = make(4, {{0, 1, 0.85}, {0, 2, 0.7}, {1, 3, 0.65}, {2, 3, 1.0}}, {0}, 3);
  sg.priors[0] = 0.7;
  AttackGraph g = sg.build();
  std::vector<NodeId> targets = {3, 1};
  ReachResult r = reach_probability(g, sg.sources, targets);
  ASSERT_EQ(r.method, ReachMethod::Exact);
  EXPECT_EQ(r.samples, 0u);
  ASSERT_EQ(r.targets.size(), 2u);
  EXPECT_NEAR(r.targets[0].probability, 0.606025, 1e-12);
  EXPECT_EQ(r.targets[0].ci95.lo, r.targets[0].probability);
  EXPECT_EQ(r.targets[0].ci95.hi, r.targets[0].probability);
  EXPECT_NEAR(r.targets[1].probability, 0.7 * 0.85, 1e-12);
}

TEST(ReachExact, Cancellation) {
  SmallGraph sg = grid(4, 3, 0.7);
  AttackGraph g = sg.build();
  CancelToken token;
  token.cancel();
  ExactReachOptions opt;
  opt.cancel = &token;
  EXPECT_THROW(exact_reach_probability(g, sg.sources, sg.target, opt), CancelledError);
}

} // namespace
} // namespace zonepath
