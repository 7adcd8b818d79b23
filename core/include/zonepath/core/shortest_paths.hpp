// Most likely and fastest paths: multi-source Dijkstra over the CSR attack graph, forward
// (from a set of sources to every node) and reverse (from every node to one target, searched
// from the target over incoming edges).
//
// Path semantics: a path is one chain of attack steps. AND nodes are searched like OR nodes
// here (a single chain cannot show that several preconditions hold); the joint requirement of
// AND nodes is what the reach-probability and simulation analyses account for.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"

namespace zonepath {

// What a path length measures.
//  Likelihood: sum of -ln p over the steps (shortest = most likely), plus -ln prior of the
//              start when priors apply. Probability = exp(-length).
//  Time:       sum of the mean time-to-compromise of the steps, in days (shortest = fastest).
// Under both metrics an edge with p = 0 is never taken (the step cannot succeed), and a
// source with prior 0 never starts a path.
enum class PathMetric : std::uint8_t { Likelihood, Time };

const char* metric_name(PathMetric m); // "likelihood" | "time"
std::optional<PathMetric> parse_metric(std::string_view name);

// Length of one edge under a metric; +inf for edges that are never taken.
double edge_weight(const AttackGraph& g, EdgeId e, PathMetric m);
// Start length of a path beginning at source s: -ln prior(s) for Likelihood with priors, 0
// for Time (or without priors); +inf when s has prior 0.
double source_weight(const AttackGraph& g, NodeId s, PathMetric m, bool apply_priors);

struct ShortestPathOptions {
  PathMetric metric = PathMetric::Likelihood;
  bool apply_priors = true;            // forward search: sources start at source_weight()
  NodeId stop_at = kNoNode;            // stop as soon as this node's distance is final
  const CancelToken* cancel = nullptr; // polled every few thousand settled nodes
};

// Result of one search. Ties are broken deterministically: nodes settle in (distance, node id)
// order, and a node keeps the first edge that reached it with its final distance (edges are
// scanned in id order), so the same graph always yields the same tree.
struct ShortestPathTree {
  PathMetric metric = PathMetric::Likelihood;
  bool reverse = false;
  // forward: length of a best path from a source to v (including the source's start length);
  // reverse: length of a best path from v to the target (no prior included). +inf: no path.
  std::vector<double> dist;
  // forward: last edge of a best path into v; reverse: first edge of a best path out of v.
  // kNoEdge at the roots and at unreached nodes.
  std::vector<EdgeId> edge;

  bool reached(NodeId v) const;
  // Edges of the best path, in walking order: forward from its source to v, reverse from v to
  // the target. Empty when v is a root or unreached.
  std::vector<EdgeId> path_edges(const AttackGraph& g, NodeId v) const;
  // Nodes of that path, in walking order (just {v} at a root, empty when unreached).
  std::vector<NodeId> path_nodes(const AttackGraph& g, NodeId v) const;
};

// Best paths from any of `sources` to every node. Throws GraphError for a source out of range,
// CancelledError when the token fires.
ShortestPathTree shortest_paths_from(const AttackGraph& g, std::span<const NodeId> sources,
                                     const ShortestPathOptions& opt = {});

// Best paths from every node to `target` (one pass over incoming edges). Priors are not
// included in dist; the best start among sources S is argmin over s of
// source_weight(s) + dist[s]. `apply_priors` is ignored.
ShortestPathTree shortest_paths_to(const AttackGraph& g, NodeId target, const ShortestPathOptions& opt = {});

} // namespace zonepath
