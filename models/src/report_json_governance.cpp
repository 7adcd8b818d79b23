// The governance parts of the report JSON: scope, temporary elements, risk acceptances.
#include "report_json_internal.hpp"

namespace zonepath::models::detail {

using nlohmann::json;

json scope_json(const Scope& scope) {
  if (scope.empty()) return nullptr;
  return {{"id", scope.id}, {"name", scope.name}, {"isms_scope", scope.isms_scope}};
}

json temporary_json(const std::vector<TemporaryEntry>& entries) {
  json out = json::array();
  for (const TemporaryEntry& e : entries) {
    const Temporary& t = e.temporary;
    out.push_back({{"element", to_string(e.element)},
                   {"id", e.id},
                   {"label", e.label},
                   {"zone", e.zone},
                   {"kind", to_string(t.kind)},
                   {"valid_from", t.valid_from ? json(t.valid_from_text) : json(nullptr)},
                   {"valid_until", t.valid_until_text},
                   {"owner", t.owner},
                   {"change_record", t.change_record},
                   {"state", to_string(e.state)}});
  }
  return out;
}

json acceptance_json(const std::optional<RegisterAcceptance>& a) {
  if (!a) return nullptr;
  return {{"accepted_by", a->accepted_by},
          {"date", a->date.text()},
          {"review_by", a->review_by.text()},
          {"justification", a->justification},
          {"change_record", a->change_record},
          {"risk_level", a->risk_level ? json(a->risk_level) : json(nullptr)},
          {"overdue", a->overdue},
          {"exceeded", a->exceeded}};
}

} // namespace zonepath::models::detail
