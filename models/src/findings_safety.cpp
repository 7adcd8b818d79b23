// Exposure of the lowest levels: a DMZ host with a direct flow to Level 1/0, and a safety
// controller that hosts outside its zone can program or that a control-zone controller can write
// to. Each works on the access map, so a flow exists exactly when the rule base allows it.
#include <algorithm>
#include <set>

#include "findings_internal.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::models::findings_detail {

namespace {

// Level 1 and 0 of the Purdue model: a zone whose `purdue` says so, else a control or safety zone.
bool field_level(const Zone& zone) {
  if (zone.purdue) return *zone.purdue <= 1.0;
  return kind_in(zone, {"control", "safety"});
}

// The DMZ hosts an external zone (the Internet, a vendor, a remote site) can reach, and whether
// any of them can: a DMZ source reachable from outside is one hop from the attacker.
struct Exposure {
  std::set<Index> assets; // destinations of flows from external zones
  std::vector<std::string> from;

  // A named source must itself be reachable; a zone-wide source is when any host of its zone is.
  bool covers(const Site& site, const Flow& f) const {
    if (f.src_asset != kNone) return assets.count(f.src_asset) > 0;
    return std::any_of(site.zones[f.src_zone].assets.begin(), site.zones[f.src_zone].assets.end(),
                       [&](Index a) { return assets.count(a) > 0; });
  }
};

Exposure external_exposure(const Context& ctx) {
  Exposure out;
  for (const Flow& f : ctx.access.flows()) {
    const ZoneKind* k = zone_kind(ctx.site, f.src_zone);
    if (f.conduit == kNone || !k || !k->external) continue;
    out.assets.insert(f.dst_asset);
    const std::string& z = ctx.site.zones[f.src_zone].id;
    if (std::find(out.from.begin(), out.from.end(), z) == out.from.end()) out.from.push_back(z);
  }
  return out;
}

void dmz_to_field_level(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  const Exposure exposed = external_exposure(ctx);
  auto groups = group_conduit_flows(ctx.access, [&](const Flow& f) {
    return site.zones[f.src_zone].kind == "dmz" && field_level(site.zones[f.dst_zone]);
  });
  for (const auto& [key, flows] : groups) {
    const Zone& src = site.zones[key.second];
    const Zone& dst = site.zones[flows.front()->dst_zone];
    const bool controller = std::any_of(flows.begin(), flows.end(),
                                        [&](const Flow* f) { return is_controller(site, f->dst_asset); });
    const bool from_outside =
        std::any_of(flows.begin(), flows.end(), [&](const Flow* f) { return exposed.covers(site, *f); });
    Finding f =
        make_finding("dmz-to-field-level", controller || from_outside ? Severity::Critical : Severity::High,
                     "SR 5.1", "ZCR 3", {"SR 5.2"});
    f.zone = dst.id;
    f.conduit = site.conduits[key.first].id;
    f.asset = single_destination(site, flows);
    f.message = "DMZ zone " + src.id + " reaches Level 0/1 zone " + dst.id + " directly over " + f.conduit +
                ", past the supervisory and operations levels: " + summarise_flows(site, flows) + ".";
    if (from_outside)
      f.message += " The DMZ hosts are reachable from external zone" +
                   std::string(exposed.from.size() > 1 ? "s " : " ") + join_names(exposed.from) +
                   ", so this is one hop from outside.";
    out.push_back(std::move(f));
  }
}

// A flow that can carry write, command or program-download messages to a safety controller: an
// industrial protocol of the catalog, not over a data diode (engineering needs sessions), and not
// through a read-only rule that the conduit's inspection enforces.
bool writes_to_safety(const Site& site, const Flow& f) {
  if (f.conduit == kNone || !is_safety(site, f.dst_asset)) return false;
  if (f.src_asset != kNone && is_safety(site, f.src_asset)) return false; // safety peers (SIS to SIS)
  const Conduit& c = site.conduits[f.conduit];
  if (c.direction) return false;
  const Protocol* p = find_protocol(site.assets[f.dst_asset].services[f.service].protocol);
  if (!p || !p->industrial) return false;
  const Rule* r = AccessMap::rule_of(site, f);
  return !(r && r->read_only() && c.inspection);
}

bool all_temporary(const Site& site, const std::vector<const Flow*>& flows) {
  return std::all_of(flows.begin(), flows.end(), [&](const Flow* f) {
    const Rule* r = AccessMap::rule_of(site, *f);
    return (r && r->temporary) || site.conduits[f->conduit].temporary;
  });
}

void sis_programming_reachable(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  auto groups = group_conduit_flows(
      ctx.access, [&](const Flow& f) { return f.src_zone != f.dst_zone && writes_to_safety(site, f); });
  for (const auto& [key, flows] : groups) {
    const Zone& src = site.zones[key.second];
    const Zone& dst = site.zones[flows.front()->dst_zone];
    // A time-bound rule (a proof-test window, a bypass) is managed access; a standing one is not.
    const bool managed = all_temporary(site, flows);
    Finding f = make_finding("sis-programming-reachable", managed ? Severity::High : Severity::Critical,
                             "SR 5.1", "ZCR 3.3", {"SR 2.1"});
    f.zone = dst.id;
    f.conduit = site.conduits[key.first].id;
    f.asset = single_destination(site, flows);
    f.message = "Safety controllers in zone " + dst.id + " accept " + protocols_of(site, flows) +
                " (write and program-download capable) from zone " + src.id + " over " + f.conduit + ": " +
                summarise_flows(site, flows) +
                (managed ? "; every rule is time-bound." : "; the access is standing.");
    out.push_back(std::move(f));
  }
}

// The controllers (not safety ones) a flow may come from: its named source, or every controller
// of its source zone when the rule names no host.
std::vector<Index> controller_sources(const Site& site, const Flow& f) {
  std::vector<Index> out;
  if (f.src_asset != kNone) {
    if (is_controller(site, f.src_asset) && !is_safety(site, f.src_asset)) out.push_back(f.src_asset);
    return out;
  }
  for (Index a : site.zones[f.src_zone].assets)
    if (is_controller(site, a) && !is_safety(site, a)) out.push_back(a);
  return out;
}

void control_writes_to_sis(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  auto groups = group_conduit_flows(ctx.access, [&](const Flow& f) {
    return f.src_zone != f.dst_zone && writes_to_safety(site, f) && !controller_sources(site, f).empty();
  });
  for (const auto& [key, flows] : groups) {
    const Zone& dst = site.zones[flows.front()->dst_zone];
    std::vector<std::string> writers;
    for (const Flow* fl : flows)
      for (Index a : controller_sources(site, *fl))
        if (std::find(writers.begin(), writers.end(), site.assets[a].id) == writers.end())
          writers.push_back(site.assets[a].id);
    Finding f = make_finding("control-writes-to-sis", Severity::High, "SR 5.1", "ZCR 3.3", {"SR 3.1"});
    f.zone = dst.id;
    f.conduit = site.conduits[key.first].id;
    f.asset = single_destination(site, flows);
    f.message = "Control controller" + std::string(writers.size() > 1 ? "s " : " ") + join_names(writers) +
                " in zone " + site.zones[key.second].id + " can write to safety controllers in zone " +
                dst.id + " over " + f.conduit + " (" + protocols_of(site, flows) +
                "): a compromised process controller reaches the safety layer. " +
                summarise_flows(site, flows) + ".";
    out.push_back(std::move(f));
  }
}

} // namespace

void low_level_exposure_rules(const Context& ctx, std::vector<Finding>& out) {
  dmz_to_field_level(ctx, out);
  sis_programming_reachable(ctx, out);
  control_writes_to_sis(ctx, out);
}

} // namespace zonepath::models::findings_detail
