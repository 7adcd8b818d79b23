// Absorbing Markov chain: hand-solved chains, and random graphs against a direct simulation of
// the random walk written here.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/markov_chain.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath {
namespace {

AttackGraph chain(const std::vector<double>& priors,
                  const std::vector<std::tuple<NodeId, NodeId, double>>& edges) {
  AttackGraphBuilder b;
  for (std::size_t i = 0; i < priors.size(); ++i)
    b.add_node({"n" + std::to_string(i), NodeKind::Or, priors[i]});
  for (auto [u, v, p] : edges) {
    EdgeSpec e;
    e.from = u;
    e.to = v;
    e.p = p;
    b.add_edge(e);
  }
  return b.build();
}

TEST(MarkovChain, HandSolvedThreeNodeChain) {
  // S -> M -> T with p1 = 0.6, p2 = 0.3, g = 0.1. At a node with one edge of weight p an
  // attempt ends the stay with probability q = g + (1-g) p; it moves on with (1-g) p / q.
  const double p1 = 0.6, p2 = 0.3, g = 0.1;
  AttackGraph gr = chain({1, 1, 1}, {{0, 1, p1}, {1, 2, p2}});
  MarkovOptions o;
  o.give_up = g;
  o.per_source = true;
  const NodeId src[] = {0}, tgt[] = {2};
  auto r = absorbing_markov_chain(gr, src, tgt, o);
  const double q1 = g + (1 - g) * p1, q2 = g + (1 - g) * p2;
  const double a = (1 - g) * p1 / q1, b = (1 - g) * p2 / q2;
  EXPECT_NEAR(r.weighted.absorption[0], a * b, 1e-12);
  EXPECT_NEAR(r.weighted.gave_up, 1 - a * b, 1e-12);
  EXPECT_NEAR(r.weighted.dead_end, 0.0, 1e-15);
  EXPECT_NEAR(r.weighted.expected_steps, 1 / q1 + a / q2, 1e-12);
  EXPECT_EQ(r.transient_states, 2u);
  EXPECT_EQ(r.solver, "sparse-lu");
  ASSERT_EQ(r.per_source.size(), 1u);
  EXPECT_NEAR(r.per_source[0].absorption[0], a * b, 1e-12);
  EXPECT_NEAR(r.per_source[0].expected_steps, 1 / q1 + a / q2, 1e-12);
}

TEST(MarkovChain, BranchWeightsAreProportionalToP) {
  // S with edges to T1 (p 0.5) and T2 (p 1): W = 1.5. Per step: move to T1 (1-g) 0.25/1.5,
  // to T2 (1-g) 1/1.5, give up g, otherwise stay.
  const double g = 0.2;
  AttackGraph gr = chain({1, 1, 1}, {{0, 1, 0.5}, {0, 2, 1.0}});
  MarkovOptions o;
  o.give_up = g;
  const NodeId src[] = {0}, tgt[] = {1, 2};
  auto r = absorbing_markov_chain(gr, src, tgt, o);
  const double m1 = (1 - g) * 0.25 / 1.5, m2 = (1 - g) * 1.0 / 1.5, leave = g + m1 + m2;
  EXPECT_NEAR(r.weighted.absorption[0], m1 / leave, 1e-12);
  EXPECT_NEAR(r.weighted.absorption[1], m2 / leave, 1e-12);
  EXPECT_NEAR(r.weighted.expected_steps, 1 / leave, 1e-12);
}

TEST(MarkovChain, PriorsWeightTheStartAndTerminalSources) {
  // Sources: n0 (prior 0.6, a transient node with a sure step to the target n2) and n2 itself
  // (prior 0.2): start weights 0.75 and 0.25. n1 is a dead end.
  AttackGraph gr = chain({0.6, 1, 0.2}, {{0, 2, 1.0}, {0, 1, 1.0}});
  MarkovOptions o;
  o.give_up = 0.0;
  const NodeId src[] = {0, 2}, tgt[] = {2};
  auto r = absorbing_markov_chain(gr, src, tgt, o);
  // From n0 with g = 0: both edges weigh 1, each attempt succeeds: half to n2, half to n1.
  EXPECT_NEAR(r.weighted.absorption[0], 0.25 + 0.75 * 0.5, 1e-12);
  EXPECT_NEAR(r.weighted.dead_end, 0.75 * 0.5, 1e-12);
  EXPECT_NEAR(r.weighted.gave_up, 0.0, 1e-15);
  EXPECT_NEAR(r.weighted.expected_steps, 0.75, 1e-12);
}

TEST(MarkovChain, BadInput) {
  AttackGraph gr = chain({0.0, 1, 1}, {{0, 1, 0.5}, {1, 2, 0.5}, {2, 1, 0.5}});
  const NodeId zero[] = {0}, one[] = {1};
  EXPECT_THROW(absorbing_markov_chain(gr, zero, one), AnalysisError); // prior 0 only
  MarkovOptions bad;
  bad.give_up = 1.5;
  EXPECT_THROW(absorbing_markov_chain(gr, one, zero, bad), AnalysisError);
  const NodeId out_of_range[] = {7};
  EXPECT_THROW(absorbing_markov_chain(gr, out_of_range, one), GraphError);
  // g = 0 and a closed cycle n1 <-> n2 without a way out: I - Q is singular.
  MarkovOptions stuck;
  stuck.give_up = 0.0;
  EXPECT_THROW(absorbing_markov_chain(gr, one, zero, stuck), AnalysisError);
}

// Random graph with cycles, parallel edges and self-loops.
AttackGraph random_walk_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  RandomStream rng(seed, 3);
  AttackGraphBuilder b;
  for (std::size_t i = 0; i < n; ++i)
    b.add_node({"v" + std::to_string(i), NodeKind::Or, 0.2 + 0.8 * rng.uniform()});
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng.next() % n);
    e.to = NodeId(rng.next() % n);
    e.p = rng.uniform() < 0.05 ? 0.0 : 0.05 + 0.95 * rng.uniform();
    b.add_edge(e);
  }
  return b.build();
}

struct WalkStats {
  std::vector<double> absorbed; // per target
  double gave_up = 0, dead_end = 0, steps = 0;
};

// The walk exactly as specified, step by step.
WalkStats simulate(const AttackGraph& g, const std::vector<NodeId>& sources,
                   const std::vector<NodeId>& targets, double give_up, std::size_t walks,
                   std::uint64_t seed) {
  WalkStats st;
  st.absorbed.assign(targets.size(), 0);
  double prior_sum = 0;
  for (NodeId s : sources) prior_sum += g.prior(s);
  for (std::size_t w = 0; w < walks; ++w) {
    RandomStream rng(seed, w);
    double x = rng.uniform() * prior_sum;
    NodeId u = sources.back();
    for (NodeId s : sources) {
      if (x < g.prior(s)) {
        u = s;
        break;
      }
      x -= g.prior(s);
    }
    for (;;) {
      auto t = std::find(targets.begin(), targets.end(), u);
      if (t != targets.end()) {
        st.absorbed[std::size_t(t - targets.begin())] += 1;
        break;
      }
      double wsum = 0;
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) wsum += g.p(e);
      if (wsum == 0) {
        st.dead_end += 1;
        break;
      }
      st.steps += 1;
      if (rng.uniform() < give_up) {
        st.gave_up += 1;
        break;
      }
      double pick = rng.uniform() * wsum;
      EdgeId chosen = g.out_end(u) - 1;
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
        if (pick < g.p(e)) {
          chosen = e;
          break;
        }
        pick -= g.p(e);
      }
      if (rng.uniform() < g.p(chosen)) u = g.to(chosen);
    }
  }
  for (auto& a : st.absorbed) a /= double(walks);
  st.gave_up /= double(walks);
  st.dead_end /= double(walks);
  st.steps /= double(walks);
  return st;
}

TEST(MarkovChain, RandomWalkSimulationAgreesOnRandomGraphs) {
  const std::size_t walks = 40000;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    AttackGraph g = random_walk_graph(seed, 12 + seed * 3, 30 + seed * 10);
    std::vector<NodeId> sources = {0, 1}, targets = {NodeId(g.node_count() - 1), NodeId(g.node_count() - 2)};
    MarkovOptions o;
    o.give_up = 0.02 * double(seed);
    auto r = absorbing_markov_chain(g, sources, targets, o);
    auto sim = simulate(g, sources, targets, o.give_up, walks, seed);
    // Five standard errors of a proportion; binomial variance at most 1/4.
    auto tol = [&](double p) { return 5 * std::sqrt(std::max(p * (1 - p), 1e-4) / double(walks)) + 1e-9; };
    for (std::size_t j = 0; j < targets.size(); ++j)
      EXPECT_NEAR(r.weighted.absorption[j], sim.absorbed[j], tol(sim.absorbed[j])) << "seed " << seed;
    EXPECT_NEAR(r.weighted.gave_up, sim.gave_up, tol(sim.gave_up)) << "seed " << seed;
    EXPECT_NEAR(r.weighted.dead_end, sim.dead_end, tol(sim.dead_end)) << "seed " << seed;
    EXPECT_NEAR(r.weighted.expected_steps, sim.steps, 0.05 * sim.steps + 0.05) << "seed " << seed;
    double total = r.weighted.gave_up + r.weighted.dead_end;
    for (double a : r.weighted.absorption) total += a;
    EXPECT_NEAR(total, 1.0, 1e-10);
  }
}

TEST(MarkovChain, IterativeSolverAndPerSourceRowsAgreeWithLu) {
  AttackGraph g = random_walk_graph(42, 300, 1500);
  std::vector<NodeId> sources = {0, 1, 2}, targets = {299, 298, 297};
  MarkovOptions lu;
  lu.per_source = true;
  MarkovOptions it = lu;
  it.iterative_above = 0;
  auto a = absorbing_markov_chain(g, sources, targets, lu);
  auto b = absorbing_markov_chain(g, sources, targets, it);
  EXPECT_EQ(a.solver, "sparse-lu");
  EXPECT_EQ(b.solver, "bicgstab");
  EXPECT_GT(b.iterations, 0u);
  double prior_sum = g.prior(0) + g.prior(1) + g.prior(2);
  for (std::size_t j = 0; j < targets.size(); ++j) {
    EXPECT_NEAR(a.weighted.absorption[j], b.weighted.absorption[j], 1e-9);
    // The prior-weighted row is the weighted mean of the per-source rows, computed by the
    // other system ((I - Q) X = R instead of (I - Q)^T y = pi).
    double mix = 0;
    for (std::size_t k = 0; k < 3; ++k)
      mix += g.prior(a.sources[k]) / prior_sum * a.per_source[k].absorption[j];
    EXPECT_NEAR(a.weighted.absorption[j], mix, 1e-10);
    EXPECT_NEAR(a.per_source[1].absorption[j], b.per_source[1].absorption[j], 1e-9);
  }
  EXPECT_NEAR(a.weighted.expected_steps, b.weighted.expected_steps, 1e-8 * a.weighted.expected_steps);
}

TEST(MarkovChain, SourceThatIsATargetAbsorbsAtOnce) {
  AttackGraph g = chain({1, 1}, {{0, 1, 0.5}});
  const NodeId src[] = {1}, tgt[] = {1};
  auto r = absorbing_markov_chain(g, src, tgt);
  EXPECT_EQ(r.weighted.absorption[0], 1.0);
  EXPECT_EQ(r.weighted.expected_steps, 0.0);
  EXPECT_EQ(r.solver, "none");
}

TEST(MarkovChain, CancellationThrows) {
  AttackGraph g = random_walk_graph(8, 200, 800);
  CancelToken token;
  token.cancel();
  MarkovOptions o;
  o.cancel = &token;
  const NodeId src[] = {0}, tgt[] = {199};
  EXPECT_THROW(absorbing_markov_chain(g, src, tgt, o), CancelledError);
}

} // namespace
} // namespace zonepath
