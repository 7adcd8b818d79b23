// Flow rules: allowed traffic across conduits that the zone model should have routed through a
// DMZ (ZCR 3, ZCR 3.6), and legacy assets exposed to less trusted zones (ZCR 5.2). Each works
// on the access map, so a flow exists exactly when the rule base allows it.
#include <algorithm>
#include <set>

#include "findings_internal.hpp"
#include "zonepath/models/requirement_assessment.hpp"

namespace zonepath::models::findings_detail {

namespace {

// How far the nearest source is from outside the plant, for the finding's message.
std::string exposure_text(int hops) {
  if (hops == 0) return "the source is outside the plant";
  if (hops == kUnreached) return "no chain of allowed flows leads there from outside the plant";
  return "the nearest source is " + std::to_string(hops) + " conduit crossing" + (hops > 1 ? "s" : "") +
         " from outside the plant";
}

// Zones where a direct flow from business IT or the Internet hits the process: levels 3..0, and
// remote sites that hold controllers (a booster station is a control zone reached over a WAN).
bool control_level(const Site& site, Index z) {
  const Zone& zone = site.zones[z];
  if (kind_in(zone, {"operations", "supervisory", "control", "safety"})) return true;
  return zone.kind == "remote" &&
         std::any_of(zone.assets.begin(), zone.assets.end(), [&](Index a) { return is_controller(site, a); });
}

bool reaches_controller(const Site& site, const std::vector<const Flow*>& flows) {
  return std::any_of(flows.begin(), flows.end(),
                     [&](const Flow* f) { return is_controller(site, f->dst_asset); });
}

void enterprise_to_control(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  auto groups = group_conduit_flows(ctx.access, [&](const Flow& f) {
    return kind_in(site.zones[f.src_zone], {"enterprise", "untrusted"}) &&
           control_level(site, dst_zone(site, f));
  });
  const std::vector<int>& hops = ctx.hops;
  for (const auto& [key, flows] : groups) {
    const Zone& src = site.zones[key.second];
    const Zone& dst = site.zones[dst_zone(site, *flows.front())];
    // Critical by what is reached (a controller, a control or safety zone) or by how exposed the
    // source is: outside the plant, or holding hosts the outside reaches directly.
    const bool exposed_source = hops[key.second] <= 1;
    bool critical =
        kind_in(dst, {"control", "safety", "remote"}) || reaches_controller(site, flows) || exposed_source;
    Finding f = make_finding("enterprise-to-control-without-dmz",
                             critical ? Severity::Critical : Severity::High, "SR 5.1", "ZCR 3", {"SR 5.2"});
    f.zone = dst.id;
    f.conduit = site.conduits[key.first].id;
    f.asset = single_destination(site, flows);
    f.message = "Conduit " + f.conduit + " lets " + src.kind + " zone " + src.id + " reach " + dst.kind +
                " zone " + dst.id + " directly instead of through a DMZ: " + summarise_flows(site, flows) +
                "; " + exposure_text(hops[key.second]) + ".";
    out.push_back(std::move(f));
  }
}

bool hosts_remote_access(const Site& site, const Zone& zone) {
  return std::any_of(zone.assets.begin(), zone.assets.end(), [&](Index a) {
    const std::string& t = site.assets[a].type;
    return t == "vpn-server" || t == "jump-host" || t == "workstation" || t == "mobile";
  });
}

void remote_access_not_through_dmz(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  auto external_party = [&](Index z) { return kind_in(site.zones[z], {"vendor", "untrusted"}); };
  // A remote zone is a remote-access zone when remote users or access servers sit in it, or when
  // a vendor or the Internet can reach into it (an Ewon or a port forward makes it an access point).
  std::vector<char> remote_access(site.zones.size(), 0);
  for (Index z = 0; z < site.zones.size(); ++z)
    remote_access[z] = site.zones[z].kind == "remote" && hosts_remote_access(site, site.zones[z]);
  for (const Flow& f : ctx.access.flows())
    if (f.conduit != kNone && external_party(f.src_zone) && site.zones[dst_zone(site, f)].kind == "remote")
      remote_access[dst_zone(site, f)] = 1;

  auto groups = group_conduit_flows(ctx.access, [&](const Flow& f) {
    return (external_party(f.src_zone) || remote_access[f.src_zone]) &&
           is_iacs_zone(site.zones[dst_zone(site, f)]);
  });
  for (const auto& [key, flows] : groups) {
    const Zone& src = site.zones[key.second];
    const Zone& dst = site.zones[dst_zone(site, *flows.front())];
    bool critical = kind_in(dst, {"control", "safety"}) || reaches_controller(site, flows);
    bool vendor = src.kind == "vendor";
    Finding f = make_finding("remote-access-not-through-dmz", critical ? Severity::Critical : Severity::High,
                             "SR 1.13", "ZCR 3.6", {vendor ? "supplier-remote-access" : ""});
    f.zone = dst.id;
    f.conduit = site.conduits[key.first].id;
    f.asset = single_destination(site, flows);
    std::string who = src.kind + " zone " + src.id;
    if (!external_party(key.second)) who = "remote-access zone " + src.id;
    f.message = "Remote access from " + who + " reaches " + dst.kind + " zone " + dst.id + " over " +
                f.conduit + " without passing a DMZ (" + protocols_of(site, flows) +
                "): " + summarise_flows(site, flows) + ".";
    out.push_back(std::move(f));
  }
}

} // namespace

void crossing_rules(const Context& ctx, std::vector<Finding>& out) {
  enterprise_to_control(ctx, out);
  remote_access_not_through_dmz(ctx, out);
}

namespace {

bool covers_exposure(const Site& site, const CompensatingControl& c, const std::vector<const Flow*>& flows) {
  for (const auto& id : c.requirements)
    if (requirement_key(id).rfind("5.", 0) == 0) return true;
  for (const Flow* f : flows) {
    const std::string& protocol = site.assets[f->dst_asset].services[f->service].protocol;
    if (std::find(c.services.begin(), c.services.end(), protocol) != c.services.end()) return true;
  }
  return false;
}

} // namespace

// trust_rank grows inwards (0 = the Internet, 8 = safety): a source of lower rank is less trusted.
void legacy_rule(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  std::map<Index, std::vector<const Flow*>> by_asset;
  for (const Flow& f : ctx.access.flows()) {
    const Asset& a = site.assets[f.dst_asset];
    if (f.conduit == kNone || !a.legacy || a.patchable) continue;
    const ZoneKind* from = zone_kind(site, f.src_zone);
    const ZoneKind* to = zone_kind(site, a.zone);
    if (from && to && from->trust_rank < to->trust_rank) by_asset[f.dst_asset].push_back(&f);
  }
  const std::vector<int>& hops = ctx.hops;
  for (const auto& [index, flows] : by_asset) {
    const Asset& a = site.assets[index];
    std::vector<std::string> sources;
    std::set<Index> conduits;
    int nearest = kUnreached; // fewest crossings from outside to a source zone
    for (const Flow* fl : flows) {
      const std::string& z = site.zones[fl->src_zone].id;
      if (std::find(sources.begin(), sources.end(), z) == sources.end()) sources.push_back(z);
      conduits.insert(fl->conduit);
      nearest = std::min(nearest, hops[fl->src_zone]);
    }
    // Exposure, not zone kind: a source outside the plant, or one whose hosts the outside
    // reaches directly (a DMZ with an Internet-facing VPN portal), is one step from anyone.
    Severity sev = nearest <= 1 ? Severity::Critical : Severity::High;
    // Only a control that shields the exposure counts: one for a boundary (FR5) requirement,
    // or one that names an exposed service. An allow-list on the host does not cover its RDP.
    std::vector<const CompensatingControl*> covering;
    for (const auto& c : a.compensating)
      if (covers_exposure(site, c, flows)) covering.push_back(&c);
    bool compensated = !covering.empty();
    if (compensated) sev = lower(sev);
    Finding f = make_finding("legacy-reachable-from-lower-trust", sev, "SR 5.2", "ZCR 5.2",
                             {"patch", "compensating"});
    f.zone = site.zones[a.zone].id;
    f.conduit = conduits.size() == 1 ? site.conduits[*conduits.begin()].id : "";
    f.asset = a.id;
    f.message = "Legacy, unpatchable " + a.type + " " + a.id + " in zone " + f.zone +
                " is reachable from lower-trust zone" + (sources.size() > 1 ? "s " : " ") +
                join_names(sources) + " over " + protocols_of(site, flows) + ": " +
                summarise_flows(site, flows) + "; " + exposure_text(nearest) + "; ";
    if (compensated) {
      // Cite requirement and change record, the ISMS-traceable part (the control text is prose).
      std::vector<std::string> controls;
      for (const auto* c : covering) {
        std::string names;
        for (const auto& id : c->requirements) names += (names.empty() ? "" : "/") + id;
        controls.push_back(names + " under " +
                           (c->change_record.empty() ? "no change record" : c->change_record));
      }
      f.message += "compensated (" + join_names(controls) + "), so the severity is one step lower.";
    } else if (!a.compensating.empty()) {
      f.message += "its compensating controls cover neither a boundary (FR5) requirement nor the exposed "
                   "services, so they do not lower the severity.";
    } else {
      f.message += "no compensating control is recorded.";
    }
    out.push_back(std::move(f));
  }
}

} // namespace zonepath::models::findings_detail
