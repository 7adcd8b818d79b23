// The Statement of Applicability section of report.html: one row per Annex A control, the same
// content as soa.csv, sortable, with the status summary first.
#include <map>

#include "report_html_internal.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/models/soa.hpp"

namespace zonepath::render::detail {

namespace {

std::string cell(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + html_escape(s);
  return "<td class=\"small\">" + out + "</td>";
}

const char* status_class(models::SoaStatus s) {
  switch (s) {
  case models::SoaStatus::Implemented:
    return "ok";
  case models::SoaStatus::Partial:
  case models::SoaStatus::NotImplemented:
    return "bad";
  default:
    return "muted";
  }
}

} // namespace

void html_soa(std::string& out, const HtmlContext& ctx) {
  const auto rows = models::build_soa(ctx.site, ctx.report);
  std::map<models::SoaStatus, int> count;
  int applicable = 0;
  for (const auto& r : rows)
    if (r.applicable) {
      ++applicable;
      ++count[r.status];
    }
  out +=
      "<section id=\"soa\"><h2>Statement of Applicability</h2><p>ISO/IEC 27001:2022 clause 6.1.3 d): " +
      std::to_string(rows.size()) + " Annex A controls, " + std::to_string(applicable) + " applicable (" +
      std::to_string(count[models::SoaStatus::Implemented]) + " implemented, " +
      std::to_string(count[models::SoaStatus::Partial]) + " partial, " +
      std::to_string(count[models::SoaStatus::NotImplemented]) + " not implemented, " +
      std::to_string(count[models::SoaStatus::NotAssessed]) + " not assessed), " +
      std::to_string(int(rows.size()) - applicable) +
      " excluded. Status is derived from the requirement records unless the organisation decided "
      "(site <code>soa</code>). Click a column header to sort.</p><table class=\"sortable\" id=\"soa-table\">"
      "<thead><tr><th>Control</th><th>Title</th><th>Applicable</th><th>Status</th><th>Justification</th>"
      "<th>IEC 62443</th><th>Mapping</th><th>Zones, conduits, assets</th><th>Evidence and change "
      "records</th><th>Owners</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    std::vector<std::string> places = r.zones;
    places.insert(places.end(), r.conduits.begin(), r.conduits.end());
    places.insert(places.end(), r.assets.begin(), r.assets.end());
    std::vector<std::string> records = r.evidence;
    records.insert(records.end(), r.change_records.begin(), r.change_records.end());
    out += "<tr><td>" + html_escape(r.control->id) + "</td><td>" + html_escape(r.control->title) +
           "</td><td>" + (r.applicable ? "yes" : "<b>no</b>") + "</td><td class=\"" + status_class(r.status) +
           "\">" + to_string(r.status) + "</td><td class=\"small\">" + html_escape(r.justification) +
           (r.decided_by == models::SoaDecidedBy::Organisation ? " <i>(organisation)</i>" : "") + "</td>" +
           cell(r.requirements) + "<td class=\"small\" title=\"" + html_escape(r.mapping_source) + "\">" +
           to_string(r.basis) + "</td>" + cell(places) + cell(records) + cell(r.owners) + "</tr>";
  }
  out += "</tbody></table></section>\n";
}

} // namespace zonepath::render::detail
