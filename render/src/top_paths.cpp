#include "zonepath/render/top_paths.hpp"

#include <algorithm>

namespace zonepath::render {

std::vector<const models::PathResult*> top_paths(const models::Report& report, const std::string& threat,
                                                 std::size_t k) {
  std::vector<const models::PathResult*> out;
  for (const auto& p : report.paths)
    if (threat.empty() || p.threat == threat) out.push_back(&p);
  auto probability = [](const models::PathResult* p) { return p->path.value("probability", 0.0); };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto* a, const auto* b) { return probability(a) > probability(b); });
  if (out.size() > k) out.resize(k);
  return out;
}

} // namespace zonepath::render
