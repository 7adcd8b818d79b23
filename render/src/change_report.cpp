// change-impact.md and change-impact.html: the same sections (change_report_sections.cpp), each
// escaped for its language.
#include "zonepath/render/change_report.hpp"

#include "change_report_internal.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath::render {

namespace {

const char* kChangeStyle = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.better{color:#1a7f37}.worse{color:#b42318}.muted{color:#777}
@media print{body{margin:1cm;max-width:none}}
</style>)";

std::string html_section(const detail::ChangeSection& s) {
  std::string out = "<h2>" + html_escape(s.title) + "</h2>\n";
  for (const auto& p : s.paragraphs) out += "<p>" + html_escape(p) + "</p>\n";
  if (s.rows.empty()) return out + "<p class=\"muted\">" + html_escape(s.empty) + "</p>\n";
  out += "<table><tr>";
  for (const auto& h : s.head) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr>\n";
  for (const auto& r : s.rows) {
    out += r.mark.empty() ? "<tr>" : "<tr class=\"" + r.mark + "\">";
    for (const auto& c : r.cells) out += "<td>" + html_escape(c) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string markdown_section(const detail::ChangeSection& s) {
  std::string out = "\n## " + markdown_escape(s.title) + "\n\n";
  for (const auto& p : s.paragraphs) out += markdown_escape(p) + "\n\n";
  if (s.rows.empty()) return out + "_" + markdown_escape(s.empty) + "_\n";
  auto line = [](const std::vector<std::string>& cells) {
    std::string l = "|";
    for (const auto& c : cells) l += " " + markdown_escape(c) + " |";
    return l + "\n";
  };
  out += line(s.head);
  out += "|";
  for (std::size_t i = 0; i < s.head.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& r : s.rows) {
    std::vector<std::string> cells = r.cells;
    // Markdown has no colour: a raised rating or a new path is marked in its first cell.
    if (r.mark == "worse" && !cells.empty()) cells[0] = "▲ " + cells[0];
    if (r.mark == "better" && !cells.empty()) cells[0] = "▼ " + cells[0];
    out += line(cells);
  }
  return out;
}

} // namespace

std::string change_impact_markdown(const nlohmann::json& impact) {
  const detail::ChangePage page = detail::change_page(impact);
  std::string out = "# " + markdown_escape(page.title) + "\n";
  for (const auto& s : page.sections) out += markdown_section(s);
  return out;
}

std::string change_impact_html(const nlohmann::json& impact) {
  const detail::ChangePage page = detail::change_page(impact);
  std::string body = "<h1>" + html_escape(page.title) + "</h1>\n";
  for (const auto& s : page.sections) body += html_section(s);
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         "'unsafe-inline'\">"
         "<title>" +
         html_escape(page.title) + "</title>" + kChangeStyle + "</head><body>\n" + body + "</body></html>\n";
}

} // namespace zonepath::render
