// JSON and plain-text forms of a remediation plan.
#include <cstdio>
#include <sstream>

#include "zonepath/scenarios/plan.hpp"

namespace zonepath::scenarios {

std::string to_string(ActionKind kind) {
  return nlohmann::json(kind).get<std::string>();
}

nlohmann::json plan_to_json(const Plan& p) {
  using json = nlohmann::json;
  json actions = json::array(), targets = json::array();
  double cumulative = 0;
  for (std::size_t i = 0; i < p.actions.size(); ++i) {
    const PlanAction& a = p.actions[i];
    cumulative += a.cost;
    actions.push_back({{"rank", i + 1},
                       {"kind", a.kind},
                       {"phase", a.phase},
                       {"where", a.where},
                       {"description", a.description},
                       {"closes", a.closes},
                       {"cost", a.cost},
                       {"cumulative_cost", cumulative},
                       {"risk_before", a.risk_before},
                       {"risk_after", a.risk_after},
                       {"risk_reduction", a.risk_before - a.risk_after},
                       {"reduction_per_cost", a.reduction_per_cost},
                       {"iso27001", a.iso27001},
                       {"operations", a.operations}});
  }
  for (const auto& t : p.targets)
    targets.push_back({{"id", t.id},
                       {"severity", t.severity},
                       {"threshold", t.threshold},
                       {"before", t.before},
                       {"promised", t.promised},
                       {"achieved", t.achieved},
                       {"met", t.met}});
  return {{"schema", "zonepath/plan/v1"},
          {"site", p.site_id},
          {"threat", p.threat},
          {"unit", p.unit},
          {"budget", p.budget ? json(*p.budget) : json(nullptr)},
          {"total_cost", p.total_cost},
          {"risk", {{"before", p.risk_before}, {"after", p.risk_after}}},
          {"gap", {{"before", p.gap_before}, {"promised", p.gap_promised}, {"achieved", p.gap_achieved}}},
          {"targets", targets},
          {"actions", actions},
          {"unmet", p.unmet},
          {"verified", p.verified},
          {"scenario", p.scenario}};
}

std::string plan_to_text(const Plan& p) {
  std::ostringstream out;
  char buf[512];
  out << "Remediation plan for site " << p.site_id << " against " << p.threat << ": " << p.actions.size()
      << " action(s), total cost " << p.total_cost << ' ' << p.unit;
  if (p.budget) out << " (budget " << *p.budget << ")";
  out << "\n\nWhat to fix first:\n";
  std::snprintf(buf, sizeof buf, "  %-3s %-24s %-22s %8s %10s %10s  %s\n", "#", "action", "where", "cost",
                "risk -", "per cost", "ISO 27001");
  out << buf;
  for (std::size_t i = 0; i < p.actions.size(); ++i) {
    const PlanAction& a = p.actions[i];
    std::string iso;
    for (const auto& c : a.iso27001) iso += (iso.empty() ? "" : " ") + c;
    std::snprintf(buf, sizeof buf, "  %-3zu %-24s %-22s %8.2f %10.4f %10.4f  %s\n", i + 1,
                  to_string(a.kind).c_str(), a.where.c_str(), a.cost, a.risk_before - a.risk_after,
                  a.reduction_per_cost, iso.c_str());
    out << buf << "      " << a.description << '\n';
  }
  out << "\nCrown jewels (reach probability; promised by the planner, achieved by re-running the plan as a "
         "scenario):\n";
  std::snprintf(buf, sizeof buf, "  %-24s %4s %9s %9s %9s %9s  %s\n", "target", "sev", "line", "before",
                "promised", "achieved", "met");
  out << buf;
  for (const auto& t : p.targets) {
    std::snprintf(buf, sizeof buf, "  %-24s %4d %9.4f %9.4f %9.4f %9.4f  %s\n", t.id.c_str(), t.severity,
                  t.threshold, t.before, t.promised, t.achieved, t.met ? "yes" : "NO");
    out << buf;
  }
  out << "\nSum of zone SL gaps: " << p.gap_before << " -> promised " << p.gap_promised << ", achieved "
      << p.gap_achieved
      << "\nVerification: " << (p.verified ? "achieved figures equal the promised ones" : "MISMATCH") << '\n';
  for (const auto& u : p.unmet) out << "Open: " << u << '\n';
  return out.str();
}

} // namespace zonepath::scenarios
