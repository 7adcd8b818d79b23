// Absorbing Markov chain view of an attack: an attacker random walk that may give up.
//
// At a non-target node u whose out-edges with p > 0 have total weight W(u) = sum p(e), one
// step of the walk is:
//   - with probability g (give_up) the attacker gives up (absorbed in "gave up");
//   - otherwise it picks out-edge e with probability p(e) / W(u) and attempts it: with
//     probability p(e) it moves to to(e), otherwise it stays at u.
// Transition probabilities (parallel edges add up; a self-loop keeps the walk at u):
//   P(u -> v)      = (1 - g) * sum over edges e: u -> v of p(e)^2 / W(u)
//   P(u -> u)      = (1 - g) * (1 - sum over out-edges e of p(e)^2 / W(u)) + self-loops
//   P(u -> gave up) = g
// Targets absorb, and so do dead ends (non-target nodes without an out-edge with p > 0).
// Every attempt counts as one step. With Q the transient-to-transient block and R the
// transient-to-absorbing block, absorption probabilities are B = (I - Q)^-1 R and expected
// steps t = (I - Q)^-1 1.
//
// The walk starts at one source chosen with probability prior(s) / sum of the priors. The
// weighted answer needs one solve of (I - Q)^T y = pi whatever the number of targets: y is the
// expected number of visits to each transient node, B_pi = y^T R and steps = sum(y). Per-source
// rows solve (I - Q) X = [R | 1] in addition. AND nodes are walked like OR nodes (a random walk
// holds one position at a time).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"

namespace zonepath {

struct MarkovOptions {
  double give_up = 0.05;               // g, within [0, 1]; g = 0 may leave no absorption
  std::size_t iterative_above = 20000; // transient states above which BiCGSTAB replaces SparseLU
  double tolerance = 1e-12;            // BiCGSTAB relative residual
  std::size_t max_iterations = 20000;  // BiCGSTAB
  bool per_source = false;             // also compute one row per source
  const CancelToken* cancel = nullptr; // polled between solver phases / iteration chunks
};

struct MarkovRow {
  std::vector<double> absorption; // per target, in the order given
  double gave_up = 0.0;
  double dead_end = 0.0;
  double expected_steps = 0.0;
};

struct MarkovResult {
  MarkovRow weighted;                // walk started at a prior-weighted source
  std::vector<NodeId> sources;       // per_source: the sources (deduplicated, prior > 0)
  std::vector<MarkovRow> per_source; // per_source: one row each
  std::string solver;                // "sparse-lu", "bicgstab" or "none" (nothing transient)
  std::size_t transient_states = 0;
  std::size_t iterations = 0; // BiCGSTAB iterations (last solve)
  double residual = 0.0;      // BiCGSTAB estimated relative error (last solve)
};

// Throws GraphError for ids out of range, AnalysisError for a bad option, sources whose priors
// are all 0, a singular system or a solver that did not converge, CancelledError on cancel.
MarkovResult absorbing_markov_chain(const AttackGraph& g, std::span<const NodeId> sources,
                                    std::span<const NodeId> targets, const MarkovOptions& opt = {});

} // namespace zonepath
