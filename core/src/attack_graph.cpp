#include "zonepath/core/attack_graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/parallel.hpp"

#include "attack_graph_checks.hpp"

namespace zonepath {

NodeId AttackGraph::find(std::string_view name) const {
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                             [&](NodeId a, std::string_view n) { return name_[a] < n; });
  if (it != by_name_.end() && name_[*it] == name) return *it;
  return kNoNode;
}

std::size_t AttackGraph::memory_bytes() const {
  std::size_t bytes = 0;
  auto add = [&](const auto& v) { bytes += v.capacity() * sizeof(v[0]); };
  add(out_offset_);
  add(in_offset_);
  add(in_edge_);
  add(from_);
  add(to_);
  add(p_);
  add(neg_log_p_);
  add(ttc_mean_);
  add(cost_);
  add(ttc_);
  add(technique_);
  add(via_);
  add(detail_);
  add(kind_);
  add(prior_);
  add(name_);
  add(by_name_);
  for (const auto& s : name_) bytes += s.capacity() > 15 ? s.capacity() : 0;
  return bytes;
}

NodeId AttackGraphBuilder::add_node(NodeSpec spec) {
  nodes_.push_back(std::move(spec));
  return static_cast<NodeId>(nodes_.size() - 1);
}

LabelTable::LabelTable() {
  table_.emplace_back();
  ids_.emplace(std::string{}, 0);
}

std::uint32_t LabelTable::intern(std::string_view label) {
  if (label == table_[last_id_]) return last_id_; // consecutive edges mostly share labels
  auto it = ids_.find(label);
  if (it == ids_.end()) {
    if (table_.size() >= kNoEdge) throw GraphError("too many distinct labels in one graph");
    it = ids_.emplace(std::string(label), static_cast<std::uint32_t>(table_.size())).first;
    table_.emplace_back(label);
  }
  last_id_ = it->second;
  return last_id_;
}

std::vector<std::string> LabelTable::release() {
  std::vector<std::string> table = std::move(table_);
  *this = LabelTable();
  return table;
}

std::uint32_t StepDetailTable::intern(const StepDetailRef& d) {
  if (d.empty()) return 0;
  const StepDetail& last = details_[last_];
  if (last.port == d.port && last.means == d.means && last.service == d.service &&
      last.vulnerability == d.vulnerability)
    return last_;
  key_.assign(d.means).append(1, '\x1f').append(d.service).append(1, '\x1f').append(d.vulnerability);
  key_.append(1, '\x1f').append(std::to_string(d.port));
  // keys_ and details_ grow together: entry 0 of both is the empty detail.
  last_ = keys_.intern(key_);
  if (last_ == details_.size())
    details_.push_back({std::string(d.means), std::string(d.service), d.port, std::string(d.vulnerability)});
  return last_;
}

std::vector<StepDetail> StepDetailTable::release() {
  std::vector<StepDetail> table = std::move(details_);
  *this = StepDetailTable();
  return table;
}

EdgeId AttackGraphBuilder::add_edge(const EdgeSpec& spec) {
  PendingEdge e;
  e.p = spec.p;
  e.cost = spec.cost;
  e.from = spec.from;
  e.to = spec.to;
  e.ttc = spec.ttc;
  e.technique = techniques_.intern(spec.technique);
  e.via = vias_.intern(spec.via);
  e.detail = details_.intern(spec.detail);
  edges_.push_back(e);
  return static_cast<EdgeId>(edges_.size() - 1);
}

void AttackGraphBuilder::append_edges(AttackGraphBuilder&& part) {
  if (!part.nodes_.empty()) throw GraphError("append_edges: the part must not add nodes");
  auto remap = [](LabelTable& into, const LabelTable& from) {
    std::vector<std::uint32_t> ids(from.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = into.intern(from.table()[i]);
    return ids;
  };
  const auto technique = remap(techniques_, part.techniques_);
  const auto via = remap(vias_, part.vias_);
  std::vector<std::uint32_t> detail(part.details_.size(), 0);
  for (std::size_t i = 1; i < detail.size(); ++i) {
    const StepDetail& d = part.details_.table()[i];
    detail[i] = details_.intern({d.means, d.service, d.port, d.vulnerability});
  }
  edges_.reserve(edges_.size() + part.edges_.size());
  for (PendingEdge e : part.edges_) {
    e.technique = technique[e.technique];
    e.via = via[e.via];
    e.detail = detail[e.detail];
    edges_.push_back(e);
  }
  part = AttackGraphBuilder();
}

void AttackGraphBuilder::reserve(std::size_t nodes, std::size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
}

namespace {

// PendingEdge and EdgeSpec alike.
template <class Edge> void check_edge(const Edge& e, std::size_t index, std::size_t n) {
  detail::check_edge_values(e.from, e.to, e.p, e.cost, e.ttc, index, n);
}

} // namespace

void detail::check_edge_values(NodeId from, NodeId to, double p, double cost, const TtcDistribution& t,
                               std::size_t index, std::size_t n) {
  // The message is built only on failure: this runs once per edge, millions of times.
  auto fail = [&](const std::string& what) {
    throw GraphError("edge " + std::to_string(index) + ": " + what);
  };
  if (from >= n || to >= n) fail("endpoint out of range");
  if (!(p >= 0.0 && p <= 1.0)) fail("p must be within [0, 1]");
  if (!(cost >= 0.0) || std::isinf(cost)) fail("cost must be finite and >= 0");
  bool ok = std::isfinite(t.a) && std::isfinite(t.b);
  switch (t.kind) {
  case TtcKind::Fixed:
    ok = ok && t.a >= 0;
    break;
  case TtcKind::Exponential:
    ok = ok && t.a > 0;
    break;
  case TtcKind::LogNormal:
    ok = ok && t.b >= 0;
    break;
  case TtcKind::Gamma:
    ok = ok && t.a > 0 && t.b > 0;
    break;
  case TtcKind::Uniform:
    ok = ok && t.a >= 0 && t.b >= t.a;
    break;
  }
  if (!ok) fail("invalid " + std::string(t.name()) + " time-to-compromise parameters");
}

void AttackGraphBuilder::check_nodes() const {
  for (const auto& node : nodes_)
    if (!(node.prior >= 0.0 && node.prior <= 1.0))
      throw GraphError("node '" + node.name + "': prior must be within [0, 1]");
}

void AttackGraphBuilder::take_nodes(AttackGraph& g) {
  const std::size_t n = nodes_.size();
  g.kind_.resize(n);
  g.prior_.resize(n);
  g.name_.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    g.kind_[v] = nodes_[v].kind;
    g.prior_[v] = nodes_[v].prior;
    g.name_[v] = std::move(nodes_[v].name);
  }
  g.by_name_.resize(n);
  std::iota(g.by_name_.begin(), g.by_name_.end(), NodeId{0});
  parallel_sort(g.by_name_.begin(), g.by_name_.end(), [&](NodeId a, NodeId b) {
    return g.name_[a] < g.name_[b] || (g.name_[a] == g.name_[b] && a < b);
  });
  for (std::size_t i = 1; i < n; ++i)
    if (!g.name_[g.by_name_[i]].empty() && g.name_[g.by_name_[i]] == g.name_[g.by_name_[i - 1]])
      throw GraphError("duplicate node name '" + g.name_[g.by_name_[i]] + "'");
  nodes_.clear();
}

void AttackGraphBuilder::fill_adjacency(AttackGraph& g) {
  const std::size_t n = g.node_count(), m = g.to_.size();
  g.out_offset_.assign(n + 1, 0);
  g.in_offset_.assign(n + 1, 0);
  for (std::size_t e = 0; e < m; ++e) {
    ++g.out_offset_[g.from_[e] + 1];
    ++g.in_offset_[g.to_[e] + 1];
  }
  for (std::size_t v = 0; v < n; ++v) {
    g.out_offset_[v + 1] += g.out_offset_[v];
    g.in_offset_[v + 1] += g.in_offset_[v];
  }
  g.in_edge_.resize(m);
  std::vector<std::uint32_t> fill(g.in_offset_.begin(), g.in_offset_.end() - 1);
  for (std::size_t e = 0; e < m; ++e) g.in_edge_[fill[g.to_[e]]++] = static_cast<EdgeId>(e);
}

AttackGraph AttackGraphBuilder::build() {
  const std::size_t n = nodes_.size(), m = edges_.size();
  if (n >= kNoNode || m >= kNoEdge) throw GraphError("graph too large for 32-bit ids");
  check_nodes();
  parallel_for_each_index(m, [&](std::size_t i) { check_edge(edges_[i], i, n); });

  AttackGraph g;
  take_nodes(g);
  g.techniques_ = techniques_.release();
  if (g.techniques_.size() > kMaxGraphTechniques + 1)
    throw GraphError("more than " + std::to_string(kMaxGraphTechniques) +
                     " distinct techniques in one graph");
  g.vias_ = vias_.release();
  g.details_ = details_.release();

  // Order edges by (source, insertion index): stable and thread-count independent.
  std::vector<std::uint32_t> order(m);
  std::iota(order.begin(), order.end(), 0u);
  parallel_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return edges_[a].from < edges_[b].from || (edges_[a].from == edges_[b].from && a < b);
  });

  g.from_.resize(m);
  g.to_.resize(m);
  g.p_.resize(m);
  g.neg_log_p_.resize(m);
  g.ttc_.resize(m);
  g.ttc_mean_.resize(m);
  g.cost_.resize(m);
  g.technique_.resize(m);
  g.via_.resize(m);
  g.detail_.resize(m);
  parallel_for_each_index(m, [&](std::size_t e) {
    const PendingEdge& s = edges_[order[e]];
    g.from_[e] = s.from;
    g.to_[e] = s.to;
    g.p_[e] = s.p;
    g.neg_log_p_[e] = s.p > 0 ? -std::log(s.p) : std::numeric_limits<double>::infinity();
    g.ttc_[e] = s.ttc;
    g.ttc_mean_[e] = static_cast<float>(s.ttc.mean());
    g.cost_[e] = static_cast<float>(s.cost);
    g.technique_[e] = static_cast<std::uint16_t>(s.technique);
    g.via_[e] = s.via;
    g.detail_[e] = s.detail;
  });

  fill_adjacency(g);
  edges_.clear();
  return g;
}

} // namespace zonepath
