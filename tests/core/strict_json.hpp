// Equality of two JSON documents down to the value types (nlohmann's == takes 1, 1u and 1.0
// for one number) and the bits of each double: what "the same document" means when two
// parsers must build the same thing.
#pragma once

#include <bit>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace zonepath::testing {

inline bool same_json(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
  case nlohmann::json::value_t::object:
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !same_json(*it, *other)) return false;
    }
    return true;
  case nlohmann::json::value_t::array:
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  case nlohmann::json::value_t::number_float:
    return std::bit_cast<std::uint64_t>(a.get<double>()) == std::bit_cast<std::uint64_t>(b.get<double>());
  default:
    return a == b;
  }
}

} // namespace zonepath::testing
