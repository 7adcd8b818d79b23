// Monte Carlo time-to-compromise simulation (MAL / securiCAD style): in each sample every
// edge succeeds with its p and, when it does, takes a duration drawn from its TTC
// distribution; the attacker starts every step as soon as its tail is compromised.
// Compromise times are the earliest arrival times: Dijkstra for OR nodes, and for an AND node
// the latest of its prerequisites (all its in-edges must succeed). Sources are compromised at
// time 0 when held (prior). Aggregates per target and the criticality of edges.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/wilson.hpp"

namespace zonepath {

struct TtcSimulationOptions {
  std::uint64_t samples = 1000;
  std::uint64_t seed = 1;
  std::optional<double> horizon_days;  // adds P(compromised within the horizon) per target
  std::size_t top_critical_edges = 20; // 0: every edge with a non-zero criticality
  bool criticality = true;             // false: critical_edges stays empty, and samples skip the walk
  // With a horizon and without criticality: only each target's reach and its chance within the
  // horizon are wanted, not its TTC statistics (ttc_days stays NaN, keep_times is refused).
  // Samples then stop following an attack once it passes the horizon.
  bool within_horizon_only = false;
  bool keep_times = false;             // fill TtcSimulationResult::times
  const CancelToken* cancel = nullptr; // polled once per sample (without criticality, per 64)
  // Finished samples are counted into the caller's current phase (in batches of 64).
  ProgressReporter* progress = nullptr;
};

// TTC statistics over the samples in which the target was reached; NaN when it never was.
// Quantiles are nearest-rank: the k-th smallest of the h successful times with
// k = ceil(q * h) (k >= 1), so every reported quantile is an observed time.
struct TtcSummary {
  double mean, p10, p50, p90;
};

struct TtcTarget {
  NodeId node = kNoNode;
  std::uint64_t hits = 0; // samples in which it was reached
  double reach_probability = 0.0;
  Interval ci95; // Wilson
  TtcSummary ttc_days{};
  std::uint64_t within_horizon_hits = 0; // reached at a time <= horizon (when set)
  double within_horizon = 0.0;           // over all samples
  Interval within_horizon_ci95;
};

// How often an edge lies on the winning path to some target: in a sample, the predecessor
// tree of the reached targets (the arrival edge of each OR node, every in-edge of an AND
// node) marks its edges once. criticality = marked samples / samples.
struct EdgeCriticality {
  EdgeId edge = kNoEdge;
  std::uint64_t samples = 0;
  double criticality = 0.0;
};

struct TtcSimulationResult {
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  std::optional<double> horizon_days;
  std::vector<TtcTarget> targets;              // in the order given
  std::vector<EdgeCriticality> critical_edges; // criticality desc, ties by edge id
  // keep_times only: times[i][s] is the compromise time of targets[i] in sample s, +inf when
  // not reached.
  std::vector<std::vector<double>> times;
};

// Parallel over blocks of 64 samples; one counter-based stream per (sample, edge) makes the
// result byte-identical for any thread count. The success draws of a block's 64 samples are
// taken together, one bit per sample and edge, before its searches run. Only nodes reachable
// from the sources that can lead to a target are touched. With criticality, one Dijkstra search
// per sample (it keeps the winning edges) that stops once every target is settled; without,
// the block's 64 samples are propagated together, a row of 64 times per node (ttc_lanes), with
// the same times. Memory: 8 bytes x samples x targets for the times (limit 2^27 entries,
// LimitError beyond), 48 bytes per sampled edge, and per thread 8 bytes per sampled edge (the
// bits of a block) plus, with criticality, 4 bytes per edge, without, about 550 bytes per sampled node (its
// 64 times). Throws GraphError on bad ids, AnalysisError on bad options, CancelledError when cancelled.
TtcSimulationResult simulate_ttc(const AttackGraph& g, std::span<const NodeId> sources,
                                 std::span<const NodeId> targets, const TtcSimulationOptions& options = {});

// k-th smallest of `sorted` (ascending) with k = ceil(percent * n / 100), at least 1;
// NaN when empty.
double nearest_rank_quantile(std::span<const double> sorted, unsigned percent);

} // namespace zonepath
