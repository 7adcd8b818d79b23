// Design findings: the entry point and the helpers that every rule group shares. The rules
// themselves live in findings_zones.cpp (zone composition), findings_flows.cpp (flows across
// conduits) and findings_conduits.cpp (conduit properties and rule bases).
#include "zonepath/models/findings.hpp"

#include <algorithm>

#include "findings_internal.hpp"
#include "zonepath/models/catalog_iso27001.hpp"

namespace zonepath::models {

std::string to_string(Severity s) {
  return nlohmann::json(s).get<std::string>();
}

namespace findings_detail {

Severity lower(Severity s) {
  return s == Severity::Low ? s : static_cast<Severity>(static_cast<int>(s) - 1);
}

const AssetType* asset_type(const Site& site, Index asset) {
  return find_asset_type(site.assets[asset].type);
}
const ZoneKind* zone_kind(const Site& site, Index zone) {
  return find_zone_kind(site.zones[zone].kind);
}

std::vector<int> hops_from_outside(const Site& site, const AccessMap& access) {
  std::vector<int> hops(site.zones.size(), kUnreached);
  std::vector<Index> frontier;
  for (Index z = 0; z < site.zones.size(); ++z)
    if (const ZoneKind* k = zone_kind(site, z); k && k->external) {
      hops[z] = 0;
      frontier.push_back(z);
    }
  // Zone-level breadth-first search: holding a host of the destination gives its zone.
  std::vector<std::vector<Index>> next(site.zones.size());
  for (const Flow& f : access.flows())
    if (f.conduit != kNone) next[f.src_zone].push_back(site.assets[f.dst_asset].zone);
  for (std::size_t i = 0; i < frontier.size(); ++i)
    for (Index z : next[frontier[i]])
      if (hops[z] == kUnreached) {
        hops[z] = hops[frontier[i]] + 1;
        frontier.push_back(z);
      }
  return hops;
}

bool is_controller(const Site& site, Index asset) {
  const AssetType* t = asset_type(site, asset);
  return t && t->controller;
}

bool is_safety(const Site& site, Index asset) {
  const AssetType* t = asset_type(site, asset);
  return t && t->safety;
}

bool is_business_it(const Site& site, Index asset) {
  const std::string& t = site.assets[asset].type;
  return t == "workstation" || t == "mobile";
}

bool is_network_gear(const Site& site, Index asset) {
  const std::string& t = site.assets[asset].type;
  return t == "router" || t == "switch" || t == "firewall";
}

bool kind_in(const Zone& zone, std::initializer_list<std::string_view> kinds) {
  return std::find(kinds.begin(), kinds.end(), std::string_view(zone.kind)) != kinds.end();
}

bool is_iacs_zone(const Zone& zone) {
  return !kind_in(zone, {"enterprise", "dmz", "untrusted", "vendor"});
}

Finding make_finding(std::string rule, Severity severity, std::string requirement, std::string zcr,
                     std::initializer_list<std::string_view> extra_iso) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.requirement = std::move(requirement);
  f.zcr = std::move(zcr);
  auto add = [&](std::string_view id) {
    for (auto& c : iso27001_for(id))
      if (std::find(f.iso27001.begin(), f.iso27001.end(), c) == f.iso27001.end()) f.iso27001.push_back(c);
  };
  add(f.requirement);
  for (auto id : extra_iso) add(id);
  return f;
}

std::string describe_flow(const Site& site, const Flow& f) {
  const Asset& dst = site.assets[f.dst_asset];
  const Service& s = dst.services[f.service];
  std::string out = f.src_asset != kNone ? site.assets[f.src_asset].id : site.zones[f.src_zone].id;
  out += " -> " + dst.id + " " + s.protocol;
  if (s.port) out += "/" + std::to_string(s.port);
  if (s.transport == Transport::Udp) out += "/udp";
  if (const Rule* r = AccessMap::rule_of(site, f)) out += " (rule " + std::to_string(r->priority) + ")";
  return out;
}

std::string summarise_flows(const Site& site, const std::vector<const Flow*>& flows) {
  std::vector<std::string> examples;
  for (const Flow* f : flows) {
    std::string d = describe_flow(site, *f);
    if (std::find(examples.begin(), examples.end(), d) == examples.end()) examples.push_back(d);
    if (examples.size() == 3) break;
  }
  std::string out = std::to_string(flows.size()) + (flows.size() == 1 ? " allowed flow" : " allowed flows");
  if (examples.empty()) return out;
  out += flows.size() == 1 ? ": " : ", e.g. ";
  for (std::size_t i = 0; i < examples.size(); ++i) out += (i ? "; " : "") + examples[i];
  return out;
}

std::string protocols_of(const Site& site, const std::vector<const Flow*>& flows) {
  std::vector<std::string> names;
  for (const Flow* f : flows) {
    const std::string& p = site.assets[f->dst_asset].services[f->service].protocol;
    if (std::find(names.begin(), names.end(), p) == names.end()) names.push_back(p);
  }
  return join_names(names, 5);
}

std::string single_destination(const Site& site, const std::vector<const Flow*>& flows) {
  for (const Flow* f : flows)
    if (f->dst_asset != flows.front()->dst_asset) return {};
  return site.assets[flows.front()->dst_asset].id;
}

std::string join_names(const std::vector<std::string>& names, std::size_t max) {
  std::string out;
  std::size_t shown = std::min(names.size(), max);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string sl_string(const SlVector& v) {
  return "[" + sl_vector_text(v, ",") + "]";
}

} // namespace findings_detail

std::vector<Finding> find_design_issues(const Site& site, const AccessMap& access,
                                        const std::vector<SlVector>& zone_sl_t) {
  using namespace findings_detail;
  Context ctx{site, access, zone_sl_t, carrying_conduits(site, access), hops_from_outside(site, access)};
  std::vector<Finding> out;
  // The documented rule order (docs/findings.md); each group keeps location-index order.
  zone_composition_rules(ctx, out);   // 1 business-and-iacs-mixed, 2 safety-not-separated
  crossing_rules(ctx, out);           // 3 enterprise-to-control-without-dmz, 4 remote-access-not-through-dmz
  sl_gap_rule(ctx, out);              // 5 conduit-sl-gap-without-inspection
  legacy_rule(ctx, out);              // 6 legacy-reachable-from-lower-trust
  rule_base_rules(ctx, out);          // 7 diode-bypassed, 8 any-any-allow
  boundary_rules(ctx, out);           // 9 read-only-not-enforced, 10 dual-homed-bypasses-conduit
  low_level_exposure_rules(ctx, out); // 11 dmz-to-field-level, 12 sis-programming-reachable,
                                      // 13 control-writes-to-sis
  return out;
}

} // namespace zonepath::models
