#include "zonepath/core/wilson.hpp"

#include <algorithm>
#include <cmath>

namespace zonepath {

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z) {
  if (trials == 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(std::min(successes, trials)) / n;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / n;
  const double center = (p + z2 / (2.0 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At the boundaries the closed form equals 0 (or 1) only up to rounding; pin it so that
  // "never reached" prints a lower bound of exactly 0.
  double lo = successes == 0 ? 0.0 : std::max(0.0, center - half);
  double hi = successes >= trials ? 1.0 : std::min(1.0, center + half);
  return {lo, hi};
}

} // namespace zonepath
