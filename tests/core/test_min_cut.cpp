// Min-cut: hand-computed cuts and random graphs against brute force over every edge or node
// subset written here.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/min_cut.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath {
namespace {

struct CutEdge {
  const char* from;
  const char* to;
  double p;
  double cost;
};

AttackGraph make_cut_graph(const std::vector<const char*>& nodes, const std::vector<CutEdge>& edges) {
  AttackGraphBuilder b;
  for (const char* name : nodes) b.add_node({name, NodeKind::Or, 1.0});
  auto id = [&](const char* n) {
    return NodeId(
        std::find_if(nodes.begin(), nodes.end(), [&](const char* x) { return std::string(x) == n; }) -
        nodes.begin());
  };
  for (const CutEdge& e : edges) {
    EdgeSpec s;
    s.from = id(e.from);
    s.to = id(e.to);
    s.p = e.p;
    s.cost = e.cost;
    b.add_edge(s);
  }
  return b.build();
}

std::vector<std::string> edge_names(const AttackGraph& g, const std::vector<EdgeId>& es) {
  std::vector<std::string> out;
  for (EdgeId e : es) out.push_back(g.name(g.from(e)) + g.name(g.to(e)));
  return out;
}

TEST(MinCut, DesignExampleWithCosts) {
  // D->B 3, D->C 1, B->A 1, C->A 2: cheapest is {D->C, B->A} = 2.
  AttackGraph g =
      make_cut_graph({"D", "B", "C", "A"},
                     {{"D", "B", 0.85, 3}, {"D", "C", 0.7, 1}, {"B", "A", 0.65, 1}, {"C", "A", 1.0, 2}});
  auto cut = min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{3});
  EXPECT_DOUBLE_EQ(cut.cost, 2.0);
  EXPECT_EQ(edge_names(g, cut.edges), (std::vector<std::string>{"DC", "BA"}));
  EXPECT_EQ(cut.source_side, (std::vector<NodeId>{0, 1}));
}

TEST(MinCut, ChoosesTheCutNearestTheSources) {
  AttackGraph g = make_cut_graph({"S", "M", "T"}, {{"S", "M", 0.5, 1}, {"M", "T", 0.5, 1}});
  auto cut = min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{2});
  EXPECT_EQ(edge_names(g, cut.edges), (std::vector<std::string>{"SM"}));
}

TEST(MinCut, NodeCutSplitsNodesAndSparesTerminals) {
  // Two disjoint routes S->A->T and S->B->C->T plus a shortcut A->C: removing A and C (or A
  // and B) costs 2 with unit costs; with cost(C) = 5 the answer is {A, B}.
  AttackGraph g = make_cut_graph({"S", "A", "B", "C", "T"}, {{"S", "A", 1, 1},
                                                             {"S", "B", 1, 1},
                                                             {"B", "C", 1, 1},
                                                             {"C", "T", 1, 1},
                                                             {"A", "T", 1, 1},
                                                             {"A", "C", 1, 1}});
  MinCutOptions o;
  o.mode = CutMode::Nodes;
  o.node_cost = {100, 1, 1, 5, 100};
  auto cut = min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{4}, o);
  EXPECT_DOUBLE_EQ(cut.cost, 2.0);
  EXPECT_EQ(cut.nodes, (std::vector<NodeId>{1, 2}));
  EXPECT_TRUE(cut.edges.empty());
  o.node_cost = {};
  EXPECT_DOUBLE_EQ(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{4}, o).cost, 2.0);
}

TEST(MinCut, ImpossibleStepsNeedNoCutAndUnreachableTargetsCostNothing) {
  AttackGraph g =
      make_cut_graph({"S", "A", "T", "U"}, {{"S", "A", 0.0, 1}, {"A", "T", 1, 1}, {"S", "T", 0.5, 4}});
  auto cut = min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{2});
  EXPECT_EQ(edge_names(g, cut.edges), (std::vector<std::string>{"ST"}));
  EXPECT_DOUBLE_EQ(cut.cost, 4.0);
  auto none = min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{3});
  EXPECT_EQ(none.cost, 0.0);
  EXPECT_TRUE(none.edges.empty());
}

TEST(MinCut, InfeasibleAndBadInput) {
  AttackGraph g = make_cut_graph({"S", "T"}, {{"S", "T", 0.5, 1}});
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{0}), AnalysisError);
  MinCutOptions o;
  o.mode = CutMode::Nodes;
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{1}, o), AnalysisError);
  o.node_cost = {1.0};
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{1}, o), GraphError);
  o.node_cost = {1.0, -1.0};
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{1}, o), GraphError);
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{5}, std::vector<NodeId>{1}), GraphError);
  CancelToken token;
  token.cancel();
  MinCutOptions c;
  c.cancel = &token;
  EXPECT_THROW(min_cut(g, std::vector<NodeId>{0}, std::vector<NodeId>{1}, c), CancelledError);
}

bool connected(const AttackGraph& g, const std::vector<NodeId>& s, const std::vector<NodeId>& t,
               const std::vector<char>& edge_gone, const std::vector<char>& node_gone) {
  std::vector<char> seen(g.node_count(), 0);
  std::vector<NodeId> stack(s.begin(), s.end());
  for (NodeId v : s) seen[v] = 1;
  while (!stack.empty()) {
    NodeId u = stack.back();
    stack.pop_back();
    if (std::find(t.begin(), t.end(), u) != t.end()) return true;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      NodeId v = g.to(e);
      if (g.p(e) == 0.0 || edge_gone[e] || node_gone[v] || seen[v]) continue;
      seen[v] = 1;
      stack.push_back(v);
    }
  }
  return false;
}

TEST(MinCut, RandomGraphsMatchBruteForce) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    RandomStream rng(seed, 7);
    const std::size_t n = 5 + seed % 4, m = 8 + seed % 7;
    AttackGraphBuilder b;
    for (std::size_t i = 0; i < n; ++i) b.add_node({"v" + std::to_string(i), NodeKind::Or, 1.0});
    for (std::size_t i = 0; i < m; ++i) {
      EdgeSpec e;
      e.from = NodeId(rng.next() % n);
      e.to = NodeId(rng.next() % n);
      e.p = rng.uniform() < 0.1 ? 0.0 : 0.5;
      e.cost = double(rng.next() % 6); // zero-cost edges must still be cut
      b.add_edge(e);
    }
    AttackGraph g = b.build();
    std::vector<NodeId> s = {0}, t = {NodeId(n - 1)};
    if (seed % 2) s.push_back(1);
    if (seed % 3 == 0) t.push_back(NodeId(n - 2));
    std::vector<double> node_cost(n);
    for (auto& c : node_cost) c = double(1 + rng.next() % 4);

    // Edge cut: every subset of edges.
    double best = std::numeric_limits<double>::infinity();
    const std::vector<char> no_nodes(n, 0);
    for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
      std::vector<char> gone(m, 0);
      double c = 0;
      for (std::size_t e = 0; e < m; ++e)
        if (mask >> e & 1) gone[e] = 1, c += g.cost(EdgeId(e));
      if (c < best && !connected(g, s, t, gone, no_nodes)) best = c;
    }
    auto cut = min_cut(g, s, t);
    ASSERT_NEAR(cut.cost, best, 1e-9) << "seed " << seed;
    std::vector<char> gone(m, 0);
    for (EdgeId e : cut.edges) gone[e] = 1;
    ASSERT_FALSE(connected(g, s, t, gone, no_nodes)) << "seed " << seed;

    // Node cut: every subset of non-terminal nodes, unless a source attacks a target directly.
    bool direct = false;
    for (EdgeId e = 0; e < m; ++e)
      direct |= g.p(e) > 0 && g.from(e) != g.to(e) && std::count(s.begin(), s.end(), g.from(e)) &&
                std::count(t.begin(), t.end(), g.to(e));
    MinCutOptions o;
    o.mode = CutMode::Nodes;
    o.node_cost = node_cost;
    if (direct) {
      EXPECT_THROW(min_cut(g, s, t, o), AnalysisError);
      continue;
    }
    double best_nodes = std::numeric_limits<double>::infinity();
    const std::vector<char> no_edges(m, 0);
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
      std::vector<char> removed(n, 0);
      double c = 0;
      bool ok = true;
      for (NodeId v = 0; v < n; ++v)
        if (mask >> v & 1) {
          ok &= !std::count(s.begin(), s.end(), v) && !std::count(t.begin(), t.end(), v);
          removed[v] = 1, c += node_cost[v];
        }
      if (ok && c < best_nodes && !connected(g, s, t, no_edges, removed)) best_nodes = c;
    }
    auto ncut = min_cut(g, s, t, o);
    ASSERT_NEAR(ncut.cost, best_nodes, 1e-9) << "seed " << seed;
    ++checked;
  }
  EXPECT_GT(checked, 30);
}

} // namespace
} // namespace zonepath
