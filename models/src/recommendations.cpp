// The recommendations of an analysed report, one per thing to do: a zone's missing requirements
// in one line (not one per FR), each conduit's, each finding, each known vulnerability. The
// ranking (recommendation_rank.cpp) orders them by what they verifiably buy.
#include "analysis_internal.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

const char* to_string(RecommendationKind kind) {
  switch (kind) {
  case RecommendationKind::Patch:
    return "patch";
  case RecommendationKind::CompensatingControl:
    return "compensating-control";
  case RecommendationKind::ZoneRequirements:
    return "zone-requirements";
  case RecommendationKind::ConduitRequirements:
    return "conduit-requirements";
  case RecommendationKind::CompensateCapability:
    return "compensate-capability";
  case RecommendationKind::Finding:
    return "finding";
  }
  return "finding";
}

const char* to_string(RecommendationScope scope) {
  switch (scope) {
  case RecommendationScope::Asset:
    return "asset";
  case RecommendationScope::Conduit:
    return "conduit";
  case RecommendationScope::Zone:
    return "zone";
  }
  return "zone";
}

std::string risk_reduction_text(const Recommendation& r) {
  if (!r.risk_reduction) return "not verified";
  if (*r.risk_reduction <= 0) return "none";
  std::string out = format_fixed(*r.risk_reduction, 3);
  if (r.safety_reduction > 0) out += " (safety " + format_fixed(r.safety_reduction, 3) + ")";
  return out;
}

namespace detail {

namespace {

std::string sl_text(const SlVector& v) {
  return "[" + sl_vector_text(v, ",") + "]";
}

// "FR1 0->2, FR3 1->2" for the FRs with a gap.
std::string raised_frs(const SlVector& sl_a, const SlVector& sl_t, const std::vector<int>& frs) {
  std::string out;
  for (int fr : frs)
    out += (out.empty() ? "FR" : ", FR") + std::to_string(fr) + " " + std::to_string(sl_a[fr - 1]) + "->" +
           std::to_string(sl_t[fr - 1]);
  return out;
}

// One line per zone for the requirements that close its gaps, and one for the SL-C caps that no
// requirement lifts (a legacy component caps the FR whatever the zone implements).
void zone_recommendations(const Site& site, const Report& report, std::vector<Recommendation>& out) {
  for (const ZoneResult& z : report.zones) {
    const Zone& zone = site.zones[z.zone];
    const RequirementAssessment& assessed = report.assessment.zones[z.zone];
    std::vector<std::string> missing;
    std::vector<int> raised, capped;
    std::string capped_by;
    for (int fr = 1; fr <= kFrCount; ++fr) {
      if (z.gap[fr - 1] == 0) continue;
      auto ids = assessed.missing_for(fr, z.sl_t[fr - 1]);
      if (ids.empty() && !z.explain[fr - 1].capped_by.empty()) {
        capped.push_back(fr);
        if (capped_by.empty()) capped_by = z.explain[fr - 1].capped_by;
        continue;
      }
      raised.push_back(fr);
      missing.insert(missing.end(), ids.begin(), ids.end());
    }
    const std::string reason = "SL-T " + sl_text(z.sl_t) + " vs SL-A " + sl_text(z.sl_a);
    if (!missing.empty()) {
      Recommendation r;
      r.kind = RecommendationKind::ZoneRequirements;
      r.scope = RecommendationScope::Zone;
      r.action = "meet SL-T in zone '" + zone.id + "' (" + raised_frs(z.sl_a, z.sl_t, raised) + ")";
      r.where = zone.id;
      r.cost = double(missing.size());
      r.iso27001 = iso_controls(missing);
      r.closes = std::move(missing);
      r.reason = reason;
      out.push_back(std::move(r));
    }
    if (!capped.empty()) {
      Recommendation r;
      r.kind = RecommendationKind::CompensateCapability;
      r.scope = RecommendationScope::Zone;
      r.action = "compensate the SL-C of '" + capped_by + "' (" + raised_frs(z.sl_a, z.sl_t, capped) + ")";
      r.where = zone.id;
      for (int fr : capped) r.closes.push_back("SL-C cap FR" + std::to_string(fr));
      r.cost = 1;
      r.iso27001 = {"A.8.32"};
      r.reason = reason;
      out.push_back(std::move(r));
    }
  }
}

void conduit_recommendations(const Site& site, const Report& report, std::vector<Recommendation>& out) {
  for (const ConduitResult& c : report.conduits) {
    if (c.missing.empty()) continue;
    Recommendation r;
    r.kind = RecommendationKind::ConduitRequirements;
    r.scope = RecommendationScope::Conduit;
    r.action = "add the missing conduit countermeasures";
    r.where = site.conduits[c.conduit].id;
    r.closes = c.missing;
    r.cost = double(c.missing.size());
    r.iso27001 = iso_controls(c.missing);
    r.reason = "SL-T " + sl_text(c.sl_t) + " vs SL-A " + sl_text(c.sl_a);
    out.push_back(std::move(r));
  }
}

void finding_recommendations(const Report& report, std::vector<Recommendation>& out) {
  for (const Finding& f : report.findings) {
    Recommendation r;
    r.kind = RecommendationKind::Finding;
    r.scope = !f.asset.empty()     ? RecommendationScope::Asset
              : !f.conduit.empty() ? RecommendationScope::Conduit
                                   : RecommendationScope::Zone;
    r.action = "resolve design finding '" + f.rule + "'";
    r.where = !f.asset.empty() ? f.asset : !f.conduit.empty() ? f.conduit : f.zone;
    if (!f.requirement.empty()) r.closes = {f.requirement};
    r.cost = 1;
    r.iso27001 = f.iso27001;
    r.reason = f.message;
    r.finding_severity = f.severity;
    out.push_back(std::move(r));
  }
}

// Known vulnerabilities: patch where allowed, otherwise a traceable compensating control that
// stops the exploit (a virtual patch at the conduit or an allow-list to the managing hosts).
void vulnerability_recommendations(const Site& site, std::vector<Recommendation>& out) {
  for (const Asset& a : site.assets) {
    for (const Vulnerability& v : a.vulnerabilities) {
      Recommendation r;
      r.scope = RecommendationScope::Asset;
      r.where = a.id;
      r.closes = {v.id};
      if (a.patchable) {
        r.kind = RecommendationKind::Patch;
        r.action = "patch " + v.id;
        r.cost = 1;
        r.iso27001 = {"A.8.8"};
      } else {
        r.kind = RecommendationKind::CompensatingControl;
        r.action =
            "add a compensating control for " + v.id +
            " (asset cannot be patched: virtual patch at the conduit or allow-list to its managing hosts)";
        r.cost = 2;
        r.iso27001 = {"A.8.8", "A.8.32"};
      }
      r.reason = "CVSS " + format_fixed(v.base_score, 6).substr(0, 4); // "%f" without the locale
      out.push_back(std::move(r));
    }
  }
}

} // namespace

void add_recommendations(const Site& site, const AnalysisOptions& opt, const SiteContext& ctx,
                         const ConsequenceModel& consequence, Report& report) {
  std::vector<Recommendation> recs;
  zone_recommendations(site, report, recs);
  conduit_recommendations(site, report, recs);
  finding_recommendations(report, recs);
  vulnerability_recommendations(site, recs);
  report.recommendations = rank_recommendations(site, opt, ctx, consequence, report, std::move(recs));
}

} // namespace detail

} // namespace zonepath::models
