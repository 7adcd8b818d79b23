// Recommendations and the risk register derived from an analysed report.
#include <algorithm>
#include <numeric>

#include "analysis_internal.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models::detail {

namespace {

std::string sl_text(const SlVector& v) {
  return "[" + sl_vector_text(v, ",") + "]";
}

// "SR 3.3, SR 3.4: control (CR-1; verified, credited to SL 2)" or "(...; no credit: reason)".
std::string control_line(const std::string& prefix, const ControlCredit& c) {
  return prefix + control_text(c);
}

} // namespace

void add_recommendations(const Site& site, Report& report) {
  std::vector<Recommendation> recs;
  // Zones first by residual risk, so "what to fix first" reads from the top.
  std::vector<std::size_t> order(report.zones.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return report.zones[a].risk.level > report.zones[b].risk.level;
  });
  for (std::size_t zi : order) {
    const ZoneResult& z = report.zones[zi];
    const Zone& zone = site.zones[z.zone];
    const RequirementAssessment& assessed = report.assessment.zones[z.zone];
    for (int fr = 1; fr <= kFrCount; ++fr) {
      if (z.gap[fr - 1] == 0) continue;
      auto missing = assessed.missing_for(fr, z.sl_t[fr - 1]);
      Recommendation r;
      r.action = "raise " + std::string(fr_abbrev(fr)) + " (FR" + std::to_string(fr) + ") from SL-A " +
                 std::to_string(z.sl_a[fr - 1]) + " to SL-T " + std::to_string(z.sl_t[fr - 1]);
      r.where = zone.id;
      r.closes = missing;
      r.cost = double(missing.size());
      r.iso27001 = iso_controls(missing);
      if (!z.explain[fr - 1].capped_by.empty() && missing.empty()) {
        r.action = "compensate the SL-C of '" + z.explain[fr - 1].capped_by + "' in FR" + std::to_string(fr);
        r.closes = {"SL-C cap FR" + std::to_string(fr)};
        r.cost = 1;
        r.iso27001 = {"A.8.32"};
      }
      r.reason = "SL-T " + sl_text(z.sl_t) + " vs SL-A " + sl_text(z.sl_a);
      recs.push_back(std::move(r));
    }
  }
  for (const ConduitResult& c : report.conduits) {
    if (std::all_of(c.gap.begin(), c.gap.end(), [](auto g) { return g == 0; })) continue;
    Recommendation r;
    r.action = "add the missing conduit countermeasures";
    r.where = site.conduits[c.conduit].id;
    r.closes = c.missing;
    r.cost = double(c.missing.size());
    r.iso27001 = iso_controls(c.missing);
    r.reason = "SL-T " + sl_text(c.sl_t) + " vs SL-A " + sl_text(c.sl_a);
    recs.push_back(std::move(r));
  }
  for (const Finding& f : report.findings) {
    Recommendation r;
    r.action = "resolve design finding '" + f.rule + "'";
    r.where = !f.conduit.empty() ? f.conduit : !f.asset.empty() ? f.asset : f.zone;
    if (!f.requirement.empty()) r.closes = {f.requirement};
    r.cost = 1;
    r.iso27001 = f.iso27001;
    r.reason = f.message;
    recs.push_back(std::move(r));
  }
  // Known vulnerabilities: patch where allowed, otherwise a traceable compensating control.
  for (const Asset& a : site.assets) {
    for (const Vulnerability& v : a.vulnerabilities) {
      Recommendation r;
      r.where = a.id;
      r.closes = {v.id};
      if (a.patchable) {
        r.action = "patch " + v.id;
        r.cost = 1;
        r.iso27001 = {"A.8.8"};
      } else {
        r.action = "add a compensating control for " + v.id + " (asset cannot be patched)";
        r.cost = 2;
        r.iso27001 = {"A.8.8", "A.8.32"};
      }
      r.reason =
          "CVSS " + format_fixed(v.base_score, 6).substr(0, 4); // std::to_string's "%f", without the locale
      recs.push_back(std::move(r));
    }
  }
  report.recommendations = std::move(recs);
}

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
