#include "zonepath/core/attack_graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/parallel.hpp"

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

EdgeId AttackGraphBuilder::add_edge(EdgeSpec spec) {
  edges_.push_back(std::move(spec));
  return static_cast<EdgeId>(edges_.size() - 1);
}

void AttackGraphBuilder::reserve(std::size_t nodes, std::size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
}

namespace {

void check_edge(const EdgeSpec& e, std::size_t index, std::size_t n) {
  auto where = "edge " + std::to_string(index) + ": ";
  if (e.from >= n || e.to >= n) throw GraphError(where + "endpoint out of range");
  if (!(e.p >= 0.0 && e.p <= 1.0)) throw GraphError(where + "p must be within [0, 1]");
  if (!(e.cost >= 0.0) || std::isinf(e.cost)) throw GraphError(where + "cost must be finite and >= 0");
  const auto& t = e.ttc;
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
  if (!ok) throw GraphError(where + "invalid " + t.name() + " time-to-compromise parameters");
}

// Interns strings in order of first appearance (deterministic ids).
template <class Index>
std::vector<Index> intern(const std::vector<EdgeSpec>& edges, std::string EdgeSpec::*field,
                          std::vector<std::string>& table, std::size_t max_entries, const char* what) {
  std::unordered_map<std::string, Index> ids;
  table.clear();
  table.emplace_back();
  ids.emplace(std::string{}, Index{0});
  std::vector<Index> out(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const std::string& s = edges[i].*field;
    auto [it, fresh] = ids.try_emplace(s, static_cast<Index>(table.size()));
    if (fresh) {
      if (table.size() >= max_entries)
        throw GraphError("more than " + std::to_string(max_entries - 1) + " distinct " + what +
                         " in one graph");
      table.push_back(s);
    }
    out[i] = it->second;
  }
  return out;
}

// Interns step details the same way; a site's steps share a few hundred distinct details.
std::vector<std::uint32_t> intern_details(const std::vector<EdgeSpec>& edges,
                                          std::vector<StepDetail>& table) {
  std::unordered_map<std::string, std::uint32_t> ids;
  table.assign(1, StepDetail{});
  std::vector<std::uint32_t> out(edges.size(), 0);
  std::string key;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const StepDetailRef& d = edges[i].detail;
    if (d.empty()) continue;
    key.assign(d.means).append(1, '\x1f').append(d.service).append(1, '\x1f').append(d.vulnerability);
    key.append(1, '\x1f').append(std::to_string(d.port));
    auto [it, fresh] = ids.try_emplace(key, static_cast<std::uint32_t>(table.size()));
    if (fresh) {
      if (table.size() >= kNoEdge) throw GraphError("too many distinct step details");
      table.push_back({std::string(d.means), std::string(d.service), d.port, std::string(d.vulnerability)});
    }
    out[i] = it->second;
  }
  return out;
}

} // namespace

AttackGraph AttackGraphBuilder::build() {
  const std::size_t n = nodes_.size(), m = edges_.size();
  if (n >= kNoNode || m >= kNoEdge) throw GraphError("graph too large for 32-bit ids");
  for (const auto& node : nodes_)
    if (!(node.prior >= 0.0 && node.prior <= 1.0))
      throw GraphError("node '" + node.name + "': prior must be within [0, 1]");
  parallel_for_each_index(m, [&](std::size_t i) { check_edge(edges_[i], i, n); });

  AttackGraph g;
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

  auto technique_of = intern<std::uint16_t>(edges_, &EdgeSpec::technique, g.techniques_,
                                            kMaxGraphTechniques + 1, "techniques");
  auto via_of = intern<std::uint32_t>(edges_, &EdgeSpec::via, g.vias_, kNoEdge, "via labels");
  auto detail_of = intern_details(edges_, g.details_);

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
    const EdgeSpec& s = edges_[order[e]];
    g.from_[e] = s.from;
    g.to_[e] = s.to;
    g.p_[e] = s.p;
    g.neg_log_p_[e] = s.p > 0 ? -std::log(s.p) : std::numeric_limits<double>::infinity();
    g.ttc_[e] = s.ttc;
    g.ttc_mean_[e] = static_cast<float>(s.ttc.mean());
    g.cost_[e] = static_cast<float>(s.cost);
    g.technique_[e] = technique_of[order[e]];
    g.via_[e] = via_of[order[e]];
    g.detail_[e] = detail_of[order[e]];
  });

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

  nodes_.clear();
  edges_.clear();
  return g;
}

} // namespace zonepath
