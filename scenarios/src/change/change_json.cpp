// The change impact as "zonepath/change-impact/v1" (docs/formats-outputs.md, schema
// docs/schema/change-impact.schema.json).
#include "change_internal.hpp"

namespace zonepath::scenarios {

namespace {

using json = nlohmann::json;

json date_json(const std::optional<models::Date>& d) {
  return d ? json(d->text()) : json(nullptr);
}

template <class T, class F> json both_sides(const Side<T>& s, F convert) {
  return {{"before", s.before ? convert(*s.before) : json(nullptr)},
          {"after", s.after ? convert(*s.after) : json(nullptr)}};
}

const char* direction(const ZoneThreatRisk& row) {
  return row.raised() ? "raised" : row.lowered() ? "lowered" : "unchanged";
}

json risk_json(const std::vector<ZoneThreatRisk>& rows) {
  json out = json::array();
  for (const auto& row : rows)
    out.push_back({{"zone", row.zone},
                   {"threat", row.threat},
                   {"change", direction(row)},
                   {"level", both_sides(row.risk, [](const auto& r) { return json(r.level); })},
                   {"tolerable", both_sides(row.risk, [](const auto& r) { return json(r.tolerable); })},
                   {"probability", both_sides(row.risk, [](const auto& r) { return json(r.probability); })}});
  return out;
}

// One entry per zone or conduit and FR whose SL-A or gap differs between the sides.
template <class D> void sl_changes(const std::vector<D>& list, const char* kind, json& out) {
  for (const auto& d : list)
    for (int fr = 0; fr < models::kFrCount; ++fr) {
      auto at = [fr](const std::optional<models::SlVector>& v) { return v ? json((*v)[fr]) : json(nullptr); };
      json sl_a = {{"before", at(d.sl_a.before)}, {"after", at(d.sl_a.after)}};
      json gap = {{"before", at(d.gap.before)}, {"after", at(d.gap.after)}};
      if (sl_a["before"] == sl_a["after"] && gap["before"] == gap["after"]) continue;
      out.push_back({{"kind", kind}, {"id", d.id}, {"fr", fr + 1}, {"sl_a", sl_a}, {"gap", gap}});
    }
}

json touched_json(const std::vector<TouchedElement>& list) {
  json out = json::array();
  for (const auto& e : list)
    out.push_back({{"kind", to_string(e.kind)}, {"id", e.id}, {"reasons", e.reasons}});
  return out;
}

json reverify_json(const std::vector<Reverification>& list) {
  json out = json::array();
  for (const auto& r : list)
    out.push_back({{"kind", to_string(r.kind)},
                   {"where", {{"kind", to_string(r.where_kind)}, {"id", r.where}}},
                   {"id", r.id},
                   {"requirements", r.requirements},
                   {"status", r.status},
                   {"owner", r.owner},
                   {"owner_source", to_string(r.owner_source)},
                   {"evidence", r.evidence},
                   {"change_record", r.change_record},
                   {"last_verified", date_json(r.last_verified)},
                   {"review_by", date_json(r.review_by)}});
  return out;
}

json controls_json(const std::vector<AffectedControl>& list) {
  json out = json::array();
  for (const auto& c : list)
    out.push_back({{"id", c.id},
                   {"title", c.title},
                   {"requirements", c.requirements},
                   {"applicability", c.applicability}});
  return out;
}

json change_json(const ChangeRequest& c) {
  json window = nullptr;
  if (c.window)
    window = {{"valid_from", c.window->valid_from_text}, {"valid_until", c.window->valid_until_text}};
  return {{"id", c.id},
          {"title", c.title},
          {"requested_by", c.requested_by},
          {"description", c.description},
          {"file", c.file()},
          {"window", window},
          {"window_applied", c.window_applied}};
}

json verdict_json(const ChangeImpact& r) {
  int raised = 0, lowered = 0;
  for (const auto& row : r.risks) {
    raised += row.raised();
    lowered += row.lowered();
  }
  json gates = json::object();
  for (FailOn f : {FailOn::Intolerable, FailOn::High, FailOn::AnyIncrease})
    gates[to_string(f)] = !gate_violations(r, f).empty();
  return {{"risk_raised", raised > 0},
          {"ratings_raised", raised},
          {"ratings_lowered", lowered},
          {"fail_on", gates}};
}

} // namespace

nlohmann::json change_impact_to_json(const ChangeImpact& r) {
  json ops = json::array(), overrides = json::array(), threats = json::array(), sl = json::array();
  for (const auto& a : r.after.applied) {
    ops.push_back({{"index", a.index}, {"op", a.op}, {"summary", a.summary}});
    if (!a.override_reason.empty())
      overrides.push_back({{"index", a.index}, {"op", a.op}, {"reason", a.override_reason}});
  }
  for (const auto& t : r.after_report.threats) threats.push_back(t.id);
  sl_changes(r.diff.zones, "zone", sl);
  sl_changes(r.diff.conduits, "conduit", sl);
  return {{"schema", kChangeImpactSchema},
          {"change", change_json(r.change)},
          {"site", {{"id", r.before_site->id}, {"name", r.before_site->name}, {"file", r.site_file}}},
          {"as_of", date_json(r.as_of)},
          {"as_of_source", to_string(r.as_of_source)},
          {"samples", r.after_report.samples},
          {"seed", r.after_report.seed},
          {"threats", threats},
          {"operations", ops},
          {"overrides", overrides},
          {"verdict", verdict_json(r)},
          {"risk", risk_json(r.risks)},
          {"security_levels", sl},
          {"diff", diff_to_json(r.diff)},
          {"touched", touched_json(r.touched)},
          {"reverify", reverify_json(r.reverify)},
          {"iso27001", controls_json(r.iso27001)}};
}

} // namespace zonepath::scenarios
