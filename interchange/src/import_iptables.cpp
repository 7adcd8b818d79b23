// iptables-save -> FirewallRule list. Only the filter table's FORWARD chain carries traffic
// between zones; INPUT and OUTPUT concern the firewall host itself and are left out.
#include <algorithm>
#include <map>

#include "zonepath/core/error.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/interchange/import_rules.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

using namespace models;

namespace {

struct RawRule {
  int line = 0;
  std::vector<std::string> args;
};

std::vector<std::string> split_args(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if (c == '\\' && quoted && i + 1 < line.size()) {
      cur += line[++i];
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (any || !cur.empty()) out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
    }
  }
  if (any || !cur.empty()) out.push_back(cur);
  return out;
}

// "80,443,1000:1003" -> ports; false when a range is too wide to list.
bool parse_port_list(const std::string& text, std::vector<int>& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    auto colon = part.find(':');
    auto lo = parse_integer<int>(std::string_view(part).substr(0, colon));
    auto hi = colon == std::string::npos ? lo : parse_integer<int>(std::string_view(part).substr(colon + 1));
    if (!lo || !hi || *lo < 1 || *hi > 65535 || *hi < *lo || *hi - *lo > 255) return false;
    for (int p = *lo; p <= *hi; ++p) out.push_back(p);
  }
  return true;
}

struct Parser {
  std::string name;
  std::vector<ImportNote>& notes;
  std::map<std::string, std::vector<RawRule>> chains;
  std::map<std::string, std::string> policies;
  std::int64_t next_priority = 10;
  std::vector<FirewallRule> out;
  IptablesOptions options;
  std::size_t visited = 0;

  void skip(int line, const std::string& why, const std::string& value) {
    notes.push_back({name, line, "error", why + "; rule skipped", value});
  }

  // Reads one rule's matches into `r`; returns the target, "" when the rule is skipped.
  std::string read(const RawRule& raw, FirewallRule& r) {
    const auto& a = raw.args;
    std::string target;
    for (std::size_t i = 2; i < a.size(); ++i) {
      const std::string& o = a[i];
      auto value = [&]() -> std::string { return i + 1 < a.size() ? a[++i] : std::string(); };
      if (o == "!") {
        skip(raw.line, "negated match ('!') cannot be expressed as a conduit rule",
             a[i + 1 < a.size() ? i + 1 : i]);
        return "";
      }
      if (o == "-s" || o == "--source" || o == "-d" || o == "--destination") {
        std::string v = value();
        auto net = parse_ipv4_net(v);
        if (!net) {
          skip(raw.line, "address is not IPv4 a.b.c.d[/nn]", v);
          return "";
        }
        (o == "-s" || o == "--source" ? r.src_net : r.dst_net) = net;
      } else if (o == "-i" || o == "--in-interface") {
        r.src_interface = value();
      } else if (o == "-o" || o == "--out-interface") {
        r.dst_interface = value();
      } else if (o == "-p" || o == "--protocol") {
        std::string p = lower(value());
        if (p == "icmp" || p == "icmpv6") {
          notes.push_back({name, raw.line, "info", "ICMP rule: services are TCP/UDP, nothing to model", p});
          return "";
        }
        if (p == "tcp" || p == "udp") r.transport = p;
      } else if (o == "--dport" || o == "--destination-port" || o == "--dports" ||
                 o == "--destination-ports") {
        std::string v = value();
        if (!parse_port_list(v, r.ports)) {
          skip(raw.line, "port list not understood or range wider than 256 ports", v);
          return "";
        }
      } else if (o == "--sport" || o == "--source-port" || o == "--sports" || o == "--source-ports") {
        notes.push_back({name, raw.line, "warning", "source ports are not modelled; match ignored", value()});
      } else if (o == "--state" || o == "--ctstate") {
        std::string v = value();
        if (v.find("NEW") == std::string::npos) {
          notes.push_back({name, raw.line, "info",
                           "rule for established/related traffic only: replies are implicit in conduit rules",
                           v});
          return "";
        }
      } else if (o == "--log-prefix" || o == "--log-level" || o == "--reject-with") {
        value(); // target options: how, not whether, a packet is logged or refused
      } else if (o == "--comment") {
        r.description = value();
      } else if (o == "-m" || o == "--match") {
        std::string m = value();
        if (m != "multiport" && m != "state" && m != "conntrack" && m != "comment" && m != "tcp" &&
            m != "udp" && m != "icmp") {
          skip(raw.line, "match module '" + m + "' is not supported", m);
          return "";
        }
      } else if (o == "-j" || o == "--jump" || o == "-g" || o == "--goto") {
        target = value();
      } else {
        skip(raw.line, "option '" + o + "' is not supported", o);
        return "";
      }
    }
    if (target.empty()) {
      notes.push_back({name, raw.line, "info", "rule without a target only counts packets", ""});
      return "";
    }
    return target;
  }

  // Conditions of a jump rule narrow the rules of the chain it jumps to.
  bool merge(const FirewallRule& outer, FirewallRule& inner, int line) {
    auto both = [&](bool a, bool b, const char* what) {
      if (a && b) {
        skip(line, std::string("both the jump and the chain's rule set ") + what, what);
        return true;
      }
      return false;
    };
    if (both(outer.src_net.has_value(), inner.src_net.has_value(), "-s") ||
        both(outer.dst_net.has_value(), inner.dst_net.has_value(), "-d") ||
        both(!outer.src_interface.empty(), !inner.src_interface.empty(), "-i") ||
        both(!outer.dst_interface.empty(), !inner.dst_interface.empty(), "-o") ||
        both(!outer.ports.empty(), !inner.ports.empty(), "--dport"))
      return false;
    if (outer.src_net) inner.src_net = outer.src_net;
    if (outer.dst_net) inner.dst_net = outer.dst_net;
    if (!outer.src_interface.empty()) inner.src_interface = outer.src_interface;
    if (!outer.dst_interface.empty()) inner.dst_interface = outer.dst_interface;
    if (!outer.ports.empty()) inner.ports = outer.ports;
    return true;
  }

  void emit_chain(const std::string& chain, const FirewallRule* outer, int depth) {
    if (depth > 8) {
      notes.push_back(
          {name, 0, "error", "user chains nested deeper than 8 levels; inner rules skipped", chain});
      return;
    }
    for (const auto& raw : chains[chain]) {
      if (++visited > options.max_inlined_rules)
        throw LimitError(name + ":" + std::to_string(raw.line) + ": chain " + chain +
                         ": inlining the user chains visits more than " +
                         std::to_string(options.max_inlined_rules) +
                         " rules (chains jumped into from many rules multiply); simplify the ruleset or "
                         "import the chains' effect as a CSV rule table");
      FirewallRule r;
      r.file = name;
      r.line = raw.line;
      std::string target = read(raw, r);
      if (target.empty()) continue;
      if (outer && !merge(*outer, r, raw.line)) continue;
      if (target == "ACCEPT" || target == "DROP" || target == "REJECT") {
        r.allow = target == "ACCEPT";
        r.priority = next_priority;
        next_priority += 10;
        out.push_back(r);
      } else if (target == "RETURN") {
        notes.push_back({name, raw.line, "warning",
                         "RETURN is not modelled: the chain's later rules are kept as if it were absent",
                         chain});
      } else if (chains.count(target)) {
        emit_chain(target, &r, depth + 1);
      } else {
        notes.push_back(
            {name, raw.line, "info", "target '" + target + "' does not decide; rule ignored", target});
      }
    }
  }
};

} // namespace

bool is_iptables_save(const std::string& text) {
  return text.find("\n*filter") != std::string::npos || text.rfind("*filter", 0) == 0 ||
         text.find("\n-A FORWARD") != std::string::npos || text.find("\n:FORWARD") != std::string::npos;
}

std::vector<FirewallRule> parse_iptables_save(const std::string& text, const std::string& name,
                                              std::vector<ImportNote>& notes,
                                              const IptablesOptions& options) {
  Parser p{name, notes, {}, {}, 10, {}, options, 0};
  std::string table = "filter"; // files with bare -A lines (no table header) are filter rules
  int line_no = 0, policy_line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = trim(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#' || line == "COMMIT") continue;
    if (line[0] == '*') {
      table = line.substr(1);
      continue;
    }
    if (table != "filter") {
      // Address translation and packet marking change where packets go, not whether they pass.
      if (line.rfind("-A", 0) == 0 || line.rfind("--append", 0) == 0)
        notes.push_back(
            {name, line_no, "warning",
             "rule of the " + table + " table not translated (the model has no address translation)", line});
      continue;
    }
    if (line[0] == ':') {
      auto args = split_args(line.substr(1));
      if (args.size() >= 2) {
        p.policies[args[0]] = args[1];
        p.chains[args[0]];
        if (args[0] == "FORWARD") policy_line = line_no;
      }
      continue;
    }
    auto args = split_args(line);
    if (args.size() >= 2 && (args[0] == "-A" || args[0] == "--append")) {
      p.chains[args[1]].push_back(RawRule{line_no, args});
    } else {
      notes.push_back({name, line_no, "error", "line not understood; skipped", line});
    }
  }
  for (const char* host_chain : {"INPUT", "OUTPUT"})
    if (!p.chains[host_chain].empty())
      notes.push_back(
          {name, 0, "info",
           std::string(host_chain) + " chain (traffic to/from the firewall itself) is not modelled",
           std::to_string(p.chains[host_chain].size()) + " rules"});
  p.emit_chain("FORWARD", nullptr, 0);
  if (auto it = p.policies.find("FORWARD");
      it != p.policies.end() && (it->second == "ACCEPT" || it->second == "DROP")) {
    FirewallRule r;
    r.file = name;
    r.line = policy_line;
    r.allow = it->second == "ACCEPT";
    r.policy = true;
    r.description = "FORWARD policy " + it->second;
    p.out.push_back(r);
  }
  return std::move(p.out);
}

} // namespace zonepath::interchange
