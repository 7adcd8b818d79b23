// Numbers to and from text without the C locale. printf, strtod and std::stod follow
// LC_NUMERIC, so a host program (Python after locale.setlocale, say) that picks a
// comma-decimal locale would make "%g" print "0,5" and strtod stop at the '.'. These use
// std::to_chars / std::from_chars, which always read and write '.'.
#pragma once

#include <charconv>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace zonepath {

// The whole of `text` as an integer in `base` (no leading '+', no white space; '-' only for
// signed types); nullopt when anything is left over or the value does not fit.
template <std::integral T> std::optional<T> parse_integer(std::string_view text, int base = 10) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The whole of `text` as a double, as strtod would read it in the C locale (digits, optional
// '.', optional exponent; a leading '-'): a value too small to represent is a signed zero, one
// too large is nullopt, as is any text left over.
std::optional<double> parse_double(std::string_view text);

// printf("%.*g", precision, value) in the C locale.
std::string format_general(double value, int precision);
// printf("%.*f", decimals, value) in the C locale.
std::string format_fixed(double value, int decimals);
// The fewest "%.*g" digits, from 6 up to 17, that read back as exactly `value`.
std::string format_round_trip(double value);

} // namespace zonepath
