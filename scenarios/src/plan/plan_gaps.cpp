// Phase 2 of the planner: close the SL gaps. Per zone and conduit, the missing requirements
// are met by the cheapest cover of countermeasure packages and single requirements; where an
// asset's component capability (SL-C) would still cap the zone, a compensating control for
// that FR lifts the cap (IEC 62443-3-3 clause 4.3).
#include <algorithm>
#include <set>

#include "plan_internal.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::scenarios::detail {

namespace {

using json = nlohmann::json;

std::string describe(const Cover& cover) {
  std::string out;
  for (const auto& item : cover.items) {
    out += out.empty() ? "" : "; ";
    out += item.covers.size() > 1 || item.id != item.covers.front()
               ? item.title + " [" + item.id + "]"
               : item.id + (item.title.empty() ? "" : " " + item.title);
  }
  return out;
}

} // namespace

std::vector<std::string> iso_for(const std::vector<std::string>& requirements) {
  std::set<std::string> s;
  for (const auto& r : requirements)
    for (auto& c : models::iso27001_for(r)) s.insert(std::move(c));
  return {s.begin(), s.end()};
}

PlanAction requirements_action(const PlanContext& ctx, const models::Site& site, const std::string& where,
                               bool conduit, const std::vector<std::string>& requirements) {
  std::size_t assets = conduit ? 0 : site.zones[site.zone_index(where)].assets.size();
  Cover cover = cover_requirements(requirements, ctx.costs, assets, conduit);
  PlanAction a;
  a.kind = conduit ? ActionKind::AddConduitRequirements : ActionKind::AddRequirements;
  a.phase = PlanPhase::Gaps;
  a.where = where;
  a.description = (conduit ? "conduit " : "zone ") + where + ": " + describe(cover);
  a.closes = requirements;
  a.cost = cover.cost;
  a.iso27001 = iso_for(requirements);
  a.operations =
      json::array({{{"op", "add-countermeasure"}, {"target", where}, {"requirements", requirements}}});
  return a;
}

std::vector<PlanAction> gap_actions(const PlanContext& ctx, const models::Site& site,
                                    const models::Report& report) {
  std::vector<PlanAction> out;
  for (const auto& z : report.zones) {
    const models::Zone& zone = site.zones[z.zone];
    if (!z.missing.empty()) out.push_back(requirements_action(ctx, site, zone.id, false, z.missing));
    // SL-C caps that would remain once the requirements are met.
    for (models::Index ai : zone.assets) {
      const models::Asset& asset = site.assets[ai];
      if (!asset.sl_c) continue;
      json ops = json::array();
      std::vector<std::string> closes;
      for (int fr = 1; fr <= models::kFrCount; ++fr) {
        if ((*asset.sl_c)[fr - 1] >= z.sl_t[fr - 1]) continue;
        // The requirements the asset lacks between its SL-C and the target, each to be stood in
        // for by a control the owner still has to implement, verify and record (status proposed).
        std::vector<std::string> lacking;
        for (const models::Requirement* r : models::required_for(fr, z.sl_t[fr - 1]))
          if (r->min_sl > (*asset.sl_c)[fr - 1]) lacking.push_back(r->id);
        if (lacking.empty()) continue;
        ops.push_back({{"op", "add-compensating"},
                       {"target", asset.id},
                       {"requirements", lacking},
                       {"control", "compensating control for the SL-C shortfall in FR" + std::to_string(fr) +
                                       " (" + std::string(models::fr_abbrev(fr)) + ")"},
                       {"status", "proposed"},
                       {"credited_sl", int(z.sl_t[fr - 1])}});
        closes.push_back("SL-C cap FR" + std::to_string(fr));
      }
      if (ops.empty()) continue;
      PlanAction a;
      a.kind = ActionKind::CompensateSlC;
      a.phase = PlanPhase::Gaps;
      a.where = asset.id;
      a.description =
          "compensate the SL-C shortfall of " + asset.id + " in " + std::to_string(ops.size()) + " FR(s)";
      a.closes = closes;
      a.cost = ctx.costs.compensating_sl_c * double(ops.size());
      a.iso27001 = models::iso27001_for("compensating");
      a.operations = std::move(ops);
      out.push_back(std::move(a));
    }
  }
  for (const auto& c : report.conduits) {
    if (!c.missing.empty())
      out.push_back(requirements_action(ctx, site, site.conduits[c.conduit].id, true, c.missing));
  }
  return out;
}

} // namespace zonepath::scenarios::detail
