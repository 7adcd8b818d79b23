#include "design_json.hpp"

#include <algorithm>

#include "path_rules.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/render/top_paths.hpp"

namespace zonepath::serve::detail {

namespace {

using json = nlohmann::json;

json sl(const models::SlVector& v) {
  return json(std::vector<int>(v.begin(), v.end()));
}

// The object of `section` with this id in the site document (rules as the user wrote them).
const json& raw_object(const json& site_json, const char* section, const std::string& id) {
  static const json empty = json::object();
  if (!site_json.contains(section) || !site_json[section].is_array()) return empty;
  for (const auto& o : site_json[section])
    if (o.is_object() && o.value("id", "") == id) return o;
  return empty;
}

// The rules as written, each with its position (the `index` of remove-rule and modify-rule)
// and the numbers of the listed paths it carries.
json rules_json(const json& rules, const std::map<std::size_t, std::set<std::size_t>>* carriers) {
  json out = json::array();
  if (!rules.is_array()) return out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    json carries = json::array();
    if (carriers)
      if (auto it = carriers->find(i); it != carriers->end()) carries = it->second;
    out.push_back({{"index", i}, {"rule", rules[i]}, {"carries", carries}});
  }
  return out;
}

json risk_json(const models::RiskRating& r) {
  return {{"level", r.level},           {"tolerable", r.tolerable}, {"probability", r.probability},
          {"likelihood", r.likelihood}, {"severity", r.severity},   {"threat", r.threat}};
}

const std::map<std::size_t, std::set<std::size_t>>* carriers_of(const RuleCarriers& c, const char* kind,
                                                                models::Index i) {
  auto it = c.find({kind, i});
  return it == c.end() ? nullptr : &it->second;
}

json zones_json(const models::Site& site, const json& site_json, const models::Report& report,
                const RuleCarriers& carriers) {
  json out = json::array();
  for (models::Index z = 0; z < site.zones.size(); ++z) {
    const auto& zone = site.zones[z];
    const json& raw = raw_object(site_json, "zones", zone.id);
    json assets = json::array();
    for (auto a : zone.assets) assets.push_back(site.assets[a].id);
    json j = {{"index", z},
              {"id", zone.id},
              {"name", zone.name},
              {"kind", zone.kind},
              {"external", models::is_external_zone(zone)},
              {"isolated", zone.isolated},
              {"assets", assets},
              {"countermeasures", zone.countermeasures},
              {"compensating", raw.value("compensating", json::array())},
              {"requirements", raw.value("requirements", json::array())},
              {"intra_rules",
               rules_json(raw.value("intra_rules", json::array()), carriers_of(carriers, "zone", z))}};
    for (const auto& r : report.zones)
      if (r.zone == z) {
        j["sl_t"] = sl(r.sl_t);
        j["sl_a"] = sl(r.sl_a);
        j["gap"] = sl(r.gap);
        j["risk"] = risk_json(r.risk);
        j["missing"] = r.missing;
      }
    out.push_back(std::move(j));
  }
  return out;
}

json conduits_json(const models::Site& site, const json& site_json, const models::Report& report,
                   const RuleCarriers& carriers) {
  json out = json::array();
  for (models::Index c = 0; c < site.conduits.size(); ++c) {
    const auto& conduit = site.conduits[c];
    const json& raw = raw_object(site_json, "conduits", conduit.id);
    json j = {{"index", c},
              {"id", conduit.id},
              {"name", conduit.name},
              {"kind", conduit.kind},
              {"zones", {site.zones[conduit.zones[0]].id, site.zones[conduit.zones[1]].id}},
              {"direction", raw.value("direction", "")},
              {"inspection", conduit.inspection},
              {"countermeasures", conduit.countermeasures},
              {"compensating", raw.value("compensating", json::array())},
              {"requirements", raw.value("requirements", json::array())},
              {"rules", rules_json(raw.value("rules", json::array()), carriers_of(carriers, "conduit", c))}};
    for (const auto& r : report.conduits)
      if (r.conduit == c) {
        j["sl_t"] = sl(r.sl_t);
        j["sl_a"] = sl(r.sl_a);
        j["gap"] = sl(r.gap);
        j["missing"] = r.missing;
      }
    out.push_back(std::move(j));
  }
  return out;
}

json assets_json(const models::Site& site, const json& site_json, const models::Report& report) {
  json out = json::array();
  for (models::Index a = 0; a < site.assets.size(); ++a) {
    const auto& asset = site.assets[a];
    const json& raw = raw_object(site_json, "assets", asset.id);
    const bool jewel = std::find(report.crown_jewels.begin(), report.crown_jewels.end(), asset.id) !=
                       report.crown_jewels.end();
    out.push_back({{"index", a},
                   {"id", asset.id},
                   {"name", asset.name},
                   {"zone", site.zones[asset.zone].id},
                   {"type", asset.type},
                   {"crown_jewel", jewel},
                   {"legacy", asset.legacy},
                   {"patchable", asset.patchable},
                   {"services", raw.value("services", json::array())},
                   {"vulnerabilities", raw.value("vulnerabilities", json::array())}});
  }
  return out;
}

json targets_json(const models::Report& report) {
  json out = json::array();
  for (const auto& t : report.targets) {
    json j = {
        {"id", t.id}, {"threat", t.threat}, {"reach_probability", t.reach_probability}, {"ci95", t.ci95}};
    j["ttc_p50_days"] = t.ttc_days ? json((*t.ttc_days)[2]) : json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

json paths_json(const std::vector<const models::PathResult*>& paths, std::size_t drawn) {
  json out = json::array();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const json& p = paths[i]->path;
    out.push_back({{"number", i + 1},
                   {"drawn", i < drawn},
                   {"threat", paths[i]->threat},
                   {"target", paths[i]->target},
                   {"probability", p.value("probability", 0.0)},
                   {"ttc_mean_days", p.value("ttc_mean_days", 0.0)},
                   {"nodes", p.value("nodes", json::array())},
                   {"steps", p.value("steps", json::array())}});
  }
  return out;
}

} // namespace

json design_to_json(const models::Site& site, const json& site_json, const models::Report& report,
                    const std::string& threat, std::size_t drawn) {
  // Every listed path of the threat, best first; the rules of the drawn ones are marked.
  const auto paths = render::top_paths(report, threat, report.paths.size());
  const std::vector<const models::PathResult*> marked(paths.begin(),
                                                      paths.begin() + std::min(drawn, paths.size()));
  const RuleCarriers carriers = rules_carrying(site, marked);
  std::size_t findings[4] = {0, 0, 0, 0};
  for (const auto& f : report.findings) ++findings[std::clamp(static_cast<int>(f.severity), 0, 3)];
  json threats = json::array();
  for (const auto& t : site.threat_actors)
    threats.push_back({{"id", t.id}, {"name", t.name}, {"sophistication", t.sophistication}});
  return {
      {"site", {{"id", site.id}, {"name", site.name}}},
      {"threat", threat},
      {"threats", threats},
      {"zones", zones_json(site, site_json, report, carriers)},
      {"conduits", conduits_json(site, site_json, report, carriers)},
      {"assets", assets_json(site, site_json, report)},
      {"targets", targets_json(report)},
      {"paths", paths_json(paths, drawn)},
      {"findings", report.findings},
      {"findings_by_severity",
       {{"low", findings[0]}, {"medium", findings[1]}, {"high", findings[2]}, {"critical", findings[3]}}}};
}

} // namespace zonepath::serve::detail
