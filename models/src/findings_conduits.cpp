// Conduit rules: boundary protection that does not match the zones it joins (SL-T step without
// inspection), data diodes made two-way by a parallel conduit, and allow rules that are not
// narrowed to hosts and services (SR 5.2, SR 5.2 RE 1). One finding per conduit, in conduit order.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "findings_internal.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models::findings_detail {

namespace {

// The analysis' SL-T of a zone, else the declared one, else none.
std::optional<SlVector> sl_t_of(const Context& ctx, Index z) {
  if (z < ctx.zone_sl_t.size()) return ctx.zone_sl_t[z];
  return ctx.site.zones[z].sl_t;
}

bool same_zones(const Conduit& a, const Conduit& b) {
  return (a.zones[0] == b.zones[0] && a.zones[1] == b.zones[1]) ||
         (a.zones[0] == b.zones[1] && a.zones[1] == b.zones[0]);
}

std::vector<std::vector<const Flow*>> flows_by_conduit(const Context& ctx) {
  std::vector<std::vector<const Flow*>> out(ctx.site.conduits.size());
  for (const Flow& f : ctx.access.flows())
    if (f.conduit != kNone) out[f.conduit].push_back(&f);
  return out;
}

} // namespace

std::vector<char> carrying_conduits(const Site& site, const AccessMap& access) {
  std::vector<char> carries(site.conduits.size(), 0);
  for (const Flow& f : access.flows())
    if (f.conduit != kNone) carries[f.conduit] = 1;
  return carries;
}

void sl_gap_rule(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  const std::vector<char>& carries = ctx.carries;
  for (Index c = 0; c < site.conduits.size(); ++c) {
    const Conduit& conduit = site.conduits[c];
    // A data diode's boundary is physics, and a conduit that allows nothing carries nothing
    // that inspection would have to check.
    if (conduit.inspection || conduit.direction || !carries[c]) continue;
    auto a = sl_t_of(ctx, conduit.zones[0]), b = sl_t_of(ctx, conduit.zones[1]);
    if (!a || !b) continue;
    std::vector<std::string> frs;
    int worst = 0, worst_fr = -1;
    for (int i = 0; i < kFrCount; ++i) {
      int da = (*a)[static_cast<std::size_t>(i)], db = (*b)[static_cast<std::size_t>(i)];
      if (std::abs(da - db) < 2) continue;
      // A diode that only lets traffic leave the better-protected zone keeps that zone's
      // boundary by physics; nothing enters it that inspection would have to check.
      Index higher = da > db ? conduit.zones[0] : conduit.zones[1];
      if (conduit.direction && (*conduit.direction)[0] == higher) continue;
      frs.push_back("FR" + std::to_string(i + 1) + " " + std::string(fr_abbrev(i + 1)));
      if (std::abs(da - db) > worst) worst = std::abs(da - db), worst_fr = i;
    }
    if (frs.empty()) continue;
    auto wf = static_cast<std::size_t>(worst_fr);
    Index higher = (*a)[wf] > (*b)[wf] ? conduit.zones[0] : conduit.zones[1];
    Finding f =
        make_finding("conduit-sl-gap-without-inspection", worst >= 3 ? Severity::High : Severity::Medium,
                     "SR 5.2", "ZCR 5.8", {"SR 5.2 RE 1"});
    f.zone = site.zones[higher].id;
    f.conduit = conduit.id;
    f.message = "Conduit " + conduit.id + " joins zones " + site.zones[conduit.zones[0]].id + " (SL-T " +
                sl_string(*a) + ") and " + site.zones[conduit.zones[1]].id + " (SL-T " + sl_string(*b) +
                "), whose targets differ by up to " + std::to_string(worst) + " in " + join_names(frs, 7) +
                ", but it does not inspect the traffic (inspection is false).";
    out.push_back(std::move(f));
  }
}

namespace {

void diode_bypassed(const Context& ctx, const std::vector<std::vector<const Flow*>>& by_conduit,
                    std::vector<Finding>& out) {
  const Site& site = ctx.site;
  for (Index c = 0; c < site.conduits.size(); ++c) {
    for (Index d = 0; d < site.conduits.size(); ++d) {
      const Conduit& diode = site.conduits[d];
      if (d == c || !diode.direction || !same_zones(diode, site.conduits[c])) continue;
      Index protected_zone = (*diode.direction)[0], far = (*diode.direction)[1];
      std::vector<const Flow*> against;
      for (const Flow* f : by_conduit[c])
        if (f->src_zone == far && dst_zone(site, *f) == protected_zone) against.push_back(f);
      if (against.empty()) continue;
      const Zone& pz = site.zones[protected_zone];
      bool critical = kind_in(pz, {"control", "safety"});
      Finding f =
          make_finding("diode-bypassed", critical ? Severity::Critical : Severity::High, "SR 5.2", "ZCR 3");
      f.zone = pz.id;
      f.conduit = site.conduits[c].id;
      f.message = "Conduit " + f.conduit + " lets " + site.zones[far].id + " initiate traffic into " + pz.id +
                  ", against data diode " + diode.id + " (" + pz.id + "->" + site.zones[far].id +
                  "), which defeats the diode: " + summarise_flows(site, against) + ".";
      out.push_back(std::move(f));
    }
  }
}

std::string zone_or_any(const Site& site, Index z) {
  return z == kNone ? "*" : site.zones[z].id;
}

void any_any_allow(const Context& ctx, std::vector<Finding>& out) {
  const Site& site = ctx.site;
  for (const Conduit& conduit : site.conduits) {
    Severity sev = Severity::Low;
    std::vector<std::string> offending;
    for (const Rule& r : conduit.rules) {
      if (!r.allow) continue;
      bool any_service = r.protocols.empty() && r.ports.empty();
      bool any_src = r.src_assets.empty(), any_dst = r.dst_assets.empty();
      bool both_ways = r.from_zone == kNone && r.to_zone == kNone;
      // Whole zone to whole zone on every service is any/any between the two zones, whatever
      // the from/to. Narrowing only one side still opens every service on every host, and
      // "* -> *" narrowed only by service opens those services on every host both ways.
      Severity s = Severity::Low;
      if (any_service && any_src && any_dst)
        s = Severity::High;
      else if ((any_service && any_dst) || (both_ways && any_src && any_dst))
        s = Severity::Medium;
      else
        continue;
      sev = std::max(sev, s);
      std::string what = !any_service ? "both ways, every host, listed services only"
                         : any_src    ? "every service of every host"
                                      : "every service of every host, from named sources";
      offending.push_back("rule " + std::to_string(r.priority) + " (" + zone_or_any(site, r.from_zone) +
                          " -> " + zone_or_any(site, r.to_zone) + ", " + what + ")");
    }
    if (offending.empty()) continue;
    Finding f = make_finding("any-any-allow", sev, "SR 5.2 RE 1", "ZCR 5.8");
    f.conduit = conduit.id;
    f.message = "Conduit " + conduit.id +
                " has allow rules that are not narrowed to hosts and services: " + join_names(offending) +
                "; deny by default, allow by exception needs both.";
    out.push_back(std::move(f));
  }
}

} // namespace

void rule_base_rules(const Context& ctx, std::vector<Finding>& out) {
  diode_bypassed(ctx, flows_by_conduit(ctx), out);
  any_any_allow(ctx, out);
}

} // namespace zonepath::models::findings_detail
