#include "option_checks.hpp"

#include <cmath>
#include <cstdint>
#include <string>

#include "zonepath/core/numbers.hpp"

namespace zonepath::cli {

namespace {

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string whole_unsigned(std::string& text) {
  return parse_integer<std::uint64_t>(text)
             ? std::string()
             : "expected a whole number 0 .. 18446744073709551615, got '" + text + "'";
}

std::string whole_signed(std::string& text) {
  return parse_integer<std::int64_t>(text) ? std::string() : "expected a whole number, got '" + text + "'";
}

std::string finite_number(std::string& text) {
  auto v = parse_double(text);
  return v && std::isfinite(*v) ? std::string() : "expected a finite number, got '" + text + "'";
}

} // namespace

void require_exact_numbers(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    const std::string type = opt->get_type_name();
    // CLI11 runs validators in the order added; these go first so the message is about the text.
    if (starts_with(type, "UINT"))
      opt->check(CLI::Validator(whole_unsigned, "", "whole-unsigned"));
    else if (starts_with(type, "INT"))
      opt->check(CLI::Validator(whole_signed, "", "whole-signed"));
    else if (starts_with(type, "FLOAT"))
      opt->check(CLI::Validator(finite_number, "", "finite-number"));
  }
  for (CLI::App* sub : app.get_subcommands({})) require_exact_numbers(*sub);
}

} // namespace zonepath::cli
