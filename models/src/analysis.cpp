#include "zonepath/models/analysis.hpp"

#include <algorithm>
#include <set>

#include "analysis_internal.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/core/ttc_simulation.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::models {

SlVector derive_sl_t(const ConsequenceModel& model, const Consequence& consequence,
                     std::string_view zone_kind, const std::vector<int>& tiers,
                     const std::vector<double>& probability, const std::vector<int>& initiation) {
  SlVector out{};
  for (int fr = 1; fr <= kFrCount; ++fr) {
    int severity = model.fr_severity(fr, consequence);
    int level = model.floor_for(zone_kind, severity);
    for (std::size_t t = 0; t < tiers.size(); ++t) {
      if (probability[t] <= 0) continue; // an actor that cannot get there sets no target
      const int stated = t < initiation.size() ? initiation[t] : 0;
      int reduction = model.required_reduction(model.actor_likelihood(probability[t], stated), severity);
      level = std::max(level, std::min(tiers[t], model.sl_t_by_reduction[std::min(reduction, 4)]));
    }
    out[fr - 1] = static_cast<std::uint8_t>(level);
  }
  return out;
}

namespace detail {

Consequence zone_consequence(const Site& site, Index z) {
  Consequence c = site.zones[z].consequence;
  for (Index a : site.zones[z].assets) {
    Consequence ac = site.effective_consequence(a);
    for (int d = 0; d < kDimensionCount; ++d) c.severity[d] = std::max(c.severity[d], ac.severity[d]);
  }
  return c;
}

std::vector<std::string> iso_controls(const std::vector<std::string>& requirements) {
  return iso27001_union(requirements);
}

} // namespace detail

namespace {

std::vector<Index> resolve_threats(const Site& site, const std::vector<std::string>& ids) {
  std::vector<Index> out;
  if (ids.empty()) {
    for (Index t = 0; t < site.threat_actors.size(); ++t) out.push_back(t);
    return out;
  }
  for (const auto& id : ids) {
    Index t = site.threat_index(id);
    if (t == kNone) throw ModelError(site.file + ": unknown threat actor '" + id + "'");
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

// Target nodes of the site graph: asset or zone ids, or the crown jewels.
std::vector<NodeId> resolve_targets(const Site& site, const SiteGraph& shape,
                                    const std::vector<std::string>& ids) {
  std::vector<NodeId> out;
  if (ids.empty()) {
    for (Index a : crown_jewels(site)) out.push_back(shape.asset_node(a));
    return out;
  }
  for (const auto& id : ids) {
    Index a = site.asset_index(id), z = site.zone_index(id);
    if (a != kNone)
      out.push_back(shape.asset_node(a));
    else if (z != kNone)
      out.push_back(shape.zone_node(z));
    else
      throw ModelError(site.file + ": unknown target '" + id + "' (expected an asset or zone id)");
  }
  return out;
}

// The unmitigated likelihood of each zone's compromise for every threat actor of the site,
// whatever the command selected: SL-T is a property of the site (IEC 62443-3-2 ZCR 5).
std::vector<std::vector<double>> unmitigated_reach(const Site& site, const AnalysisOptions& opt) {
  const ProgressPhase phase(opt.progress, "unmitigated reach", site.threat_actors.size());
  SiteContextOptions bare_options;
  bare_options.unmitigated = true;
  bare_options.as_of = opt.as_of;
  SiteContext bare = [&] {
    const ProgressPhase access(opt.progress, "access map");
    return SiteContext::make(site, bare_options);
  }();
  std::vector<std::vector<double>> out(site.zones.size());
  for (const ThreatActor& actor : site.threat_actors) {
    if (opt.cancel) opt.cancel->throw_if_cancelled();
    detail::ThreatRun base = detail::run_threat(bare, actor, {}, opt);
    for (std::size_t z = 0; z < site.zones.size(); ++z) out[z].push_back(base.zone_probability[z]);
    phase.advance();
  }
  return out;
}

} // namespace

Report analyze_site(const Site& site, const AnalysisOptions& opt) {
  if (opt.samples == 0) throw ModelError("the analysis needs at least one Monte Carlo sample");
  Report report;
  report.site_id = site.id;
  report.site_name = site.name;
  report.file = site.file;
  report.samples = opt.samples;
  report.seed = opt.seed;
  std::vector<Index> threats = resolve_threats(site, opt.threats);

  SiteContextOptions context_options;
  context_options.as_of = opt.as_of;
  SiteContext ctx = [&] {
    const ProgressPhase access(opt.progress, "access map");
    return SiteContext::make(site, context_options);
  }();
  report.as_of = ctx.as_of;
  report.as_of_source = opt.as_of ? "--as-of" : site.as_of ? "site.as_of" : "";
  ConsequenceModel consequence = load_consequence_model(site.consequence_model);
  std::vector<std::vector<double>> unmitigated = unmitigated_reach(site, opt);
  std::vector<int> all_tiers, all_initiation;
  for (const ThreatActor& actor : site.threat_actors) {
    all_tiers.push_back(actor.sophistication);
    all_initiation.push_back(actor.initiation);
  }

  SiteGraph shape;
  shape.zone_count = site.zones.size();
  std::vector<NodeId> targets = resolve_targets(site, shape, opt.targets);
  for (NodeId v : targets) {
    report.crown_jewels.push_back(shape.is_zone(v) ? site.zones[v].id : site.assets[shape.asset_of(v)].id);
    report.crown_jewel_reasons.push_back(shape.is_zone(v) ? "" : crown_jewel_reason(site, shape.asset_of(v)));
  }

  const std::size_t zones = site.zones.size();
  std::vector<std::vector<double>> mitigated(zones);
  for (Index t : threats) {
    const ThreatActor& actor = site.threat_actors[t];
    if (opt.cancel) opt.cancel->throw_if_cancelled();
    report.threats.push_back(
        ThreatSummary{actor.id, actor.sophistication, actor.time_budget_days, actor.initiation});
    detail::ThreatRun run = detail::run_threat(ctx, actor, targets, opt);
    for (std::size_t z = 0; z < zones; ++z) mitigated[z].push_back(run.zone_probability[z]);
    for (auto& tr : run.targets) report.targets.push_back(std::move(tr));
    for (auto& p : run.paths) report.paths.push_back(std::move(p));
  }

  const ProgressPhase assessment(opt.progress, "gaps and findings", zones + site.conduits.size());

  for (Index z = 0; z < zones; ++z) {
    const Zone& zone = site.zones[z];
    ZoneResult r;
    r.zone = z;
    Consequence c = detail::zone_consequence(site, z);
    r.sl_t_derived = derive_sl_t(consequence, c, zone.kind, all_tiers, unmitigated[z], all_initiation);
    r.sl_t_declared = zone.sl_t;
    r.sl_t = zone.sl_t ? *zone.sl_t : r.sl_t_derived;
    for (int fr = 1; fr <= kFrCount; ++fr)
      if (zone.sl_t && (*zone.sl_t)[fr - 1] < r.sl_t_derived[fr - 1]) r.declared_below_derived.push_back(fr);
    r.sl_a = ctx.levels.zones[z].sl_a;
    r.explain = ctx.levels.zones[z].explain;
    r.capability_unknown = ctx.levels.zones[z].capability_unknown;
    for (int i = 0; i < kFrCount; ++i) r.gap[i] = std::uint8_t(std::max(0, int(r.sl_t[i]) - int(r.sl_a[i])));
    r.missing = ctx.assessment.zones[z].missing(r.sl_t);
    r.iso27001 = detail::iso_controls(r.missing);
    r.unmitigated_probability = unmitigated[z];
    int severity = ConsequenceModel::max_severity(c);
    for (std::size_t t = 0; t < threats.size(); ++t) {
      RiskRating rating;
      const ThreatActor& actor = site.threat_actors[threats[t]];
      rating.threat = actor.id;
      rating.probability = mitigated[z][t];
      rating.success_likelihood = consequence.likelihood_level(rating.probability);
      rating.initiation = actor.initiation;
      rating.likelihood = consequence.actor_likelihood(rating.probability, actor.initiation);
      rating.severity = severity;
      rating.level = consequence.risk_level(rating.likelihood, severity);
      rating.tolerable = rating.level == 0 || consequence.tolerable(rating.level);
      bool worse = rating.level > r.risk.level ||
                   (rating.level == r.risk.level && rating.probability > r.risk.probability);
      if (t == 0 || worse) r.risk = rating;
      r.risk_by_threat.push_back(rating);
    }
    if (threats.empty()) r.risk.severity = severity;
    report.zones.push_back(std::move(r));
    assessment.advance();
  }

  for (Index c = 0; c < site.conduits.size(); ++c) {
    const Conduit& conduit = site.conduits[c];
    ConduitResult r;
    r.conduit = c;
    // A conduit must protect the more demanding of the two zones it joins.
    for (int i = 0; i < kFrCount; ++i)
      r.sl_t[i] = std::max(report.zones[conduit.zones[0]].sl_t[i], report.zones[conduit.zones[1]].sl_t[i]);
    r.sl_a = ctx.levels.conduits[c].sl_a;
    r.explain = ctx.levels.conduits[c].explain;
    for (int i = 0; i < kFrCount; ++i) r.gap[i] = std::uint8_t(std::max(0, int(r.sl_t[i]) - int(r.sl_a[i])));
    r.missing = ctx.assessment.conduits[c].missing(r.sl_t);
    report.conduits.push_back(std::move(r));
    assessment.advance();
  }
  report.assessment = ctx.assessment;
  report.denial_of_service = denial_of_service(site, ctx.access, threats, mitigated);

  std::vector<SlVector> zone_sl_t;
  for (const auto& r : report.zones) zone_sl_t.push_back(r.sl_t);
  report.scope = site.scope;
  report.temporary = temporary_elements(site, ctx.as_of);
  report.findings = find_design_issues(site, ctx.access, zone_sl_t);
  detail::add_risk_register(site, report);
  apply_risk_treatment(site, report);
  for (Finding& f : governance_findings(site, report)) report.findings.push_back(std::move(f));
  detail::add_recommendations(site, opt, ctx, consequence, report);
  return report;
}

} // namespace zonepath::models
