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
#include <cstring>
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

// The word whose bit l is flags[l] (each 0 or 1), l < 64: the flags' bytes gathered eight at
// a time by a multiply, so that the loops which fill them with compares vectorise.
inline std::uint64_t lane_bits(const std::uint8_t* flags) {
  std::uint64_t bits = 0;
  for (unsigned g = 0; g < kLanes / 8; ++g) {
    std::uint64_t bytes;
    std::memcpy(&bytes, flags + 8 * g, 8);
    bits |= ((bytes * 0x0102040810204080ull) >> 56) << (8 * g);
  }
  return bits;
}

// Success bits of a block of samples, one row of draws.words() words per sample:
// out[l * words + i / 64] bit i % 64 says whether edge i succeeds in the sample whose key is
// keys[l] (l < lanes <= kLanes); rows from `lanes` on are left untouched. The same bits as
// mc::first_draw_succeeds.
void success_masks(const EdgeDraws& draws, const LaneKeys& keys, unsigned lanes, std::uint64_t* out);

// The same bits by edge, for the searches that propagate 64 samples at once (ttc_lanes.hpp):
// word(i) bit l says whether edge i succeeds in sample l of the current block (lanes from
// `lanes` on are 0). A word is computed the first time a search asks for it: on plant graphs
// most edges lead out of a zone's network into assets that are already reached, or whose zone
// already has an earlier time, in every sample that gets there, and their draws are never
// needed.
class BlockSuccess {
public:
  explicit BlockSuccess(const EdgeDraws& draws);

  // A new block: the samples whose keys are keys[0, lanes); no word is computed yet.
  void start(const LaneKeys& keys, unsigned lanes);
  const LaneKeys& keys() const { return keys_; }

  // The words of edges [first, last) computed where they are not yet; returns the union of
  // their bits.
  std::uint64_t any_of(std::uint32_t first, std::uint32_t last) {
    std::uint64_t any = 0;
    for (std::uint32_t i = first; i < last; ++i) any |= word(i);
    return any;
  }
  std::uint64_t word(std::uint32_t i) {
    std::uint64_t& known = known_[i / 64];
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (!(known & bit)) {
      known |= bit;
      word_[i] = compute(i);
    }
    return word_[i];
  }

private:
  std::uint64_t compute(std::uint32_t i) const;

  const EdgeDraws& draws_;
  LaneKeys keys_{};
  std::uint64_t lane_mask_ = 0;
  std::vector<std::uint64_t> word_;  // per edge: valid where known_ says so
  std::vector<std::uint64_t> known_; // bit per edge: word_ computed for this block
};

} // namespace zonepath::detail
