// Running a change request: the assessment date is decided, the change applied, the site
// analysed before and after on that date (in parallel, identically seeded), and the two
// reports compared per zone and threat actor.
#include <map>
#include <utility>

#include "../whatif/parallel_analyses.hpp"
#include "change_internal.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::scenarios {

namespace {

// The date both sides are assessed on and where it comes from: the command line wins, then the
// first UTC day of the change window (the board asks about the risk during the window), then
// the site's own as_of.
std::pair<std::optional<models::Date>, AsOfSource> assessment_date(const std::optional<models::Date>& option,
                                                                   const ChangeRequest& change,
                                                                   const models::Site& site) {
  if (option) return {option, AsOfSource::Option};
  if (change.window) return {change.window->valid_from.date(), AsOfSource::Window};
  if (site.as_of) return {site.as_of, AsOfSource::Site};
  return {std::nullopt, AsOfSource::None};
}

using RatingMap = std::map<std::pair<std::string, std::string>, models::RiskRating>;

// Every rating of a report with a severity, keyed by zone and threat actor id.
RatingMap ratings(const models::Site& site, const models::Report& report) {
  RatingMap out;
  for (const auto& z : report.zones)
    for (std::size_t t = 0; t < z.risk_by_threat.size() && t < report.threats.size(); ++t)
      if (z.risk_by_threat[t].level > 0)
        out[{site.zones[z.zone].id, report.threats[t].id}] = z.risk_by_threat[t];
  return out;
}

// One row per zone and threat actor rated on either side: zones in the changed site's order
// (then those the change removed), actors in report order (then those it removed).
std::vector<ZoneThreatRisk> risk_rows(const ChangeImpact& r) {
  const RatingMap before = ratings(*r.before_site, r.before_report);
  const RatingMap after = ratings(*r.after.site, r.after_report);
  std::vector<std::string> zones, threats;
  auto add_unique = [](std::vector<std::string>& list, const std::string& id) {
    for (const auto& x : list)
      if (x == id) return;
    list.push_back(id);
  };
  for (const auto& z : r.after.site->zones) add_unique(zones, z.id);
  for (const auto& z : r.before_site->zones) add_unique(zones, z.id);
  for (const auto& t : r.after_report.threats) add_unique(threats, t.id);
  for (const auto& t : r.before_report.threats) add_unique(threats, t.id);
  std::vector<ZoneThreatRisk> out;
  for (const auto& z : zones)
    for (const auto& t : threats) {
      ZoneThreatRisk row{z, t, {}};
      if (auto it = before.find({z, t}); it != before.end()) row.risk.before = it->second;
      if (auto it = after.find({z, t}); it != after.end()) row.risk.after = it->second;
      if (row.risk.before || row.risk.after) out.push_back(std::move(row));
    }
  return out;
}

} // namespace

ChangeImpact run_change(const nlohmann::json& base_json, const std::string& base_name,
                        const ChangeRequest& change, models::AnalysisOptions options) {
  ChangeImpact r;
  r.change = change;
  r.site_file = base_name;
  r.before_site = models::load_site_json(base_json, base_name);
  // Applied before anything runs: an operation that cannot apply stops the command early.
  r.after = apply_scenario(base_json, change.scenario, base_name);
  std::tie(r.as_of, r.as_of_source) = assessment_date(options.as_of, change, *r.before_site);
  if (r.as_of_source != AsOfSource::Site) options.as_of = r.as_of;
  // Each side seeded identically, so results do not depend on which thread runs which side.
  // The two analyses run in parallel: inside the "before and after" phase, one phase counts the
  // Monte Carlo samples of both (parallel_analyses.hpp).
  const ProgressPhase phase(options.progress, "before and after", 2);
  const ProgressPhase sampling(options.progress, "Monte Carlo",
                               detail::analysis_samples(*r.before_site, options) +
                                   detail::analysis_samples(*r.after.site, options));
  parallel_for_each_index(
      2,
      [&](std::size_t i) {
        if (i == 0)
          r.before_report = detail::analyze_counting_samples(*r.before_site, options);
        else
          r.after_report = detail::analyze_counting_samples(*r.after.site, options);
      },
      ParallelOptions{2, 1});
  r.diff = diff_reports(*r.before_site, r.before_report, *r.after.site, r.after_report);
  r.risks = risk_rows(r);
  r.touched = detail::touched_elements(base_json, r.after.site_json);
  r.reverify = detail::evidence_to_reverify(*r.after.site, r.touched);
  r.iso27001 = detail::affected_controls(r);
  return r;
}

std::vector<const ZoneThreatRisk*> gate_violations(const ChangeImpact& impact, FailOn level) {
  std::vector<const ZoneThreatRisk*> out;
  for (const auto& row : impact.risks) {
    bool hit = false;
    switch (level) {
    case FailOn::AnyIncrease:
      hit = row.raised();
      break;
    case FailOn::High:
      hit = row.raised() && row.level_after() >= 4;
      break;
    case FailOn::Intolerable:
      // Newly intolerable, or intolerable before and raised further.
      hit = row.risk.after && !row.risk.after->tolerable &&
            (row.raised() || !row.risk.before || row.risk.before->tolerable);
      break;
    }
    if (hit) out.push_back(&row);
  }
  return out;
}

} // namespace zonepath::scenarios
