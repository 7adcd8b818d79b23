// Boundaries the model states but the network does not keep: a read-only rule that nothing
// enforces (no inspection on the conduit), and a host with interfaces in two zones, which joins
// them past every conduit between them (the classic brownfield bypass of a firewall).
#include <algorithm>

#include "findings_internal.hpp"

namespace zonepath::models::findings_detail {

namespace {

void read_only_not_enforced(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  const std::vector<char>& carries = ctx.carries;
  for (Index c = 0; c < site.conduits.size(); ++c) {
    const Conduit& conduit = site.conduits[c];
    if (conduit.inspection || !carries[c]) continue;
    std::vector<std::string> rules;
    bool critical_side = false;
    for (const Rule& r : conduit.rules) {
      if (!r.allow || !r.read_only()) continue;
      rules.push_back("rule " + std::to_string(r.priority));
      Index to = r.to_zone;
      for (Index z : conduit.zones)
        if (to == kNone || to == z)
          critical_side = critical_side || kind_in(site.zones[z], {"control", "safety"});
    }
    if (rules.empty()) continue;
    Finding f = make_finding("read-only-not-enforced", critical_side ? Severity::High : Severity::Medium,
                             "SR 5.2", "ZCR 5.8", {"SR 3.5"});
    f.conduit = conduit.id;
    f.message = "Conduit " + conduit.id + " allows read functions only (" + join_names(rules) +
                ") but does not inspect the traffic (inspection is false): read-only intent not enforced, "
                "so write and command messages pass like reads.";
    out.push_back(std::move(f));
  }
}

// The conduits joining two of the asset's zones, with the allow rules each one carries.
std::vector<std::string> bypassed(const Site& site, const std::vector<Index>& zones) {
  std::vector<std::string> out;
  for (const Conduit& c : site.conduits) {
    bool joins = std::find(zones.begin(), zones.end(), c.zones[0]) != zones.end() &&
                 std::find(zones.begin(), zones.end(), c.zones[1]) != zones.end();
    if (!joins) continue;
    std::vector<std::string> rules;
    for (const Rule& r : c.rules)
      if (r.allow) rules.push_back(std::to_string(r.priority));
    std::string what = c.direction     ? "data diode"
                       : rules.empty() ? "no allow rule"
                                       : "allow rules " + join_names(rules, 5);
    out.push_back(c.id + " (" + what + ")");
  }
  return out;
}

void dual_homed(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  for (Index a = 0; a < site.assets.size(); ++a) {
    const Asset& asset = site.assets[a];
    if (asset.extra_zones.empty()) continue;
    std::vector<Index> zones{asset.zone};
    zones.insert(zones.end(), asset.extra_zones.begin(), asset.extra_zones.end());
    std::vector<std::string> names;
    for (Index z : zones) names.push_back(site.zones[z].id);
    // Worst when it joins the process (control, safety) to a zone of lower trust.
    int lowest = 99, highest = -1;
    bool process = false;
    for (Index z : zones) {
      const ZoneKind* k = zone_kind(site, z);
      if (k) lowest = std::min(lowest, k->trust_rank), highest = std::max(highest, k->trust_rank);
      process = process || kind_in(site.zones[z], {"control", "safety"});
    }
    Severity sev = process && lowest < highest ? Severity::Critical : Severity::High;
    auto conduits = bypassed(site, zones);
    Finding f = make_finding("dual-homed-bypasses-conduit", sev, "SR 5.1", "ZCR 3");
    f.zone = site.zones[asset.zone].id;
    f.asset = asset.id;
    f.conduit = conduits.size() == 1 ? conduits.front().substr(0, conduits.front().find(' ')) : "";
    f.message = asset.type + " " + asset.id + " has network interfaces in zones " + join_names(names, 7) +
                ": whoever holds it is in each of them, past " +
                (conduits.empty()
                     ? std::string("every conduit between them (no conduit joins them directly)")
                     : "conduit" + std::string(conduits.size() > 1 ? "s " : " ") + join_names(conduits, 5)) +
                ".";
    out.push_back(std::move(f));
  }
}

} // namespace

void boundary_rules(const Context& ctx, std::vector<Finding>& out) {
  read_only_not_enforced(ctx, out);
  dual_homed(ctx, out);
}

} // namespace zonepath::models::findings_detail
