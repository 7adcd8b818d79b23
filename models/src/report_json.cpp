// Report serialisation: JSON (zonepath/report/v1) and the CSV risk register.
#include <sstream>

#include "report_json_internal.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

namespace {

using nlohmann::json;

json sl(const SlVector& v) {
  return json(std::vector<int>(v.begin(), v.end()));
}

json risk_json(const RiskRating& r) {
  return {
      {"threat", r.threat},
      {"probability", r.probability},
      {"success_likelihood", r.success_likelihood},
      {"likelihood_of_initiation", r.initiation ? json(likelihood_level_name(r.initiation)) : json(nullptr)},
      {"likelihood", r.likelihood},
      {"severity", r.severity},
      {"level", r.level},
      {"tolerable", r.tolerable}};
}

std::string join(const std::vector<std::string>& v, const char* sep = "; ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

} // namespace

// The named parts move into the result: nlohmann's initializer lists copy lvalues, and on a
// large plant each copy of the paths doubled the time to build the document.
json report_to_json(const Site& site, const Report& r) {
  json threats = json::array(), zones = json::array(), conduits = json::array(), paths = json::array(),
       targets = json::array(), findings = json::array(), recs = json::array(), reg = json::array();
  for (const auto& t : r.threats) {
    json j = {{"id", t.id}, {"sophistication", t.sophistication}};
    if (t.time_budget_days) j["time_budget_days"] = *t.time_budget_days;
    if (t.initiation) j["likelihood_of_initiation"] = likelihood_level_name(t.initiation);
    threats.push_back(std::move(j));
  }
  for (const auto& z : r.zones) {
    json explain = json::array();
    for (int fr = 0; fr < kFrCount; ++fr) explain.push_back(detail::explanation_json(fr + 1, z.explain[fr]));
    json unknown = json::array();
    for (Index a : z.capability_unknown) unknown.push_back(site.assets[a].id);
    json by_threat = json::array();
    for (const auto& rt : z.risk_by_threat) by_threat.push_back(risk_json(rt));
    const Zone& zone = site.zones[z.zone];
    zones.push_back({{"id", zone.id},
                     {"name", zone.name},
                     {"kind", zone.kind},
                     {"sl_t", sl(z.sl_t)},
                     {"sl_t_declared", z.sl_t_declared ? sl(*z.sl_t_declared) : json(nullptr)},
                     {"sl_t_derived", sl(z.sl_t_derived)},
                     {"declared_below_derived", z.declared_below_derived},
                     {"sl_a", sl(z.sl_a)},
                     {"gap", sl(z.gap)},
                     {"missing", z.missing},
                     {"iso27001", z.iso27001},
                     {"risk", risk_json(z.risk)},
                     {"risk_by_threat", std::move(by_threat)},
                     {"unmitigated_probability", z.unmitigated_probability},
                     {"explain", std::move(explain)},
                     {"requirements", detail::requirement_records_json(r.assessment.zones[z.zone])},
                     {"compensating", detail::zone_controls_json(site, z.zone, r.assessment)},
                     {"capability_unknown", std::move(unknown)}});
  }
  for (const auto& c : r.conduits) {
    const Conduit& conduit = site.conduits[c.conduit];
    json explain = json::array();
    for (int fr = 0; fr < kFrCount; ++fr) explain.push_back(detail::explanation_json(fr + 1, c.explain[fr]));
    conduits.push_back({{"id", conduit.id},
                        {"kind", conduit.kind},
                        {"zones", {site.zones[conduit.zones[0]].id, site.zones[conduit.zones[1]].id}},
                        {"sl_t", sl(c.sl_t)},
                        {"sl_a", sl(c.sl_a)},
                        {"gap", sl(c.gap)},
                        {"missing", c.missing},
                        {"explain", std::move(explain)},
                        {"requirements", detail::requirement_records_json(r.assessment.conduits[c.conduit])},
                        {"compensating", detail::conduit_controls_json(r.assessment, c.conduit)}});
  }
  for (const auto& p : r.paths) {
    json j = p.path;
    j["threat"] = p.threat;
    paths.push_back(std::move(j));
  }
  for (const auto& t : r.targets) {
    json j = {
        {"id", t.id}, {"threat", t.threat}, {"reach_probability", t.reach_probability}, {"ci95", t.ci95}};
    j["ttc_days"] = t.ttc_days ? json{{"mean", (*t.ttc_days)[0]},
                                      {"p10", (*t.ttc_days)[1]},
                                      {"p50", (*t.ttc_days)[2]},
                                      {"p90", (*t.ttc_days)[3]}}
                               : json(nullptr);
    if (t.within_budget) j["within_budget"] = *t.within_budget;
    targets.push_back(std::move(j));
  }
  for (const auto& f : r.findings) findings.push_back(f);
  for (const auto& rec : r.recommendations) {
    json j = {{"rank", recs.size() + 1},
              {"kind", to_string(rec.kind)},
              {"scope", to_string(rec.scope)},
              {"action", rec.action},
              {"where", rec.where},
              {"closes", rec.closes},
              {"cost", rec.cost},
              {"iso27001", rec.iso27001},
              {"reason", rec.reason},
              {"risk_reduction", nullptr},
              {"reduction_per_cost", nullptr},
              {"safety_reduction", rec.safety_reduction}};
    if (rec.risk_reduction) {
      j["risk_reduction"] = *rec.risk_reduction;
      j["reduction_per_cost"] = rec.cost > 0 ? *rec.risk_reduction / rec.cost : *rec.risk_reduction;
    }
    if (rec.finding_severity) j["severity"] = *rec.finding_severity;
    recs.push_back(std::move(j));
  }
  for (const auto& row : r.risk_register)
    reg.push_back({{"zone", row.zone},
                   {"threat", row.threat},
                   {"risk", risk_json(row.risk)},
                   {"sl_t", sl(row.sl_t)},
                   {"sl_a", sl(row.sl_a)},
                   {"gap", sl(row.gap)},
                   {"missing", row.missing},
                   {"iso27001", row.iso27001},
                   {"compensating", row.compensating},
                   {"treatment", to_string(row.treatment)},
                   {"risk_owner", row.risk_owner},
                   {"target_risk", row.target_risk},
                   {"acceptance", detail::acceptance_json(row.acceptance)}});
  json sl_t_actors = json::array();
  for (const auto& actor : site.threat_actors) sl_t_actors.push_back(actor.id);
  json dos = json::array();
  for (const auto& d : r.denial_of_service)
    dos.push_back({{"asset", d.asset},
                   {"zone", d.zone},
                   {"vulnerability", d.vulnerability},
                   {"service", d.service},
                   {"port", d.port},
                   {"threat", d.threat},
                   {"probability", d.probability},
                   {"technique", "T0814"}});
  return {{"schema", kReportSchema},
          {"site", {{"id", r.site_id}, {"name", r.site_name}}},
          {"scope", detail::scope_json(r.scope)},
          {"as_of", r.as_of ? json(r.as_of->text()) : json(nullptr)},
          {"as_of_source", r.as_of_source},
          {"sl_t_actors", std::move(sl_t_actors)},
          {"samples", r.samples},
          {"seed", r.seed},
          {"threats", std::move(threats)},
          {"crown_jewels", r.crown_jewels},
          {"crown_jewel_reasons", r.crown_jewel_reasons},
          {"zones", std::move(zones)},
          {"conduits", std::move(conduits)},
          {"paths", std::move(paths)},
          {"targets", std::move(targets)},
          {"findings", std::move(findings)},
          {"recommendations", std::move(recs)},
          {"risk_register", std::move(reg)},
          {"temporary", detail::temporary_json(r.temporary)},
          {"denial_of_service", std::move(dos)}};
}

std::string risk_register_csv(const Report& r) {
  std::ostringstream out;
  out << "zone,threat,likelihood,likelihood_level,severity,risk,tolerable,sl_t,sl_a,gap,missing_requirements,"
         "iso27001,compensating_controls,treatment,risk_owner,target_risk,accepted_by,accepted_on,review_by,"
         "acceptance_justification,success_likelihood,likelihood_of_initiation\n";
  for (const auto& row : r.risk_register) {
    out << csv_field(row.zone) << ',' << csv_field(row.threat) << ',' << row.risk.probability << ','
        << row.risk.likelihood << ',' << row.risk.severity << ',' << row.risk.level << ','
        << (row.risk.tolerable ? "yes" : "no") << ',' << sl_vector_text(row.sl_t) << ','
        << sl_vector_text(row.sl_a) << ',' << sl_vector_text(row.gap) << ',' << csv_field(join(row.missing))
        << ',' << csv_field(join(row.iso27001)) << ',' << csv_field(join(row.compensating)) << ','
        << to_string(row.treatment) << ',' << csv_field(row.risk_owner) << ',' << row.target_risk << ',';
    if (row.acceptance)
      out << csv_field(row.acceptance->accepted_by) << ',' << row.acceptance->date.text() << ','
          << row.acceptance->review_by.text() << ',' << csv_field(row.acceptance->justification);
    else
      out << ",,,";
    out << ',' << row.risk.success_likelihood << ',' << likelihood_level_name(row.risk.initiation) << '\n';
  }
  return out.str();
}

} // namespace zonepath::models
