// AttackGraphBuilder: edges added one by one or appended from parts filled on other threads,
// then placed into the graph's columns by source node (a counting sort, stable by
// construction) straight from where they were added.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/parallel.hpp"

#include "attack_graph_checks.hpp"

namespace zonepath {

TtcTable::Bits TtcTable::bits(const TtcDistribution& ttc) {
  return {ttc.kind, std::bit_cast<std::uint32_t>(ttc.a), std::bit_cast<std::uint32_t>(ttc.b)};
}

std::uint32_t TtcTable::intern(const TtcDistribution& ttc) {
  const Bits key = bits(ttc);
  if (last_ < table_.size() && bits(table_[last_]) == key) return last_; // consecutive edges mostly share one
  auto [it, added] = ids_.try_emplace(key, static_cast<std::uint32_t>(table_.size()));
  if (added) {
    if (table_.size() >= kNoEdge) throw GraphError("too many distinct time-to-compromise distributions");
    table_.push_back(ttc);
  }
  return last_ = it->second;
}

NodeId AttackGraphBuilder::add_node(NodeSpec spec) {
  nodes_.push_back(std::move(spec));
  return static_cast<NodeId>(nodes_.size() - 1);
}

EdgeId AttackGraphBuilder::add_edge(const EdgeSpec& spec) {
  PendingEdge e;
  e.p = spec.p;
  e.cost = spec.cost;
  e.from = spec.from;
  e.to = spec.to;
  e.ttc = ttcs_.intern(spec.ttc);
  e.technique = techniques_.intern(spec.technique);
  e.via = vias_.intern(spec.via);
  e.detail = details_.intern(spec.detail);
  edges_.push_back(e);
  return static_cast<EdgeId>(edge_count() - 1);
}

void AttackGraphBuilder::close_run() {
  if (edges_.empty()) return;
  appended_ += edges_.size();
  runs_.push_back(EdgeRun{std::move(edges_), {}, {}, {}, {}});
  edges_ = {};
}

void AttackGraphBuilder::append_edges(AttackGraphBuilder&& part) {
  if (!part.nodes_.empty()) throw GraphError("append_edges: the part must not add nodes");
  // The part's label ids, then those of runs it took in itself, as this builder's ids.
  auto remap = [](LabelTable& into, const LabelTable& from) {
    std::vector<std::uint32_t> ids(from.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = into.intern(from.table()[i]);
    return ids;
  };
  std::vector<std::uint32_t> ttc(part.ttcs_.size());
  for (std::uint32_t i = 0; i < ttc.size(); ++i) ttc[i] = ttcs_.intern(part.ttcs_[i]);
  const auto technique = remap(techniques_, part.techniques_);
  const auto via = remap(vias_, part.vias_);
  std::vector<std::uint32_t> detail(part.details_.size(), 0);
  for (std::size_t i = 1; i < detail.size(); ++i) {
    const StepDetail& d = part.details_.table()[i];
    detail[i] = details_.intern({d.means, d.service, d.port, d.vulnerability});
  }
  auto compose = [](const std::vector<std::uint32_t>& outer, std::vector<std::uint32_t>& inner) {
    if (inner.empty()) return outer;
    for (auto& id : inner) id = outer[id];
    return std::move(inner);
  };
  part.close_run();
  close_run();
  for (EdgeRun& run : part.runs_) {
    appended_ += run.edges.size();
    runs_.push_back(EdgeRun{std::move(run.edges), compose(ttc, run.ttc), compose(technique, run.technique),
                            compose(via, run.via), compose(detail, run.detail)});
  }
  part = AttackGraphBuilder();
}

void AttackGraphBuilder::reserve(std::size_t nodes, std::size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
}

void AttackGraphBuilder::shrink_to_fit() {
  nodes_.shrink_to_fit();
  edges_.shrink_to_fit();
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

namespace {

// A slice of one run, the unit of the parallel loops: runs range from a few edges (a part of
// the site graph) to all of them (a builder filled by add_edge alone).
struct RunSlice {
  std::size_t run, begin, end;
  std::size_t first; // insertion index of the edge at `begin`
};

template <class Run> std::vector<RunSlice> slices_of(const std::vector<Run>& runs) {
  constexpr std::size_t kSlice = 1 << 16;
  std::vector<RunSlice> out;
  std::size_t first = 0;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::size_t size = runs[r].edges.size();
    for (std::size_t b = 0; b < size; b += kSlice)
      out.push_back({r, b, std::min(size, b + kSlice), first + b});
    first += size;
  }
  return out;
}

std::uint32_t mapped(const std::vector<std::uint32_t>& ids, std::uint32_t id) {
  return ids.empty() ? id : ids[id];
}

} // namespace

AttackGraph AttackGraphBuilder::build() {
  close_run();
  const std::size_t n = nodes_.size(), m = appended_;
  if (n >= kNoNode || m >= kNoEdge) throw GraphError("graph too large for 32-bit ids");
  check_nodes();
  const std::vector<RunSlice> slices = slices_of(runs_);
  ParallelOptions by_slice;
  by_slice.serial_below = 2;
  by_slice.grain = 1;
  parallel_for_each_index(
      slices.size(),
      [&](std::size_t s) {
        const RunSlice& slice = slices[s];
        const auto& edges = runs_[slice.run].edges;
        for (std::size_t i = slice.begin; i < slice.end; ++i) {
          const PendingEdge& e = edges[i];
          detail::check_edge_values(e.from, e.to, e.p, e.cost, ttcs_[mapped(runs_[slice.run].ttc, e.ttc)],
                                    slice.first + i - slice.begin, n);
        }
      },
      by_slice);

  AttackGraph g;
  take_nodes(g);
  g.techniques_ = techniques_.release();
  if (g.techniques_.size() > kMaxGraphTechniques + 1)
    throw GraphError("more than " + std::to_string(kMaxGraphTechniques) +
                     " distinct techniques in one graph");
  g.vias_ = vias_.release();
  g.details_ = details_.release();

  // Each edge's id: by source, then insertion index (one pass in insertion order).
  std::vector<std::uint32_t> next(n + 1, 0);
  for (const EdgeRun& run : runs_)
    for (const PendingEdge& e : run.edges) ++next[e.from + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<EdgeId> id(m);
  std::size_t at = 0;
  for (const EdgeRun& run : runs_)
    for (const PendingEdge& e : run.edges) id[at++] = next[e.from]++;

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
  parallel_for_each_index(
      slices.size(),
      [&](std::size_t s) {
        const RunSlice& slice = slices[s];
        const EdgeRun& run = runs_[slice.run];
        for (std::size_t i = slice.begin; i < slice.end; ++i) {
          const PendingEdge& pe = run.edges[i];
          const EdgeId e = id[slice.first + i - slice.begin];
          g.from_[e] = pe.from;
          g.to_[e] = pe.to;
          g.p_[e] = pe.p;
          g.neg_log_p_[e] = pe.p > 0 ? -std::log(pe.p) : std::numeric_limits<double>::infinity();
          const TtcDistribution& ttc = ttcs_[mapped(run.ttc, pe.ttc)];
          g.ttc_[e] = ttc;
          g.ttc_mean_[e] = static_cast<float>(ttc.mean());
          g.cost_[e] = static_cast<float>(pe.cost);
          g.technique_[e] = static_cast<std::uint16_t>(mapped(run.technique, pe.technique));
          g.via_[e] = mapped(run.via, pe.via);
          g.detail_[e] = mapped(run.detail, pe.detail);
        }
      },
      by_slice);
  runs_.clear();
  appended_ = 0;
  ttcs_ = TtcTable();
  id = {};

  fill_adjacency(g);
  return g;
}

} // namespace zonepath
