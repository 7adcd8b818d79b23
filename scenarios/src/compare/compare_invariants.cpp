// What two designs can be compared on whatever their zoning: per crown jewel and actor the reach,
// time to compromise and risk (worst change first); per asset the SL-T and SL-A of the zone it
// sits in; and, for a design that merges zones, the flows that used to cross a conduit and now
// run inside one zone with no rule (finding zone-merge-uncontrolled-flows). Zone totals (gaps,
// intolerable zones) only mean the same when both designs have the same zones.
#include <algorithm>
#include <map>
#include <set>

#include "zonepath/models/access_map.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/scenarios/compare.hpp"

namespace zonepath::scenarios {

namespace {

int severity_of(const models::Site& s, const std::string& id) {
  models::Index a = s.asset_index(id);
  return a == models::kNone ? 0 : models::ConsequenceModel::max_severity(s.effective_consequence(a));
}

} // namespace

std::vector<JewelLine> compare_jewels(const models::Site& a, const models::Site& b, const ReportDiff& diff) {
  std::vector<JewelLine> out;
  for (const TargetDiff& t : diff.targets) {
    JewelLine j{t.id, t.threat, std::max(severity_of(a, t.id), severity_of(b, t.id)), t.reach, t.ttc_p50, {}};
    if (t.reach.before) j.risk.before = *t.reach.before * severity_of(a, t.id);
    if (t.reach.after) j.risk.after = *t.reach.after * severity_of(b, t.id);
    out.push_back(std::move(j));
  }
  // The largest increase of risk first: what makes a design worse must not sit below the fold.
  std::stable_sort(out.begin(), out.end(), [](const JewelLine& x, const JewelLine& y) {
    return x.risk.after.value_or(0) - x.risk.before.value_or(0) >
           y.risk.after.value_or(0) - y.risk.before.value_or(0);
  });
  return out;
}

std::vector<AssetLevels> compare_asset_levels(const models::Site& a, const models::Report& ra,
                                              const models::Site& b, const models::Report& rb) {
  std::vector<AssetLevels> out;
  for (const models::Asset& asset : a.assets) {
    models::Index ib = b.asset_index(asset.id);
    if (ib == models::kNone) continue;
    const models::ZoneResult& za = ra.zones[asset.zone];
    const models::ZoneResult& zb = rb.zones[b.assets[ib].zone];
    AssetLevels l{asset.id, a.zones[asset.zone].id, b.zones[b.assets[ib].zone].id, za.sl_t, zb.sl_t, za.sl_a,
                  zb.sl_a};
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<models::Finding> zone_merge_findings(const models::Site& a, const models::Site& b) {
  // Per zone of B: the zones of A its assets came from.
  std::map<models::Index, std::set<models::Index>> origins;
  for (models::Index ib = 0; ib < b.assets.size(); ++ib) {
    models::Index ia = a.asset_index(b.assets[ib].id);
    if (ia != models::kNone) origins[b.assets[ib].zone].insert(a.assets[ia].zone);
  }
  models::AccessMap access = models::AccessMap::compute(b);
  std::vector<models::Finding> out;
  for (const auto& [zb, from] : origins) {
    if (from.size() < 2) continue;
    // Flows inside the merged zone between hosts that sat in different zones of A (and so had
    // to cross a conduit and its rules): now no conduit and, in a flat zone, no rule.
    std::size_t uncontrolled = 0;
    for (const models::Flow& f : access.flows()) {
      if (f.conduit != models::kNone || f.src_zone != zb || f.rule >= 0) continue;
      models::Index dst_a = a.asset_index(b.assets[f.dst_asset].id);
      if (dst_a == models::kNone) continue;
      for (models::Index src : b.zones[zb].assets) {
        if (src == f.dst_asset || (f.src_asset != models::kNone && f.src_asset != src)) continue;
        models::Index src_a = a.asset_index(b.assets[src].id);
        if (src_a != models::kNone && a.assets[src_a].zone != a.assets[dst_a].zone) ++uncontrolled;
      }
    }
    if (uncontrolled == 0) continue;
    std::string zones;
    for (models::Index z : from) zones += (zones.empty() ? "" : ", ") + a.zones[z].id;
    models::Finding fd;
    fd.rule = "zone-merge-uncontrolled-flows";
    fd.severity = models::Severity::High;
    fd.zone = b.zones[zb].id;
    fd.requirement = "SR 5.1";
    fd.zcr = "ZCR 3.2";
    fd.iso27001 = models::iso27001_for("SR 5.1");
    fd.message = "zone '" + fd.zone + "' merges zones " + zones +
                 " of design A: " + std::to_string(uncontrolled) +
                 " host-to-service flows between them no longer cross a conduit and no rule controls them";
    out.push_back(std::move(fd));
  }
  return out;
}

} // namespace zonepath::scenarios
