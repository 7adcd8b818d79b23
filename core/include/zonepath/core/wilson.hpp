// Wilson score interval for a binomial proportion: the confidence interval every Monte Carlo
// estimate of zonepath reports. Preferred over the normal (Wald) interval because it stays
// inside [0, 1] and keeps its coverage when the estimate is near 0 or 1, which is common for
// attack success probabilities.
#pragma once

#include <cstdint>

namespace zonepath {

struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

// Two-sided 95% normal quantile.
inline constexpr double kZ95 = 1.959963984540054;

// Interval for `successes` out of `trials`; [0, 1] when trials == 0.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z = kZ95);

} // namespace zonepath
