#include "zonepath/render/report_markdown.hpp"

#include <algorithm>

#include "assessment_text.hpp"
#include "text_util.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/render/top_paths.hpp"

namespace zonepath::render {

using namespace detail;

namespace {

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + c + " |";
  return out + "\n";
}

std::string header(const std::vector<std::string>& cells) {
  std::string out = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) out += "---|";
  return out + "\n";
}

std::string row_cells(const std::string& where, const std::string& id, const std::string& status,
                      const std::string& why, const std::string& evidence) {
  return row({markdown_escape(where), id, status, why.empty() ? "-" : markdown_escape(why),
              evidence.empty() ? "-" : markdown_escape(evidence)});
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + markdown_escape(s);
  return out.empty() ? "-" : out;
}

void security_levels(std::string& out, const models::Site& site, const models::Report& r) {
  out += "## Security levels\n\nCells: SL-T/SL-A, gap in bold when above 0.\n\n";
  std::vector<std::string> cols = {"Zone", "SL-T from"};
  for (const char* fr : kFrNames) cols.push_back(fr);
  cols.push_back("Missing requirements");
  out += header(cols);
  for (const auto& z : r.zones) {
    const auto& zone = site.zones[z.zone];
    std::vector<std::string> cells = {"`" + zone.id + "`" +
                                          (models::is_external_zone(zone) ? " (external)" : ""),
                                      z.sl_t_declared ? "declared" : "derived"};
    for (int fr = 0; fr < models::kFrCount; ++fr)
      cells.push_back(std::to_string(z.sl_t[fr]) + "/" + std::to_string(z.sl_a[fr]) +
                      (z.gap[fr] ? " **" + std::to_string(z.gap[fr]) + "**" : ""));
    cells.push_back(z.missing.empty() ? "-" : std::to_string(z.missing.size()) + ": " + list(z.missing));
    out += row(cells);
  }
  out += "\n";
  for (const auto& z : r.zones)
    if (auto text = declared_below_text(z); !text.empty())
      out += "- **Warning:** zone `" + site.zones[z.zone].id + "`: " + markdown_escape(text) + ".\n";
  if (std::any_of(r.zones.begin(), r.zones.end(),
                  [](const auto& z) { return !z.declared_below_derived.empty(); }))
    out += "\n";
}

void assessment(std::string& out, const models::Site& site, const models::Report& r) {
  out += "## Requirement records and compensating controls\n\n" + markdown_escape(as_of_text(r)) + ".\n\n";
  if (auto rows = record_rows(site, r); !rows.empty()) {
    out += "Records other than met (IEC 62443-3-3):\n\n";
    out += header({"Where", "Requirement", "Status", "Justification or reason", "Evidence"});
    for (const auto& row : rows)
      out += row_cells(row.where, row.requirement, row.status, row.why, row.evidence);
    out += "\n";
  }
  if (auto rows = control_rows(site, r); !rows.empty()) {
    out += "Compensating controls (credit only when verified or validated and not past review):\n\n";
    out += header(
        {"Where", "Control", "Stands in for", "Status", "Credit", "Owner", "Change record", "Review by"});
    for (const auto& c : rows)
      out += row({markdown_escape(c.where), markdown_escape(c.control), markdown_escape(c.requirements),
                  c.status, c.credited ? c.credit : "**" + markdown_escape(c.credit) + "**",
                  markdown_escape(c.owner), markdown_escape(c.change_record),
                  c.review_by.empty() ? "-" : c.review_by});
    out += "\n";
  }
  for (const auto& u : unknown_capability(site, r))
    out += "- Capability unknown in zone `" + u.zone + "` (no `sl_c`): " + list(u.assets) + ".\n";
  out += "\n";
}

void risk_register(std::string& out, const models::Report& r) {
  out += "## Risk register\n\n";
  out += header({"Zone", "Threat", "Probability", "Initiation", "Likelihood", "Severity", "Risk", "Tolerable",
                 "Gap", "Missing", "ISO/IEC 27001", "Compensating controls"});
  for (const auto& reg : r.risk_register)
    out += row({"`" + reg.zone + "`", "`" + reg.threat + "`", number(reg.risk.probability),
                initiation_text(reg.risk.initiation), std::to_string(reg.risk.likelihood),
                std::to_string(reg.risk.severity),
                std::to_string(reg.risk.level) + " " + kRiskNames[std::clamp(reg.risk.level, 0, 5)],
                reg.risk.tolerable ? "yes" : "**no**", sl_text(reg.gap), std::to_string(reg.missing.size()),
                list(reg.iso27001), list(reg.compensating)});
  out += "\n";
}

void targets(std::string& out, const models::Report& r) {
  out += "## Crown jewels\n\n";
  out += header({"Target", "Why a crown jewel", "Threat", "Reach probability", "95% CI", "TTC median (days)",
                 "TTC p90 (days)"});
  for (const auto& t : r.targets)
    out += row({"`" + t.id + "`", markdown_escape(jewel_reason(r, t.id)), "`" + t.threat + "`",
                number(t.reach_probability), "[" + number(t.ci95[0]) + ", " + number(t.ci95[1]) + "]",
                t.ttc_days ? number((*t.ttc_days)[2]) : "-", t.ttc_days ? number((*t.ttc_days)[3]) : "-"});
  out += "\n";
}

void denial_of_service(std::string& out, const models::Report& r) {
  if (r.denial_of_service.empty()) return;
  out += "## Denial of service (T0814)\n\nVulnerabilities whose impact is availability only stop the service "
         "but give no foothold, so they are not attack steps.\n\n";
  out += header({"Asset", "Zone", "Vulnerability", "Service", "Threat", "Probability"});
  for (const auto& d : r.denial_of_service)
    out += row({"`" + d.asset + "`", "`" + d.zone + "`", markdown_escape(d.vulnerability),
                d.service + "/" + std::to_string(d.port), "`" + d.threat + "`", number(d.probability)});
  out += "\n";
}

void paths(std::string& out, const models::Report& r, std::size_t k) {
  out += "## Most likely attack paths\n\n";
  for (const auto& threat : r.threats) {
    out += "### " + markdown_escape(threat.id) + " (tier " + std::to_string(threat.sophistication) + ")\n\n";
    auto top = top_paths(r, threat.id, k);
    if (top.empty()) out += "No path to a crown jewel.\n\n";
    for (std::size_t i = 0; i < top.size(); ++i) {
      const auto& p = top[i]->path;
      out += "**Path " + std::to_string(i + 1) + "** to `" + top[i]->target +
             "`: p=" + number(p.value("probability", 0.0)) + ", mean " +
             number(p.value("ttc_mean_days", 0.0)) + " days: " + markdown_escape(join_nodes(p)) + "\n\n";
      out += header({"#", "From", "To", "Technique", "Uses", "Via", "p", "Mean TTC (days)"});
      std::size_t s = 0;
      for (const auto& st : p["steps"])
        out += row({std::to_string(++s), "`" + st.value("from", "") + "`", "`" + st.value("to", "") + "`",
                    markdown_escape(technique_title(st.value("technique", ""))),
                    markdown_escape(step_uses(st)), markdown_escape(st.value("via", "")),
                    number(st.value("p", 0.0)), number(st.value("ttc_mean", 0.0))});
      out += "\n";
    }
  }
}

void findings(std::string& out, const models::Report& r) {
  out += "## Design findings\n\n";
  if (r.findings.empty())
    out += "None.\n\n";
  else {
    out += header({"Severity", "Rule", "Where", "Finding", "Requirement", "ISO/IEC 27001", "62443-3-2"});
    for (const auto& f : r.findings) {
      std::string where;
      for (const auto* loc : {&f.zone, &f.conduit, &f.asset})
        if (!loc->empty()) where += (where.empty() ? "`" : ", `") + *loc + "`";
      out += row({models::to_string(f.severity), "`" + f.rule + "`", where.empty() ? "-" : where,
                  markdown_escape(f.message), markdown_escape(f.requirement), list(f.iso27001),
                  markdown_escape(f.zcr)});
    }
    out += "\n";
  }
}

void recommendations(std::string& out, const models::Report& r) {
  out += "## Recommendations\n\n";
  if (r.recommendations.empty())
    out += "None.\n\n";
  else {
    out += header({"#", "Action", "Where", "Closes", "Cost", "Risk reduction", "ISO/IEC 27001", "Why"});
    std::size_t rank = 0;
    for (const auto& rec : r.recommendations)
      out += row({std::to_string(++rank), markdown_escape(rec.action), markdown_escape(rec.where),
                  list(rec.closes), number(rec.cost, 6), models::risk_reduction_text(rec), list(rec.iso27001),
                  markdown_escape(rec.reason)});
    out += "\n";
  }
}

} // namespace

std::string report_markdown(const models::Site& site, const models::Report& r,
                            const MarkdownReportOptions& options) {
  std::string out;
  const std::string title = r.site_name.empty() ? r.site_id : r.site_name;
  out += "# " + markdown_escape(title) + ": IEC 62443-3-2 risk assessment\n\n";
  out += "Site `" + r.site_id + "`, " + std::to_string(site.zones.size()) + " zones, " +
         std::to_string(site.assets.size()) + " assets, " + std::to_string(site.conduits.size()) +
         " conduits. Generated by " + markdown_escape(options.generator) + "; Monte Carlo " +
         std::to_string(r.samples) + " samples per threat actor, seed " + std::to_string(r.seed) + ". " +
         markdown_escape(as_of_text(r)) + ".\n\n";
  if (!site.description.empty()) out += markdown_escape(site.description) + "\n\n";
  out += "## Threat actors\n\n" +
         header({"Threat actor", "Tier (SL)", "Time budget", "Likelihood of initiation"});
  for (const auto& t : r.threats)
    out += row({"`" + t.id + "`", std::to_string(t.sophistication),
                t.time_budget_days ? number(*t.time_budget_days) + " days" : "none",
                initiation_text(t.initiation)});
  out += "\n";
  security_levels(out, site, r);
  assessment(out, site, r);
  risk_register(out, r);
  targets(out, r);
  denial_of_service(out, r);
  paths(out, r, options.paths_per_threat);
  findings(out, r);
  recommendations(out, r);
  if (!options.diagrams.empty()) {
    out += "## Diagrams\n\n";
    for (const auto& d : options.diagrams) out += "![" + markdown_escape(d.title) + "](" + d.file + ")\n\n";
  }
  out += "ATT&CK for ICS technique names (c) The MITRE Corporation, reproduced under its royalty-free "
         "licence.\n";
  return out;
}

} // namespace zonepath::render
