// The exact tie rule of the Dijkstra searches (ShortestPathTree): the engine's queue must
// reproduce, bit for bit, a textbook Dijkstra written here with an ordered set as its queue,
// nodes settling in (distance, node id) order and a node keeping the first edge that reached
// it with its final distance. The graphs are built to tie: few distinct step probabilities,
// many p = 1 steps (length 0, so equal distances reach lower node ids after higher ones),
// parallel edges, several sources, stop_at.
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/rng.hpp"
#include "zonepath/core/shortest_paths.hpp"

namespace zonepath {
namespace settle_order_test {

struct Expected {
  std::vector<double> dist;
  std::vector<EdgeId> edge;
};

Expected textbook_dijkstra(const AttackGraph& g, const std::vector<NodeId>& starts, bool reverse,
                           const ShortestPathOptions& opt) {
  const double inf = std::numeric_limits<double>::infinity();
  Expected out{std::vector<double>(g.node_count(), inf), std::vector<EdgeId>(g.node_count(), kNoEdge)};
  std::set<std::pair<double, NodeId>> queue; // ordered by (distance, node id)
  auto improve = [&](NodeId v, double d, EdgeId e) {
    if (!(d < out.dist[v])) return;
    queue.erase({out.dist[v], v});
    out.dist[v] = d;
    out.edge[v] = e;
    queue.insert({d, v});
  };
  for (NodeId s : starts)
    improve(s, reverse ? 0.0 : source_weight(g, s, opt.metric, opt.apply_priors), kNoEdge);
  while (!queue.empty()) {
    const auto [d, u] = *queue.begin();
    queue.erase(queue.begin());
    if (u == opt.stop_at) break;
    if (reverse) {
      for (EdgeId e : g.in_edges(u)) improve(g.from(e), d + edge_weight(g, e, opt.metric), e);
    } else {
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
        improve(g.to(e), d + edge_weight(g, e, opt.metric), e);
    }
  }
  return out;
}

AttackGraph tie_heavy_graph(std::uint64_t seed, std::size_t n, std::size_t m) {
  RandomStream rng(seed, 7);
  AttackGraphBuilder b;
  const double priors[] = {1.0, 1.0, 0.5, 0.25};
  for (std::size_t i = 0; i < n; ++i)
    b.add_node({"n" + std::to_string(i), NodeKind::Or, priors[rng.next() % 4]});
  const double ps[] = {1.0, 1.0, 0.5, 0.25, 0.0};
  const double ttcs[] = {0.0, 1.0, 1.0, 2.0};
  for (std::size_t i = 0; i < m; ++i) {
    EdgeSpec e;
    e.from = NodeId(rng.next() % n);
    e.to = NodeId(rng.next() % n);
    e.p = ps[rng.next() % 5];
    e.ttc = TtcDistribution::fixed(ttcs[rng.next() % 4]);
    b.add_edge(e);
    if (rng.next() % 8 == 0) b.add_edge(e); // a parallel twin
  }
  return b.build();
}

void expect_same_tree(const ShortestPathTree& t, const Expected& want, const std::string& what) {
  ASSERT_EQ(t.dist.size(), want.dist.size());
  for (std::size_t v = 0; v < want.dist.size(); ++v) {
    // Bitwise equal: the same additions in the same order.
    ASSERT_EQ(t.dist[v], want.dist[v]) << what << " node " << v;
    ASSERT_EQ(t.edge[v], want.edge[v]) << what << " node " << v;
  }
}

TEST(ShortestPathOrder, SettleOrderAndTreeEdgesMatchATextbookDijkstra) {
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    const std::size_t n = 2 + seed % 60, m = n * (1 + seed % 6);
    const AttackGraph g = tie_heavy_graph(seed, n, m);
    const std::vector<NodeId> sources = {NodeId(seed % n), NodeId((seed * 5) % n), NodeId((seed * 11) % n)};
    const NodeId target = NodeId((seed * 3 + 1) % n);
    for (PathMetric metric : {PathMetric::Likelihood, PathMetric::Time}) {
      for (NodeId stop : {kNoNode, NodeId((seed * 7) % n)}) {
        ShortestPathOptions o;
        o.metric = metric;
        o.stop_at = stop;
        o.apply_priors = seed % 3 != 0;
        const std::string what = "seed " + std::to_string(seed) + " metric " + metric_name(metric) +
                                 (stop == kNoNode ? "" : " stop " + std::to_string(stop));
        expect_same_tree(shortest_paths_from(g, sources, o), textbook_dijkstra(g, sources, false, o),
                         what + " forward");
        expect_same_tree(shortest_paths_to(g, target, o), textbook_dijkstra(g, {target}, true, o),
                         what + " reverse");
      }
    }
  }
}

TEST(ShortestPathOrder, LargeGraphWithZeroLengthPlateaus) {
  // Big enough that the queue holds thousands of entries at once, with long runs of equal keys.
  const AttackGraph g = tie_heavy_graph(99, 20000, 80000);
  ShortestPathOptions o;
  const std::vector<NodeId> sources = {0, 17, 19999};
  expect_same_tree(shortest_paths_from(g, sources, o), textbook_dijkstra(g, sources, false, o), "forward");
  expect_same_tree(shortest_paths_to(g, 12345, o), textbook_dijkstra(g, {12345}, true, o), "reverse");
  o.metric = PathMetric::Time;
  expect_same_tree(shortest_paths_from(g, sources, o), textbook_dijkstra(g, sources, false, o),
                   "forward time");
}

} // namespace settle_order_test
} // namespace zonepath
