// The Statement of Applicability as JSON (soa --json) and CSV (soa.csv).
#include <map>
#include <sstream>

#include "soa_internal.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath::models {

using detail::join;

nlohmann::json soa_to_json(const Site& site, const Report& report, const std::vector<SoaRow>& rows) {
  using nlohmann::json;
  json controls = json::array();
  std::map<SoaStatus, int> by_status;
  int applicable = 0;
  for (const SoaRow& r : rows) {
    if (r.applicable) {
      ++applicable;
      ++by_status[r.status];
    }
    controls.push_back({{"control", r.control->id},
                        {"title", r.control->title},
                        {"theme", to_string(r.control->theme)},
                        {"applicable", r.applicable},
                        {"justification", r.justification},
                        {"decided_by", to_string(r.decided_by)},
                        {"status", to_string(r.status)},
                        {"requirements", r.requirements},
                        {"mapping_basis", to_string(r.basis)},
                        {"mapping_source", r.mapping_source},
                        {"programme", r.control->programme},
                        {"zones", r.zones},
                        {"conduits", r.conduits},
                        {"assets", r.assets},
                        {"evidence", r.evidence},
                        {"change_records", r.change_records},
                        {"owners", r.owners}});
  }
  json status = json::object();
  for (SoaStatus s :
       {SoaStatus::Implemented, SoaStatus::Partial, SoaStatus::NotImplemented, SoaStatus::NotAssessed})
    status[to_string(s)] = by_status[s];
  json scope = nullptr;
  if (!site.scope.empty())
    scope = {{"id", site.scope.id}, {"name", site.scope.name}, {"isms_scope", site.scope.isms_scope}};
  return {{"schema", kSoaSchema},
          {"site", {{"id", site.id}, {"name", site.name}}},
          {"scope", scope},
          {"as_of", report.as_of ? json(report.as_of->text()) : json(nullptr)},
          {"summary",
           {{"controls", rows.size()},
            {"applicable", applicable},
            {"excluded", int(rows.size()) - applicable},
            {"status", status}}},
          {"controls", controls}};
}

const std::vector<std::string>& soa_columns() {
  static const std::vector<std::string> columns = {"control",
                                                   "title",
                                                   "theme",
                                                   "applicable",
                                                   "justification",
                                                   "decided_by",
                                                   "status",
                                                   "iec62443_requirements",
                                                   "mapping_basis",
                                                   "mapping_source",
                                                   "iec62443_programme",
                                                   "zones",
                                                   "conduits",
                                                   "assets",
                                                   "evidence",
                                                   "change_records",
                                                   "owners"};
  return columns;
}

std::vector<std::string> soa_cells(const SoaRow& r) {
  return {std::string(r.control->id),
          std::string(r.control->title),
          to_string(r.control->theme),
          r.applicable ? "yes" : "no",
          r.justification,
          to_string(r.decided_by),
          to_string(r.status),
          join(r.requirements, "; "),
          to_string(r.basis),
          r.mapping_source,
          std::string(r.control->programme),
          join(r.zones, "; "),
          join(r.conduits, "; "),
          join(r.assets, "; "),
          join(r.evidence, "; "),
          join(r.change_records, "; "),
          join(r.owners, "; ")};
}

std::string soa_csv(const std::vector<SoaRow>& rows) {
  std::ostringstream out;
  out << join(soa_columns(), ",") << '\n';
  for (const SoaRow& r : rows) {
    const auto cells = soa_cells(r);
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << '\n';
  }
  return out.str();
}

} // namespace zonepath::models
