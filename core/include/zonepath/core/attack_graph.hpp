// Compact attack graph in compressed sparse row form: edges sorted by source (forward
// adjacency is a contiguous range), plus a reverse index for incoming edges. Immutable once
// built; all per-edge data in parallel arrays so algorithms touch only what they read.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "zonepath/core/ttc.hpp"

namespace zonepath {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
inline constexpr NodeId kNoNode = ~NodeId{0};
inline constexpr EdgeId kNoEdge = ~EdgeId{0};

enum class NodeKind : std::uint8_t { Or, And };

struct NodeSpec {
  std::string name;
  NodeKind kind = NodeKind::Or;
  double prior = 1.0; // probability the node holds on its own when it is a source
};

// What a step uses, so that a path reads without working backwards: the means (threat model
// name), the service it goes through and the vulnerability it exploits. All may be empty.
struct StepDetail {
  std::string means;         // e.g. "known-vulnerability", "remote-service"
  std::string service;       // protocol name, e.g. "rdp"
  std::uint16_t port = 0;    // the service's port, 0 when none or unknown
  std::string vulnerability; // e.g. "CVE-2019-0708"
  bool empty() const { return means.empty() && service.empty() && port == 0 && vulnerability.empty(); }
  bool operator==(const StepDetail&) const = default;
};

// The same as views, as an EdgeSpec carries it: a site graph has millions of edges and a few
// hundred distinct details, so an edge points at strings that AttackGraphBuilder::add_edge
// interns; they need to stay valid only for that call.
struct StepDetailRef {
  std::string_view means, service;
  std::uint16_t port = 0;
  std::string_view vulnerability;
  bool empty() const { return means.empty() && service.empty() && port == 0 && vulnerability.empty(); }
};

struct EdgeSpec {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  double p = 1.0;        // success probability of the step
  TtcDistribution ttc{}; // duration of the step once attempted, in days
  // Views interned by add_edge (valid for that call only): edges outnumber distinct labels by
  // orders of magnitude, and a builder holding strings per edge pages in gigabytes.
  std::string_view technique; // ATT&CK id, may be empty
  std::string_view via;       // conduit / zone / label crossed, may be empty
  double cost = 1.0;          // cost of blocking this edge (min-cut)
  StepDetailRef detail;       // what the step uses; may be empty
};

// Edges as columns in insertion order, their strings already interned in order of first
// appearance (entry 0 of each table: the empty string, the empty detail), as
// AttackGraphBuilder::add_edge interns an EdgeSpec's. Readers that parse straight into arrays (the
// fast graph reader, Python's Graph.from_arrays) fill these instead of one EdgeSpec per edge:
// a third of the memory, and edges already grouped by source (as zonepath writes graph files)
// move into the graph without a copy. All vectors hold one entry per edge.
struct EdgeColumns {
  std::vector<NodeId> from, to;
  std::vector<double> p, cost;
  std::vector<TtcDistribution> ttc;
  std::vector<std::uint16_t> technique; // index into techniques
  std::vector<std::uint32_t> via;       // index into vias
  std::vector<std::uint32_t> detail;    // index into details
  std::vector<std::string> techniques{std::string()}, vias{std::string()};
  std::vector<StepDetail> details{StepDetail{}};
  std::size_t size() const { return from.size(); }
  void reserve(std::size_t m);
  // Appends one edge without text: no technique, via or detail.
  void push_plain(NodeId from, NodeId to, double p, double cost, TtcDistribution ttc);
};

class AttackGraph {
public:
  std::size_t node_count() const { return kind_.size(); }
  std::size_t edge_count() const { return to_.size(); }

  // Outgoing edges of u are the ids [out_begin(u), out_end(u)).
  EdgeId out_begin(NodeId u) const { return out_offset_[u]; }
  EdgeId out_end(NodeId u) const { return out_offset_[u + 1]; }
  // Incoming edges of v, as edge ids.
  std::span<const EdgeId> in_edges(NodeId v) const {
    return {in_edge_.data() + in_offset_[v], in_edge_.data() + in_offset_[v + 1]};
  }
  std::size_t in_degree(NodeId v) const { return in_offset_[v + 1] - in_offset_[v]; }

  NodeId from(EdgeId e) const { return from_[e]; }
  NodeId to(EdgeId e) const { return to_[e]; }
  double p(EdgeId e) const { return p_[e]; }
  double neg_log_p(EdgeId e) const { return neg_log_p_[e]; } // -ln p, +inf when p = 0
  const TtcDistribution& ttc(EdgeId e) const { return ttc_[e]; }
  double ttc_mean(EdgeId e) const { return ttc_mean_[e]; }
  double cost(EdgeId e) const { return cost_[e]; }
  std::string_view technique(EdgeId e) const { return techniques_[technique_[e]]; }
  std::string_view via(EdgeId e) const { return vias_[via_[e]]; }
  const StepDetail& detail(EdgeId e) const { return details_[detail_[e]]; }

  // Whole arrays for hot loops that prefetch ahead: offsets (n + 1, see out_begin and
  // in_edges) and per-edge values indexed by edge id.
  std::span<const std::uint32_t> out_offsets() const { return out_offset_; }
  std::span<const std::uint32_t> in_offsets() const { return in_offset_; }
  std::span<const EdgeId> in_edge_ids() const { return in_edge_; } // grouped by head
  std::span<const NodeId> edge_sources() const { return from_; }
  std::span<const NodeId> edge_targets() const { return to_; }
  std::span<const double> edge_neg_log_p() const { return neg_log_p_; }
  std::span<const double> edge_p() const { return p_; }
  std::span<const float> edge_ttc_mean() const { return ttc_mean_; }

  NodeKind kind(NodeId v) const { return kind_[v]; }
  double prior(NodeId v) const { return prior_[v]; }
  const std::string& name(NodeId v) const { return name_[v]; }
  // Node with this name, or kNoNode. O(log n).
  NodeId find(std::string_view name) const;

  // Approximate heap bytes held, for the memory budget checks.
  std::size_t memory_bytes() const;

private:
  friend class AttackGraphBuilder;

  std::vector<std::uint32_t> out_offset_; // n + 1
  std::vector<std::uint32_t> in_offset_;  // n + 1
  std::vector<EdgeId> in_edge_;           // m, grouped by target
  std::vector<NodeId> from_, to_;         // m
  std::vector<double> p_, neg_log_p_;     // m
  std::vector<float> ttc_mean_, cost_;    // m
  std::vector<TtcDistribution> ttc_;      // m
  std::vector<std::uint16_t> technique_;  // m, index into techniques_
  std::vector<std::uint32_t> via_;        // m, index into vias_
  std::vector<std::uint32_t> detail_;     // m, index into details_
  std::vector<NodeKind> kind_;            // n
  std::vector<double> prior_;             // n
  std::vector<std::string> name_;         // n
  std::vector<NodeId> by_name_;           // n, node ids sorted by name
  std::vector<std::string> techniques_, vias_;
  std::vector<StepDetail> details_;
};

// Transparent hash, so that interning looks up a view without building a string.
struct LabelHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Labels of one kind (techniques, via labels) numbered in order of first appearance, entry 0
// the empty label: the ids every graph builder and reader gives, so that a graph is the same
// bytes whichever path built it.
class LabelTable {
public:
  LabelTable();
  std::uint32_t intern(std::string_view label);
  std::size_t size() const { return table_.size(); }
  const std::vector<std::string>& table() const { return table_; }
  std::vector<std::string> release(); // the table; this one starts again empty

private:
  std::unordered_map<std::string, std::uint32_t, LabelHash, std::equal_to<>> ids_;
  static constexpr std::size_t kRecent = 16;
  struct Recent {
    const char* data = nullptr; // address of the view last interned into this entry
    std::uint32_t id = 0;
  };
  static std::size_t recent_slot(const void* data);

  std::vector<std::string> table_;
  std::uint32_t last_id_ = 0;            // the label interned last: checked before hashing
  std::array<Recent, kRecent> recent_{}; // then the recent ones, by the view's address
};

// Step details numbered the same way, entry 0 the empty detail (id 0 for an empty one).
class StepDetailTable {
public:
  std::uint32_t intern(const StepDetailRef& d);
  std::size_t size() const { return details_.size(); }
  const std::vector<StepDetail>& table() const { return details_; }
  std::vector<StepDetail> release(); // the table; this one starts again empty

private:
  LabelTable keys_; // grows with details_: "means\x1fservice\x1fvulnerability\x1fport"
  static constexpr std::size_t kRecent = 61; // prime: the picks are sums of small products
  std::vector<StepDetail> details_{StepDetail{}};
  std::uint32_t last_ = 0;                      // the detail interned last: compared before building a key
  std::array<std::uint32_t, kRecent> recent_{}; // then the recent ones, by a sketch of the fields
  std::string key_;
};

// Distinct TTC distributions numbered in order of first appearance (bit for bit: -0 and 0 are
// two entries), so that a pending edge holds 4 bytes instead of 12: graphs use few.
class TtcTable {
public:
  std::uint32_t intern(const TtcDistribution& ttc);
  std::size_t size() const { return table_.size(); }
  const TtcDistribution& operator[](std::uint32_t id) const { return table_[id]; }

private:
  using Bits = std::tuple<TtcKind, std::uint32_t, std::uint32_t>; // kind and the parameters' bits
  static Bits bits(const TtcDistribution& ttc);
  std::map<Bits, std::uint32_t> ids_;
  std::vector<TtcDistribution> table_;
  std::uint32_t last_ = 0; // the distribution interned last: compared before hashing
};

// Collects nodes and edges, then builds the CSR arrays in parallel. Edge ids in the built
// graph follow (source node, insertion order), so a graph is the same whatever thread count.
class AttackGraphBuilder {
public:
  NodeId add_node(NodeSpec spec);
  EdgeId add_edge(const EdgeSpec& spec); // returns the insertion index, not the final edge id
  // Moves the edges of `part`, a builder without nodes filled on another thread, to the end of
  // this one in their order, without copying them: labels are re-interned once per distinct
  // label, and the edges' label ids are mapped when build() places them.
  void append_edges(AttackGraphBuilder&& part);
  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return appended_ + edges_.size(); }
  void reserve(std::size_t nodes, std::size_t edges);
  // Gives back the room reserved or grown beyond the edges added: for parts filled on many
  // threads that wait to be appended, whose spare room would otherwise add up.
  void shrink_to_fit();
  // Throws GraphError on bad endpoints, p outside [0,1], negative cost or TTC parameters.
  AttackGraph build();
  // The nodes added and `edges` (no add_edge calls before): the same graph, and the same
  // GraphErrors, as add_edge of each edge in order followed by build().
  AttackGraph build(EdgeColumns edges);

private:
  // An added edge with its labels and TTC distribution interned: 40 bytes, a quarter of an
  // EdgeSpec (a site graph's pending edges wait next to the built graph's columns).
  struct PendingEdge {
    double p = 1.0, cost = 1.0;
    NodeId from = kNoNode, to = kNoNode;
    std::uint32_t ttc = 0, technique = 0, via = 0, detail = 0;
  };
  // Edges in insertion order whose ids may be a part's own: `ttc`, `technique`, `via` and
  // `detail` map them to this builder's ids (empty: already this builder's).
  struct EdgeRun {
    std::vector<PendingEdge> edges;
    std::vector<std::uint32_t> ttc, technique, via, detail;
  };
  void close_run(); // moves the edges added since the last append to runs_
  void check_nodes() const;
  void take_nodes(AttackGraph& g); // names, kinds, priors and the name index
  static void fill_adjacency(AttackGraph& g);

  std::vector<NodeSpec> nodes_;
  std::vector<PendingEdge> edges_; // added by add_edge since the last append
  std::vector<EdgeRun> runs_;      // the edges before them, in order
  std::size_t appended_ = 0;       // edges in runs_
  TtcTable ttcs_;
  LabelTable techniques_, vias_;
  StepDetailTable details_;
};

} // namespace zonepath
