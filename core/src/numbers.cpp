#include "zonepath/core/numbers.hpp"

namespace zonepath {

namespace {

// Decimal exponent of the first significant digit of a strtod-style number ("0.002e1" -> -2),
// to tell an underflow from an overflow: from_chars reports both as result_out_of_range.
long leading_exponent(std::string_view s) {
  std::size_t i = s.empty() || s[0] != '-' ? 0 : 1;
  long integer_digits = 0, zeros_after_point = 0;
  bool significant = false, point = false;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      point = true;
    } else if (!significant && s[i] == '0') {
      if (point) ++zeros_after_point;
    } else {
      significant = true;
      if (!point) ++integer_digits;
    }
  }
  long exponent = 0;
  if (i < s.size()) {
    std::string_view e = s.substr(i + 1);
    if (!e.empty() && e[0] == '+') e.remove_prefix(1);
    // An exponent beyond long's range is far beyond double's either way.
    exponent = parse_integer<long>(e).value_or(e.starts_with('-') ? -100000 : 100000);
  }
  return (integer_digits > 0 ? integer_digits - 1 : -zeros_after_point - 1) + exponent;
}

std::string to_text(double value, std::chars_format format, int precision) {
  // %f of 1e308 has 309 digits before the point.
  char buf[512];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, format, precision);
  if (ec != std::errc()) return {};
  return std::string(buf, end);
}

} // namespace

std::optional<double> parse_double(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    if (leading_exponent(text) >= 0) return std::nullopt;
    return text[0] == '-' ? -0.0 : 0.0;
  }
  if (ec != std::errc()) return std::nullopt;
  return value;
}

std::string format_general(double value, int precision) {
  return to_text(value, std::chars_format::general, precision);
}

std::string format_fixed(double value, int decimals) {
  return to_text(value, std::chars_format::fixed, decimals);
}

std::string format_round_trip(double value) {
  std::string text;
  for (int precision = 6; precision <= 17; ++precision) {
    text = format_general(value, precision);
    if (parse_double(text) == value) break;
  }
  return text;
}

} // namespace zonepath
