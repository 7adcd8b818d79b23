// Monte Carlo estimate of reach probabilities, and the counter-based random draws that it
// shares with the TTC simulation.
//
// Every random decision is a pure function of (seed, sample index, edge identity) (or source
// identity for a prior): no generator state is carried from one edge to the next. So an
// edge's outcome in a sample does not depend on the order in which the search visits edges,
// on the thread that runs the sample, or on which other edges exist. That gives
//   - byte-identical results for any thread count, and
//   - common random numbers: two scenarios of the same graph (an edge removed, a p changed)
//     see the same draws on every other edge, so their difference has far less noise than
//     two independent runs. Identities are hashes of node names, not ids (StreamIds), because
//     edge ids shift when a scenario adds or removes an edge.
// The first draw of an edge's stream decides its success in both `monte_carlo_reach` and
// `simulate_ttc`, so both report the same reach counts for the same seed.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/rng.hpp"
#include "zonepath/core/wilson.hpp"

namespace zonepath {

namespace mc {

// Key of one sample: mixes the seed and the sample index.
inline std::uint64_t sample_key(std::uint64_t seed, std::uint64_t sample) {
  return splitmix64(splitmix64(seed ^ 0x5851F42D4C957F2Dull) ^ sample);
}
// Key of the stream of one edge (or source) in one sample. Stream ids are hashes of names
// (see StreamIds), so XOR keeps keys of different streams apart with overwhelming odds.
inline std::uint64_t stream_key(std::uint64_t sample_key, std::uint64_t stream_id) {
  return sample_key ^ stream_id;
}

// A short splitmix64 stream starting at a key: cheap to create (no state warm-up), which
// matters because the TTC simulation opens one per attempted edge. Same interface as
// RandomStream, so TtcDistribution::sample accepts it.
class CounterRng {
public:
  explicit CounterRng(std::uint64_t key) : state_(key) {}
  std::uint64_t next() {
    const std::uint64_t r = splitmix64(state_);
    state_ += 0x9E3779B97F4A7C15ull;
    return r;
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  double open_uniform() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {
    double u1 = open_uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Bernoulli(p) from one draw; exact for p = 0 and p = 1.
  bool bernoulli(double p) { return uniform() < p; }

private:
  std::uint64_t state_;
};

// Whether an edge succeeds (or a source is held) in a sample: the first draw of its stream.
inline bool first_draw_succeeds(std::uint64_t sample_key, std::uint64_t stream_id, double p) {
  return CounterRng(stream_key(sample_key, stream_id)).bernoulli(p);
}

} // namespace mc

// Stable identities of the random streams: an edge's from the names of its endpoints and its
// rank among the parallel edges between them, a source's from its name.
struct StreamIds {
  std::vector<std::uint64_t> edge; // per edge id
  std::uint64_t node(const AttackGraph& g, NodeId v) const;
  static StreamIds of(const AttackGraph& g);
};

// Nodes from which some target can be reached (targets included): mask[v] != 0. Samples only
// explore these, which keeps a sample's work proportional to the part of the graph that can
// matter. Every in-edge of a marked node starts at a marked node, so AND counters stay exact.
std::vector<std::uint8_t> ancestor_mask(const AttackGraph& g, std::span<const NodeId> targets);

struct MonteCarloReachOptions {
  std::uint64_t samples = 10000; // 1 .. 10^9
  std::uint64_t seed = 1;
  const CancelToken* cancel = nullptr;  // polled once per block of 64 samples
  ProgressReporter* progress = nullptr; // samples done, counted into the caller's phase
};

struct MonteCarloTarget {
  NodeId node = kNoNode;
  std::uint64_t hits = 0; // samples in which the target was reached
  double probability = 0.0;
  Interval ci95; // Wilson
};

struct MonteCarloReachResult {
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<MonteCarloTarget> targets; // in the order given
};

// Per sample: each source held with its prior, each edge succeeds with p, reach is the least
// fixed point (OR: any successful in-edge from a reached node; AND: all in-edges successful
// from reached nodes; an AND node without in-edges is reached only as a held source).
// Parallel over blocks of 64 samples (TBB via parallel.hpp), each block propagated as bits,
// one 64-bit word per node and one bit per sample (the success draws of the block taken
// together, as in simulate_ttc); integer hit counts make the result identical for any thread
// count. The cancel token is polled once per block. Throws GraphError on bad ids, AnalysisError on bad
// options, CancelledError when cancelled.
MonteCarloReachResult monte_carlo_reach(const AttackGraph& g, std::span<const NodeId> sources,
                                        std::span<const NodeId> targets,
                                        const MonteCarloReachOptions& options = {});

// Shared argument checks of the reach and TTC entry points.
void check_reach_arguments(const AttackGraph& g, std::span<const NodeId> sources,
                           std::span<const NodeId> targets, std::uint64_t samples);

} // namespace zonepath
