// Minimum cut between attack sources and targets: the cheapest set of edges (or of nodes)
// whose removal leaves no path from any source to any target. Max-flow by Boost.Graph's
// Boykov-Kolmogorov algorithm on a compact CSR flow network with a super source and a super
// sink (linked to the sources and targets by uncuttable arcs).
//
// Semantics:
//  - Only edges with p > 0 are attack steps; edges with p = 0 need no cutting and are left out.
//  - Only the part of the graph on some source-to-target path enters the flow network (nodes
//    reachable from a source that also reach a target), which changes nothing in the answer.
//  - AND nodes are treated like OR nodes: the cut breaks every path, which is sufficient (and
//    possibly more than needed) to protect a target whose access needs all AND preconditions.
//  - The cut returned is the one nearest to the sources: its source side is exactly the set
//    reachable from the sources in the residual network of a maximum flow, which is unique
//    whatever flow the solver found, so the answer is deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"

namespace zonepath {

enum class CutMode : std::uint8_t {
  Edges, // remove edges; capacity of edge e = AttackGraph::cost(e)
  Nodes  // remove nodes (each split into in -> out with the node's cost); edges uncuttable;
         // sources and targets are never removed
};

struct MinCutOptions {
  CutMode mode = CutMode::Edges;
  // Nodes mode: cost of removing each node, indexed by NodeId (size node_count(), finite,
  // >= 0). Empty: every node costs 1.
  std::vector<double> node_cost;
  // Polled between the phases (pruning, network build, max-flow, cut extraction); the
  // Boykov-Kolmogorov solver itself runs to completion once started.
  const CancelToken* cancel = nullptr;
  // Counts kMinCutSteps steps (network built, max-flow solved, cut extracted) into the caller's
  // current phase: the solver itself cannot report from inside, so the steps are the count.
  ProgressReporter* progress = nullptr;
};

inline constexpr std::uint64_t kMinCutSteps = 3;

struct MinCutResult {
  double cost = 0.0;         // sum of the costs of the cut edges / nodes
  std::vector<EdgeId> edges; // Edges mode: the cut, ascending ids
  std::vector<NodeId> nodes; // Nodes mode: the cut, ascending ids
  // The source side of the cut, ascending: Edges mode, every node residual-reachable from the
  // sources; Nodes mode, the nodes on source-to-target paths whose in-half is, cut nodes
  // excluded.
  std::vector<NodeId> source_side;
  std::size_t network_vertices = 0; // size of the flow network actually solved
  std::size_t network_arcs = 0;     // including reverse arcs
};

// Keeps the flow network's buffers between calls: repeated cuts on one graph (what-if and
// planning loops) then allocate nothing. Not thread-safe: one solver per thread.
class MinCutSolver {
public:
  explicit MinCutSolver(const AttackGraph& g);
  ~MinCutSolver();
  MinCutSolver(const MinCutSolver&) = delete;
  MinCutSolver& operator=(const MinCutSolver&) = delete;
  // See min_cut().
  MinCutResult solve(std::span<const NodeId> sources, std::span<const NodeId> targets,
                     const MinCutOptions& opt = {});

private:
  struct Workspace;
  MinCutResult solve_edges(std::span<const NodeId> sources, std::span<const NodeId> targets,
                           const MinCutOptions& opt);
  MinCutResult solve_nodes(std::span<const NodeId> sources, std::span<const NodeId> targets,
                           const MinCutOptions& opt);
  const AttackGraph& g_;
  std::unique_ptr<Workspace> ws_;
};

// Throws GraphError for ids out of range or a bad node_cost vector, AnalysisError when no
// finite cut exists (a source is a target, or in Nodes mode an edge links a source directly
// to a target), CancelledError when the token fires.
MinCutResult min_cut(const AttackGraph& g, std::span<const NodeId> sources, std::span<const NodeId> targets,
                     const MinCutOptions& opt = {});

} // namespace zonepath
