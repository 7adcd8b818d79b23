// Zone-composition rules (IEC 62443-3-2 ZCR 3.2 and 3.3): what a zone holds, independent of
// the traffic rules. One finding per offending zone, in zone order.
#include <algorithm>

#include "findings_internal.hpp"

namespace zonepath::models::findings_detail {

namespace {

std::vector<std::string> ids_of(const Site& site, const std::vector<Index>& assets) {
  std::vector<std::string> out;
  for (Index a : assets) out.push_back(site.assets[a].id);
  return out;
}

bool any_of(const std::vector<Index>& v, auto pred) {
  return std::any_of(v.begin(), v.end(), pred);
}

// Assets that make a zone part of the IACS for ZCR 3.2. Network gear sits in every zone, and
// ATT&CK for ICS's "application server" (A0008) is the only type a model has for business
// servers too (ERP, LIMS), so neither tells an IACS zone from a business one.
bool counts_as_iacs(const Site& site, Index a) {
  const AssetType* t = asset_type(site, a);
  return t && t->iacs && !is_network_gear(site, a) && site.assets[a].type != "application-server";
}

// Operator and engineering consoles and controllers: what must never sit in business IT.
bool is_console_or_controller(const Site& site, Index a) {
  const std::string& t = site.assets[a].type;
  return is_controller(site, a) || t == "hmi" || t == "engineering-workstation";
}

Severity mixing_severity(const Site& site, const std::vector<Index>& iacs) {
  if (any_of(iacs, [&](Index a) { return is_controller(site, a); })) return Severity::Critical;
  if (any_of(iacs, [&](Index a) {
        const std::string& t = site.assets[a].type;
        return t == "hmi" || t == "engineering-workstation" || t == "control-server";
      }))
    return Severity::High;
  return Severity::Medium; // only level-3 IACS (historian, gateway, jump host) among business IT
}

void business_and_iacs_mixed(const Site& site, Index z, std::vector<Finding>& out) {
  const Zone& zone = site.zones[z];
  std::vector<Index> business, iacs, consoles;
  for (Index a : zone.assets) {
    if (is_business_it(site, a)) business.push_back(a);
    if (counts_as_iacs(site, a)) iacs.push_back(a);
    if (is_console_or_controller(site, a)) consoles.push_back(a);
  }
  bool mixed = !business.empty() && !iacs.empty();
  bool exposed = kind_in(zone, {"enterprise", "untrusted"}) && !consoles.empty();
  if (!mixed && !exposed) return;

  const std::vector<Index>& offending = mixed ? iacs : consoles;
  Severity sev = mixing_severity(site, offending);
  if (exposed) sev = std::max(sev, Severity::High);
  Finding f = make_finding("business-and-iacs-mixed", sev, "SR 5.1", "ZCR 3.2");
  f.zone = zone.id;
  auto first_controller =
      std::find_if(offending.begin(), offending.end(), [&](Index a) { return is_controller(site, a); });
  f.asset = site.assets[first_controller != offending.end() ? *first_controller : offending.front()].id;
  if (mixed)
    f.message = "Zone " + zone.id + " (" + zone.kind + ") mixes business IT assets (" +
                join_names(ids_of(site, business)) + ") with IACS assets (" + join_names(ids_of(site, iacs)) +
                "); ZCR 3.2 keeps them in separate zones";
  else
    f.message = "Zone " + zone.id + " is a " + zone.kind + " zone but holds IACS controllers or consoles (" +
                join_names(ids_of(site, consoles)) +
                "), which belong in a control or supervisory zone behind a DMZ";
  if (mixed && exposed)
    f.message += ", and as a " + zone.kind + " zone it must hold no controllers or consoles";
  f.message += ".";
  out.push_back(std::move(f));
}

// An asset that serves the safety function although the catalog does not flag its type: the
// SIS engineering station (it manages a safety controller), safety I/O and sensors (field-io),
// and the safety network's own switches and firewalls.
bool safety_related(const Site& site, Index a) {
  if (is_safety(site, a) || is_network_gear(site, a) || site.assets[a].type == "field-io") return true;
  const auto& m = site.assets[a].manages;
  return std::any_of(m.begin(), m.end(), [&](Index t) { return is_safety(site, t); });
}

void safety_not_separated(const Site& site, Index z, std::vector<Finding>& out) {
  const Zone& zone = site.zones[z];
  std::vector<Index> safety, others;
  for (Index a : zone.assets) {
    if (is_safety(site, a))
      safety.push_back(a);
    else if (const AssetType* t = asset_type(site, a); t && t->iacs && !safety_related(site, a))
      others.push_back(a);
  }
  if (safety.empty()) return;
  bool own_zone = zone.kind == "safety";
  if (own_zone && others.empty()) return;

  // A safety controller next to basic process controllers shares their failure modes and their
  // attack surface: the separation that IEC 61511 and ZCR 3.3 ask for is gone.
  bool bpcs = any_of(others, [&](Index a) { return is_controller(site, a); });
  Severity sev =
      !own_zone ? (bpcs ? Severity::Critical : Severity::High) : (bpcs ? Severity::High : Severity::Medium);
  Finding f = make_finding("safety-not-separated", sev, "SR 5.1", "ZCR 3.3");
  f.zone = zone.id;
  f.asset = site.assets[safety.front()].id;
  std::string what =
      "Safety asset" + std::string(safety.size() > 1 ? "s " : " ") + join_names(ids_of(site, safety));
  if (!own_zone)
    f.message = what + " sit" + (safety.size() > 1 ? "" : "s") + " in zone " + zone.id + " of kind '" +
                zone.kind + "' instead of a zone of kind 'safety'";
  else
    f.message = what + " share" + (safety.size() > 1 ? "" : "s") + " safety zone " + zone.id;
  if (!others.empty()) f.message += " with non-safety IACS assets (" + join_names(ids_of(site, others)) + ")";
  f.message += "; ZCR 3.3 puts safety-related assets in zones of their own.";
  out.push_back(std::move(f));
}

} // namespace

void zone_composition_rules(const Context& ctx, std::vector<Finding>& out) {
  const Index n = static_cast<Index>(ctx.site.zones.size());
  for (Index z = 0; z < n; ++z) business_and_iacs_mixed(ctx.site, z, out);
  for (Index z = 0; z < n; ++z) safety_not_separated(ctx.site, z, out);
}

} // namespace zonepath::models::findings_detail
