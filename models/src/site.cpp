#include "zonepath/models/site.hpp"

#include <algorithm>

namespace zonepath::models {

std::string sl_vector_text(const SlVector& v, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += separator;
    out += std::to_string(v[i]);
  }
  return out;
}

Consequence Site::effective_consequence(Index asset) const {
  const Asset& a = assets[asset];
  Consequence c = zones[a.zone].consequence;
  for (int d = 0; d < kDimensionCount; ++d)
    c.severity[d] = std::max(c.severity[d], a.consequence.severity[d]);
  return c;
}

} // namespace zonepath::models
