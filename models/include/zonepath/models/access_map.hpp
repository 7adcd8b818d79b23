// The access map: which (source zone or asset -> destination asset, service) flows the traffic
// rules allow, and by which conduit and rule. Semantics (docs/model.md): rules in ascending
// priority, first match wins, default deny; a rule lets `from` initiate connections to `to`
// (replies only flow back); a data diode passes traffic only in its direction; within a zone
// "flat" lets every host reach every service, "isolated" only what intra_rules allow. An asset
// with extra_zones is reachable in each of its zones as if it were a member there.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct Flow {
  Index src_zone = kNone;
  Index src_asset = kNone; // kNone: any host of src_zone (or an attacker standing there)
  Index dst_asset = kNone;
  std::uint16_t service = 0; // index into the destination asset's services
  Index conduit = kNone;     // kNone: traffic within the zone
  std::int32_t rule = -1;    // index into the priority-sorted rules; -1: no rule (flat zone, bare diode)
  Index dst_zone = kNone;    // the zone the destination is reached in (its own or an extra zone)
};

struct RuleDecision {
  bool allowed = false;
  std::int32_t rule = -1; // the rule that decided, -1 for the default
};

// First-match evaluation of priority-sorted rules for one connection attempt.
// `src_asset` kNone means a host that no src_assets list names. Temporary rules whose window
// has not started on `as_of` are skipped (nullopt: every rule is in force).
RuleDecision evaluate_rules(const std::vector<Rule>& rules, Index from_zone, Index src_asset, Index to_zone,
                            Index dst_asset, const Service& service,
                            const std::optional<Date>& as_of = std::nullopt);

// Which traffic the map lets through. Unrestricted keeps the zone and conduit topology and the
// direction of data diodes (physical) but no rule: every zone is flat and every conduit passes
// every service of the zones it joins. It is the network of the unmitigated risk assessment.
enum class AccessScope : std::uint8_t { Rules, Unrestricted };

class AccessMap {
public:
  // Computes all allowed flows, in parallel over conduits and zones; the order of the result
  // is fixed (by unit: zones first, then conduits in file order) whatever the thread count.
  // Temporary rules, conduits and assets whose window has not started on `as_of` (nullopt:
  // the site's as_of) are not in force and left out; expired ones are still configured.
  static AccessMap compute(const Site& site, AccessScope scope = AccessScope::Rules,
                           const std::optional<Date>& as_of = std::nullopt);

  const std::vector<Flow>& flows() const { return flows_; }
  // The rule record behind a flow, or nullptr for flat zones and bare diodes.
  static const Rule* rule_of(const Site& site, const Flow& f);

private:
  std::vector<Flow> flows_;
};

// One flow as printed by `zonepath flows --json`: source, destination, service, the conduit or
// zone crossed and the rule that allows it (null for a flat zone or a diode's direction).
nlohmann::json flow_to_json(const Site& site, const Flow& f);

} // namespace zonepath::models
