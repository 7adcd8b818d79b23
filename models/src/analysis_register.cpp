// The risk register derived from an analysed report.
#include <algorithm>
#include <numeric>

#include "analysis_internal.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models::detail {

namespace {

// "SR 3.3, SR 3.4: control (CR-1; verified, credited to SL 2)" or "(...; no credit: reason)".
std::string control_line(const std::string& prefix, const ControlCredit& c) {
  return prefix + control_text(c);
}

} // namespace

void add_risk_register(const Site& site, Report& report) {
  for (const ZoneResult& z : report.zones) {
    if (z.risk.severity == 0) continue;
    const Zone& zone = site.zones[z.zone];
    std::vector<std::string> compensating;
    for (const auto& c : report.assessment.zones[z.zone].controls)
      compensating.push_back(control_line("", c));
    for (Index a : zone.assets)
      for (const auto& c : report.assessment.assets[a])
        compensating.push_back(control_line(site.assets[a].id + " ", c));
    for (const RiskRating& rating : z.risk_by_threat) {
      RegisterRow row;
      row.zone = zone.id;
      row.threat = rating.threat;
      row.risk = rating;
      row.sl_t = z.sl_t;
      row.sl_a = z.sl_a;
      row.gap = z.gap;
      row.missing = z.missing;
      row.iso27001 = z.iso27001;
      row.compensating = compensating;
      report.risk_register.push_back(std::move(row));
    }
  }
}

} // namespace zonepath::models::detail
