// The TTC distributions as the simulation draws them (one counter-based stream per sample and
// edge, first draw spent on success): moments and CDF values against closed forms.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {
namespace {

constexpr std::uint64_t N = 400000;

std::vector<double> draw(const TtcDistribution& d, std::uint64_t stream_id) {
  std::vector<double> x(N);
  for (std::uint64_t s = 0; s < N; ++s) {
    mc::CounterRng rng(mc::stream_key(mc::sample_key(7, s), stream_id));
    (void)rng.bernoulli(1.0); // the success draw comes first, as in simulate_ttc
    x[s] = d.sample(rng);
  }
  return x;
}

double mean(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / double(x.size());
}
double variance(const std::vector<double>& x) {
  double m = mean(x), s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / double(x.size() - 1);
}
double cdf_at(const std::vector<double>& x, double t) {
  std::size_t k = 0;
  for (double v : x) k += v <= t;
  return double(k) / double(x.size());
}
double tol_p(double p) {
  return 4 * std::sqrt(p * (1 - p) / double(N));
}
double tol_mean(double sd) {
  return 4 * sd / std::sqrt(double(N));
}

TEST(TtcDistributions, Exponential) {
  auto x = draw(TtcDistribution::exponential(2.0), 11);
  EXPECT_NEAR(mean(x), 2.0, tol_mean(2.0));
  for (double t : {0.5, 2.0, 6.0}) EXPECT_NEAR(cdf_at(x, t), 1 - std::exp(-t / 2), tol_p(0.5)) << t;
}

TEST(TtcDistributions, LogNormal) {
  const double mu = 0.5, sigma = 0.75;
  auto x = draw(TtcDistribution::lognormal(mu, sigma), 12);
  const double m = std::exp(mu + sigma * sigma / 2), sd = m * std::sqrt(std::exp(sigma * sigma) - 1);
  EXPECT_NEAR(mean(x), m, tol_mean(sd));
  EXPECT_NEAR(cdf_at(x, std::exp(mu)), 0.5, tol_p(0.5));
  EXPECT_NEAR(cdf_at(x, std::exp(mu + sigma)), 0.8413447460685429, tol_p(0.16)); // Phi(1)
}

TEST(TtcDistributions, Gamma) {
  // Gamma(k, 2) is chi-squared with 2k degrees of freedom: closed-form CDFs for k = 1/2, 3/2.
  auto half = draw(TtcDistribution::gamma(0.5, 2.0), 13);
  EXPECT_NEAR(mean(half), 1.0, tol_mean(std::sqrt(2.0)));
  for (double t : {0.1, 1.0, 3.0}) EXPECT_NEAR(cdf_at(half, t), std::erf(std::sqrt(t / 2)), tol_p(0.5)) << t;
  auto three_halves = draw(TtcDistribution::gamma(1.5, 2.0), 14);
  for (double t : {1.0, 3.0, 6.0})
    EXPECT_NEAR(cdf_at(three_halves, t),
                std::erf(std::sqrt(t / 2)) - std::sqrt(2 * t / M_PI) * std::exp(-t / 2), tol_p(0.5))
        << t;
  // Mean and variance for a shape above 1: k theta and k theta^2; the sample variance has a
  // standard error of sigma^2 sqrt((2 + 6 / k) / n).
  const double k = 2.5, theta = 2.0;
  auto g = draw(TtcDistribution::gamma(k, theta), 15);
  EXPECT_NEAR(mean(g), k * theta, tol_mean(std::sqrt(k) * theta));
  EXPECT_NEAR(variance(g), k * theta * theta, 4 * k * theta * theta * std::sqrt((2 + 6 / k) / double(N)));
}

TEST(TtcDistributions, UniformAndFixed) {
  auto u = draw(TtcDistribution::uniform(1.0, 3.0), 16);
  EXPECT_NEAR(mean(u), 2.0, tol_mean(2.0 / std::sqrt(12.0)));
  EXPECT_NEAR(cdf_at(u, 1.5), 0.25, tol_p(0.25));
  for (double v : u) ASSERT_TRUE(v >= 1.0 && v <= 3.0);
  auto f = draw(TtcDistribution::fixed(4.0), 17);
  for (double v : f) ASSERT_EQ(v, 4.0);
}

TEST(TtcDistributions, ThroughTheSimulation) {
  // One edge each: the simulated TTC mean is the distribution's mean.
  for (auto d : {TtcDistribution::gamma(3.0, 2.0), TtcDistribution::lognormal(1.0, 0.5),
                 TtcDistribution::uniform(2.0, 4.0)}) {
    AttackGraphBuilder b;
    NodeSpec s, t;
    s.name = "s";
    t.name = "t";
    b.add_node(s);
    b.add_node(t);
    EdgeSpec e;
    e.from = 0;
    e.to = 1;
    e.ttc = d;
    b.add_edge(e);
    AttackGraph g = b.build();
    std::vector<NodeId> sources = {0}, targets = {1};
    TtcSimulationOptions opt;
    opt.samples = 100000;
    auto r = simulate_ttc(g, sources, targets, opt);
    // Generous: 4 sigma with sigma bounded by the mean for these shapes.
    EXPECT_NEAR(r.targets[0].ttc_days.mean, d.mean(), 4 * d.mean() / std::sqrt(100000.0)) << d.name();
  }
}

} // namespace
} // namespace zonepath
