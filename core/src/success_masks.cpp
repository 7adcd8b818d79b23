#include "success_masks.hpp"

#include <algorithm>
#include <cmath>

#include "zonepath/core/rng.hpp"

namespace zonepath::detail {

std::uint64_t success_threshold(double p) {
  return static_cast<std::uint64_t>(std::ceil(std::ldexp(std::clamp(p, 0.0, 1.0), 53)));
}

EdgeDraws EdgeDraws::of(const SampleGraph& sg) {
  const std::size_t padded = (sg.edges.size() + 63) / 64 * 64;
  EdgeDraws d;
  d.stream.assign(padded, 0);
  d.threshold.assign(padded, 0);
  d.head.resize(sg.edges.size());
  for (std::size_t i = 0; i < sg.edges.size(); ++i) {
    d.head[i] = sg.edges[i].to;
    d.stream[i] = sg.edges[i].stream;
    d.threshold[i] = success_threshold(sg.edges[i].p);
  }
  return d;
}

namespace {

// Transposes a 64 x 64 bit matrix in place: bit j of a[i] becomes bit i of a[j] (recursive
// block swaps, Hacker's Delight 7-3).
void transpose64(std::uint64_t* a) {
  std::uint64_t m = 0x00000000FFFFFFFFull;
  for (unsigned j = 32; j != 0; j >>= 1, m ^= m << j) {
    for (unsigned k = 0; k < 64; k = ((k | j) + 1) & ~j) {
      const std::uint64_t t = ((a[k] >> j) ^ a[k | j]) & m;
      a[k | j] ^= t;
      a[k] ^= t << j;
    }
  }
}

// One clone per instruction set where the compiler supports dispatch: the 64-bit multiplies of
// splitmix64 vectorise with AVX-512 (about 5x the scalar rate on the benchmark machine), and
// every clone computes the same integers, so results do not depend on the CPU.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) &&     \
    !defined(__SANITIZE_THREAD__)
#define ZONEPATH_DRAW_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define ZONEPATH_DRAW_CLONES
#endif

// Per word of 64 edges: the inner loop runs over the 64 edges with one sample key (which the
// compiler vectorises), collecting a bit per sample for each edge; the transposition then
// turns that into a word per sample.
ZONEPATH_DRAW_CLONES
void masks_kernel(const std::uint64_t* stream, const std::uint64_t* threshold, std::size_t words,
                  const std::uint64_t* keys, unsigned lanes, std::uint64_t* out) {
  for (std::size_t w = 0; w < words; ++w) {
    const std::uint64_t* s = stream + 64 * w;
    const std::uint64_t* t = threshold + 64 * w;
    std::uint64_t by_edge[64] = {};
    for (unsigned lane = 0; lane < lanes; ++lane) {
      const std::uint64_t key = keys[lane];
      // mc::CounterRng(key ^ stream).next() is splitmix64(key ^ stream)
      for (unsigned j = 0; j < 64; ++j)
        by_edge[j] |= std::uint64_t((splitmix64(key ^ s[j]) >> 11) < t[j]) << lane;
    }
    transpose64(by_edge);
    for (unsigned lane = 0; lane < lanes; ++lane) out[lane * words + w] = by_edge[lane];
  }
}

// One edge in all 64 samples: the loop over the samples' keys vectorises, its compares go to
// bytes (lane_bits).
ZONEPATH_DRAW_CLONES
std::uint64_t lanes_kernel(const std::uint64_t* keys, std::uint64_t stream, std::uint64_t threshold) {
  alignas(64) std::uint8_t ok[kLanes];
  for (unsigned l = 0; l < kLanes; ++l) ok[l] = (splitmix64(keys[l] ^ stream) >> 11) < threshold;
  return lane_bits(ok);
}

} // namespace

void success_masks(const EdgeDraws& draws, const LaneKeys& keys, unsigned lanes, std::uint64_t* out) {
  masks_kernel(draws.stream.data(), draws.threshold.data(), draws.words(), keys.data(),
               std::min(lanes, kLanes), out);
}

BlockSuccess::BlockSuccess(const EdgeDraws& draws)
    : draws_(draws), word_(draws.stream.size(), 0), known_(draws.words(), 0) {}

void BlockSuccess::start(const LaneKeys& keys, unsigned lanes) {
  keys_ = keys;
  lanes = std::min(lanes, kLanes);
  lane_mask_ = lanes == kLanes ? ~std::uint64_t{0} : (std::uint64_t{1} << lanes) - 1;
  std::fill(known_.begin(), known_.end(), 0);
}

std::uint64_t BlockSuccess::compute(std::uint32_t i) const {
  const std::uint64_t threshold = draws_.threshold[i];
  if (threshold == 0) return 0;
  if (threshold > (std::uint64_t{1} << 53) - 1) return lane_mask_; // every 53-bit draw is below
  return lanes_kernel(keys_.data(), draws_.stream[i], threshold) & lane_mask_;
}

} // namespace zonepath::detail
