// The tabular sections of report.html: risk register, crown jewels, paths, findings,
// recommendations. Numeric cells carry data-v so that the sort is numeric.
#include <algorithm>

#include "report_html_internal.hpp"
#include "text_util.hpp"
#include "zonepath/render/top_paths.hpp"

namespace zonepath::render::detail {

namespace {

std::string td(const std::string& escaped) {
  return "<td>" + escaped + "</td>";
}
std::string num(double v, const std::string& shown) {
  return "<td class=\"num\" data-v=\"" + number(v, 10) + "\">" + shown + "</td>";
}
std::string list(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + html_escape(s);
  return out;
}
std::string head(const std::vector<std::string>& columns) {
  std::string out = "<thead><tr>";
  for (const auto& c : columns) out += "<th>" + c + "</th>";
  return out + "</tr></thead>";
}
std::string risk_name(int level) {
  return kRiskNames[std::clamp(level, 0, 5)];
}

} // namespace

void html_register(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"risk-register\"><h2>Risk register</h2><p>One row per zone and threat actor. Click a "
         "column header to sort.</p><table class=\"sortable\" id=\"register\">" +
         head({"Zone", "Threat", "Probability", "Initiation", "Likelihood", "Severity", "Risk", "Tolerable",
               "SL-T", "SL-A", "Gap", "Missing requirements", "ISO/IEC 27001", "Compensating controls"}) +
         "<tbody>";
  for (const auto& row : ctx.report.risk_register) {
    const auto& r = row.risk;
    const int gap = max_gap(row.gap);
    out += "<tr>" + td(html_escape(row.zone)) + td(html_escape(row.threat)) +
           num(r.probability, number(r.probability)) + num(r.initiation, initiation_text(r.initiation)) +
           num(r.likelihood,
               std::to_string(r.likelihood) + " " +
                   html_escape(ctx.consequence.likelihood_names[std::clamp(r.likelihood, 1, 5) - 1])) +
           num(r.severity, std::to_string(r.severity)) + "<td class=\"num r" + std::to_string(r.level) +
           "\" data-v=\"" + std::to_string(r.level) + "\">" + std::to_string(r.level) + " " +
           risk_name(r.level) + "</td>" +
           td(r.tolerable ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">no</span>") +
           td(sl_text(row.sl_t)) + td(sl_text(row.sl_a)) + "<td class=\"g" +
           std::to_string(std::min(gap, 3)) + "\" data-v=\"" + std::to_string(gap) + "\">" +
           sl_text(row.gap) + "</td>" + "<td class=\"small\" data-v=\"" + std::to_string(row.missing.size()) +
           "\">" +
           (row.missing.empty() ? std::string("none")
                                : "<details><summary>" + std::to_string(row.missing.size()) + "</summary>" +
                                      list(row.missing) + "</details>") +
           "</td>" + "<td class=\"small\">" + list(row.iso27001) + "</td><td class=\"small\">" +
           list(row.compensating, "<br>") + "</td></tr>";
  }
  out += "</tbody></table></section>\n";
}

void html_targets(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"crown-jewels\"><h2>Crown jewels: reach and time to compromise</h2>"
         "<table class=\"sortable\" id=\"targets\">" +
         head({"Target", "Why a crown jewel", "Threat", "Reach probability", "95% CI", "TTC p10 (days)",
               "TTC median", "TTC p90", "Within time budget"}) +
         "<tbody>";
  for (const auto& t : ctx.report.targets) {
    out += "<tr>" + td(html_escape(t.id)) + td(html_escape(jewel_reason(ctx.report, t.id))) +
           td(html_escape(t.threat)) + num(t.reach_probability, number(t.reach_probability)) +
           td("[" + number(t.ci95[0]) + ", " + number(t.ci95[1]) + "]");
    for (int i = 1; i <= 3; ++i)
      out += t.ttc_days ? num((*t.ttc_days)[i], number((*t.ttc_days)[i]))
                        : std::string("<td data-v=\"1e300\">-</td>");
    out += t.within_budget ? num(*t.within_budget, number(*t.within_budget)) : td("-");
    out += "</tr>";
  }
  out += "</tbody></table></section>\n";
}

void html_paths(std::string& out, const HtmlContext& ctx) {
  out +=
      "<section id=\"attack-paths\"><h2>Most likely attack paths</h2><p>Per threat actor, the " +
      std::to_string(ctx.options.paths_per_threat) +
      " most likely paths over all crown jewels; p is the chance that a step succeeds, TTC its mean time to "
      "compromise.</p>";
  for (const auto& threat : ctx.report.threats) {
    auto paths = top_paths(ctx.report, threat.id, ctx.options.paths_per_threat);
    out += "<h3>" + html_escape(threat.id) + " (tier " + std::to_string(threat.sophistication) + ")</h3>";
    if (paths.empty()) out += "<p class=\"muted\">No path to a crown jewel.</p>";
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const auto& p = paths[i]->path;
      out += "<details" + std::string(i == 0 ? " open" : "") + "><summary><b>Path " + std::to_string(i + 1) +
             "</b> to " + html_escape(paths[i]->target) + ": p=" + number(p.value("probability", 0.0)) +
             ", mean " + number(p.value("ttc_mean_days", 0.0)) + " days &middot; " +
             html_escape(join_nodes(p)) + "</summary><table class=\"steps\">" +
             head({"#", "From", "To", "Technique", "Uses", "Via", "p", "Mean TTC (days)"}) + "<tbody>";
      std::size_t s = 0;
      for (const auto& st : p["steps"])
        out += "<tr>" + td(std::to_string(++s)) + td(html_escape(st.value("from", ""))) +
               td(html_escape(st.value("to", ""))) +
               td(html_escape(technique_title(st.value("technique", "")))) + td(html_escape(step_uses(st))) +
               td(html_escape(st.value("via", ""))) + num(st.value("p", 0.0), number(st.value("p", 0.0))) +
               num(st.value("ttc_mean", 0.0), number(st.value("ttc_mean", 0.0))) + "</tr>";
      out += "</tbody></table></details>";
    }
  }
  out += "</section>\n";
}

void html_findings(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"design-findings\"><h2>Design findings</h2>";
  if (ctx.report.findings.empty())
    out += "<p>No design findings.</p>";
  else {
    out += "<table class=\"sortable\" id=\"findings\">" +
           head({"Severity", "Rule", "Where", "Finding", "Requirement", "ISO/IEC 27001", "62443-3-2"}) +
           "<tbody>";
    for (const auto& f : ctx.report.findings) {
      const int rank = static_cast<int>(f.severity); // the sortable column orders by it
      const std::string severity = models::to_string(f.severity);
      std::string where;
      for (const auto* loc : {&f.zone, &f.conduit, &f.asset})
        if (!loc->empty()) where += (where.empty() ? "" : ", ") + html_escape(*loc);
      out += "<tr><td class=\"sev-" + html_escape(severity) + "\" data-v=\"" + std::to_string(rank) + "\">" +
             html_escape(severity) + "</td>" + td("<code>" + html_escape(f.rule) + "</code>") + td(where) +
             td(html_escape(f.message)) + td(html_escape(f.requirement)) + td(list(f.iso27001)) +
             td(html_escape(f.zcr)) + "</tr>";
    }
    out += "</tbody></table>";
  }
  out += "</section>\n";
}

void html_recommendations(std::string& out, const HtmlContext& ctx) {
  out += "<section id=\"recs\"><h2>Recommendations</h2>";
  if (ctx.report.recommendations.empty())
    out += "<p>No recommendations.</p>";
  else {
    out += "<table class=\"sortable\" id=\"recommendations\">" +
           head({"#", "Action", "Where", "Closes", "Cost", "Risk reduction", "ISO/IEC 27001", "Why"}) +
           "<tbody>";
    std::size_t rank = 0;
    for (const auto& r : ctx.report.recommendations) {
      ++rank;
      out += "<tr>" + num(double(rank), std::to_string(rank)) + td(html_escape(r.action)) +
             td(html_escape(r.where)) + td(list(r.closes)) + num(r.cost, number(r.cost, 6)) +
             num(r.risk_reduction.value_or(-1), models::risk_reduction_text(r)) + td(list(r.iso27001)) +
             td(html_escape(r.reason)) + "</tr>";
    }
    out += "</tbody></table>";
  }
  out += "</section>\n";
}

} // namespace zonepath::render::detail
