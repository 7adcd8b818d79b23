#include "zonepath/core/shortest_paths.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "search_support.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath {

namespace {

using detail::kInf;
using detail::LikelihoodWeight;
using detail::TimeWeight;

void check_node(const AttackGraph& g, NodeId v, const char* what) {
  if (v >= g.node_count())
    throw GraphError(std::string(what) + " node id " + std::to_string(v) + " out of range");
}

template <class Weight>
void run_forward(const AttackGraph& g, const Weight& w, ShortestPathTree& t, detail::IndexedHeap& heap,
                 NodeId stop_at, const CancelToken* cancel) {
  double* dist = t.dist.data();
  EdgeId* edge = t.edge.data();
  std::uint32_t polls = 0;
  while (!heap.empty()) {
    const auto [d, u] = heap.pop();
    if (u == stop_at) break;
    detail::poll_cancel(polls, cancel);
    // The edges of the next node to settle sit at a random place in the edge arrays: fetch
    // them while this node's edges are relaxed (usually that node is the next one popped).
    if (!heap.empty()) w.prefetch(g.out_begin(heap.top().node));
    const EdgeId end = g.out_end(u);
    for (EdgeId e = g.out_begin(u); e < end; ++e) {
      const double nd = d + w(e);
      const NodeId v = g.to(e);
      if (nd < dist[v]) {
        dist[v] = nd;
        edge[v] = e;
        heap.push_or_decrease(nd, v);
      }
    }
  }
}

template <class Weight>
void run_reverse(const AttackGraph& g, const Weight& w, ShortestPathTree& t, detail::IndexedHeap& heap,
                 NodeId stop_at, const CancelToken* cancel) {
  double* dist = t.dist.data();
  EdgeId* edge = t.edge.data();
  std::uint32_t polls = 0;
  while (!heap.empty()) {
    const auto [d, v] = heap.pop();
    if (v == stop_at) break;
    detail::poll_cancel(polls, cancel);
    if (!heap.empty()) __builtin_prefetch(g.in_edges(heap.top().node).data());
    for (EdgeId e : g.in_edges(v)) {
      const double nd = d + w(e);
      const NodeId u = g.from(e);
      // Strict improvement only: among parallel u->v edges of equal length the lowest id
      // wins, because in_edges(v) lists edges in id order.
      if (nd < dist[u]) {
        dist[u] = nd;
        edge[u] = e;
        heap.push_or_decrease(nd, u);
      }
    }
  }
}

ShortestPathTree make_tree(const AttackGraph& g, PathMetric m, bool reverse) {
  ShortestPathTree t;
  t.metric = m;
  t.reverse = reverse;
  t.dist.assign(g.node_count(), kInf);
  t.edge.assign(g.node_count(), kNoEdge);
  return t;
}

} // namespace

const char* metric_name(PathMetric m) { return m == PathMetric::Time ? "time" : "likelihood"; }

std::optional<PathMetric> parse_metric(std::string_view name) {
  if (name == "likelihood") return PathMetric::Likelihood;
  if (name == "time") return PathMetric::Time;
  return std::nullopt;
}

double edge_weight(const AttackGraph& g, EdgeId e, PathMetric m) {
  return m == PathMetric::Time ? TimeWeight{g}(e) : LikelihoodWeight{g}(e);
}

double source_weight(const AttackGraph& g, NodeId s, PathMetric m, bool apply_priors) {
  const double prior = g.prior(s);
  if (prior <= 0.0) return kInf;
  if (m == PathMetric::Likelihood && apply_priors) return -std::log(prior);
  return 0.0;
}

bool ShortestPathTree::reached(NodeId v) const { return v < dist.size() && dist[v] < kInf; }

std::vector<EdgeId> ShortestPathTree::path_edges(const AttackGraph& g, NodeId v) const {
  std::vector<EdgeId> out;
  if (!reached(v)) return out;
  if (reverse) {
    for (EdgeId e = edge[v]; e != kNoEdge; e = edge[g.to(e)]) out.push_back(e);
  } else {
    for (EdgeId e = edge[v]; e != kNoEdge; e = edge[g.from(e)]) out.push_back(e);
    std::reverse(out.begin(), out.end());
  }
  return out;
}

std::vector<NodeId> ShortestPathTree::path_nodes(const AttackGraph& g, NodeId v) const {
  std::vector<NodeId> out;
  if (!reached(v)) return out;
  auto edges = path_edges(g, v);
  if (edges.empty()) return {v};
  out.push_back(g.from(edges.front()));
  for (EdgeId e : edges) out.push_back(g.to(e));
  return out;
}

ShortestPathTree shortest_paths_from(const AttackGraph& g, std::span<const NodeId> sources,
                                     const ShortestPathOptions& opt) {
  for (NodeId s : sources) check_node(g, s, "source");
  if (opt.stop_at != kNoNode) check_node(g, opt.stop_at, "stop_at");
  ShortestPathTree t = make_tree(g, opt.metric, false);
  detail::IndexedHeap heap(g.node_count());
  for (NodeId s : sources) {
    const double d = source_weight(g, s, opt.metric, opt.apply_priors);
    if (d < t.dist[s]) {
      t.dist[s] = d;
      heap.push_or_decrease(d, s);
    }
  }
  if (opt.metric == PathMetric::Time) run_forward(g, TimeWeight{g}, t, heap, opt.stop_at, opt.cancel);
  else run_forward(g, LikelihoodWeight{g}, t, heap, opt.stop_at, opt.cancel);
  return t;
}

ShortestPathTree shortest_paths_to(const AttackGraph& g, NodeId target, const ShortestPathOptions& opt) {
  check_node(g, target, "target");
  if (opt.stop_at != kNoNode) check_node(g, opt.stop_at, "stop_at");
  ShortestPathTree t = make_tree(g, opt.metric, true);
  detail::IndexedHeap heap(g.node_count());
  t.dist[target] = 0.0;
  heap.push_or_decrease(0.0, target);
  if (opt.metric == PathMetric::Time) run_reverse(g, TimeWeight{g}, t, heap, opt.stop_at, opt.cancel);
  else run_reverse(g, LikelihoodWeight{g}, t, heap, opt.stop_at, opt.cancel);
  return t;
}

} // namespace zonepath
