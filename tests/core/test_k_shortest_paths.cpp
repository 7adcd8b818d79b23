// k best simple paths: hand-computed rankings, the tie rule, and random graphs against a brute
// force enumeration of every simple path written here.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/rng.hpp"

#include "named_graph.hpp"

namespace zonepath {
namespace {

using test::named_graph;
using test::NamedEdge;

std::string seq(const AttackGraph& g, const SimplePath& p) {
  std::string out;
  for (NodeId v : p.nodes) out += g.name(v);
  return out;
}

TEST(KShortestPaths, DesignExampleRanksBothPaths) {
  AttackGraph g =
      named_graph({{"D", 0.7}, {"B", 1}, {"C", 1}, {"A", 1}},
                  {{"D", "B", 0.85, 1}, {"D", "C", 0.7, 10}, {"B", "A", 0.65, 2}, {"C", "A", 1.0, 1}});
  const std::vector<NodeId> src = {g.find("D")};
  KShortestOptions o;
  o.k = 5;
  auto paths = k_shortest_paths(g, src, g.find("A"), o);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(seq(g, paths[0]), "DCA");
  EXPECT_NEAR(std::exp(-paths[0].length), 0.49, 1e-15);
  EXPECT_EQ(seq(g, paths[1]), "DBA");
  EXPECT_NEAR(std::exp(-paths[1].length), 0.7 * 0.85 * 0.65, 1e-15);
  o.metric = PathMetric::Time;
  paths = k_shortest_paths(g, src, g.find("A"), o);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(seq(g, paths[0]), "DBA");
  EXPECT_DOUBLE_EQ(paths[0].length, 3.0);
  EXPECT_DOUBLE_EQ(paths[1].length, 11.0);
}

TEST(KShortestPaths, TiesRankByStepsThenNodeIds) {
  // Three equal two-step routes, one equal-probability three-step route (p 1 on the extra
  // step), and a direct edge of the same probability: the direct edge first (fewer steps),
  // then the two-step routes in node id order, then the long one.
  AttackGraph g =
      named_graph({{"S", 1}, {"X", 1}, {"P", 1}, {"Q", 1}, {"R", 1}, {"T", 1}}, {{"S", "R", 0.5},
                                                                                 {"S", "Q", 0.5},
                                                                                 {"S", "P", 0.5},
                                                                                 {"R", "T", 0.5},
                                                                                 {"Q", "T", 0.5},
                                                                                 {"P", "T", 0.5},
                                                                                 {"S", "T", 0.25},
                                                                                 {"S", "X", 1.0},
                                                                                 {"X", "P", 0.5}});
  KShortestOptions o;
  o.k = 10;
  auto paths = k_shortest_paths(g, std::vector<NodeId>{0}, g.find("T"), o);
  std::vector<std::string> got;
  for (auto& p : paths) got.push_back(seq(g, p));
  EXPECT_EQ(got, (std::vector<std::string>{"ST", "SPT", "SQT", "SRT", "SXPT"}));
  for (auto& p : paths) EXPECT_DOUBLE_EQ(p.length, -std::log(0.25));
  // Same answer every time, and k = 1 returns the head of the list.
  o.k = 1;
  EXPECT_EQ(seq(g, k_shortest_paths(g, std::vector<NodeId>{0}, g.find("T"), o)[0]), "ST");
}

TEST(KShortestPaths, ParallelEdgesGiveOnePathWithTheBestEdge) {
  AttackGraph g = named_graph({{"S", 1}, {"T", 1}}, {{"S", "T", 0.3}, {"S", "T", 0.8}});
  KShortestOptions o;
  o.k = 3;
  auto paths = k_shortest_paths(g, std::vector<NodeId>{0}, 1, o);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_NEAR(g.p(paths[0].edges[0]), 0.8, 0);
}

TEST(KShortestPaths, SourceThatIsTheTargetAndPathsThroughSources) {
  // Sources X (prior 1) and T (prior 0.2); T is also the target. X->T (0.9) beats T alone.
  AttackGraph g =
      named_graph({{"X", 1}, {"T", 0.2}, {"M", 1}}, {{"X", "T", 0.9}, {"X", "M", 0.5}, {"M", "T", 0.5}});
  KShortestOptions o;
  o.k = 5;
  auto paths = k_shortest_paths(g, std::vector<NodeId>{0, 1}, 1, o);
  std::vector<std::string> got;
  for (auto& p : paths) got.push_back(seq(g, p));
  EXPECT_EQ(got, (std::vector<std::string>{"XT", "XMT", "T"}));
  EXPECT_NEAR(std::exp(-paths[2].length), 0.2, 1e-15);
  EXPECT_TRUE(paths[2].edges.empty());
}

TEST(KShortestPaths, UnreachableAndEdgeCases) {
  AttackGraph g = named_graph({{"S", 1}, {"T", 1}, {"U", 1}}, {{"S", "T", 0.0}, {"U", "T", 1.0}});
  KShortestOptions o;
  o.k = 4;
  EXPECT_TRUE(k_shortest_paths(g, std::vector<NodeId>{0}, 1, o).empty());
  EXPECT_TRUE(k_shortest_paths(g, std::vector<NodeId>{}, 1, o).empty());
  o.k = 0;
  EXPECT_TRUE(k_shortest_paths(g, std::vector<NodeId>{2}, 1, o).empty());
  EXPECT_THROW(k_shortest_paths(g, std::vector<NodeId>{9}, 1, o), GraphError);
  EXPECT_THROW(k_shortest_paths(g, std::vector<NodeId>{0}, 9, o), GraphError);
}

AttackGraph random_ksp_graph(std::uint64_t seed, std::size_t n, std::size_t m, bool distinct_p) {
  RandomStream rng(seed, 1);
  AttackGraphBuilder b;
  for (std::size_t i = 0; i < n; ++i)
    b.add_node(
        {"v" + std::to_string(i), NodeKind::Or, rng.uniform() < 0.5 ? 0.1 + 0.9 * rng.uniform() : 1.0});
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng.next() % n);
    e.to = NodeId(rng.next() % n);
    // Coarse values make many exact ties; distinct ones test plain ranking.
    e.p = distinct_p ? 0.05 + 0.95 * rng.uniform() : 0.25 * double(1 + rng.next() % 4);
    e.ttc = TtcDistribution::fixed(distinct_p ? 0.5 + 10 * rng.uniform() : double(1 + rng.next() % 3));
    b.add_edge(e);
  }
  return b.build();
}

// Every simple path from the sources to t (one per node sequence, best parallel edge), by DFS.
std::vector<double> all_path_lengths(const AttackGraph& g, const std::vector<NodeId>& sources, NodeId t,
                                     PathMetric m, std::vector<std::vector<NodeId>>* sequences = nullptr) {
  struct Found {
    double len;
    std::vector<NodeId> nodes;
  };
  std::vector<Found> found;
  std::vector<NodeId> stack;
  std::vector<char> on(g.node_count(), 0);
  std::function<void(NodeId, double)> dfs = [&](NodeId u, double len) {
    if (u == t) {
      found.push_back({len, stack});
      return;
    }
    // Best edge to each successor.
    std::vector<std::pair<NodeId, double>> best;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      double w = edge_weight(g, e, m);
      if (!std::isfinite(w)) continue;
      auto it = std::find_if(best.begin(), best.end(), [&](auto& x) { return x.first == g.to(e); });
      if (it == best.end())
        best.push_back({g.to(e), w});
      else
        it->second = std::min(it->second, w);
    }
    for (auto [v, w] : best) {
      if (on[v]) continue;
      on[v] = 1;
      stack.push_back(v);
      dfs(v, len + w);
      stack.pop_back();
      on[v] = 0;
    }
  };
  for (NodeId s : sources) {
    double start = source_weight(g, s, m, true);
    if (!std::isfinite(start)) continue;
    on[s] = 1;
    stack = {s};
    dfs(s, start);
    on[s] = 0;
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.len != b.len) return a.len < b.len;
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
    return a.nodes < b.nodes;
  });
  std::vector<double> out;
  for (auto& f : found) {
    out.push_back(f.len);
    if (sequences) sequences->push_back(f.nodes);
  }
  return out;
}

void check_valid(const AttackGraph& g, const SimplePath& p, const std::vector<NodeId>& sources, NodeId t,
                 PathMetric m) {
  ASSERT_EQ(p.edges.size() + 1, p.nodes.size());
  ASSERT_NE(std::find(sources.begin(), sources.end(), p.nodes.front()), sources.end());
  ASSERT_EQ(p.nodes.back(), t);
  std::set<NodeId> distinct(p.nodes.begin(), p.nodes.end());
  ASSERT_EQ(distinct.size(), p.nodes.size()) << "not simple";
  double len = source_weight(g, p.nodes.front(), m, true);
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    ASSERT_EQ(g.from(p.edges[i]), p.nodes[i]);
    ASSERT_EQ(g.to(p.edges[i]), p.nodes[i + 1]);
    len += edge_weight(g, p.edges[i], m);
  }
  ASSERT_NEAR(len, p.length, 1e-12 * std::max(1.0, len));
}

TEST(KShortestPaths, RandomGraphsMatchBruteForce) {
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::size_t n = 6 + seed % 5, m = n * (2 + seed % 3);
    const bool distinct = seed % 2 == 0;
    AttackGraph g = random_ksp_graph(seed, n, m, distinct);
    std::vector<NodeId> sources = {0};
    if (seed % 3 == 0) sources.push_back(1);
    const NodeId t = NodeId(n - 1);
    for (PathMetric metric : {PathMetric::Likelihood, PathMetric::Time}) {
      KShortestOptions o;
      o.metric = metric;
      o.k = 1 + seed % 12;
      std::vector<std::vector<NodeId>> seqs;
      auto expect = all_path_lengths(g, sources, t, metric, &seqs);
      auto got = k_shortest_paths(g, sources, t, o);
      ASSERT_EQ(got.size(), std::min(o.k, expect.size())) << "seed " << seed;
      std::set<std::vector<NodeId>> distinct_seqs;
      for (std::size_t i = 0; i < got.size(); ++i) {
        check_valid(g, got[i], sources, t, metric);
        ASSERT_NEAR(got[i].length, expect[i], 1e-12 * std::max(1.0, expect[i]))
            << "seed " << seed << " rank " << i;
        if (i > 0) {
          ASSERT_FALSE(path_less(got[i], got[i - 1]));
        }
        distinct_seqs.insert(got[i].nodes);
        ++compared;
      }
      ASSERT_EQ(distinct_seqs.size(), got.size());
      // With distinct weights there are no ties: the exact sequences must match too.
      if (distinct && metric == PathMetric::Likelihood) {
        for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i].nodes, seqs[i]) << "seed " << seed;
      }
    }
  }
  EXPECT_GT(compared, 300);
}

TEST(KShortestPaths, FinderReuseAndSharedTreeGiveTheSameAnswer) {
  AttackGraph g = random_ksp_graph(99, 40, 200, true);
  std::vector<NodeId> sources = {0, 3};
  KShortestOptions o;
  o.k = 6;
  KShortestPathFinder finder(g);
  ShortestPathTree tree = shortest_paths_from(g, sources);
  for (NodeId t = 5; t < 40; t += 3) {
    auto fresh = k_shortest_paths(g, sources, t, o);
    auto reused = finder.find(sources, t, o, &tree);
    ASSERT_EQ(fresh.size(), reused.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      EXPECT_EQ(fresh[i].nodes, reused[i].nodes);
      EXPECT_EQ(fresh[i].length, reused[i].length);
    }
  }
  ShortestPathOptions time;
  time.metric = PathMetric::Time;
  ShortestPathTree wrong = shortest_paths_from(g, sources, time);
  EXPECT_THROW(finder.find(sources, 5, o, &wrong), GraphError);
}

TEST(KShortestPaths, CancellationThrows) {
  AttackGraph g = random_ksp_graph(5, 3000, 30000, true);
  CancelToken token;
  token.cancel();
  KShortestOptions o;
  o.k = 50;
  o.cancel = &token;
  EXPECT_THROW(k_shortest_paths(g, std::vector<NodeId>{0}, 2999, o), CancelledError);
}

} // namespace
} // namespace zonepath

// The path listing shared by the `paths` command and the reports: merging of waypoint steps.
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/path_listing.hpp"

namespace zonepath {
namespace {

TEST(PathListing, WaypointsAreHiddenAndTheirStepsMerged) {
  // a -> z1 -> b -> z2 -> z3 -> c, where z1, z2, z3 are waypoints (zone networks).
  AttackGraphBuilder b;
  for (const char* n : {"a", "z1", "b", "z2", "z3", "c"})
    b.add_node({n, NodeKind::Or, n[0] == 'a' ? 0.5 : 1.0});
  auto add = [&](NodeId u, NodeId v, double p, double ttc, const char* tech, const char* via) {
    EdgeSpec e;
    e.from = u;
    e.to = v;
    e.p = p;
    e.ttc = TtcDistribution::fixed(ttc);
    e.technique = tech;
    e.via = via;
    b.add_edge(e);
  };
  add(0, 1, 0.9, 1, "T0886", "ent");
  add(1, 2, 0.5, 2, "T0866", "fw-1");
  add(2, 3, 0.8, 4, "T0859", "cell");
  add(3, 4, 1.0, 8, "", "fw-2");
  add(4, 5, 0.25, 16, "T0843", "cell-2");
  AttackGraph g = b.build();
  const std::vector<std::uint8_t> waypoint = {0, 1, 0, 1, 1, 0};
  SimplePath path;
  path.nodes = {0, 1, 2, 3, 4, 5};
  path.edges = {0, 1, 2, 3, 4};
  path.length = 1.5;
  auto listed = list_path(g, waypoint, path, 5, 2);
  EXPECT_EQ(listed.nodes, (std::vector<NodeId>{0, 2, 5}));
  ASSERT_EQ(listed.steps.size(), 2u);
  EXPECT_DOUBLE_EQ(listed.steps[0].p, 0.45);
  EXPECT_DOUBLE_EQ(listed.steps[0].cost, -std::log(0.9) - std::log(0.5));
  EXPECT_DOUBLE_EQ(listed.steps[0].ttc_mean, 3.0);
  EXPECT_EQ(listed.steps[0].technique, "T0866"); // of the last merged edge
  EXPECT_EQ(listed.steps[0].via, "fw-1");
  EXPECT_DOUBLE_EQ(listed.steps[1].p, 0.2);
  EXPECT_DOUBLE_EQ(listed.steps[1].ttc_mean, 28.0);
  EXPECT_EQ(listed.steps[1].technique, "T0843");
  EXPECT_EQ(listed.steps[1].via, "cell-2");
  EXPECT_DOUBLE_EQ(listed.probability, 0.5 * 0.45 * 0.2);
  EXPECT_NEAR(listed.cost, -std::log(0.45 * 0.2), 1e-14);
  EXPECT_DOUBLE_EQ(listed.ttc_mean_days, 31.0);

  auto j = path_to_json(g, listed);
  EXPECT_EQ(j["nodes"], nlohmann::json({"a", "b", "c"}));
  EXPECT_EQ(j["rank"], 2);
  EXPECT_EQ(j["target"], "c");
  EXPECT_EQ(j["steps"][0], nlohmann::json({{"from", "a"},
                                           {"to", "b"},
                                           {"via", "fw-1"},
                                           {"p", 0.45},
                                           {"technique", "T0866"},
                                           {"ttc_mean", 3.0}}));

  // A path that starts or ends at a waypoint keeps that end.
  SimplePath from_zone{{1, 2, 3}, {1, 2}, 0.0};
  auto z = list_path(g, waypoint, from_zone);
  EXPECT_EQ(z.nodes, (std::vector<NodeId>{1, 2, 3}));
  EXPECT_EQ(z.target, 3u);
  // Without waypoints every node is listed, one step per edge.
  auto all = list_path(g, {}, path);
  EXPECT_EQ(all.nodes, path.nodes);
  EXPECT_EQ(all.steps.size(), 5u);
  EXPECT_NE(path_to_text(g, listed).find("a -> b -> c"), std::string::npos);
}

} // namespace
} // namespace zonepath

namespace zonepath {
namespace {

// ranked_paths runs the targets in parallel when k > 1: the listing must be the same for one
// and two threads, and each target's rows must be that target's own k best paths (the
// single-target search, a second way to the same answer), best first overall.
TEST(PathListing, RankedPathsAreEachTargetsKBestForAnyThreadCount) {
  for (std::uint64_t seed : {3u, 17u}) {
    const bool distinct = seed == 17;
    AttackGraph g = random_ksp_graph(seed, 300, 1500, distinct);
    const std::vector<NodeId> sources = {0, 1};
    std::vector<NodeId> targets;
    for (NodeId t = 2; t < 300; t += 7) targets.push_back(t);
    for (const std::size_t k : {std::size_t{1}, std::size_t{4}}) {
      RankedPaths one, two;
      {
        ThreadLimit limit(1);
        one = ranked_paths(g, {}, sources, targets, k, PathMetric::Likelihood);
      }
      {
        ThreadLimit limit(2);
        two = ranked_paths(g, {}, sources, targets, k, PathMetric::Likelihood);
      }
      EXPECT_EQ(ranked_paths_to_json(g, one).dump(), ranked_paths_to_json(g, two).dump());
      KShortestOptions o;
      o.k = k;
      std::size_t rows = 0;
      for (std::size_t ti = 0; ti < targets.size(); ++ti) {
        const auto own = k_shortest_paths(g, sources, targets[ti], o);
        std::vector<const ListedPath*> listed;
        for (const ListedPath& p : two.paths)
          if (p.target == targets[ti]) listed.push_back(&p);
        ASSERT_EQ(listed.size(), own.size()) << "target " << targets[ti];
        for (std::size_t r = 0; r < own.size(); ++r) {
          EXPECT_EQ(listed[r]->rank, r + 1);
          EXPECT_EQ(listed[r]->nodes, own[r].nodes);
          EXPECT_EQ(listed[r]->length, own[r].length);
        }
        const bool unreachable =
            std::find(two.unreachable.begin(), two.unreachable.end(), targets[ti]) != two.unreachable.end();
        EXPECT_EQ(unreachable, own.empty());
        rows += own.size();
      }
      EXPECT_EQ(two.paths.size(), rows);
      EXPECT_GT(rows, targets.size() * (k == 1 ? 1 : 2) / 2); // most targets are reached
      for (std::size_t i = 1; i < two.paths.size(); ++i)
        EXPECT_LE(two.paths[i - 1].length, two.paths[i].length);
    }
  }
}

} // namespace
} // namespace zonepath
