// The requirement assessment in the report: records with their status and evidence, and every
// compensating control with the credit it earns or the reason it earns none.
#include "report_json_internal.hpp"

namespace zonepath::models::detail {

using nlohmann::json;

namespace {

json optional_date(const std::optional<Date>& d) {
  return d ? json(d->text()) : json(nullptr);
}

json control_json(const ControlCredit& c, const std::string& asset) {
  const CompensatingControl& k = c.control;
  return {{"asset", asset.empty() ? json(nullptr) : json(asset)},
          {"requirements", k.requirements},
          {"control", k.control},
          {"status", to_string(k.status)},
          {"credited_sl", k.credited_sl == 0 ? json(nullptr) : json(k.credited_sl)},
          {"owner", k.owner},
          {"change_record", k.change_record},
          {"validation_record", k.validation_record},
          {"review_by", optional_date(k.review_by)},
          {"credited", c.credited},
          {"reason", c.reason}};
}

} // namespace

json requirement_records_json(const RequirementAssessment& a) {
  json out = json::array();
  for (const auto& r : a.records)
    out.push_back({{"id", r.requirement->id},
                   {"status", to_string(r.status)},
                   {"source", to_string(r.source)},
                   {"counts_up_to", r.counts_up_to},
                   {"evidence", r.evidence},
                   {"justification", r.justification},
                   {"owner", r.owner},
                   {"last_verified", optional_date(r.last_verified)},
                   {"note", r.note}});
  return out;
}

json zone_controls_json(const Site& site, Index zone, const SiteAssessment& a) {
  json out = json::array();
  for (const auto& c : a.zones[zone].controls) out.push_back(control_json(c, ""));
  for (Index asset : site.zones[zone].assets)
    for (const auto& c : a.assets[asset]) out.push_back(control_json(c, site.assets[asset].id));
  return out;
}

json conduit_controls_json(const SiteAssessment& a, Index conduit) {
  json out = json::array();
  for (const auto& c : a.conduits[conduit].controls) out.push_back(control_json(c, ""));
  return out;
}

json explanation_json(int fr, const FrExplanation& e) {
  json carried = json::array();
  for (const auto& c : e.carried)
    carried.push_back({{"id", c.id}, {"min_sl", c.min_sl}, {"status", to_string(c.status)}});
  return {{"fr", fr},
          {"sl_a", e.level},
          {"from_requirements", e.uncapped},
          {"missing_for_next", e.missing_next},
          {"partial", e.partial_next},
          {"not_met", e.not_met_next},
          {"carried_by", carried},
          {"capped_by", e.capped_by.empty() ? json(nullptr) : json(e.capped_by)},
          {"cap_reason", e.cap_reason}};
}

} // namespace zonepath::models::detail
