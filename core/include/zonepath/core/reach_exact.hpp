// Exact probability that a target is reached, for the independent-edge AND/OR semantics of
// docs/engine-reach.md (see monte_carlo.hpp for the sampled estimate of the same quantity).
//
// Method (details in docs/engine-reach.md):
//  1. Prune to the relevant subgraph: nodes that the sources can reach and that can reach the
//     target. A virtual root stands for "held"; each source gets a virtual root edge with
//     p = prior (an uncertain edge when prior < 1).
//  2. Reduce, repeatedly, with rules that are exact for AND and OR heads alike:
//     - contraction: a certain edge root -> v reaches an OR v for sure (v joins the root);
//       into an AND v it is one prerequisite met (the edge is dropped; v joins the root when
//       none is left);
//     - parallel edges u -> v merge: 1 - prod(1 - p) into an OR head, prod(p) into an AND head;
//     - series: a node with exactly one in-edge and one out-edge is bypassed (p multiplied);
//       a node with one certain in-edge is merged into its predecessor;
//     - exact pruning with AND semantics (an AND node with an in-edge that can never fire is
//       dead), self-loops and edges out of the target dropped.
//     Never reduced: the in-edges of an AND node as alternatives, or anything that would
//     treat two events sharing an edge as independent.
//  3. Factoring on the remaining uncertain edges next to the reached set:
//     R = p * R(edge works) + (1 - p) * R(edge fails), reducing again after each choice, with
//     a memo of residual graphs already solved.
// Refused (ExactLimitError) when more than `max_uncertain_edges` uncertain edges remain after
// the first reductions, or when factoring exceeds its step budget.
#pragma once

#include <cstdint>
#include <span>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath {

// The exact method declined the problem as too large; callers may fall back to Monte Carlo.
class ExactLimitError : public AnalysisError {
public:
  using AnalysisError::AnalysisError;
};

struct ExactReachOptions {
  std::size_t max_uncertain_edges = 30;    // after the first reductions
  std::size_t max_relevant_edges = 200000; // after pruning, before reductions
  std::uint64_t max_factoring_steps = 2'000'000;
  const CancelToken* cancel = nullptr; // polled once per factoring step
};

// What the exact method did, for reports ("detail" of `zonepath reach`).
struct ExactReachDetail {
  std::size_t relevant_nodes = 0;  // after pruning to source -> target paths, plus the root
  std::size_t relevant_edges = 0;  // idem, with the virtual prior edges
  std::size_t reduced_edges = 0;   // left after the first round of reductions
  std::size_t uncertain_edges = 0; // 0 < p < 1 among those: the size that factoring faces
  std::uint64_t series = 0;        // series bypasses, over the whole run
  std::uint64_t parallel = 0;      // parallel merges
  std::uint64_t merges = 0;        // nodes merged into a predecessor or into the root
  std::uint64_t factoring_steps = 0;
  std::uint64_t memo_hits = 0;
};

struct ExactReach {
  NodeId target = kNoNode;
  double probability = 0.0;
  ExactReachDetail detail;
};

// Exact reach probability of one target. Throws GraphError on bad ids, ExactLimitError when
// the problem exceeds the limits, CancelledError when cancelled.
ExactReach exact_reach_probability(const AttackGraph& g, std::span<const NodeId> sources, NodeId target,
                                   const ExactReachOptions& options = {});

} // namespace zonepath
