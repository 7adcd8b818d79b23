// Counter-based random streams: stream (seed, index) yields the same numbers whatever thread
// draws them, which makes Monte Carlo results identical for any thread count.
#pragma once

#include <cmath>
#include <cstdint>

namespace zonepath {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// xoshiro256** seeded from (seed, stream) through splitmix64.
class RandomStream {
public:
  RandomStream(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = splitmix64(seed ^ splitmix64(stream + 0x632BE59BD9B4E019ull));
    for (auto& s : s_) {
      x = splitmix64(x);
      s = x;
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1), safe for log().
  double open_uniform() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {
    // Box-Muller; one value per call keeps the stream position simple to reason about.
    double u1 = open_uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

} // namespace zonepath
