#include "zonepath/render/whatif_html.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "text_util.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/render/report_html.hpp"

namespace zonepath::render {

namespace {

using detail::number;
using nlohmann::json;

const char* kStyle = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.better{color:#1a7f37}.worse{color:#b42318}.muted{color:#777}
code{font-family:ui-monospace,monospace}
.sides{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
.sides figure{flex:1 1 28em;min-width:0;margin:0}
.sides svg{display:block;max-width:100%;height:auto}
</style>)";

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         "'unsafe-inline'\">"
         "<title>" +
         html_escape(title) + "</title>" + kStyle + "</head><body>\n" + body + "</body></html>\n";
}

std::string text(const json& v) {
  if (v.is_string()) return html_escape(v.get<std::string>());
  if (v.is_number_float()) return number(v.get<double>(), 4);
  if (v.is_null()) return "-";
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : " ") + text(x);
    return out;
  }
  return html_escape(v.dump());
}

// "before → after", marked better or worse when `lower_is_better` says which way helps.
// The two sides of a diff entry: "before"/"after" in whatif, "a"/"b" in compare.
struct Sides {
  const char* from;
  const char* to;
};
constexpr Sides kWhatif{"before", "after"};
constexpr Sides kCompare{"a", "b"};

std::string change(const json& pair, bool lower_is_better = true, Sides sides = kWhatif) {
  const json& before = pair.value(sides.from, json());
  const json& after = pair.value(sides.to, json());
  std::string cls;
  if (before.is_number() && after.is_number() && before != after)
    cls = (after.get<double>() < before.get<double>()) == lower_is_better ? "better" : "worse";
  std::string cell = text(before) + " &rarr; " + text(after);
  return cls.empty() ? cell : "<span class=\"" + cls + "\">" + cell + "</span>";
}

std::string table_row(const std::vector<std::string>& cells, const char* tag = "td") {
  std::string out = "<tr>";
  for (const auto& c : cells) out += std::string("<") + tag + ">" + c + "</" + tag + ">";
  return out + "</tr>\n";
}

std::string table(const std::vector<std::string>& head, const std::string& rows) {
  if (rows.empty()) return "<p class=\"muted\">none</p>\n";
  return "<table>" + table_row(head, "th") + rows + "</table>\n";
}

std::string paths_table(const json& paths) {
  std::vector<json> sorted(paths.begin(), paths.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const json& a, const json& b) {
    return a.value("probability", 0.0) > b.value("probability", 0.0);
  });
  std::string rows;
  constexpr std::size_t kShown = 25;
  for (std::size_t i = 0; i < sorted.size() && i < kShown; ++i) {
    std::string nodes;
    for (const auto& n : sorted[i]["nodes"]) nodes += (nodes.empty() ? "" : " &rarr; ") + text(n);
    rows += table_row(
        {text(sorted[i]["threat"]), text(sorted[i]["target"]), text(sorted[i]["probability"]), nodes});
  }
  std::string more = sorted.size() > kShown ? "<p class=\"muted\">" + std::to_string(sorted.size() - kShown) +
                                                  " more in the scenario's JSON file</p>\n"
                                            : "";
  return table({"threat", "target", "probability", "path"}, rows) + more;
}

std::string findings_table(const json& findings) {
  std::string rows;
  for (const auto& f : findings)
    rows += table_row(
        {text(f.value("severity", json())), text(f.value("rule", json())), text(f.value("message", json()))});
  return table({"severity", "rule", "finding"}, rows);
}

// Crown jewels, zones, conduits, paths and findings that differ between the two sides.
std::string diff_sections(const json& d, Sides sides, const std::array<const char*, 2>& paths_titles) {
  std::ostringstream body;
  std::string targets;
  for (const auto& t : d.value("targets", json::array())) {
    if (t.value("delta", 0.0) == 0.0 &&
        t.value("reach_probability", json::object()).value("before", json()) ==
            t.value("reach_probability", json::object()).value("after", json()))
      continue;
    targets += table_row({text(t["threat"]), text(t["id"]), change(t["reach_probability"], true, sides),
                          text(t["delta"]), t.value("significant", false) ? "yes" : "no",
                          change(t.value("ttc_p50_days", json::object()), false, sides)});
  }
  body << "<h2>Crown jewels whose reach changed</h2>\n"
       << table({"threat", "target", "reach probability", "delta", "significant (95% CIs apart)",
                 "TTC p50 days"},
                targets);

  std::string zones;
  for (const auto& z : d.value("zones", json::array()))
    if (z.value("changed", false))
      zones += table_row({text(z["id"]), change(z["sl_a"], true, sides), change(z["gap"], true, sides),
                          change(z["risk_level"], true, sides),
                          change(z.value("tolerable", json::object()), true, sides)});
  body << "<h2>Zones that changed</h2>\n"
       << table({"zone", "SL-A (FR1..FR7)", "gap", "risk level", "tolerable"}, zones);
  std::string conduits;
  for (const auto& c : d.value("conduits", json::array()))
    if (c.value("changed", false))
      conduits += table_row({text(c["id"]), change(c["sl_a"], true, sides), change(c["gap"], true, sides)});
  body << "<h2>Conduits that changed</h2>\n" << table({"conduit", "SL-A (FR1..FR7)", "gap"}, conduits);

  body << "<h2>" << paths_titles[0] << "</h2>\n"
       << paths_table(d.value("paths_appeared", json::array())) << "<h2>" << paths_titles[1] << "</h2>\n"
       << paths_table(d.value("paths_disappeared", json::array())) << "<h2>Findings added</h2>\n"
       << findings_table(d.value("findings_added", json::array())) << "<h2>Findings removed</h2>\n"
       << findings_table(d.value("findings_removed", json::array()));
  return body.str();
}

} // namespace

std::string whatif_page_name(const std::string& scenario_id) {
  std::string out = scenario_id;
  for (char& c : out)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) c = '_';
  return "scenario-" + out + ".html"; // never index.html, whatever the id
}

namespace {

// The required flows a change stops, first on every page: an architect rejects a design that
// ends remote support or historian replication whatever it does to the risk.
std::string required_flows_html(const json& d) {
  const json& rf = d.value("required_flows", json::object());
  const std::size_t count = rf.value("count", std::size_t{0});
  if (count == 0) return "";
  const json& broken = rf.value("broken", json::array());
  if (broken.empty())
    return "<p class=\"better\">Required flows: all " + std::to_string(count) + " still carried.</p>\n";
  std::string items;
  for (const auto& f : broken)
    items += "<li><code>" + text(f.value("from", json(""))) + " &rarr; " + text(f.value("to", json(""))) +
             " " + text(f.value("protocol", json(""))) + "</code>" +
             (f.value("reason", std::string()).empty() ? "" : " (" + text(f["reason"]) + ")") +
             (f.value("after", std::string()) == "unresolved" ? ": an end no longer exists" : "") + "</li>";
  return "<p class=\"worse\"><b>Required flows stopped: " + std::to_string(broken.size()) + " of " +
         std::to_string(count) + "</b></p>\n<ul class=\"worse\">" + items + "</ul>\n";
}

} // namespace

std::string whatif_summary_html(const json& w) {
  const json& site = w.value("site", json::object());
  std::ostringstream body;
  body << "<h1>What-if: " << text(site.value("name", site.value("id", json("")))) << "</h1>\n"
       << "<p>Site <code>" << text(site.value("id", json(""))) << "</code>, "
       << text(w.value("samples", json())) << " Monte Carlo samples per threat actor, seed "
       << text(w.value("seed", json())) << ".</p>\n";
  std::string rows;
  for (const auto& s : w.value("scenarios", json::array())) {
    const json& d = s["diff"];
    const json& sum = d.value("summary", json::object());
    std::string id = s.value("id", "");
    const json& broken = d.value("required_flows", json::object()).value("broken", json::array());
    rows += table_row({"<a href=\"" + html_escape(whatif_page_name(id)) + "\">" + html_escape(id) + "</a>",
                       text(s.value("name", json(""))),
                       broken.empty() ? std::string("0")
                                      : "<span class=\"worse\">" + std::to_string(broken.size()) + "</span>",
                       change(sum.value("max_reach_probability", json::object())),
                       change(sum.value("total_gap", json::object())),
                       change(sum.value("intolerable_zones", json::object())),
                       std::to_string(d.value("paths_appeared", json::array()).size()) + " / " +
                           std::to_string(d.value("paths_disappeared", json::array()).size()),
                       std::to_string(d.value("findings_added", json::array()).size()) + " / " +
                           std::to_string(d.value("findings_removed", json::array()).size())});
  }
  body << table({"scenario", "name", "required flows stopped", "max crown-jewel reach", "total SL gap",
                 "intolerable zones", "paths appeared / gone", "findings added / removed"},
                rows);
  return page("What-if: " + site.value("id", std::string()), body.str());
}

std::string whatif_scenario_html(const json& w, std::size_t index) {
  const json& s = w.at("scenarios").at(index);
  const json& d = s["diff"];
  std::ostringstream body;
  body << "<p><a href=\"index.html\">&larr; all scenarios</a></p>\n<h1>" << text(s.value("name", json("")))
       << "</h1>\n<p>Scenario <code>" << text(s.value("id", json(""))) << "</code> ("
       << text(s.value("file", json(""))) << ")";
  if (!s.value("description", std::string()).empty()) body << ": " << text(s["description"]);
  body << "</p>\n" << required_flows_html(d) << "<h2>Operations</h2>\n";
  std::string ops;
  for (const auto& o : s.value("operations", json::array()))
    ops += table_row({text(o.value("op", json(""))), text(o.value("summary", json("")))});
  body << table({"operation", "what changed"}, ops);

  const json& sum = d.value("summary", json::object());
  body << "<h2>Summary</h2>\n"
       << table({"measure", "baseline &rarr; scenario"},
                table_row({"max crown-jewel reach probability",
                           change(sum.value("max_reach_probability", json::object()))}) +
                    table_row({"total SL gap", change(sum.value("total_gap", json::object()))}) +
                    table_row({"zones with intolerable risk",
                               change(sum.value("intolerable_zones", json::object()))}));

  body << diff_sections(d, kWhatif, {"Paths that appeared", "Paths that disappeared"});
  return page("What-if: " + s.value("id", std::string()), body.str());
}

namespace {

// The SVG root without Graphviz's fixed width and height (in points), so that it scales to its
// half of the page by its viewBox: with the fixed size a large plant's diagram was cut off.
std::string scalable_svg(std::string svg) {
  const auto end = svg.find('>');
  if (end == std::string::npos) return svg;
  std::string root = svg.substr(0, end);
  for (const char* attr : {" width=\"", " height=\""}) {
    auto at = root.find(attr);
    if (at == std::string::npos) continue;
    auto close = root.find('"', at + std::string(attr).size());
    if (close != std::string::npos) root.erase(at, close + 1 - at);
  }
  return root + " width=\"100%\"" + svg.substr(end);
}

std::string id_list(const json& ids) {
  if (ids.empty()) return "<span class=\"muted\">none</span>";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + ("<code>" + text(id) + "</code>");
  return out;
}

} // namespace

std::string compare_html(const json& c, const std::string& svg_a, const std::string& svg_b) {
  const json& a = c.value("a", json::object());
  const json& b = c.value("b", json::object());
  const json& d = c.value("diff", json::object());
  const json& cost = c.value("cost", json::object());
  std::ostringstream body;
  body << "<h1>Design comparison</h1>\n<p>A: <code>" << text(a.value("site", json(""))) << "</code> ("
       << text(a.value("file", json(""))) << ") &middot; B: <code>" << text(b.value("site", json("")))
       << "</code> (" << text(b.value("file", json("")))
       << "). Threat actors: " << id_list(c.value("threats", json::array())) << "; "
       << text(c.value("samples", json())) << " Monte Carlo samples, seed " << text(c.value("seed", json()))
       << ".</p>\n"
       << required_flows_html(d) << "<div class=\"sides\">";
  // Each diagram scales to its half of the page (wrapping below the other when narrow)
  // instead of overflowing a fixed-width box and being cut off.
  for (const auto& [label, svg] : {std::pair{"A", &svg_a}, std::pair{"B", &svg_b}})
    body << "<figure><figcaption><b>Design " << label << "</b></figcaption>" << scalable_svg(inline_svg(*svg))
         << "</figure>";
  body << "</div>\n";

  // What no re-zoning can game first: per crown jewel and actor, worst change first.
  std::string jewel_rows;
  for (const auto& j : c.value("crown_jewels", json::array()))
    jewel_rows += table_row({"<code>" + text(j.value("id", json(""))) + "</code>",
                             text(j.value("threat", json(""))), text(j.value("severity", json())),
                             change(j.value("reach_probability", json::object()), true, kCompare),
                             change(j.value("risk", json::object()), true, kCompare),
                             change(j.value("ttc_p50_days", json::object()), false, kCompare)});
  body << "<h2>Crown jewels (largest risk increase first)</h2>\n"
       << table({"crown jewel", "threat actor", "severity", "reach A &rarr; B", "risk A &rarr; B",
                 "median days to compromise A &rarr; B"},
                jewel_rows);
  for (const auto& f : c.value("zone_merge_findings", json::array()))
    body << "<p class=\"worse\"><b>" << text(f.value("rule", json("")))
         << "</b>: " << text(f.value("message", json(""))) << "</p>\n";

  const json& sum = d.value("summary", json::object());
  const std::string unit = text(cost.value("unit", json("")));
  json totals = {{"a", cost.value("a", json::object()).value("total", json())},
                 {"b", cost.value("b", json::object()).value("total", json())}};
  const bool comparable = c.value("zone_totals_comparable", true);
  std::string zone_rows =
      comparable
          ? table_row({"total SL gap", change(sum.value("total_gap", json::object()), true, kCompare)}) +
                table_row({"zones with intolerable risk",
                           change(sum.value("intolerable_zones", json::object()), true, kCompare)})
          : table_row({"zone totals (SL gap, intolerable zones)",
                       "<span class=\"muted\">not comparable: the designs have different zones</span>"});
  body << "<h2>Summary</h2>\n"
       << table({"measure", "A &rarr; B"},
                table_row({"max crown-jewel reach probability",
                           change(sum.value("max_reach_probability", json::object()), true, kCompare)}) +
                    zone_rows +
                    table_row({"countermeasure cost (" + unit + ")", change(totals, true, kCompare)}));

  const json& only = c.value("only_in", json::object());
  std::string rows;
  for (const char* kind : {"zones", "assets", "conduits", "threat_actors"}) {
    const json& k = only.value(kind, json::object());
    rows += table_row({kind, id_list(k.value("a", json::array())), id_list(k.value("b", json::array()))});
  }
  body << "<h2>What exists in one design only</h2>\n" << table({"", "only in A", "only in B"}, rows);
  body << diff_sections(d, kCompare, {"Paths only in B", "Paths only in A"});
  return page("Design comparison", body.str());
}

} // namespace zonepath::render
