// Most likely / fastest paths: hand-computed graphs, tie rules, and random graphs against an
// independent Bellman-Ford written here.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/rng.hpp"
#include "zonepath/core/shortest_paths.hpp"

#include "named_graph.hpp"

namespace zonepath {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

using E = test::NamedEdge;
using test::named_graph;

// The example graph of docs/formats-documents.md; TTC chosen so that the fastest path differs from the most
// likely one.
AttackGraph dbca() {
  return named_graph({{"D", 0.7}, {"B", 1}, {"C", 1}, {"A", 1}},
                     {{"D", "B", 0.85, 1}, {"D", "C", 0.7, 10}, {"B", "A", 0.65, 2}, {"C", "A", 1.0, 1}});
}

std::vector<std::string> names(const AttackGraph& g, const std::vector<NodeId>& v) {
  std::vector<std::string> out;
  for (NodeId x : v) out.push_back(g.name(x));
  return out;
}

TEST(ShortestPaths, MostLikelyPathOfDesignExample) {
  AttackGraph g = dbca();
  const NodeId d = g.find("D"), a = g.find("A");
  auto t = shortest_paths_from(g, std::vector<NodeId>{d});
  // D->C->A: 0.7 * 1.0 = 0.7 beats D->B->A: 0.85 * 0.65 = 0.5525; with prior 0.7: 0.49.
  EXPECT_EQ(names(g, t.path_nodes(g, a)), (std::vector<std::string>{"D", "C", "A"}));
  EXPECT_NEAR(std::exp(-t.dist[a]), 0.49, 1e-15);
  ShortestPathOptions no_prior;
  no_prior.apply_priors = false;
  auto u = shortest_paths_from(g, std::vector<NodeId>{d}, no_prior);
  EXPECT_NEAR(std::exp(-u.dist[a]), 0.7, 1e-15);
  EXPECT_NEAR(std::exp(-u.dist[g.find("B")]), 0.85, 1e-15);
}

TEST(ShortestPaths, FastestPathOfDesignExample) {
  AttackGraph g = dbca();
  ShortestPathOptions o;
  o.metric = PathMetric::Time;
  auto t = shortest_paths_from(g, std::vector<NodeId>{g.find("D")}, o);
  EXPECT_EQ(names(g, t.path_nodes(g, g.find("A"))), (std::vector<std::string>{"D", "B", "A"}));
  EXPECT_DOUBLE_EQ(t.dist[g.find("A")], 3.0); // 1 + 2, prior ignored for time
}

TEST(ShortestPaths, ReverseTreeGivesDistanceToTarget) {
  AttackGraph g = dbca();
  auto r = shortest_paths_to(g, g.find("A"));
  EXPECT_TRUE(r.reverse);
  EXPECT_NEAR(r.dist[g.find("D")], -std::log(0.7), 1e-15);
  EXPECT_NEAR(r.dist[g.find("B")], -std::log(0.65), 1e-15);
  EXPECT_EQ(r.dist[g.find("A")], 0.0);
  EXPECT_EQ(names(g, r.path_nodes(g, g.find("D"))), (std::vector<std::string>{"D", "C", "A"}));
  ShortestPathOptions o;
  o.metric = PathMetric::Time;
  auto rt = shortest_paths_to(g, g.find("A"), o);
  EXPECT_DOUBLE_EQ(rt.dist[g.find("D")], 3.0);
}

TEST(ShortestPaths, SeriesMultipliesParallelTakesBest) {
  // Series S->X->Y->T with p 0.9, 0.8, 0.5 next to a direct S->T with p 0.3:
  // series gives 0.36 > 0.3. Lowering the series' last step to 0.4 gives 0.288 < 0.3.
  for (double last : {0.5, 0.4}) {
    AttackGraph g = named_graph({{"S", 1}, {"X", 1}, {"Y", 1}, {"T", 1}},
                                {{"S", "X", 0.9}, {"X", "Y", 0.8}, {"Y", "T", last}, {"S", "T", 0.3}});
    auto t = shortest_paths_from(g, std::vector<NodeId>{0});
    const double series = 0.9 * 0.8 * last;
    EXPECT_NEAR(std::exp(-t.dist[3]), std::max(series, 0.3), 1e-15);
    EXPECT_EQ(t.path_nodes(g, 3).size(), series > 0.3 ? 4u : 2u);
  }
}

TEST(ShortestPaths, ImpossibleStepsAndZeroPriorsAreNeverUsed) {
  AttackGraph g = named_graph({{"S", 0.0}, {"R", 0.5}, {"A", 1}, {"B", 1}},
                              {{"S", "A", 1.0}, {"R", "A", 0.5}, {"A", "B", 0.0}});
  for (PathMetric m : {PathMetric::Likelihood, PathMetric::Time}) {
    ShortestPathOptions o;
    o.metric = m;
    auto t = shortest_paths_from(g, std::vector<NodeId>{0, 1}, o);
    EXPECT_FALSE(t.reached(0)); // prior 0: S never starts
    EXPECT_TRUE(t.reached(2));
    EXPECT_EQ(g.from(t.edge[2]), 1u);
    EXPECT_FALSE(t.reached(3)); // p = 0
    EXPECT_TRUE(t.path_edges(g, 3).empty());
  }
  auto t = shortest_paths_from(g, std::vector<NodeId>{0, 1});
  EXPECT_NEAR(std::exp(-t.dist[2]), 0.25, 1e-15);
}

TEST(ShortestPaths, SourceReachedMoreLikelyThroughAnotherSource) {
  // Source Y holds with prior 0.1 on its own, but X (prior 1) takes it with p 0.9.
  AttackGraph g = named_graph({{"X", 1}, {"Y", 0.1}, {"T", 1}}, {{"X", "Y", 0.9}, {"Y", "T", 1.0}});
  auto t = shortest_paths_from(g, std::vector<NodeId>{0, 1});
  EXPECT_NEAR(std::exp(-t.dist[2]), 0.9, 1e-15);
  EXPECT_EQ(names(g, t.path_nodes(g, 2)), (std::vector<std::string>{"X", "Y", "T"}));
}

TEST(ShortestPaths, TiesGoToTheLowerNodeId) {
  // Diamond S->{P,Q}->T, all p 0.5: both paths have the same length; the one through the
  // node with the lower id wins, whatever the names.
  for (bool p_first : {true, false}) {
    std::vector<std::pair<const char*, double>> nodes = {{"S", 1}, {"P", 1}, {"Q", 1}, {"T", 1}};
    if (!p_first) std::swap(nodes[1], nodes[2]);
    AttackGraph g = named_graph(nodes, {{"S", "Q", 0.5}, {"S", "P", 0.5}, {"Q", "T", 0.5}, {"P", "T", 0.5}});
    auto t = shortest_paths_from(g, std::vector<NodeId>{g.find("S")});
    EXPECT_EQ(t.path_nodes(g, g.find("T"))[1], NodeId(1));
    auto r = shortest_paths_to(g, g.find("T"));
    EXPECT_EQ(r.path_nodes(g, g.find("S"))[1], NodeId(1));
  }
}

TEST(ShortestPaths, ParallelEdgesUseTheBestThenLowestId) {
  AttackGraph g = named_graph({{"S", 1}, {"T", 1}}, {{"S", "T", 0.4}, {"S", "T", 0.9}, {"S", "T", 0.9}});
  auto t = shortest_paths_from(g, std::vector<NodeId>{0});
  EXPECT_EQ(t.edge[1], EdgeId(1));
  auto r = shortest_paths_to(g, 1);
  EXPECT_EQ(r.edge[0], EdgeId(1));
}

TEST(ShortestPaths, StopAtFinalisesTheStopNode) {
  AttackGraph g = dbca();
  ShortestPathOptions o;
  o.stop_at = g.find("A");
  auto t = shortest_paths_from(g, std::vector<NodeId>{g.find("D")}, o);
  EXPECT_NEAR(std::exp(-t.dist[g.find("A")]), 0.49, 1e-15);
}

TEST(ShortestPaths, BadInputIsRejected) {
  AttackGraph g = dbca();
  EXPECT_THROW(shortest_paths_from(g, std::vector<NodeId>{7}), GraphError);
  EXPECT_THROW(shortest_paths_to(g, 4), GraphError);
  EXPECT_EQ(parse_metric("time"), PathMetric::Time);
  EXPECT_FALSE(parse_metric("fast").has_value());
}

TEST(ShortestPaths, CancellationThrows) {
  AttackGraphBuilder b;
  const std::size_t n = 20000;
  for (std::size_t i = 0; i < n; ++i) b.add_node({"n" + std::to_string(i), NodeKind::Or, 1.0});
  for (std::size_t i = 0; i + 1 < n; ++i) {
    EdgeSpec e;
    e.from = NodeId(i);
    e.to = NodeId(i + 1);
    e.p = 0.99;
    b.add_edge(e);
  }
  AttackGraph g = b.build();
  CancelToken token;
  token.cancel();
  ShortestPathOptions o;
  o.cancel = &token;
  EXPECT_THROW(shortest_paths_from(g, std::vector<NodeId>{0}, o), CancelledError);
  EXPECT_THROW(shortest_paths_to(g, NodeId(n - 1), o), CancelledError);
  CancelToken idle;
  o.cancel = &idle;
  EXPECT_TRUE(shortest_paths_from(g, std::vector<NodeId>{0}, o).reached(NodeId(n - 1)));
}

// Bellman-Ford over edge lists: an implementation sharing nothing with the engine's search.
std::vector<double> bellman_ford(const AttackGraph& g, const std::vector<NodeId>& sources, PathMetric m,
                                 bool reverse) {
  std::vector<double> d(g.node_count(), kInf);
  for (NodeId s : sources) {
    double start = 0.0;
    if (!reverse && m == PathMetric::Likelihood) start = g.prior(s) > 0 ? -std::log(g.prior(s)) : kInf;
    if (!reverse && g.prior(s) == 0.0) start = kInf;
    d[s] = std::min(d[s], start);
  }
  for (std::size_t round = 0; round < g.node_count(); ++round) {
    bool changed = false;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      if (g.p(e) == 0.0) continue;
      const double w = m == PathMetric::Likelihood ? -std::log(g.p(e)) : double(g.ttc_mean(e));
      const NodeId a = reverse ? g.to(e) : g.from(e), b = reverse ? g.from(e) : g.to(e);
      const double cand = d[a] + w;
      if (cand < kInf && (d[b] == kInf || cand < d[b] - 1e-13 * std::max(1.0, d[b]))) {
        d[b] = cand;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}

AttackGraph random_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  RandomStream rng(seed, 0);
  AttackGraphBuilder b;
  for (std::size_t i = 0; i < n; ++i)
    b.add_node(
        {"v" + std::to_string(i), NodeKind::Or, rng.uniform() < 0.3 ? 0.2 + 0.8 * rng.uniform() : 1.0});
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng.next() % n);
    e.to = NodeId(rng.next() % n);
    const double r = rng.uniform();
    e.p = r < 0.05 ? 0.0 : (r < 0.15 ? 1.0 : 0.01 + 0.99 * rng.uniform());
    e.ttc = TtcDistribution::exponential(0.1 + 20 * rng.uniform());
    b.add_edge(e);
  }
  return b.build();
}

TEST(ShortestPaths, RandomGraphsMatchBellmanFord) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::size_t n = 5 + seed * 3, m = n * (1 + seed % 5);
    AttackGraph g = random_graph(seed, n, m);
    std::vector<NodeId> sources = {NodeId(seed % n), NodeId((seed * 7) % n)};
    for (PathMetric metric : {PathMetric::Likelihood, PathMetric::Time}) {
      ShortestPathOptions o;
      o.metric = metric;
      auto t = shortest_paths_from(g, sources, o);
      auto expect = bellman_ford(g, sources, metric, false);
      const NodeId target = NodeId((seed * 13 + 5) % n);
      auto r = shortest_paths_to(g, target, o);
      auto expect_r = bellman_ford(g, {target}, metric, true);
      for (NodeId v = 0; v < n; ++v) {
        ASSERT_EQ(t.reached(v), expect[v] < kInf) << "seed " << seed << " node " << v;
        ASSERT_EQ(r.reached(v), expect_r[v] < kInf) << "seed " << seed << " node " << v;
        if (t.reached(v)) {
          ASSERT_NEAR(t.dist[v], expect[v], 1e-12 * std::max(1.0, expect[v]));
          // The reported path really has the reported length.
          double len =
              metric == PathMetric::Likelihood ? -std::log(g.prior(t.path_nodes(g, v).front())) : 0.0;
          for (EdgeId e : t.path_edges(g, v)) len += edge_weight(g, e, metric);
          ASSERT_NEAR(len, t.dist[v], 1e-12 * std::max(1.0, len));
        }
        if (r.reached(v)) {
          ASSERT_NEAR(r.dist[v], expect_r[v], 1e-12 * std::max(1.0, expect_r[v]));
          auto nodes = r.path_nodes(g, v);
          ASSERT_EQ(nodes.front(), v);
          ASSERT_EQ(nodes.back(), target);
        }
      }
    }
  }
}

} // namespace
} // namespace zonepath
