// Drift: the designed zone model against the traffic seen on the wire (Zeek conn.log). The log
// is streamed and aggregated into flows (source address, destination address, transport,
// destination port); each flow is placed by the inventory (x-ip) and the zone map and judged by
// the model's rules as the access map judges them (first match, default deny, diodes, flat and
// isolated zones). The report lists the flows the model does not allow (with the conduit and
// the rule that denies them), the hosts that are not in the inventory (with their zone), the
// allow rules nobody used in the period (with how many flows each rule carried), and industrial
// protocols seen on unexpected ports. A what-if scenario that removes the unused allow rules
// lets `zonepath whatif` show what tightening buys. Semantics: docs/drift.md.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/progress.hpp"
#include "zonepath/interchange/import_common.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::scenarios {

inline constexpr const char* kDriftSchema = "zonepath/drift/v1";

struct DriftOptions {
  // Distinct flows kept; the connections of further flows are counted, not judged, so that
  // memory stays bounded even when a scan sweeps every port of every host.
  std::size_t max_flows = 1000000;
  std::size_t max_listed = 10000; // entries per report list; the rest are counted ("..._omitted")
  // Unused allow rules of a conduit (or isolated zone) on which the capture saw no connection at
  // all go into the tightening scenario too; by default they are only reported, since the
  // capture may simply not cover that firewall.
  bool tighten_unseen = false;
  ProgressReporter* progress = nullptr; // phases: read connections (records), classify flows
};

struct DriftResult {
  nlohmann::json report;   // "zonepath/drift/v1" (docs/formats.md)
  nlohmann::json scenario; // "zonepath/scenario/v1" removing the unused allow rules
};

// `site` loaded from `site_json` (for x-ip and rule names), `zones` its zone map, `notes` what
// building the zone map had to say (reported first). Throws ParseError (file, line, column,
// field, value) for a log that is not a well-formed conn.log, and AnalysisError when it holds
// no IPv4 TCP/UDP connection at all.
DriftResult run_drift(const models::Site& site, const nlohmann::json& site_json,
                      const interchange::ZoneMap& zones, std::istream& observed,
                      const std::string& observed_name, const DriftOptions& options = {},
                      const std::vector<interchange::ImportNote>& notes = {});

// The report as text for the terminal: counts, then at most `max_per_list` entries of each list.
std::string drift_to_text(const nlohmann::json& report, std::size_t max_per_list = 40);

} // namespace zonepath::scenarios
