#include "zonepath/render/report_text.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>

#include "assessment_text.hpp"
#include "text_util.hpp"

namespace zonepath::render {

void print_gap_table(std::ostream& out, const models::Site& site, const models::Report& report) {
  out << std::left << std::setw(22) << "zone" << std::setw(16) << "SL-T" << std::setw(16) << "SL-A"
      << std::setw(16) << "gap"
      << "risk\n";
  for (const auto& z : report.zones) {
    std::string risk = detail::kRiskNames[std::clamp(z.risk.level, 0, 5)];
    if (z.risk.level > 0)
      risk += z.risk.tolerable ? " (tolerable)" : " (NOT tolerable, " + z.risk.threat + ")";
    out << std::setw(22) << site.zones[z.zone].id << std::setw(16) << models::sl_vector_text(z.sl_t)
        << std::setw(16) << models::sl_vector_text(z.sl_a) << std::setw(16) << models::sl_vector_text(z.gap)
        << risk << '\n';
  }
  out << "  (SL vectors list FR1 IAC, FR2 UC, FR3 SI, FR4 DC, FR5 RDF, FR6 TRE, FR7 RA)\n";
  for (const auto& z : report.zones)
    if (auto text = detail::declared_below_text(z); !text.empty())
      out << "  ! " << site.zones[z.zone].id << ": " << text << '\n';
  out << '\n';
  detail::print_assessment(out, site, report);
}

void print_summary(std::ostream& out, const models::Site& site, const models::Report& report) {
  out << "Site " << (report.site_name.empty() ? report.site_id : report.site_name) << ": "
      << site.zones.size() << " zones, " << site.assets.size() << " assets, " << site.conduits.size()
      << " conduits\n";
  out << "Threat actors:";
  for (const auto& t : report.threats) out << ' ' << t.id << " (tier " << t.sophistication << ")";
  out << "\nMonte Carlo: " << report.samples << " samples per threat, seed " << report.seed << "\n\n";
  print_gap_table(out, site, report);
  char buf[256];
  if (!report.crown_jewels.empty()) out << "\nCrown jewels (why):\n";
  for (std::size_t i = 0; i < report.crown_jewels.size(); ++i)
    if (i < report.crown_jewel_reasons.size() && !report.crown_jewel_reasons[i].empty())
      out << "  " << report.crown_jewels[i] << ": " << report.crown_jewel_reasons[i] << '\n';
  out << "\nCrown jewels (reach probability per threat actor, median time to compromise):\n";
  for (const auto& t : report.targets) {
    std::snprintf(buf, sizeof buf, "  %-24s %-14s p=%.3f [%.3f, %.3f]", t.id.c_str(), t.threat.c_str(),
                  t.reach_probability, t.ci95[0], t.ci95[1]);
    out << buf;
    if (t.ttc_days) {
      std::snprintf(buf, sizeof buf, "  median %.1f days", (*t.ttc_days)[2]);
      out << buf;
    }
    out << '\n';
  }
  if (!report.denial_of_service.empty())
    out << "\nDenial of service (T0814: stops the service, no foothold; highest chance of a position that "
           "reaches it):\n";
  for (const auto& d : report.denial_of_service) {
    std::snprintf(buf, sizeof buf, "  %-24s %-14s p=%.3f  %s on %s/%u\n", d.asset.c_str(), d.threat.c_str(),
                  d.probability, d.vulnerability.c_str(), d.service.c_str(), unsigned(d.port));
    out << buf;
  }
  out << "\nMost likely paths:\n";
  for (const auto& p : report.paths) {
    if (p.rank != 1) continue;
    std::string nodes;
    for (const auto& n : p.path["nodes"]) nodes += (nodes.empty() ? "" : " -> ") + n.get<std::string>();
    std::snprintf(buf, sizeof buf, "  [%s -> %s] p=%.3g: ", p.threat.c_str(), p.target.c_str(),
                  p.path["probability"].get<double>());
    out << buf << nodes << '\n';
  }
  std::size_t intolerable = 0;
  for (const auto& z : report.zones) intolerable += z.risk.tolerable ? 0 : 1;
  out << "\n"
      << report.findings.size() << " design findings, " << intolerable << " zones with intolerable risk, "
      << report.recommendations.size() << " recommendations\n";
  for (const auto& f : report.findings)
    out << "  [" << models::to_string(f.severity) << "] " << f.rule << ": " << f.message << '\n';
  // The head of the ranked list: what to do first and what it buys.
  constexpr std::size_t kFirst = 5;
  if (!report.recommendations.empty()) out << "First recommendations (risk reduction):\n";
  for (std::size_t i = 0; i < std::min(kFirst, report.recommendations.size()); ++i) {
    const auto& r = report.recommendations[i];
    out << "  " << i + 1 << ". " << r.action << " [" << r.where << "]: " << models::risk_reduction_text(r)
        << '\n';
  }
}

} // namespace zonepath::render
