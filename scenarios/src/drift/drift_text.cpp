// The drift report for the terminal: the counts first, then the head of each list.
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "drift_internal.hpp"

namespace zonepath::scenarios {

namespace {

using nlohmann::json;

std::string str(const json& j) {
  return j.is_string() ? j.get<std::string>() : j.is_null() ? "-" : j.dump();
}

// "10.10.50.16 (hmi-op-legacy, scada)" or "10.10.50.77 (scada)"
std::string end_text(const json& v, const char* side) {
  std::string ip = str(v[side]), asset = str(v[std::string(side) + "_asset"]);
  std::string zone = str(v[std::string(side) + "_zone"]);
  return ip + " (" + (asset == "-" ? "" : asset + ", ") + zone + ")";
}

std::string rule_text(const json& r) {
  std::string out = "rule " + str(r["index"]) + " (priority " + str(r["priority"]);
  if (!r["name"].get<std::string>().empty()) out += ", '" + r["name"].get<std::string>() + "'";
  return out + ")";
}

void more(std::ostream& out, std::size_t shown, std::size_t total) {
  if (total > shown) out << "  ... " << total - shown << " more (--json or --out for all)\n";
}

std::string plural(const json& n, const char* what) {
  return n.dump() + " " + what + (n.get<std::uint64_t>() == 1 ? "" : "s");
}

// What denies a flow: "fw-dmz-scada rule 4 (priority 4096)", "fw-scada-chem default deny", ...
std::string denial_text(const json& v) {
  std::string out;
  for (const auto& d : v["denied_by"]) {
    if (!out.empty()) out += "; ";
    if (d["via"].is_null())
      out += "no conduit joins the zones";
    else
      out += str(d["via"]) + " " + (d["rule"].is_null() ? str(d["reason"]) : rule_text(d["rule"]));
  }
  return out;
}

// One line per source, destination zone and denial: a port scan is one line, not one per port.
void violations_text(std::ostream& out, const json& violations, std::size_t total, std::size_t max_lines) {
  struct Group {
    const json* first = nullptr;
    std::uint64_t flows = 0, connections = 0, answered = 0;
    std::set<std::string> hosts;
    std::set<std::pair<int, std::string>> ports; // numeric order
  };
  std::vector<std::string> order;
  std::map<std::string, Group> groups;
  for (const auto& v : violations) {
    std::string key = str(v["src"]) + "|" + str(v["dst_zone"]) + "|" + denial_text(v);
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) order.push_back(key);
    Group& g = it->second;
    if (!g.first) g.first = &v;
    ++g.flows;
    g.connections += v["connections"].get<std::uint64_t>();
    g.answered += v["answered"].get<std::uint64_t>();
    g.hosts.insert(str(v["dst"]));
    g.ports.emplace(v["port"].get<int>(), v["port"].dump() + "/" + str(v["transport"]));
  }
  std::size_t shown = 0, flows_shown = 0;
  for (const auto& key : order) {
    if (shown == max_lines) break;
    ++shown;
    const Group& g = groups[key];
    const json& v = *g.first;
    flows_shown += g.flows;
    out << "  " << end_text(v, "src") << " -> ";
    if (g.flows == 1) {
      out << end_text(v, "dst") << " " << str(v["protocol"]) << " " << v["port"] << "/" << str(v["transport"])
          << (v["in_model"].get<bool>() ? "" : " (not in the model)");
    } else {
      std::string ports;
      for (const auto& p : g.ports) ports += (ports.empty() ? "" : " ") + p.second;
      out << "zone " << str(v["dst_zone"]) << ": " << g.flows << " flows to " << g.hosts.size() << " host"
          << (g.hosts.size() == 1 ? "" : "s") << " (" << ports << ")";
    }
    out << ": " << plural(json(g.connections), "connection") << ", " << g.answered << " answered; "
        << denial_text(v) << '\n';
  }
  more(out, flows_shown, total);
}

} // namespace

std::string drift_to_text(const nlohmann::json& r, std::size_t max_per_list) {
  std::ostringstream out;
  const json& o = r["observed"];
  const json& s = r["summary"];
  char hours[32];
  std::snprintf(hours, sizeof hours, "%.1f", o["seconds"].get<double>() / 3600.0);
  out << "Observed " << str(o["file"]) << " (" << str(o["format"]) << "): " << o["lines"] << " lines, "
      << o["connections"] << " IPv4 TCP/UDP connections from " << str(o["first"]) << " to " << str(o["last"])
      << " (" << hours << " h), " << o["flows"] << " flows\n";
  out << "  not judged: " << o["ipv6"] << " IPv6, " << o["other_transport"] << " ICMP or other transport, "
      << s["multicast_connections"] << " to multicast/broadcast, " << s["outside_connections"]
      << " with an end in no zone, " << o["over_limit_connections"] << " beyond the flow limit\n";
  if (r.contains("as_of") && !r["as_of"].is_null())
    out << "  judged by the model as of " << str(r["as_of"])
        << " (temporary rules and conduits in force that day)\n";
  for (const auto& n : r["notes"]) out << "  " << str(n["level"]) << ": " << str(n["message"]) << '\n';

  out << "\nFlows the model does not allow: " << s["flows_denied"] << " flows, " << s["connections_denied"]
      << " connections (" << s["connections_denied_answered"] << " answered); allowed: " << s["flows_allowed"]
      << " flows, " << s["connections_allowed"] << " connections\n";
  violations_text(out, r["violations"], s["flows_denied"].get<std::size_t>(), max_per_list);
  std::size_t shown = 0;

  out << "\nHosts not in the inventory: " << s["unknown_hosts"] << " (and " << s["external_hosts"]
      << " addresses in external zones)\n";
  shown = 0;
  for (const auto& h : r["unknown_hosts"]) {
    if (h["external"].get<bool>()) continue;
    if (shown == max_per_list) break;
    ++shown;
    std::string ports;
    for (const auto& p : h["ports"]) ports += (ports.empty() ? "" : " ") + str(p);
    out << "  " << str(h["ip"]) << " in " << (h["zone"].is_null() ? "no zone" : "zone " + str(h["zone"]))
        << ": " << plural(h["connections_out"], "connection") << " out, " << h["connections_in"] << " in"
        << (ports.empty() ? "" : "; answered on " + ports) << '\n';
  }
  more(out, shown, s["unknown_hosts"].get<std::size_t>());

  out << "\nAllow rules: " << s["allow_rules"] << ", " << s["allow_rules_unused"] << " unused in the period ("
      << s["allow_rules_unused_unseen"] << " on conduits or zones without any observed connection)\n";
  shown = 0;
  for (const auto& a : r["allow_rules"]) {
    if (a["used"].get<bool>()) continue;
    if (shown == max_per_list) break;
    ++shown;
    out << "  " << str(a["via"]) << " " << rule_text(a) << ": allows " << plural(a["model_flows"], "flow")
        << " of the model" << (a["seen"].get<bool>() ? "" : "; nothing seen on this " + str(a["via_kind"]))
        << (a["removed"].get<bool>() ? "; removed by the scenario" : "") << '\n';
  }
  more(out, shown, s["allow_rules_unused"].get<std::size_t>());

  out << "\nIndustrial protocols on unexpected ports: " << s["unexpected_ports"] << '\n';
  shown = 0;
  for (const auto& p : r["unexpected_ports"]) {
    if (shown == max_per_list) break;
    ++shown;
    std::string expected;
    for (const auto& e : p["expected_ports"]) expected += (expected.empty() ? "" : ", ") + e.dump();
    out << "  " << str(p["src"]) << " -> " << str(p["dst"])
        << (p["dst_asset"].is_null() ? "" : " (" + str(p["dst_asset"]) + ")") << " " << str(p["zeek_service"])
        << " on " << p["port"] << "/" << str(p["transport"]) << " (expected " << expected
        << "): " << plural(p["connections"], "connection") << '\n';
  }
  more(out, shown, s["unexpected_ports"].get<std::size_t>());
  out << "\nScenario " << str(r["scenario"]["id"]) << " removes " << r["scenario"]["rules_removed"]
      << " unused allow rules\n";
  return out.str();
}

} // namespace zonepath::scenarios
