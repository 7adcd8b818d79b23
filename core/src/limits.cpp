#include "zonepath/core/limits.hpp"

#include <cmath>

#include "zonepath/core/error.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath {

void check_limit(const char* what, std::uint64_t value, std::uint64_t lo, std::uint64_t hi) {
  if (value >= lo && value <= hi) return;
  throw LimitError(std::string(what) + " must be within " + std::to_string(lo) + " .. " + std::to_string(hi) +
                   ", got " + std::to_string(value));
}

void check_range(const char* what, double value, double lo, double hi) {
  if (std::isfinite(value) && value >= lo && value <= hi) return;
  throw LimitError(std::string(what) + " must be a number within " + format_general(lo, 12) + " .. " +
                   format_general(hi, 12) + ", got " + format_general(value, 12));
}

} // namespace zonepath
