// The CSV rule table: one firewall rule per row (priority, action, source, destination,
// protocol, ports, conduit, description), header names matched loosely.
#include <cctype>

#include "zonepath/core/error.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/interchange/import_rules.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/models/site_id.hpp"

namespace zonepath::interchange {

using namespace models;

namespace {

int find_column(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (std::size_t i = 0; i < t.header.size(); ++i)
      if (squash(t.header[i]) == n) return static_cast<int>(i);
  return -1;
}

void read_side(const std::string& cell, std::string& zone, std::optional<Ipv4Net>& net, bool& ok) {
  std::string v = trim(cell);
  if (v.empty() || v == "*" || lower(v) == "any" || v == "0.0.0.0/0") {
    zone = "*";
  } else if (std::isdigit(static_cast<unsigned char>(v[0]))) {
    net = parse_ipv4_net(v);
    ok = net.has_value();
  } else {
    zone = v;
  }
}

} // namespace

std::vector<FirewallRule> parse_rule_table(const CsvTable& t, std::vector<ImportNote>& notes) {
  int pc = find_column(t, {"priority", "prio", "order", "seq", "sequence"});
  int ac = find_column(t, {"action", "verdict", "decision", "target"});
  int sc = find_column(t, {"source", "from", "src", "sourcezone", "sourcesubnet"});
  int dc = find_column(t, {"destination", "to", "dst", "dest", "destinationzone", "destinationsubnet"});
  int prc = find_column(t, {"protocol", "protocols", "service", "services", "application"});
  int poc = find_column(t, {"ports", "port", "dport", "destinationport", "destinationports"});
  int cc = find_column(t, {"conduit", "conduitid", "firewall"});
  int dsc = find_column(t, {"description", "comment", "name", "remark"});
  std::vector<FirewallRule> out;
  if (ac < 0 || sc < 0 || dc < 0) {
    Diagnostic d;
    d.file = t.file;
    d.line = t.header_line;
    d.message = "rule table needs action, source and destination columns";
    throw ParseError(d);
  }
  std::int64_t n = 0;
  for (const auto& row : t.rows) {
    ++n;
    FirewallRule r;
    r.file = t.file;
    r.line = row.line;
    auto fail = [&](const std::string& why, const std::string& value) {
      notes.push_back({t.file, row.line, "error", why + "; rule skipped", value});
    };
    std::string prio = trim(CsvTable::field(row, pc));
    if (pc < 0 || prio.empty()) {
      r.priority = n * 10; // no priority: the table's order is the evaluation order
    } else {
      auto priority = parse_integer<long long>(prio);
      if (!priority || *priority < 0 || *priority > 1000000000) {
        fail("priority must be an integer 0..1000000000", prio);
        continue;
      }
      r.priority = *priority;
    }
    std::string action = lower(trim(CsvTable::field(row, ac)));
    if (action == "allow" || action == "accept" || action == "permit" || action == "pass")
      r.allow = true;
    else if (action == "deny" || action == "drop" || action == "reject" || action == "block")
      r.allow = false;
    else {
      fail("action must be allow/accept/permit or deny/drop/reject/block", action);
      continue;
    }
    bool ok = true;
    read_side(CsvTable::field(row, sc), r.src_zone, r.src_net, ok);
    read_side(CsvTable::field(row, dc), r.dst_zone, r.dst_net, ok);
    if (!ok) {
      fail("source/destination must be a zone id, '*' or an IPv4 address/subnet",
           CsvTable::field(row, sc) + " -> " + CsvTable::field(row, dc));
      continue;
    }
    std::vector<std::string> unknown;
    std::string proto_cell = lower(trim(CsvTable::field(row, prc)));
    bool tcp = false, udp = false;
    for (const auto& tok : [&] {
           std::vector<std::string> v;
           std::string cur;
           for (char c : proto_cell + ";") {
             if (c == ';' || c == ',' || c == ' ' || c == '|') {
               if (!cur.empty()) v.push_back(cur);
               cur.clear();
             } else {
               cur += c;
             }
           }
           return v;
         }()) {
      if (tok == "tcp" || tok == "udp" || tok == "tcp/udp" || tok == "udp/tcp") {
        tcp = tcp || tok != "udp";
        udp = udp || tok != "tcp";
        continue;
      }
      if (tok == "any" || tok == "ip" || tok == "*") continue;
      r.protocols.push_back(tok);
    }
    if (tcp != udp) r.transport = tcp ? "tcp" : "udp"; // both: any transport
    std::string ports = trim(CsvTable::field(row, poc));
    if (!ports.empty() && ports != "*" && lower(ports) != "any") {
      std::string cur;
      bool bad = false;
      for (char c : ports + ";") {
        if (c == ';' || c == ',' || c == ' ' || c == '|') {
          if (cur.empty()) continue;
          auto dash = cur.find('-');
          auto lo = parse_integer<int>(std::string_view(cur).substr(0, dash));
          auto hi =
              dash == std::string::npos ? lo : parse_integer<int>(std::string_view(cur).substr(dash + 1));
          if (!lo || !hi || *lo < 1 || *hi > 65535 || *hi < *lo || *hi - *lo > 255)
            bad = true;
          else
            for (int p = *lo; p <= *hi; ++p) r.ports.push_back(p);
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (bad) {
        fail("ports must be numbers 1..65535 or ranges a-b of at most 256 ports", ports);
        continue;
      }
    }
    r.conduit = trim(CsvTable::field(row, cc));
    // A conduit the site lacks is created under this id: refused here, at its row, rather than
    // when the merged site is validated under the name of an output not yet written.
    if (!r.conduit.empty() && !valid_id(r.conduit)) {
      fail("conduit must be an id of letters, digits and _ . : - (1 to 256 characters)", r.conduit);
      continue;
    }
    r.description = trim(CsvTable::field(row, dsc));
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace zonepath::interchange
