#include "zonepath/render/report_html.hpp"

#include <algorithm>

#include "assessment_text.hpp"
#include "csp_hash.hpp"
#include "report_html_internal.hpp"
#include "text_util.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::render {

using namespace detail;

std::string inline_svg(const std::string& svg_document) {
  auto start = svg_document.find("<svg");
  return start == std::string::npos ? std::string() : svg_document.substr(start);
}

namespace detail {

namespace {
std::string card(const std::string& value, const std::string& label, const std::string& cls = "") {
  return "<div class=\"card\"><b" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + value + "</b>" +
         html_escape(label) + "</div>";
}
} // namespace

void html_summary(std::string& out, const HtmlContext& ctx) {
  const auto& r = ctx.report;
  std::size_t intolerable = 0;
  int largest = 0;
  for (const auto& z : r.zones) {
    intolerable += z.risk.tolerable ? 0 : 1;
    largest = std::max(largest, max_gap(z.gap));
  }
  std::size_t serious = std::count_if(r.findings.begin(), r.findings.end(),
                                      [](const auto& f) { return f.severity >= models::Severity::High; });
  out += "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
  out += card(std::to_string(ctx.site.zones.size()), "zones");
  out += card(std::to_string(ctx.site.assets.size()), "assets");
  out += card(std::to_string(ctx.site.conduits.size()), "conduits");
  out += card(std::to_string(intolerable), "zones with intolerable risk", intolerable ? "bad" : "ok");
  out += card(std::to_string(largest), "largest SL gap", largest ? "bad" : "ok");
  out += card(std::to_string(r.findings.size()),
              "design findings (" + std::to_string(serious) + " high or critical)");
  out += card(std::to_string(r.recommendations.size()), "recommendations");
  out += "</div>";
  if (!ctx.site.description.empty()) out += "<p>" + html_escape(ctx.site.description) + "</p>";
  out += "<table id=\"threats\"><thead><tr><th>Threat actor</th><th>Tier (SL)</th><th>Starts</th>"
         "<th>Time budget</th><th>Likelihood of initiation</th></tr></thead><tbody>";
  for (const auto& t : r.threats) {
    std::string starts;
    if (auto ti = ctx.site.threat_index(t.id); ti != models::kNone)
      for (const auto& s : ctx.site.threat_actors[ti].starts)
        starts += (starts.empty() ? "" : ", ") +
                  html_escape(s.is_asset ? ctx.site.assets[s.index].id : ctx.site.zones[s.index].id);
    out += "<tr><td>" + html_escape(t.id) + "</td><td class=\"num\">" + std::to_string(t.sophistication) +
           "</td><td>" + starts + "</td><td>" +
           (t.time_budget_days ? number(*t.time_budget_days) + " days" : std::string("none")) + "</td><td>" +
           initiation_text(t.initiation) + "</td></tr>";
  }
  out += "</tbody></table><p class=\"muted small\">Monte Carlo: " + std::to_string(r.samples) +
         " samples per threat actor, seed " + std::to_string(r.seed) + ". " + html_escape(as_of_text(r)) +
         ".</p></section>\n";
}

void html_heat_map(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"heat-map\"><h2>Security levels per zone and foundational requirement</h2>"
         "<p>Each cell shows the gap max(0, SL-T &minus; SL-A) and, small, the target and achieved levels. "
         "Colour: largest gap 0 green, 1 yellow, 2 orange, 3 or more red.</p>"
         "<div id=\"view-switch\">Show: <label><input type=\"radio\" name=\"hv\" value=\"gap\" checked> "
         "gap</label>"
         "<label><input type=\"radio\" name=\"hv\" value=\"slt\"> SL-T</label>"
         "<label><input type=\"radio\" name=\"hv\" value=\"sla\"> SL-A</label></div>"
         "<table class=\"heat\" id=\"heatmap\"><thead><tr><th>Zone</th><th>SL-T from</th>";
  for (const char* fr : kFrNames) out += std::string("<th>") + fr + "</th>";
  out += "<th>Missing requirements</th></tr></thead><tbody>";
  for (const auto& z : ctx.report.zones) {
    const auto& zone = ctx.site.zones[z.zone];
    out += "<tr data-zone=\"" + html_escape(zone.id) + "\"><th>" + html_escape(zone.id);
    if (!zone.name.empty()) out += "<br><span class=\"muted small\">" + html_escape(zone.name) + "</span>";
    if (models::is_external_zone(zone)) out += "<br><span class=\"muted small\">external</span>";
    out += "</th><td>" + std::string(z.sl_t_declared ? "declared" : "derived") + "</td>";
    for (int fr = 0; fr < models::kFrCount; ++fr) {
      const int gap = z.gap[fr];
      const std::string t = std::to_string(z.sl_t[fr]), a = std::to_string(z.sl_a[fr]),
                        g = std::to_string(gap);
      out += "<td class=\"cell g" + std::to_string(std::min(gap, 3)) + "\" data-gap=\"" + g +
             "\" data-slt=\"" + t + "\" data-sla=\"" + a + "\" title=\"" + html_escape(zone.id) + " " +
             kFrNames[fr] + ": SL-T " + t + ", SL-A " + a + ", gap " + g + "\"><b>" + g + "</b><small>T" + t +
             " &middot; A" + a + "</small></td>";
    }
    out += "<td class=\"small\">";
    if (z.missing.empty())
      out += "none";
    else {
      out += "<details><summary>" + std::to_string(z.missing.size()) + " requirements</summary>";
      for (std::size_t i = 0; i < z.missing.size(); ++i) out += (i ? ", " : "") + html_escape(z.missing[i]);
      out += "</details>";
    }
    out += "</td></tr>";
  }
  out += "</tbody></table>";
  for (const auto& z : ctx.report.zones)
    if (auto text = declared_below_text(z); !text.empty())
      out += "<p class=\"bad\" data-zone-warning=\"" + html_escape(ctx.site.zones[z.zone].id) +
             "\"><b>Warning:</b> zone " + html_escape(ctx.site.zones[z.zone].id) + ": " + html_escape(text) +
             ".</p>";
  out += "</section>\n";
}

void html_risk_matrix(std::string& out, const HtmlContext& ctx) {
  const auto& cm = ctx.consequence;
  out +=
      "<section id=\"risk-matrix\"><h2>Risk matrix</h2><p>Residual risk of each zone (its worst threat "
      "actor): "
      "likelihood of compromise from the simulation against the severity of its consequences. Levels above " +
      html_escape(cm.risk_names[std::clamp(cm.tolerable_max, 1, 5) - 1]) +
      " are not tolerable (thick border).</p><table class=\"matrix\" id=\"matrix\"><thead><tr>"
      "<th class=\"axis\">likelihood \\ severity</th>";
  for (int s = 1; s <= 5; ++s) out += "<th>" + std::to_string(s) + "</th>";
  out += "</tr></thead><tbody>";
  for (int l = 5; l >= 1; --l) {
    out += "<tr><th>" + std::to_string(l) + " " + html_escape(cm.likelihood_names[l - 1]) + "</th>";
    for (int s = 1; s <= 5; ++s) {
      const int level = cm.risk_level(l, s);
      std::string zones;
      for (const auto& z : ctx.report.zones)
        if (z.risk.likelihood == l && z.risk.severity == s)
          zones += (zones.empty() ? "" : "<br>") + html_escape(ctx.site.zones[z.zone].id);
      out += "<td class=\"r" + std::to_string(level) + "\"" +
             (cm.tolerable(level) ? "" : " style=\"border:3px solid #333\"") + " title=\"" +
             html_escape(cm.risk_names[std::clamp(level, 1, 5) - 1]) + "\">" + zones + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  std::string none;
  for (const auto& z : ctx.report.zones)
    if (z.risk.severity == 0) none += (none.empty() ? "" : ", ") + html_escape(ctx.site.zones[z.zone].id);
  if (!none.empty()) out += "<p class=\"muted small\">No consequence declared (not rated): " + none + "</p>";
  out += "</section>\n";
}

void html_diagrams(std::string& out, const HtmlContext& ctx) {
  if (ctx.options.diagrams.empty()) return;
  out += "<section id=\"diagrams\"><h2>Diagrams</h2><p class=\"muted\">Hover over zones, conduits and path "
         "steps for details.</p>";
  for (const auto& d : ctx.options.diagrams)
    out += "<figure class=\"diagram\"><figcaption><b>" + html_escape(d.title) + "</b></figcaption>" +
           inline_svg(d.svg) + "</figure>";
  out += "</section>\n";
}

} // namespace detail

std::string report_html(const models::Site& site, const models::Report& report,
                        const HtmlReportOptions& options) {
  HtmlContext ctx{site, report, options, models::load_consequence_model(site.consequence_model)};
  const std::string title = report.site_name.empty() ? report.site_id : report.site_name;
  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  const std::string csp = "default-src 'none'; style-src 'unsafe-inline'; script-src " +
                          csp_script_hash(kReportJs) + "; img-src data:";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">";
  out += "<title>" + html_escape(title) + " &ndash; zonepath risk assessment</title>";
  out += std::string("<style>") + kReportCss + "</style></head>\n";
  out += "<body><header><div class=\"muted\">IEC 62443-3-2 detailed risk assessment</div><h1>" +
         html_escape(title) + "</h1><div class=\"muted\">site <code>" + html_escape(report.site_id) +
         "</code> &middot; generated by " + html_escape(options.generator) +
         " &middot; <span id=\"js-status\">loading</span></div><pre id=\"js-errors\" hidden></pre>";
  out += "<nav><a href=\"#summary\">Summary</a><a href=\"#heat-map\">SL heat map</a>"
         "<a href=\"#records\">Records</a>"
         "<a href=\"#risk-matrix\">Risk matrix</a><a href=\"#risk-register\">Risk register</a>"
         "<a href=\"#crown-jewels\">Crown jewels</a><a href=\"#attack-paths\">Attack paths</a>"
         "<a href=\"#design-findings\">Findings</a><a href=\"#recs\">Recommendations</a>"
         "<a href=\"#soa\">SoA</a>"
         "<a href=\"#diagrams\">Diagrams</a></nav></header>\n<main>";
  html_summary(out, ctx);
  html_heat_map(out, ctx);
  html_assessment(out, ctx);
  html_risk_matrix(out, ctx);
  html_register(out, ctx);
  html_targets(out, ctx);
  html_paths(out, ctx);
  html_findings(out, ctx);
  html_recommendations(out, ctx);
  html_soa(out, ctx);
  html_diagrams(out, ctx);
  out += "</main><footer class=\"muted small\"><p>ATT&amp;CK&reg; for ICS technique names &copy; The MITRE "
         "Corporation, reproduced under its royalty-free licence.</p></footer><script>";
  out += kReportJs;
  out += "</script></body></html>\n";
  return out;
}

} // namespace zonepath::render
