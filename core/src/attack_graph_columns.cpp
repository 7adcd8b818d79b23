// AttackGraphBuilder::build(EdgeColumns): the graph from edge columns, the same as the EdgeSpec
// path builds (edge ids by source node, then insertion order) without an EdgeSpec per edge.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/parallel.hpp"

#include "attack_graph_checks.hpp"

namespace zonepath {

void EdgeColumns::reserve(std::size_t m) {
  from.reserve(m);
  to.reserve(m);
  p.reserve(m);
  cost.reserve(m);
  ttc.reserve(m);
  technique.reserve(m);
  via.reserve(m);
  detail.reserve(m);
}

void EdgeColumns::push_plain(NodeId u, NodeId v, double probability, double blocking_cost,
                             TtcDistribution t) {
  from.push_back(u);
  to.push_back(v);
  p.push_back(probability);
  cost.push_back(blocking_cost);
  ttc.push_back(t);
  technique.push_back(0);
  via.push_back(0);
  detail.push_back(0);
}

namespace {

// Edge order of the built graph: by source, then insertion index (a counting sort, stable by
// construction); empty when the columns are already in that order, the common case of files
// zonepath wrote.
std::vector<std::uint32_t> source_order(const std::vector<NodeId>& from, std::size_t n) {
  if (std::is_sorted(from.begin(), from.end())) return {};
  std::vector<std::uint32_t> next(n + 1, 0);
  for (NodeId u : from) ++next[u + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<std::uint32_t> order(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) order[next[from[i]]++] = static_cast<std::uint32_t>(i);
  return order;
}

// `column` permuted into edge order (moved when the order is the identity).
template <class T> std::vector<T> reorder(std::vector<T>& column, const std::vector<std::uint32_t>& order) {
  if (order.empty()) return std::move(column);
  std::vector<T> out(column.size());
  parallel_for_each_index(out.size(), [&](std::size_t e) { out[e] = column[order[e]]; });
  return out;
}

} // namespace

AttackGraph AttackGraphBuilder::build(EdgeColumns c) {
  const std::size_t n = nodes_.size(), m = c.size();
  if (n >= kNoNode || m >= kNoEdge) throw GraphError("graph too large for 32-bit ids");
  check_nodes();
  parallel_for_each_index(m, [&](std::size_t i) {
    detail::check_edge_values(c.from[i], c.to[i], c.p[i], c.cost[i], c.ttc[i], i, n);
  });

  AttackGraph g;
  take_nodes(g);
  if (c.techniques.size() > kMaxGraphTechniques + 1)
    throw GraphError("more than " + std::to_string(kMaxGraphTechniques) +
                     " distinct techniques in one graph");
  g.techniques_ = std::move(c.techniques);
  g.vias_ = std::move(c.vias);
  g.details_ = std::move(c.details);

  const auto order = source_order(c.from, n);
  g.from_ = reorder(c.from, order);
  g.to_ = reorder(c.to, order);
  g.p_ = reorder(c.p, order);
  g.ttc_ = reorder(c.ttc, order);
  g.technique_ = reorder(c.technique, order);
  g.via_ = reorder(c.via, order);
  g.detail_ = reorder(c.detail, order);
  const auto cost = reorder(c.cost, order);
  g.neg_log_p_.resize(m);
  g.ttc_mean_.resize(m);
  g.cost_.resize(m);
  parallel_for_each_index(m, [&](std::size_t e) {
    g.neg_log_p_[e] = g.p_[e] > 0 ? -std::log(g.p_[e]) : std::numeric_limits<double>::infinity();
    g.ttc_mean_[e] = static_cast<float>(g.ttc_[e].mean());
    g.cost_[e] = static_cast<float>(cost[e]);
  });
  fill_adjacency(g);
  return g;
}

} // namespace zonepath
