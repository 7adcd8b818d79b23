// Design findings in the spirit of IEC 62443-3-2 ZCR 3 (partitioning into zones and conduits)
// and ZCR 5 (detailed risk assessment): structural weaknesses of a site model that an assessor
// flags before any attack simulation, e.g. business and IACS assets in one zone, a safety system
// outside its own zone, enterprise or vendor traffic reaching control zones without a DMZ.
//
// Every finding names its location, the IEC 62443-3-3 requirement it relates to, the ISO/IEC
// 27001:2022 Annex A controls (so it can be filed in the ISMS) and the 62443-3-2 step. The rules,
// their triggers and rationale are documented in docs/findings.md.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

// Ordered: a compensating control lowers a finding one step, and reports sort by it.
enum class Severity { Low, Medium, High, Critical };
NLOHMANN_JSON_SERIALIZE_ENUM(Severity, {{Severity::Low, "low"},
                                        {Severity::Medium, "medium"},
                                        {Severity::High, "high"},
                                        {Severity::Critical, "critical"}})
std::string to_string(Severity s); // as in JSON: "low", "medium", "high", "critical"

struct Finding {
  std::string rule; // stable rule id, e.g. "enterprise-to-control-without-dmz"
  Severity severity = Severity::Low;
  std::string zone, conduit, asset;  // location ids (those that apply; others empty)
  std::string message;               // one readable sentence naming the ids involved
  std::string requirement;           // related IEC 62443-3-3 requirement id, e.g. "SR 5.1"
  std::vector<std::string> iso27001; // Annex A control ids from iso27001_for(requirement) (+ extras)
  std::string zcr;                   // IEC 62443-3-2 step, e.g. "ZCR 3.2"
};

// As it stands in the report's "findings" array (docs/findings.md).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Finding, rule, severity, zone, conduit, asset, message, requirement,
                                   iso27001, zcr)

// Runs every design rule on `site`, using the flows of `access` (computed from the same site) and
// one SL-T vector per zone (`zone_sl_t[i]` for zone i, as decided by the analysis). A zone beyond
// the end of `zone_sl_t` falls back to its declared sl_t, and the SL-T rule skips conduits with a
// zone that has neither.
//
// Order is deterministic: by rule (the order of docs/findings.md), then by the index of the
// location (zone, conduit or asset, whichever the rule reports on). Each rule reports a location
// once, summarising the flows behind it (count and up to three examples).
std::vector<Finding> find_design_issues(const Site& site, const AccessMap& access,
                                        const std::vector<SlVector>& zone_sl_t);

} // namespace zonepath::models
