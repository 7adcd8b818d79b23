// What the period made of each allow rule: the observed flows and connections it allowed, the
// access-map flows it allows and how many of those were seen, and whether the capture saw its
// conduit at all; and the scenario that removes the allow rules nobody used.
#include <algorithm>
#include <map>
#include <tuple>

#include "drift_internal.hpp"

namespace zonepath::scenarios::drift {

using models::Index;
using models::kNone;

namespace {

// (source zone, source asset or kNone, destination asset, service): one access-map flow.
using ModelFlowKey = std::tuple<Index, Index, Index, std::uint16_t>;

// The uses, keyed by (conduit or kNone, zone or kNone, sorted rule index).
using UseKey = std::tuple<Index, Index, std::int32_t>;

} // namespace

const models::Rule& rule_of(const models::Site& site, const RuleUse& u) {
  const auto& rules = u.conduit != kNone ? site.conduits[u.conduit].rules : site.zones[u.zone].intra_rules;
  return rules[static_cast<std::size_t>(u.rule)];
}

std::vector<RuleUse> rule_uses(const models::Site& site, const Classified& c) {
  // Rules not in force on the assessment day (a vendor session still to come) cannot have been
  // used, and removing them is a decision for their change record, not for the capture.
  auto in_force = [&](const std::optional<models::Temporary>& t) { return models::in_force(t, site.as_of); };
  std::map<UseKey, RuleUse> uses;
  for (Index k = 0; k < site.conduits.size(); ++k)
    for (std::size_t r = 0; r < site.conduits[k].rules.size(); ++r)
      if (site.conduits[k].rules[r].allow && in_force(site.conduits[k].temporary) &&
          in_force(site.conduits[k].rules[r].temporary)) {
        RuleUse u;
        u.conduit = k;
        u.rule = static_cast<std::int32_t>(r);
        uses.emplace(UseKey{k, kNone, u.rule}, u);
      }
  for (Index z = 0; z < site.zones.size(); ++z)
    if (site.zones[z].isolated)
      for (std::size_t r = 0; r < site.zones[z].intra_rules.size(); ++r)
        if (site.zones[z].intra_rules[r].allow && in_force(site.zones[z].intra_rules[r].temporary)) {
          RuleUse u;
          u.zone = z;
          u.rule = static_cast<std::int32_t>(r);
          uses.emplace(UseKey{kNone, z, u.rule}, u);
        }
  auto key_of = [](Index conduit, Index zone, std::int32_t rule) {
    return conduit != kNone ? UseKey{conduit, kNone, rule} : UseKey{kNone, zone, rule};
  };

  // The access map: what each rule allows in the model.
  const models::AccessMap map = models::AccessMap::compute(site);
  std::map<ModelFlowKey, std::size_t> model_flow;
  for (std::size_t i = 0; i < map.flows().size(); ++i) {
    const auto& f = map.flows()[i];
    model_flow.emplace(ModelFlowKey{f.src_zone, f.src_asset, f.dst_asset, f.service}, i);
    if (f.rule >= 0)
      if (auto it = uses.find(key_of(f.conduit, f.src_zone, f.rule)); it != uses.end())
        ++it->second.model_flows;
  }

  // Which conduits and zones the capture saw, and what each allowing rule carried.
  std::vector<bool> conduit_seen(site.conduits.size()), zone_seen(site.zones.size());
  std::vector<bool> flow_seen(map.flows().size());
  std::map<std::pair<Index, Index>, std::vector<Index>> joining; // unordered zone pair -> conduits
  for (Index k = 0; k < site.conduits.size(); ++k) {
    auto [a, b] = site.conduits[k].zones;
    joining[{std::min(a, b), std::max(a, b)}].push_back(k);
  }
  for (const Judged& j : c.flows) {
    if (j.src_zone == j.dst_zone) zone_seen[j.src_zone] = true;
    if (auto it = joining.find({std::min(j.src_zone, j.dst_zone), std::max(j.src_zone, j.dst_zone)});
        it != joining.end())
      for (Index k : it->second) conduit_seen[k] = true;
    if (!j.allowed) continue;
    const Decision& d = j.decisions.front();
    if (d.rule >= 0)
      if (auto it = uses.find(key_of(d.conduit, j.src_zone, d.rule)); it != uses.end()) {
        ++it->second.flows;
        it->second.connections += j.stats->connections;
      }
    if (j.model_service < 0) continue;
    // The access map lists a named source only where it may do more than its zone's others.
    const auto s = static_cast<std::uint16_t>(j.model_service);
    auto it = model_flow.find({j.src_zone, j.src_asset, j.dst_asset, s});
    if (it == model_flow.end()) it = model_flow.find({j.src_zone, kNone, j.dst_asset, s});
    if (it != model_flow.end()) flow_seen[it->second] = true;
  }
  for (std::size_t i = 0; i < map.flows().size(); ++i) {
    const auto& f = map.flows()[i];
    if (flow_seen[i] && f.rule >= 0)
      if (auto it = uses.find(key_of(f.conduit, f.src_zone, f.rule)); it != uses.end())
        ++it->second.model_flows_observed;
  }
  std::vector<RuleUse> out;
  for (auto& [key, u] : uses) {
    u.seen = u.conduit != kNone ? conduit_seen[u.conduit] : zone_seen[u.zone];
    out.push_back(u);
  }
  // File order within each conduit (then zone), as `flows` and the site file list them.
  std::stable_sort(out.begin(), out.end(), [&](const RuleUse& a, const RuleUse& b) {
    return std::tuple(a.conduit, a.zone, rule_of(site, a).position) <
           std::tuple(b.conduit, b.zone, rule_of(site, b).position);
  });
  return out;
}

nlohmann::json rule_json(const models::Site& site, const nlohmann::json& site_json, Index conduit, Index zone,
                         std::int32_t rule) {
  const bool on_conduit = conduit != kNone;
  const auto& rules = on_conduit ? site.conduits[conduit].rules : site.zones[zone].intra_rules;
  const models::Rule& r = rules[static_cast<std::size_t>(rule)];
  // The rule's name lives only in the file.
  const char* list = on_conduit ? "conduits" : "zones";
  const char* key = on_conduit ? "rules" : "intra_rules";
  const Index owner = on_conduit ? conduit : zone;
  std::string name;
  if (site_json.contains(list) && owner < site_json[list].size()) {
    const auto& o = site_json[list][owner];
    if (o.contains(key) && r.position < o[key].size()) name = o[key][r.position].value("name", "");
  }
  return {{"via", on_conduit ? site.conduits[conduit].id : site.zones[zone].id},
          {"via_kind", on_conduit ? "conduit" : "zone"},
          {"index", r.position},
          {"priority", r.priority},
          {"action", r.allow ? "allow" : "deny"},
          {"name", name},
          {"description", r.description}};
}

nlohmann::json tighten_scenario(const models::Site& site, const nlohmann::json& site_json,
                                const std::vector<RuleUse>& uses, const Observation& o,
                                const DriftOptions& options, std::size_t& removed) {
  const std::string period = iso_time(o.first) + " to " + iso_time(o.last);
  nlohmann::json ops = nlohmann::json::array();
  // Highest index first within each conduit or zone, so that each removal leaves the indexes of
  // the ones still to come unchanged.
  std::vector<const RuleUse*> chosen;
  for (const RuleUse& u : uses)
    if (u.connections == 0 && (u.seen || options.tighten_unseen)) chosen.push_back(&u);
  std::stable_sort(chosen.begin(), chosen.end(), [&](const RuleUse* a, const RuleUse* b) {
    return std::tuple(a->conduit, a->zone, rule_of(site, *b).position) <
           std::tuple(b->conduit, b->zone, rule_of(site, *a).position);
  });
  for (const RuleUse* u : chosen) {
    const models::Rule& r = rule_of(site, *u);
    nlohmann::json rule = rule_json(site, site_json, u->conduit, u->zone, u->rule);
    std::string what = "allow rule priority " + std::to_string(r.priority);
    if (!rule["name"].get<std::string>().empty()) what += " '" + rule["name"].get<std::string>() + "'";
    nlohmann::json op = {
        {"op", "remove-rule"},
        {"index", r.position},
        {"description", what + ": no connection used it from " + period +
                            (u->model_flows == 0 ? " (it allows no flow of the model either)" : "")}};
    op[u->conduit != kNone ? "conduit" : "zone"] = rule["via"];
    ops.push_back(std::move(op));
  }
  removed = ops.size();
  nlohmann::json scenario = {{"schema", "zonepath/scenario/v1"},
                             {"id", "drift-tighten"},
                             {"name", "Remove the allow rules no connection used"},
                             {"description", "Written by zonepath drift from " + o.file +
                                                 ": the allow rules that carried no "
                                                 "connection from " +
                                                 period + "."},
                             {"operations", std::move(ops)}};
  if (!site.id.empty()) scenario["base"] = site.id;
  return scenario;
}

} // namespace zonepath::scenarios::drift
