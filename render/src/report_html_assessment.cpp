// report.html's "Requirement records" section: the assessment date, the records that are not
// simply met, every compensating control with its credit or the reason it earns none, and the
// assets of unknown capability.
#include "assessment_text.hpp"
#include "report_html_internal.hpp"
#include "text_util.hpp"

namespace zonepath::render::detail {

namespace {

std::string cell(const std::string& text) {
  return "<td>" + (text.empty() ? std::string("&ndash;") : html_escape(text)) + "</td>";
}

void records_table(std::string& out, const std::vector<RecordRow>& rows) {
  out += "<h3>Records other than met</h3><table "
         "id=\"record-table\"><thead><tr><th>Where</th><th>Requirement</th>"
         "<th>Status</th><th>Justification or reason</th><th>Evidence</th></tr></thead><tbody>";
  for (const auto& r : rows)
    out += "<tr data-status=\"" + html_escape(r.status) + "\">" + cell(r.where) + cell(r.requirement) +
           cell(r.status) + cell(r.why) + cell(r.evidence) + "</tr>";
  out += "</tbody></table>";
}

void controls_table(std::string& out, const std::vector<ControlRow>& rows) {
  out += "<h3>Compensating controls</h3><p class=\"muted small\">Credit only for verified or validated "
         "controls whose review date has not passed, for the requirements they name, up to their "
         "credited level.</p><table id=\"control-table\"><thead><tr><th>Where</th><th>Control</th>"
         "<th>Stands in for</th><th>Status</th><th>Credit</th><th>Owner</th><th>Change record</th>"
         "<th>Review by</th></tr></thead><tbody>";
  for (const auto& c : rows)
    out += std::string("<tr data-credited=\"") + (c.credited ? "yes" : "no") + "\">" + cell(c.where) +
           cell(c.control) + cell(c.requirements) + cell(c.status) +
           (c.credited ? cell(c.credit) : "<td class=\"bad\">" + html_escape(c.credit) + "</td>") +
           cell(c.owner) + cell(c.change_record) + cell(c.review_by);
  out += "</tbody></table>";
}

} // namespace

void html_assessment(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"records\"><h2>Requirement records and compensating controls</h2><p>" +
         html_escape(as_of_text(ctx.report)) + ".</p>";
  if (auto rows = record_rows(ctx.site, ctx.report); !rows.empty()) records_table(out, rows);
  if (auto rows = control_rows(ctx.site, ctx.report); !rows.empty()) controls_table(out, rows);
  for (const auto& u : unknown_capability(ctx.site, ctx.report)) {
    out +=
        "<p class=\"small\">Capability unknown in zone <code>" + html_escape(u.zone) + "</code> (no sl_c): ";
    for (std::size_t i = 0; i < u.assets.size(); ++i) out += (i ? ", " : "") + html_escape(u.assets[i]);
    out += ".</p>";
  }
  out += "</section>\n";
}

} // namespace zonepath::render::detail
