// The natural logarithm of a uniform draw, for the exponential durations of the TTC simulation.
#pragma once

#include <bit>
#include <cstdint>

namespace zonepath {

// ln(x) for a normal double x in (0, 1] (every uniform draw of rng.hpp is one), from +, -, *,
// / and exact bit operations only: fdlibm's method (x = 2^k (1 + f) with 1 + f in
// [sqrt(2)/2, sqrt(2)], s = f / (2 + f), ln(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2))) with
// its degree-7 minimax R), error below 1 ulp. Written out rather than std::log so that it
// gives the same bits on every CPU and C library (the project compiles in ISO mode, where GCC
// does not fuse multiplies and adds), and so that a loop over many draws vectorises without
// a branch.
inline double log_unit(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kLg1 = 6.666666666666735130e-01, kLg2 = 3.999999999940941908e-01,
                   kLg3 = 2.857142874366239149e-01, kLg4 = 2.222219843214978396e-01,
                   kLg5 = 1.818357216161805012e-01, kLg6 = 1.531383769920937332e-01,
                   kLg7 = 1.479819860511658591e-01;
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  // x = 2^k m with m in [1, 2), then m halved (exactly) when above sqrt(2)
  const std::uint64_t mantissa = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
  const bool high = mantissa > 0x3FF6A09E667F3BCCull; // m > sqrt(2)
  const double m = std::bit_cast<double>(high ? mantissa - 0x0010000000000000ull : mantissa);
  const double k = double(std::int64_t(bits >> 52) - 1023 + std::int64_t(high));
  const double f = m - 1.0;
  const double s = f / (2.0 + f), z = s * s, w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1, hfsq = 0.5 * f * f;
  return k * kLn2Hi - ((hfsq - (s * (hfsq + r) + k * kLn2Lo)) - f);
}

} // namespace zonepath
