#include "zonepath/core/shortest_paths.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "radix_heap.hpp"
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

// Memory latency, not arithmetic, bounds Dijkstra on large graphs. The queue is a radix heap
// (pushes append to short arrays; no slot index per node), its entries carry the node's
// out_begin, so the edges of the next node to settle are requested while this node's edges
// are relaxed (usually that node is the next one popped) without a first random read of the
// offsets; and the heads' distances are all requested before the compare loop, whose
// unpredictable branches would otherwise wait for them one by one.
template <class Weight>
void run_forward(const AttackGraph& g, const Weight& w, ShortestPathTree& t, detail::RadixHeap& heap,
                 NodeId stop_at, const CancelToken* cancel) {
  double* dist = t.dist.data();
  EdgeId* edge = t.edge.data();
  const std::uint32_t* offset = g.out_offsets().data();
  const NodeId* head = g.edge_targets().data();
  std::uint32_t polls = 0;
  while (!heap.empty()) {
    const detail::HeapEntry settled = heap.pop();
    const NodeId u = settled.node;
    const double d = settled.key;
    if (u == stop_at) break;
    detail::poll_cancel(polls, cancel);
    if (detail::HeapEntry next; heap.peek(next)) {
      w.prefetch(next.aux);
      detail::prefetch(offset + next.node + 1);
    }
    const EdgeId begin = settled.aux;
    const EdgeId end = offset[u + 1];
    for (EdgeId e = begin; e < end; ++e) detail::prefetch(dist + head[e]);
    for (EdgeId e = begin; e < end; ++e) {
      const double nd = d + w(e);
      const NodeId v = head[e];
      if (nd < dist[v]) {
        dist[v] = nd;
        edge[v] = e;
        heap.push(nd, v);
      }
    }
  }
}

// The reverse search reads each incoming edge's tail and length at random places (edge ids
// grouped by head point anywhere), then the tail's distance: three dependent misses per edge.
// They are spread over three nodes: the next node's edge ids are requested while this node is
// relaxed, the tails and lengths behind them at the end of this node, and the tails'
// distances when that node's turn comes, before its compare loop.
template <class Weight>
void run_reverse(const AttackGraph& g, const Weight& w, ShortestPathTree& t, detail::RadixHeap& heap,
                 NodeId stop_at, const CancelToken* cancel) {
  double* dist = t.dist.data();
  EdgeId* edge = t.edge.data();
  const EdgeId* in_edge = g.in_edge_ids().data();
  const std::uint32_t* offset = g.in_offsets().data();
  const NodeId* tail = g.edge_sources().data();
  std::uint32_t polls = 0;
  while (!heap.empty()) {
    const detail::HeapEntry top = heap.pop();
    const double d = top.key;
    const NodeId v = top.node;
    if (v == stop_at) break;
    detail::poll_cancel(polls, cancel);
    const EdgeId* first = in_edge + top.aux;
    const EdgeId* last = in_edge + offset[v + 1];
    for (const EdgeId* e = first; e < last; ++e) detail::prefetch(dist + tail[*e]);
    if (detail::HeapEntry next; heap.peek(next)) {
      detail::prefetch(in_edge + next.aux);
      detail::prefetch(offset + next.node + 1);
    }
    for (const EdgeId* it = first; it < last; ++it) {
      const EdgeId e = *it;
      const double nd = d + w(e);
      const NodeId u = tail[e];
      // Strict improvement only: among parallel u->v edges of equal length the lowest id
      // wins, because in_edges(v) lists edges in id order.
      if (nd < dist[u]) {
        dist[u] = nd;
        edge[u] = e;
        heap.push(nd, u);
      }
    }
    if (detail::HeapEntry next; heap.peek(next)) {
      const EdgeId* next_last = in_edge + offset[next.node + 1];
      for (const EdgeId* e = in_edge + next.aux; e < next_last; ++e) {
        detail::prefetch(tail + *e);
        w.prefetch_length(*e);
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

const char* metric_name(PathMetric m) {
  return m == PathMetric::Time ? "time" : "likelihood";
}

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

bool ShortestPathTree::reached(NodeId v) const {
  return v < dist.size() && dist[v] < kInf;
}

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
  detail::RadixHeap heap(g.node_count(), g.out_offsets().data());
  for (NodeId s : sources) {
    const double d = source_weight(g, s, opt.metric, opt.apply_priors);
    if (d < t.dist[s]) {
      t.dist[s] = d;
      heap.push(d, s);
    }
  }
  if (opt.metric == PathMetric::Time)
    run_forward(g, TimeWeight{g}, t, heap, opt.stop_at, opt.cancel);
  else
    run_forward(g, LikelihoodWeight{g}, t, heap, opt.stop_at, opt.cancel);
  return t;
}

ShortestPathTree shortest_paths_to(const AttackGraph& g, NodeId target, const ShortestPathOptions& opt) {
  check_node(g, target, "target");
  if (opt.stop_at != kNoNode) check_node(g, opt.stop_at, "stop_at");
  ShortestPathTree t = make_tree(g, opt.metric, true);
  detail::RadixHeap heap(g.node_count(), g.in_offsets().data());
  t.dist[target] = 0.0;
  heap.push(0.0, target);
  if (opt.metric == PathMetric::Time)
    run_reverse(g, TimeWeight{g}, t, heap, opt.stop_at, opt.cancel);
  else
    run_reverse(g, LikelihoodWeight{g}, t, heap, opt.stop_at, opt.cancel);
  return t;
}

} // namespace zonepath
