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

LabelTable::LabelTable() {
  table_.emplace_back();
  ids_.emplace(std::string{}, 0);
}

// The slot of a view's address among the recently interned: callers pass views of the same
// few strings (a conduit's id, a means' technique) over and over.
std::size_t LabelTable::recent_slot(const void* data) {
  return (reinterpret_cast<std::uintptr_t>(data) >> 3) % kRecent;
}

std::uint32_t LabelTable::intern(std::string_view label) {
  if (label == table_[last_id_]) return last_id_; // consecutive edges mostly share labels
  // The address only picks the entry; the text decides, so a reused buffer cannot mislead.
  Recent& recent = recent_[recent_slot(label.data())];
  if (recent.data == label.data() && label == table_[recent.id]) return last_id_ = recent.id;
  auto it = ids_.find(label);
  if (it == ids_.end()) {
    if (table_.size() >= kNoEdge) throw GraphError("too many distinct labels in one graph");
    it = ids_.emplace(std::string(label), static_cast<std::uint32_t>(table_.size())).first;
    table_.emplace_back(label);
  }
  last_id_ = it->second;
  recent = Recent{label.data(), last_id_};
  return last_id_;
}

std::vector<std::string> LabelTable::release() {
  std::vector<std::string> table = std::move(table_);
  *this = LabelTable();
  return table;
}

std::uint32_t StepDetailTable::intern(const StepDetailRef& d) {
  if (d.empty()) return 0;
  auto same = [&d](const StepDetail& x) {
    return x.port == d.port && x.means == d.means && x.service == d.service &&
           x.vulnerability == d.vulnerability;
  };
  if (same(details_[last_])) return last_;
  // Then the recent details, picked by a few characters of the fields (each asset's services
  // are strings of their own, so their addresses would not repeat); the fields decide.
  auto sketch = [](std::string_view x) {
    return x.empty()
               ? std::size_t{0}
               : x.size() * 131 + static_cast<unsigned char>(x.front()) * 7 +
                     static_cast<unsigned char>(x.back()) + static_cast<unsigned char>(x[x.size() / 2]) * 17;
  };
  const std::size_t pick =
      sketch(d.means) * 3 + sketch(d.service) * 5 + sketch(d.vulnerability) * 11 + d.port;
  std::uint32_t& recent = recent_[pick % kRecent];
  if (same(details_[recent])) return last_ = recent;
  key_.assign(d.means).append(1, '\x1f').append(d.service).append(1, '\x1f').append(d.vulnerability);
  key_.append(1, '\x1f').append(std::to_string(d.port));
  // keys_ and details_ grow together: entry 0 of both is the empty detail.
  last_ = keys_.intern(key_);
  if (last_ == details_.size())
    details_.push_back({std::string(d.means), std::string(d.service), d.port, std::string(d.vulnerability)});
  recent = last_;
  return last_;
}

std::vector<StepDetail> StepDetailTable::release() {
  std::vector<StepDetail> table = std::move(details_);
  *this = StepDetailTable();
  return table;
}

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

} // namespace zonepath
