// Internal: the first draws of many samples at once (bit-parallel sampling). Whether an edge
// succeeds in a sample is the first value of its counter-based stream (monte_carlo.hpp) compared
// with p; that comparison does not depend on the order in which a search reaches the edge, so it
// can be made for a block of 64 consecutive samples ahead of the searches, one bit per sample.
// The hash of 64 (sample, edge) pairs vectorises well, where the draw inside a search costs a
// hash, a conversion and a hard-to-predict branch per edge tried; and a search that reads the
// bits of one sample as words over consecutive edges skips the failed edges of a node (most of
// them) 64 at a time.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sample_graph.hpp"

namespace zonepath::detail {

inline constexpr unsigned kLanes = 64; // samples per block: one bit of a 64-bit word each

// The first draw succeeds exactly when (value >> 11) < success_threshold(p): the draw is
// (value >> 11) * 2^-53 < p, and for an integer k < 2^53, k < p * 2^53 iff k < ceil(p * 2^53).
std::uint64_t success_threshold(double p);

// What the bit-parallel draws read about each sampled edge, in SampleGraph::edges order, padded
// with never-succeeding edges to whole words of 64.
struct EdgeDraws {
  std::vector<std::uint64_t> stream;    // the edge's stream id
  std::vector<std::uint64_t> threshold; // success_threshold(p); 0 for the padding
  // The edge's head, apart from the 24-byte edge record: a search reads the heads of a node's
  // successful edges first and the record only when the head is not settled yet.
  std::vector<NodeId> head;

  static EdgeDraws of(const SampleGraph& sg);
  std::size_t words() const { return stream.size() / 64; }
};

using LaneKeys = std::array<std::uint64_t, kLanes>; // mc::sample_key of each sample of a block

// Success bits of a block of samples, one row of draws.words() words per sample:
// out[l * words + i / 64] bit i % 64 says whether edge i succeeds in the sample whose key is
// keys[l] (l < lanes <= kLanes); rows from `lanes` on are left untouched. The same bits as
// mc::first_draw_succeeds.
void success_masks(const EdgeDraws& draws, const LaneKeys& keys, unsigned lanes, std::uint64_t* out);

// The same bits by edge: out[i] bit l says whether edge i succeeds in sample l (lanes from
// `lanes` on are 0); 64 x draws.words() words.
void success_lanes(const EdgeDraws& draws, const LaneKeys& keys, unsigned lanes, std::uint64_t* out);

} // namespace zonepath::detail
