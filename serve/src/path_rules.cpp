#include "path_rules.hpp"

#include "zonepath/models/access_map.hpp"

namespace zonepath::serve::detail {

namespace {

// The flows that can take a step from `from` (an asset, or a zone an attacker stands in) to
// asset `to` through `unit` (a conduit, or kNone within `zone`). An asset that rules name has
// flows of its own; any other host, and an attacker standing in a zone, uses its zone's.
std::vector<const models::Flow*> step_flows(const models::Site& site, const models::AccessMap& access,
                                            const std::string& from, models::Index to, models::Index unit) {
  models::Index src_asset = site.asset_index(from);
  models::Index src_zone = src_asset != models::kNone ? site.assets[src_asset].zone : site.zone_index(from);
  std::vector<const models::Flow*> own, zone_wide;
  for (const auto& f : access.flows()) {
    if (f.dst_asset != to || f.conduit != unit) continue;
    if (src_asset != models::kNone && f.src_asset == src_asset) own.push_back(&f);
    if (f.src_asset == models::kNone && f.src_zone == src_zone) zone_wide.push_back(&f);
  }
  return own.empty() ? zone_wide : own;
}

} // namespace

RuleCarriers rules_carrying(const models::Site& site, const std::vector<const models::PathResult*>& paths) {
  RuleCarriers out;
  if (paths.empty()) return out;
  const models::AccessMap access = models::AccessMap::compute(site);
  for (std::size_t p = 0; p < paths.size(); ++p) {
    const auto& steps = paths[p]->path.value("steps", nlohmann::json::array());
    for (const auto& st : steps) {
      const std::string via = st.value("via", ""), from = st.value("from", ""), to = st.value("to", "");
      const models::Index dst = site.asset_index(to);
      if (via.empty() || dst == models::kNone) continue;
      const models::Index conduit = site.conduit_index(via);
      std::pair<std::string, models::Index> key = conduit != models::kNone
                                                      ? std::pair{std::string("conduit"), conduit}
                                                      : std::pair{std::string("zone"), site.zone_index(via)};
      if (key.second == models::kNone) continue;
      for (const models::Flow* f : step_flows(site, access, from, dst, conduit))
        if (const models::Rule* r = models::AccessMap::rule_of(site, *f)) out[key][r->position].insert(p + 1);
    }
  }
  return out;
}

} // namespace zonepath::serve::detail
