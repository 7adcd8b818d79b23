// Shared helpers of the design-finding rules (findings*.cpp). Private to zonepath::models.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/findings.hpp"

namespace zonepath::models::findings_detail {

// One step down (a compensating control mitigates); Low stays Low.
Severity lower(Severity s);

struct Context {
  const Site& site;
  const AccessMap& access;
  const std::vector<SlVector>& zone_sl_t;
  std::vector<char> carries; // carrying_conduits(site, access), derived once for every rule
  std::vector<int> hops;     // hops_from_outside(site, access), likewise
};

// Catalog lookups that tolerate names the catalogs do not know (nullptr / false).
const AssetType* asset_type(const Site& site, Index asset);
const ZoneKind* zone_kind(const Site& site, Index zone);
bool is_controller(const Site& site, Index asset);   // plc, rtu, ied, sis, ... (catalog flag)
bool is_safety(const Site& site, Index asset);       // sis (catalog flag)
bool is_business_it(const Site& site, Index asset);  // workstation, mobile
bool is_network_gear(const Site& site, Index asset); // router, switch, firewall
bool kind_in(const Zone& zone, std::initializer_list<std::string_view> kinds);
// 1 for each conduit that some flow crosses: a conduit that allows nothing (or that a what-if
// disabled) carries nothing an inspection finding could be about.
std::vector<char> carrying_conduits(const Site& site, const AccessMap& access);
// Per zone, how many conduit crossings an attacker outside the plant needs before it holds a
// host of the zone: 0 for external zones (untrusted, vendor), 1 for zones whose hosts take
// flows from an external zone, and so on over the flows the rules allow; kUnreached when no
// chain of flows leads there.
inline constexpr int kUnreached = 1 << 20;
std::vector<int> hops_from_outside(const Site& site, const AccessMap& access);
// A zone of the IACS proper: not business IT, not a DMZ, not outside the plant (untrusted,
// vendor). Remote sites belong to the IACS. Unknown kinds count as IACS to stay on the safe side.
bool is_iacs_zone(const Zone& zone);

// A finding with rule, severity, requirement, ISO controls of the requirement (+ extra topics or
// requirement ids, deduplicated, in order) and ZCR step filled in.
Finding make_finding(std::string rule, Severity severity, std::string requirement, std::string zcr,
                     std::initializer_list<std::string_view> extra_iso = {});

// "corp-ws-1 -> plc-1 modbus-tcp/502 (rule 100)"; the source is the zone when no host is named.
std::string describe_flow(const Site& site, const Flow& f);
// "3 allowed flows, e.g. a; b; c" with the first (up to) three distinct descriptions.
std::string summarise_flows(const Site& site, const std::vector<const Flow*>& flows);
// Distinct protocol names of the flows' services, in first-seen order: "pcom, https".
std::string protocols_of(const Site& site, const std::vector<const Flow*>& flows);
// The one destination asset of a group, or "" when the flows reach several.
std::string single_destination(const Site& site, const std::vector<const Flow*>& flows);
// "a, b, c and 2 more" (at most `max` names).
std::string join_names(const std::vector<std::string>& names, std::size_t max = 3);
std::string sl_string(const SlVector& v);

// Conduit flows grouped by (conduit, source zone), in index order; intra-zone flows skipped.
using FlowGroups = std::map<std::pair<Index, Index>, std::vector<const Flow*>>;
template <class Pred> FlowGroups group_conduit_flows(const AccessMap& access, Pred keep) {
  FlowGroups out;
  for (const Flow& f : access.flows())
    if (f.conduit != kNone && keep(f)) out[{f.conduit, f.src_zone}].push_back(&f);
  return out;
}
// The zone a flow reaches its destination in (the asset's own zone or one of its extra_zones).
inline Index dst_zone(const Site&, const Flow& f) {
  return f.dst_zone;
}

// Rule groups, each appending its findings in location order.
void zone_composition_rules(const Context& ctx, std::vector<Finding>& out);   // rules 1-2
void crossing_rules(const Context& ctx, std::vector<Finding>& out);           // rules 3-4
void sl_gap_rule(const Context& ctx, std::vector<Finding>& out);              // rule 5
void legacy_rule(const Context& ctx, std::vector<Finding>& out);              // rule 6
void rule_base_rules(const Context& ctx, std::vector<Finding>& out);          // rules 7-8
void boundary_rules(const Context& ctx, std::vector<Finding>& out);           // rules 9-10
void low_level_exposure_rules(const Context& ctx, std::vector<Finding>& out); // rules 11-13

} // namespace zonepath::models::findings_detail
