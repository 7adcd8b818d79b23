// JSON and plain-text forms of a ReportDiff.
#include <cstdio>
#include <sstream>

#include "zonepath/scenarios/diff.hpp"

namespace zonepath::scenarios {

namespace {

using json = nlohmann::json;

json sl(const models::SlVector& v) {
  return json(std::vector<int>(v.begin(), v.end()));
}

template <class T, class F> json side(const Side<T>& s, const std::array<std::string, 2>& labels, F convert) {
  return {{labels[0], s.before ? convert(*s.before) : json(nullptr)},
          {labels[1], s.after ? convert(*s.after) : json(nullptr)}};
}

auto same = [](const auto& v) { return json(v); };

// The report's finding object without its ZCR reference, as the diff has always listed them.
json finding_json(const models::Finding& f) {
  json j = f;
  j.erase("zcr");
  return j;
}

json path_json(const PathChange& p) {
  return {{"threat", p.threat}, {"target", p.target}, {"nodes", p.nodes}, {"probability", p.probability}};
}

std::string vec(const std::optional<models::SlVector>& v) {
  if (!v) return "-";
  return models::sl_vector_text(*v);
}

std::string num(const std::optional<double>& v, const char* fmt = "%.3f") {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, *v);
  return buf;
}

} // namespace

std::string required_flows_line(const ReportDiff& d) {
  if (d.required_flows == 0) return "";
  if (d.required_flows_broken.empty())
    return "Required flows: all " + std::to_string(d.required_flows) + " still carried\n";
  std::string out = "REQUIRED FLOWS STOPPED: " + std::to_string(d.required_flows_broken.size()) + " of " +
                    std::to_string(d.required_flows) + ":";
  for (const auto& b : d.required_flows_broken) {
    out += " " + models::required_flow_text(b.flow);
    if (b.after == models::FlowState::Unresolved) out += " (an end no longer exists)";
    if (!b.flow.reason.empty()) out += " [" + b.flow.reason + "]";
    out += ";";
  }
  out.back() = '\n';
  return out;
}

json diff_to_json(const ReportDiff& d, const std::array<std::string, 2>& labels) {
  json targets = json::array(), zones = json::array(), conduits = json::array();
  for (const auto& t : d.targets) {
    json j = {{"id", t.id},
              {"threat", t.threat},
              {"reach_probability", side(t.reach, labels, same)},
              {"ci95", side(t.ci95, labels, same)},
              {"ttc_p50_days", side(t.ttc_p50, labels, same)},
              {"delta", t.delta()},
              {"significant", t.significant}};
    targets.push_back(std::move(j));
  }
  for (const auto& z : d.zones)
    zones.push_back({{"id", z.id},
                     {"changed", z.changed},
                     {"sl_t", side(z.sl_t, labels, sl)},
                     {"sl_a", side(z.sl_a, labels, sl)},
                     {"gap", side(z.gap, labels, sl)},
                     {"risk_level", side(z.risk_level, labels, same)},
                     {"tolerable", side(z.tolerable, labels, same)},
                     {"probability", side(z.probability, labels, same)}});
  for (const auto& c : d.conduits)
    conduits.push_back({{"id", c.id},
                        {"changed", c.changed},
                        {"sl_a", side(c.sl_a, labels, sl)},
                        {"gap", side(c.gap, labels, sl)}});
  json appeared = json::array(), disappeared = json::array(), added = json::array(), removed = json::array();
  for (const auto& p : d.paths_appeared) appeared.push_back(path_json(p));
  for (const auto& p : d.paths_disappeared) disappeared.push_back(path_json(p));
  for (const auto& f : d.findings_added) added.push_back(finding_json(f));
  for (const auto& f : d.findings_removed) removed.push_back(finding_json(f));
  return {{"required_flows",
           {{"count", d.required_flows}, {"broken", models::broken_flows_to_json(d.required_flows_broken)}}},
          {"summary",
           {{"max_reach_probability", side(d.max_reach, labels, same)},
            {"intolerable_zones", side(d.intolerable_zones, labels, same)},
            {"total_gap", side(d.total_gap, labels, same)}}},
          {"targets", targets},
          {"zones", zones},
          {"conduits", conduits},
          {"paths_appeared", appeared},
          {"paths_disappeared", disappeared},
          {"findings_added", added},
          {"findings_removed", removed}};
}

std::string diff_to_text(const ReportDiff& d, const std::array<std::string, 2>& labels, bool all,
                         bool flows_line) {
  std::ostringstream out;
  char buf[512];
  if (flows_line) out << required_flows_line(d);
  out << "Summary: worst crown-jewel reach " << num(d.max_reach.before) << " -> " << num(d.max_reach.after)
      << ", zones with intolerable risk " << d.intolerable_zones.before.value_or(0) << " -> "
      << d.intolerable_zones.after.value_or(0) << ", total SL gap " << d.total_gap.before.value_or(0)
      << " -> " << d.total_gap.after.value_or(0) << "\n";
  out << "\nCrown jewels (" << labels[0] << " -> " << labels[1] << "):\n";
  std::snprintf(buf, sizeof buf, "  %-24s %-18s %-8s %-8s %-8s %s\n", "target", "threat", labels[0].c_str(),
                labels[1].c_str(), "delta", "median TTC days");
  out << buf;
  for (const auto& t : d.targets) {
    if (!all && t.delta() == 0 && t.ttc_p50.before == t.ttc_p50.after && t.reach.before && t.reach.after)
      continue;
    std::snprintf(buf, sizeof buf, "  %-24s %-18s %-8s %-8s %+.3f%s  %s -> %s\n", t.id.c_str(),
                  t.threat.c_str(), num(t.reach.before).c_str(), num(t.reach.after).c_str(), t.delta(),
                  t.significant ? "*" : " ", num(t.ttc_p50.before, "%.1f").c_str(),
                  num(t.ttc_p50.after, "%.1f").c_str());
    out << buf;
  }
  out << "  (* the 95% intervals do not overlap)\n\nZones:\n";
  std::snprintf(buf, sizeof buf, "  %-20s %-28s %-28s %s\n", "zone", "SL-A", "gap", "risk level");
  out << buf;
  for (const auto& z : d.zones) {
    if (!all && !z.changed) continue;
    std::string risk = (z.risk_level.before ? std::to_string(*z.risk_level.before) : "-") + " -> " +
                       (z.risk_level.after ? std::to_string(*z.risk_level.after) : "-");
    std::snprintf(buf, sizeof buf, "  %-20s %-28s %-28s %s\n", z.id.c_str(),
                  (vec(z.sl_a.before) + " -> " + vec(z.sl_a.after)).c_str(),
                  (vec(z.gap.before) + " -> " + vec(z.gap.after)).c_str(), risk.c_str());
    out << buf;
  }
  auto list_paths = [&](const std::vector<PathChange>& v, const char* title) {
    if (v.empty()) return;
    out << "\n" << title << ":\n";
    for (const auto& p : v) {
      std::string nodes;
      for (const auto& n : p.nodes) nodes += (nodes.empty() ? "" : " -> ") + n;
      std::snprintf(buf, sizeof buf, "  [%s] p=%.3g: ", p.threat.c_str(), p.probability);
      out << buf << nodes << '\n';
    }
  };
  list_paths(d.paths_disappeared, "Paths that disappear");
  list_paths(d.paths_appeared, "Paths that appear");
  auto list_findings = [&](const std::vector<models::Finding>& v, const char* title) {
    if (v.empty()) return;
    out << "\n" << title << ":\n";
    for (const auto& f : v)
      out << "  [" << models::to_string(f.severity) << "] " << f.rule << ": " << f.message << '\n';
  };
  list_findings(d.findings_removed, "Findings removed");
  list_findings(d.findings_added, "Findings added");
  return out.str();
}

} // namespace zonepath::scenarios
