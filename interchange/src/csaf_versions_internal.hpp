// Helpers shared by the two files of csaf_versions.hpp (versions, and ranges over them).
#pragma once

#include <string>
#include <string_view>

namespace zonepath::interchange::detail {

bool is_digit(char c);
bool is_alpha(char c);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
// Drops "Firmware", "FW", "Version", ... and a v / sv directly before the first digit;
// `low_all` is `s` in lower case, from `offset`.
std::string_view strip_version_words(std::string_view s, const std::string& low_all, std::size_t offset);

} // namespace zonepath::interchange::detail
