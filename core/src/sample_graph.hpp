// Internal: the part of an attack graph that Monte Carlo samples can touch, laid out for the
// sampling loops. Nodes are those reachable from the sources (over edges with p > 0) that can
// lead to a target, renumbered in BFS order from the sources so that nodes settled close in
// time sit close in memory; each out-edge carries what a sample reads about it in one 24-byte
// record, its TTC distribution as an index into a table of the distinct distributions (attack
// graphs use few). Built once per run, shared read-only by all threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::detail {

struct SampleEdge {
  NodeId to;            // local id
  std::uint32_t ttc;    // index into SampleGraph::ttc
  std::uint64_t stream; // stream id (StreamIds), the key of the edge's draws
  double p;
};
static_assert(sizeof(SampleEdge) == 24, "compact: the edge array is the main memory stream");

inline constexpr std::uint32_t kAndFlag = 0x80000000u;

struct SampleGraph {
  std::vector<std::uint32_t> out_offset; // local n + 1
  std::vector<SampleEdge> edges;         // grouped by local tail
  std::vector<EdgeId> orig_edge;         // per sampled edge: id in the attack graph
  std::vector<TtcDistribution> ttc;      // distinct TTC distributions
  std::vector<std::uint32_t> info; // per local node: kAndFlag | in-degree (in the full graph), or 0 for OR
  std::vector<std::uint32_t> slot; // per local node: target slot + 1, 0 when not a target
  std::vector<NodeId> orig_node;   // per local node
  std::vector<NodeId> local_of;    // per attack-graph node: local id, kNoNode when absent
  std::vector<NodeId> seeds;       // local ids of the sources that may be held, no duplicates
  std::vector<double> seed_prior;
  std::vector<std::uint64_t> seed_stream;
  std::vector<NodeId> slots;              // attack-graph node of each target slot (distinct targets)
  std::vector<std::uint32_t> target_slot; // per target as given: its slot

  std::size_t node_count() const { return orig_node.size(); }
  bool is_and(NodeId v) const { return info[v] & kAndFlag; }
  std::uint32_t in_degree(NodeId v) const { return info[v] & ~kAndFlag; }
};

// Every in-edge of a kept AND node still counts in its in-degree, so an AND node with a
// prerequisite outside the kept part (never reached) can never complete, as it should.
SampleGraph make_sample_graph(const AttackGraph& g, std::span<const NodeId> sources,
                              std::span<const NodeId> targets);

} // namespace zonepath::detail
