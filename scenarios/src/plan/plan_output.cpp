// JSON and plain-text forms of a remediation plan, and the planner's required-flows option.
#include <cstdio>
#include <sstream>

#include "zonepath/scenarios/plan.hpp"

#include "zonepath/core/json_checker.hpp"

namespace zonepath::scenarios {

std::string to_string(ActionKind kind) {
  return nlohmann::json(kind).get<std::string>();
}

namespace {

using json = nlohmann::json;

json flows_json(const Plan& p) {
  json out = json::array();
  for (std::size_t i = 0; i < p.required_flows.size(); ++i) {
    json f = models::required_flow_to_json(p.required_flows[i]);
    f["before"] = models::to_string(p.flows_before.at(i));
    f["after"] = models::to_string(p.flows_after.at(i));
    out.push_back(std::move(f));
  }
  return out;
}

json rejected_json(const Plan& p) {
  json out = json::array();
  for (const auto& r : p.rejected) {
    json breaks = json::array();
    for (const auto& f : r.breaks) breaks.push_back(models::required_flow_to_json(f));
    out.push_back({{"kind", r.kind}, {"where", r.where}, {"description", r.description}, {"breaks", breaks}});
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

} // namespace

std::vector<models::RequiredFlow> required_flows_from_json(const nlohmann::json& doc,
                                                           const std::string& name) {
  JsonDocument d = JsonDocument::from_value(doc, name);
  JsonChecker check(d);
  const json& root = d.root();
  const json* list = &root;
  std::string base;
  if (root.is_object()) {
    check.check_keys(root, "", {"required_flows"});
    list = check.get_array(root, "", "required_flows", true);
    base = "/required_flows";
  } else if (!root.is_array()) {
    check.error("", "expected a list of required flows", &root);
    list = nullptr;
  }
  std::vector<models::RequiredFlow> out;
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const json& f = (*list)[i];
    std::string ptr = base + "/" + std::to_string(i);
    if (!check.expect_object(f, ptr)) continue;
    check.check_keys(f, ptr, {"from", "to", "protocol", "reason", "owner", "description"});
    models::RequiredFlow flow;
    if (auto v = check.get_string(f, ptr, "from", true)) flow.from = *v;
    if (auto v = check.get_string(f, ptr, "to", true)) flow.to = *v;
    if (auto v = check.get_string(f, ptr, "protocol", true)) flow.protocol = *v;
    if (auto v = check.get_string(f, ptr, "reason")) flow.reason = *v;
    if (auto v = check.get_string(f, ptr, "owner")) flow.owner = *v;
    out.push_back(std::move(flow));
  }
  check.throw_if_errors();
  return out;
}

nlohmann::json plan_to_json(const Plan& p) {
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
                       {"cuts_flows", a.cuts_flows},
                       {"cost", a.cost},
                       {"cumulative_cost", cumulative},
                       {"risk_before", a.risk_before},
                       {"risk_after", a.risk_after},
                       {"risk_reduction", a.risk_before - a.risk_after},
                       {"reduction_per_cost", a.reduction_per_cost},
                       {"gap_reduction", a.gap_reduction},
                       {"iso27001", a.iso27001},
                       {"operations", a.operations}});
  }
  for (const auto& t : p.targets)
    targets.push_back({{"id", t.id},
                       {"threat", t.threat},
                       {"severity", t.severity},
                       {"threshold", t.threshold},
                       {"before", t.before},
                       {"promised", t.promised},
                       {"achieved", t.achieved},
                       {"met", t.met}});
  return {{"schema", "zonepath/plan/v1"},
          {"site", p.site_id},
          {"threats", p.threats},
          {"unit", p.unit},
          {"budget", p.budget ? json(*p.budget) : json(nullptr)},
          {"total_cost", p.total_cost},
          {"risk", {{"before", p.risk_before}, {"after", p.risk_after}}},
          {"gap", {{"before", p.gap_before}, {"promised", p.gap_promised}, {"achieved", p.gap_achieved}}},
          {"required_flows", flows_json(p)},
          {"targets", targets},
          {"actions", actions},
          {"rejected", rejected_json(p)},
          {"dropped", p.dropped},
          {"unmet", p.unmet},
          {"verified", p.verified},
          {"scenario", p.scenario}};
}

std::string plan_to_text(const Plan& p) {
  std::ostringstream out;
  char buf[512];
  out << "Remediation plan for site " << p.site_id << " against " << join(p.threats) << ": "
      << p.actions.size() << " action(s), total cost " << p.total_cost << ' ' << p.unit;
  if (p.budget) out << " (budget " << *p.budget << ")";
  std::size_t kept = 0;
  for (std::size_t i = 0; i < p.required_flows.size(); ++i)
    kept += p.flows_after[i] == models::FlowState::Carried;
  if (!p.required_flows.empty())
    out << "\nRequired flows: " << kept << " of " << p.required_flows.size() << " carried after the plan"
        << (p.rejected.empty() ? "" : "; " + std::to_string(p.rejected.size()) + " candidate(s) ruled out");
  out << "\n\nWhat to fix first:\n";
  std::snprintf(buf, sizeof buf, "  %-3s %-26s %-22s %8s %10s %10s %5s  %s\n", "#", "action", "where", "cost",
                "risk -", "per cost", "gap -", "ISO 27001");
  out << buf;
  for (std::size_t i = 0; i < p.actions.size(); ++i) {
    const PlanAction& a = p.actions[i];
    std::snprintf(buf, sizeof buf, "  %-3zu %-26s %-22s %8.2f %10.4f %10.4f %5d  %s\n", i + 1,
                  to_string(a.kind).c_str(), a.where.c_str(), a.cost, a.risk_before - a.risk_after,
                  a.reduction_per_cost, a.gap_reduction, join(a.iso27001).c_str());
    out << buf << "      " << a.description << '\n';
  }
  out << "\nCrown jewels (reach probability; promised by the planner, achieved by re-running the plan as a "
         "scenario):\n";
  std::snprintf(buf, sizeof buf, "  %-24s %-18s %4s %9s %9s %9s %9s  %s\n", "target", "threat", "sev", "line",
                "before", "promised", "achieved", "met");
  out << buf;
  for (const auto& t : p.targets) {
    std::snprintf(buf, sizeof buf, "  %-24s %-18s %4d %9.4f %9.4f %9.4f %9.4f  %s\n", t.id.c_str(),
                  t.threat.c_str(), t.severity, t.threshold, t.before, t.promised, t.achieved,
                  t.met ? "yes" : "NO");
    out << buf;
  }
  out << "\nSum of zone and conduit SL gaps: " << p.gap_before << " -> promised " << p.gap_promised
      << ", achieved " << p.gap_achieved
      << "\nVerification: " << (p.verified ? "achieved figures equal the promised ones" : "MISMATCH") << '\n';
  for (const auto& r : p.rejected) {
    std::vector<std::string> flows;
    for (const auto& f : r.breaks) flows.push_back(models::required_flow_text(f));
    out << "Ruled out (stops a required flow: " << join(flows) << "): " << r.description << '\n';
  }
  for (const auto& d : p.dropped) out << "Not proposed: " << d << '\n';
  for (const auto& u : p.unmet) out << "Open: " << u << '\n';
  return out.str();
}

} // namespace zonepath::scenarios
