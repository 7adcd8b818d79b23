// Conduit rule sets as iptables-save text (what iptables-restore loads): one *filter block per
// conduit firewall, FORWARD policy DROP, replies through conntrack, one line per address pair.
#include <sstream>

#include "zonepath/interchange/export_rules.hpp"

namespace zonepath::interchange {

namespace iptables_export {
namespace {

// "-s 10.1.0.0/16" or "-i eth1" for each item of an endpoint (interfaces x addresses).
std::vector<std::string> matches(const RuleEndpoint& e, bool source) {
  std::vector<std::string> ifaces, nets, out;
  for (const auto& i : e.interfaces) ifaces.push_back(std::string(source ? "-i " : "-o ") + i);
  for (const auto& n : e.nets) nets.push_back(std::string(source ? "-s " : "-d ") + n.str());
  if (ifaces.empty()) return nets.empty() ? std::vector<std::string>{""} : nets;
  if (nets.empty()) return ifaces;
  for (const auto& i : ifaces)
    for (const auto& n : nets) out.push_back(i + " " + n);
  return out;
}

// multiport takes 15 ports per rule, a range counting as two.
std::vector<std::string> port_matches(const EnforcedRule& r) {
  if (r.l4 == L4::Any) return {""};
  std::string proto = r.l4 == L4::Tcp ? "tcp" : "udp";
  if (r.ports.empty()) return {"-p " + proto}; // every port of the transport
  std::vector<std::string> out;
  std::string list;
  int used = 0;
  auto flush = [&] {
    if (list.empty()) return;
    bool single = list.find_first_of(",:") == std::string::npos;
    out.push_back("-p " + proto + (single ? " -m " + proto + " --dport " : " -m multiport --dports ") + list);
    list.clear();
    used = 0;
  };
  for (auto [lo, hi] : r.ports) {
    int cost = lo == hi ? 1 : 2;
    if (used + cost > 15) flush();
    list += (list.empty() ? "" : ",") + std::to_string(lo) + (lo == hi ? "" : ":" + std::to_string(hi));
    used += cost;
  }
  flush();
  return out;
}

} // namespace
} // namespace iptables_export

std::string iptables_rule_sets(const std::vector<ConduitRuleSet>& sets, const std::string& site_id) {
  using namespace iptables_export;
  std::ostringstream out;
  out << "# zonepath: enforceable rules of site " << site_id << ", one firewall per conduit.\n"
      << "# Load one conduit's block on its firewall with iptables-restore; only FORWARD is set (the\n"
      << "# firewall's own INPUT/OUTPUT traffic is outside the model).\n";
  for (const auto& set : sets) {
    out << "\n# conduit " << set.conduit << ": " << set.zone_a << " <-> " << set.zone_b
        << (set.one_way ? " (one way: no replies pass back)" : "") << '\n';
    for (const auto& n : set.notes) out << "# note: " << n << '\n';
    out << "*filter\n:FORWARD DROP [0:0]\n";
    if (!set.one_way)
      out << "-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -m comment --comment \"zonepath "
          << set.conduit << ": replies of allowed connections\" -j ACCEPT\n";
    for (const auto& r : set.rules)
      for (const auto& ports : port_matches(r))
        for (const auto& s : matches(r.src, true))
          for (const auto& d : matches(r.dst, false)) {
            out << "-A FORWARD";
            for (const auto* part : {&s, &d, &ports})
              if (!part->empty()) out << ' ' << *part;
            out << " -m comment --comment \"" << r.comment << "\" -j " << (r.allow ? "ACCEPT" : "DROP")
                << '\n';
          }
    out << "COMMIT\n";
  }
  return out.str();
}

} // namespace zonepath::interchange
