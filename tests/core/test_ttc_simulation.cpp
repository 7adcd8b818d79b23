// TTC simulation against closed forms: exponential, hypoexponential (two steps in series),
// Bernoulli x exponential, min of parallel exponentials, max of AND prerequisites; horizon,
// criticality, determinism across thread counts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <vector>

#include "reach_test_graphs.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {
namespace {

using test::EdgeDef;
constexpr std::uint64_t kSimSamples = 200000;

struct Case {
  test::SmallGraph g;
  AttackGraph built;
  TtcSimulationResult run(std::optional<double> horizon = {}, std::uint64_t samples = kSimSamples,
                          std::uint64_t seed = 1) {
    built = g.build();
    TtcSimulationOptions opt;
    opt.samples = samples;
    opt.seed = seed;
    opt.horizon_days = horizon;
    std::vector<NodeId> targets = {g.target};
    return simulate_ttc(built, g.sources, targets, opt);
  }
};

Case make(std::size_t n, std::vector<EdgeDef> edges, NodeId target) {
  Case c;
  c.g.kinds.assign(n, NodeKind::Or);
  c.g.priors.assign(n, 1.0);
  c.g.edges = std::move(edges);
  c.g.sources = {0};
  c.g.target = target;
  return c;
}

// Tolerance for an estimated quantile: 4 standard errors, sqrt(q (1 - q) / n) / f(x_q).
double quantile_tol(double q, double density, double n) {
  return 4 * std::sqrt(q * (1 - q) / n) / density;
}
double prob_tol(double p, double n) {
  return 4 * std::sqrt(p * (1 - p) / n);
}

double solve(const std::function<double(double)>& cdf, double q) {
  double lo = 0, hi = 1000;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    (cdf(mid) < q ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

TEST(TtcSimulation, SingleExponentialStep) {
  Case c = make(2, {{0, 1, 1.0, TtcDistribution::exponential(10)}}, 1);
  auto r = c.run(10.0);
  const auto& t = r.targets[0];
  EXPECT_EQ(t.hits, kSimSamples);
  EXPECT_EQ(t.reach_probability, 1.0);
  EXPECT_NEAR(t.ttc_days.mean, 10.0, 4 * 10.0 / std::sqrt(double(kSimSamples)));
  EXPECT_NEAR(t.ttc_days.p50, 10 * std::log(2.0), quantile_tol(0.5, 0.1 * 0.5, kSimSamples));
  EXPECT_NEAR(t.ttc_days.p10, -10 * std::log(0.9), quantile_tol(0.1, 0.1 * 0.9, kSimSamples));
  EXPECT_NEAR(t.ttc_days.p90, 10 * std::log(10.0), quantile_tol(0.9, 0.1 * 0.1, kSimSamples));
  EXPECT_NEAR(t.within_horizon, 1 - std::exp(-1.0), prob_tol(0.632, kSimSamples));
  ASSERT_EQ(r.critical_edges.size(), 1u);
  EXPECT_EQ(r.critical_edges[0].criticality, 1.0);
}

TEST(TtcSimulation, HypoexponentialSeries) {
  // Means 1 and 10: F(t) = 1 - (10 e^{-t/10} - e^{-t}) / 9, mean 11.
  Case c = make(
      3, {{0, 1, 1.0, TtcDistribution::exponential(1)}, {1, 2, 1.0, TtcDistribution::exponential(10)}}, 2);
  auto cdf = [](double t) { return 1 - (10 * std::exp(-t / 10) - std::exp(-t)) / 9; };
  auto pdf = [](double t) { return (std::exp(-t / 10) - std::exp(-t)) / 9; };
  const double t50 = solve(cdf, 0.5), t90 = solve(cdf, 0.9);
  auto r = c.run(t50);
  const auto& t = r.targets[0];
  EXPECT_NEAR(t.ttc_days.mean, 11.0, 4 * std::sqrt(101.0 / double(kSimSamples)));
  EXPECT_NEAR(t.ttc_days.p50, t50, quantile_tol(0.5, pdf(t50), kSimSamples));
  EXPECT_NEAR(t.ttc_days.p90, t90, quantile_tol(0.9, pdf(t90), kSimSamples));
  EXPECT_NEAR(t.within_horizon, 0.5, prob_tol(0.5, kSimSamples));
  for (double h : {2.0, 20.0})
    EXPECT_NEAR(c.run(h).targets[0].within_horizon, cdf(h), prob_tol(cdf(h), kSimSamples)) << h;
}

TEST(TtcSimulation, BernoulliTimesExponential) {
  Case c = make(2, {{0, 1, 0.5, TtcDistribution::exponential(5)}}, 1);
  auto r = c.run();
  const auto& t = r.targets[0];
  EXPECT_NEAR(t.reach_probability, 0.5, prob_tol(0.5, kSimSamples));
  EXPECT_LE(t.ci95.lo, t.reach_probability);
  EXPECT_GE(t.ci95.hi, t.reach_probability);
  EXPECT_NEAR(t.ttc_days.mean, 5.0, 4 * 5.0 / std::sqrt(double(t.hits)));
  EXPECT_NEAR(r.critical_edges[0].criticality, 0.5, prob_tol(0.5, kSimSamples));
}

TEST(TtcSimulation, ParallelOrIsTheMinimum) {
  // min of Exp(mean 2) and Exp(mean 3) = Exp(rate 1/2 + 1/3): mean 1.2; the faster edge wins
  // with probability (1/2) / (5/6) = 0.6.
  Case c = make(
      2, {{0, 1, 1.0, TtcDistribution::exponential(2)}, {0, 1, 1.0, TtcDistribution::exponential(3)}}, 1);
  auto r = c.run();
  const auto& t = r.targets[0];
  EXPECT_NEAR(t.ttc_days.mean, 1.2, 4 * 1.2 / std::sqrt(double(kSimSamples)));
  EXPECT_NEAR(t.ttc_days.p50, 1.2 * std::log(2.0), quantile_tol(0.5, 0.5 / 1.2, kSimSamples));
  ASSERT_EQ(r.critical_edges.size(), 2u);
  EXPECT_EQ(c.built.ttc(r.critical_edges[0].edge).a, 2.0f);
  EXPECT_NEAR(r.critical_edges[0].criticality, 0.6, prob_tol(0.6, kSimSamples));
  EXPECT_NEAR(r.critical_edges[0].criticality + r.critical_edges[1].criticality, 1.0, 1e-12);
}

TEST(TtcSimulation, AndIsTheMaximum) {
  // Fixed 3 and 7 days into an AND node: exactly 7 in every sample; both edges critical.
  Case c = make(2, {{0, 1, 1.0, TtcDistribution::fixed(3)}, {0, 1, 1.0, TtcDistribution::fixed(7)}}, 1);
  c.g.kinds[1] = NodeKind::And;
  auto r = c.run({}, 1000);
  const auto& t = r.targets[0];
  EXPECT_EQ(t.hits, 1000u);
  EXPECT_EQ(t.ttc_days.mean, 7.0);
  EXPECT_EQ(t.ttc_days.p10, 7.0);
  EXPECT_EQ(t.ttc_days.p90, 7.0);
  ASSERT_EQ(r.critical_edges.size(), 2u);
  EXPECT_EQ(r.critical_edges[0].criticality, 1.0);
  EXPECT_EQ(r.critical_edges[1].criticality, 1.0);
  // max(2, Exp(1)) through an AND node, then an OR step of fixed 1: mean 3 + e^{-2}.
  Case d = make(4,
                {{0, 1, 1.0, TtcDistribution::fixed(2)},
                 {0, 2, 1.0, TtcDistribution::exponential(1)},
                 {1, 3, 1.0, TtcDistribution::fixed(0)},
                 {2, 3, 1.0, TtcDistribution::fixed(0)}},
                3);
  d.g.kinds[3] = NodeKind::And;
  d.g.edges.push_back({3, 1, 1.0, TtcDistribution::fixed(1)}); // a cycle back: changes nothing
  auto rd = d.run();
  EXPECT_NEAR(rd.targets[0].ttc_days.mean, 2 + std::exp(-2.0), 4 * 0.5 / std::sqrt(double(kSimSamples)));
}

TEST(TtcSimulation, PriorsAndUnreachableTargets) {
  Case c = make(3, {{0, 1, 1.0, TtcDistribution::exponential(1)}}, 0);
  c.g.priors[0] = 0.3;
  auto r = c.run();
  EXPECT_NEAR(r.targets[0].reach_probability, 0.3, prob_tol(0.3, kSimSamples));
  EXPECT_EQ(r.targets[0].ttc_days.p90, 0.0); // a held source is compromised at time 0
  c.g.target = 2;                            // no path
  auto u = c.run({}, 100);
  EXPECT_EQ(u.targets[0].hits, 0u);
  EXPECT_EQ(u.targets[0].ci95.lo, 0.0);
  EXPECT_TRUE(std::isnan(u.targets[0].ttc_days.mean));
  EXPECT_TRUE(std::isnan(u.targets[0].ttc_days.p50));
  EXPECT_TRUE(u.critical_edges.empty());
}

TEST(TtcSimulation, NearestRankQuantiles) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(nearest_rank_quantile(v, 10), 1.0);
  EXPECT_EQ(nearest_rank_quantile(v, 50), 5.0);
  EXPECT_EQ(nearest_rank_quantile(v, 90), 9.0);
  EXPECT_EQ(nearest_rank_quantile(v, 95), 10.0);
  EXPECT_EQ(nearest_rank_quantile(std::vector<double>{4.0}, 10), 4.0);
  EXPECT_TRUE(std::isnan(nearest_rank_quantile(std::vector<double>{}, 50)));
  std::vector<double> big(1000);
  for (int i = 0; i < 1000; ++i) big[i] = i + 1;
  EXPECT_EQ(nearest_rank_quantile(big, 10), 100.0); // not 101: integer rank arithmetic
}

AttackGraph random_ttc_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  std::mt19937_64 rng(seed);
  AttackGraphBuilder b;
  for (std::size_t v = 0; v < n; ++v) {
    NodeSpec s;
    s.name = "v" + std::to_string(v);
    s.kind = rng() % 8 == 0 ? NodeKind::And : NodeKind::Or;
    s.prior = 0.95;
    b.add_node(s);
  }
  const TtcDistribution dists[] = {TtcDistribution::exponential(3), TtcDistribution::lognormal(0.5, 0.8),
                                   TtcDistribution::gamma(0.7, 4), TtcDistribution::uniform(1, 5),
                                   TtcDistribution::fixed(2)};
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng() % n);
    e.to = NodeId(rng() % n);
    e.p = 0.1 + 0.9 * double(rng() % 1000) / 1000.0;
    e.ttc = dists[rng() % 5];
    b.add_edge(e);
  }
  return b.build();
}

bool same(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(TtcSimulation, IdenticalForOneAndTwoThreads) {
  AttackGraph g = random_ttc_graph(3, 5000, 20000);
  std::vector<NodeId> sources = {0, 1}, targets = {4999, 2000, 77, 1};
  TtcSimulationOptions opt;
  // 500 samples (serial_below 2) already split across both threads in many chunks; 2000 took
  // 90 s under ASan for no further interleaving.
  opt.samples = 500;
  opt.seed = 42;
  opt.horizon_days = 10.0;
  opt.top_critical_edges = 0;
  TtcSimulationResult one, two;
  {
    ThreadLimit limit(1);
    one = simulate_ttc(g, sources, targets, opt);
  }
  {
    ThreadLimit limit(2);
    two = simulate_ttc(g, sources, targets, opt);
  }
  ASSERT_EQ(one.targets.size(), two.targets.size());
  int reached = 0;
  for (std::size_t i = 0; i < one.targets.size(); ++i) {
    const auto &a = one.targets[i], &b = two.targets[i];
    EXPECT_EQ(a.hits, b.hits);
    EXPECT_TRUE(same(a.ttc_days.mean, b.ttc_days.mean));
    EXPECT_TRUE(same(a.ttc_days.p10, b.ttc_days.p10));
    EXPECT_TRUE(same(a.ttc_days.p90, b.ttc_days.p90));
    EXPECT_EQ(a.within_horizon_hits, b.within_horizon_hits);
    reached += a.hits > 0;
  }
  EXPECT_GE(reached, 3);
  ASSERT_EQ(one.critical_edges.size(), two.critical_edges.size());
  EXPECT_GT(one.critical_edges.size(), 10u);
  for (std::size_t i = 0; i < one.critical_edges.size(); ++i) {
    EXPECT_EQ(one.critical_edges[i].edge, two.critical_edges[i].edge);
    EXPECT_EQ(one.critical_edges[i].samples, two.critical_edges[i].samples);
  }
  // Sorted by criticality, ties by edge id.
  for (std::size_t i = 1; i < one.critical_edges.size(); ++i) {
    const auto &p = one.critical_edges[i - 1], &q = one.critical_edges[i];
    EXPECT_TRUE(p.samples > q.samples || (p.samples == q.samples && p.edge < q.edge));
  }
  opt.seed = 43;
  auto other = simulate_ttc(g, sources, targets, opt);
  EXPECT_FALSE(same(other.targets[0].ttc_days.mean, one.targets[0].ttc_days.mean));
}

TEST(TtcSimulation, ChecksArgumentsAndCancels) {
  AttackGraph g = random_ttc_graph(4, 100, 300);
  std::vector<NodeId> sources = {0}, targets = {99, 98};
  TtcSimulationOptions opt;
  opt.horizon_days = -1.0;
  EXPECT_THROW(simulate_ttc(g, sources, targets, opt), AnalysisError);
  opt.horizon_days.reset();
  opt.samples = std::uint64_t{1} << 27; // x 2 targets: over the memory limit
  EXPECT_THROW(simulate_ttc(g, sources, targets, opt), LimitError);
  opt.samples = 10000;
  CancelToken token;
  token.cancel();
  opt.cancel = &token;
  EXPECT_THROW(simulate_ttc(g, sources, targets, opt), CancelledError);
}

} // namespace
} // namespace zonepath
