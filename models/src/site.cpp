#include "zonepath/models/site.hpp"

#include <algorithm>

namespace zonepath::models {

Consequence Site::effective_consequence(Index asset) const {
  const Asset& a = assets[asset];
  Consequence c = zones[a.zone].consequence;
  for (int d = 0; d < kDimensionCount; ++d) c.severity[d] = std::max(c.severity[d], a.consequence.severity[d]);
  return c;
}

} // namespace zonepath::models
