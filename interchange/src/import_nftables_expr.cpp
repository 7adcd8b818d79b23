// One nftables rule's expressions (libnftables-json(5) "match" and statement objects) as a
// condition on addresses, destination ports and interfaces, and a verdict.
#include <algorithm>
#include <cctype>

#include "nftables_ruleset.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange::nft {

using nlohmann::json;

namespace {

// Elements a right-hand side stands for: an anonymous set, a list, a named set ("@name") or a
// single value; set elements wrapped as {"elem": {"val": ...}} are unwrapped.
bool values_of(const json& right, const Sets& sets, const std::string& family, const std::string& table,
               std::vector<json>& out, std::string& why) {
  const json* items = nullptr;
  if (right.is_object() && right.contains("set"))
    items = &right["set"];
  else if (right.is_array())
    items = &right;
  else if (right.is_string() && !right.get<std::string>().empty() && right.get<std::string>()[0] == '@') {
    auto it = sets.find(set_key(family, table, right.get<std::string>().substr(1)));
    if (it == sets.end()) {
      why = "named set " + right.get<std::string>() + " is not in the ruleset";
      return false;
    }
    items = &it->second.elements;
  }
  if (!items) {
    out.push_back(right);
    return true;
  }
  if (!items->is_array()) {
    out.push_back(*items);
    return true;
  }
  for (const auto& e : *items)
    out.push_back(e.is_object() && e.contains("elem") ? e["elem"].value("val", json()) : e);
  return true;
}

bool address(const json& v, std::vector<Ipv4Net>& out, std::string& why) {
  if (v.is_string()) {
    if (auto ip = parse_ipv4(v.get<std::string>())) {
      out.push_back(Ipv4Net{*ip, 32});
      return true;
    }
    why = v.get<std::string>().find(':') != std::string::npos ? "IPv6 address" : "not an IPv4 address";
  } else if (v.is_object() && v.contains("prefix") && v["prefix"].is_object()) {
    const json& p = v["prefix"];
    if (p.contains("addr") && p["addr"].is_string() && p.contains("len") && p["len"].is_number_integer())
      if (auto net = parse_ipv4_net(p["addr"].get<std::string>() + "/" +
                                    std::to_string(p["len"].get<long long>()))) {
        out.push_back(*net);
        return true;
      }
    why = "prefix is not IPv4 address/length";
  } else if (v.is_object() && v.contains("range") && v["range"].is_array() && v["range"].size() == 2 &&
             v["range"][0].is_string() && v["range"][1].is_string()) {
    auto lo = parse_ipv4(v["range"][0].get<std::string>()), hi = parse_ipv4(v["range"][1].get<std::string>());
    if (lo && hi && *lo <= *hi) {
      for (const auto& n : ipv4_range_nets(*lo, *hi)) out.push_back(n);
      return true;
    }
    why = "address range is not IPv4 low-high";
  } else {
    why = "address value not understood";
  }
  return false;
}

// A port number, or a service name as `nft -S` prints it ("ssh", "https"), by the catalog.
std::optional<int> port_number(const json& v) {
  if (v.is_number_integer() && v.get<long long>() >= 0 && v.get<long long>() <= 65535)
    return int(v.get<long long>());
  if (!v.is_string()) return std::nullopt;
  std::string s = v;
  if (!s.empty() && s.size() <= 5 &&
      std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const int port = *parse_integer<int>(s);
    return port <= 65535 ? std::optional<int>(port) : std::nullopt;
  }
  if (s == "domain") return 53;
  if (const models::Protocol* p = models::find_protocol(s); p && !p->ports.empty()) return p->ports.front();
  return std::nullopt;
}

bool port(const json& v, PortRanges& out) {
  std::optional<int> lo = port_number(v), hi = lo;
  if (!lo && v.is_object() && v.contains("range") && v["range"].is_array() && v["range"].size() == 2) {
    lo = port_number(v["range"][0]);
    hi = port_number(v["range"][1]);
  }
  if (!lo || !hi || *lo > *hi || *hi < 1) return false;
  out.emplace_back(std::max(*lo, 1), *hi);
  return true;
}

std::string text_of(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

struct Reader {
  const Sets& sets;
  const std::string& family;
  const std::string& table;
  Rule& rule;
  std::vector<Remark>& remarks;

  bool fail(const std::string& why) {
    remarks.push_back({"error", why});
    return false;
  }

  // IPv6 traffic is outside the model, so leaving the rule out changes nothing modelled.
  bool skip_ipv6() {
    remarks.push_back({"warning", "IPv6 rule (zonepath models IPv4 only); rule skipped"});
    return false;
  }

  bool match(const json& m) {
    std::string op = m.value("op", "==");
    const json left = m.value("left", json()), right = m.value("right", json());
    if (op == "!=") return fail("negated match ('!=') cannot be expressed as a conduit rule");
    std::vector<json> values;
    std::string why;
    if (!values_of(right, sets, family, table, values, why)) return fail(why);
    if (left.contains("payload") && left["payload"].is_object()) return payload(left["payload"], op, values);
    if (left.contains("meta") && left["meta"].is_object()) return meta(left["meta"].value("key", ""), values);
    if (left.contains("ct") && left["ct"].is_object() && left["ct"].value("key", "") == "state")
      return ct_state(values);
    return fail("match on " + abbreviate(left) + " is not supported");
  }

  bool payload(const json& p, const std::string& op, const std::vector<json>& values) {
    std::string proto = p.value("protocol", ""), field = p.value("field", "");
    if (proto == "ip6") return skip_ipv6();
    if (proto == "ip" && (field == "saddr" || field == "daddr")) {
      std::vector<Ipv4Net> nets;
      std::string why;
      for (const auto& v : values)
        if (!address(v, nets, why)) return fail("ip " + field + " " + text_of(v) + ": " + why);
      (field == "saddr" ? rule.cond.saddr : rule.cond.daddr) = nets;
      return true;
    }
    if (proto == "ip" && field == "protocol") return l4proto(values);
    bool l4 = proto == "tcp" || proto == "udp" || proto == "sctp" || proto == "dccp" || proto == "th";
    if (l4 && field == "sport") {
      remarks.push_back({"warning", "source port match ignored (conduit rules name destination ports only)"});
      return true;
    }
    if (l4 && field == "dport") {
      if (proto == "tcp" || proto == "udp") restrict_l4({proto});
      return dport(op, values);
    }
    if (proto == "icmp" || proto == "icmpv6") {
      remarks.push_back({"info", "ICMP rule: services are TCP/UDP, nothing to model"});
      return false;
    }
    return fail("match on " + proto + " " + field + " is not supported");
  }

  bool dport(const std::string& op, const std::vector<json>& values) {
    PortRanges ports;
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
      auto p = values.size() == 1 ? port_number(values[0]) : std::nullopt;
      if (!p) return fail("port comparison not understood");
      int lo = op[0] == '<' ? 1 : (op == ">" ? *p + 1 : *p),
          hi = op[0] == '>' ? 65535 : (op == "<" ? *p - 1 : *p);
      if (lo > hi) return fail("port comparison " + op + " " + std::to_string(*p) + " matches no port");
      ports.emplace_back(lo, hi);
    } else {
      for (const auto& v : values)
        if (!port(v, ports)) return fail("destination port " + text_of(v) + " not understood");
    }
    rule.cond.dport = ports;
    return true;
  }

  bool l4proto(const std::vector<json>& values) {
    std::vector<std::string> names;
    for (const auto& v : values) {
      std::string p = lower(text_of(v));
      if (p == "icmp" || p == "1" || p == "ipv6-icmp" || p == "icmpv6") {
        remarks.push_back({"info", "ICMP rule: services are TCP/UDP, nothing to model"});
        return false;
      }
      if (p == "6") p = "tcp";
      if (p == "17") p = "udp";
      names.push_back(p);
    }
    restrict_l4(names);
    return true;
  }

  // Services are TCP or UDP: a transport other than those matches none of them.
  void restrict_l4(const std::vector<std::string>& names) {
    Cond narrow;
    narrow.l4 = names;
    Cond both;
    if (!intersect(rule.cond, narrow, both)) both.l4 = std::vector<std::string>{};
    rule.cond.l4 = both.l4;
  }

  bool meta(const std::string& key, const std::vector<json>& values) {
    if (key == "l4proto") return l4proto(values);
    if (key == "nfproto") {
      for (const auto& v : values)
        if (text_of(v) == "ipv6") return skip_ipv6();
      return true;
    }
    if (key == "iifname" || key == "oifname" || key == "iif" || key == "oif") {
      std::vector<std::string> names;
      for (const auto& v : values) names.push_back(text_of(v));
      (key[0] == 'i' ? rule.cond.iif : rule.cond.oif) = names;
      return true;
    }
    return fail("match on meta " + key + " is not supported");
  }

  bool ct_state(const std::vector<json>& values) {
    bool fresh = false;
    for (const auto& v : values) {
      std::string s = text_of(v);
      fresh |= s == "new" || s == "untracked";
    }
    if (fresh) return true;
    remarks.push_back({"info",
                       "rule for established/related (or invalid) traffic only: replies are implicit in "
                       "conduit rules"});
    return false;
  }

  bool statement(const std::string& key, const json& value) {
    if (key == "match") return match(value);
    if (key == "accept") return set_verdict(Verdict::Accept, "");
    if (key == "drop" || key == "reject") return set_verdict(Verdict::Drop, "");
    if (key == "jump" || key == "goto")
      return set_verdict(key == "jump" ? Verdict::Jump : Verdict::Goto,
                         value.is_object() ? value.value("target", "") : "");
    if (key == "return") return set_verdict(Verdict::Return, "");
    if (key == "counter" || key == "log" || key == "continue" || key == "notrack" || key == "mangle" ||
        key == "set")
      return true; // counts, logs or marks: does not decide
    if (key == "limit" || key == "quota") {
      remarks.push_back({"warning", key + " ignored: the rule is modelled as matching every packet"});
      return true;
    }
    if (key == "snat" || key == "dnat" || key == "masquerade" || key == "redirect") {
      remarks.push_back(
          {"warning", "NAT statement (" + key + ") not translated: the model has no address translation"});
      return true;
    }
    if (key == "vmap") return fail("verdict map (vmap) is not supported");
    if (key == "xt") return fail("iptables-nft compatibility expression (xt) is not supported");
    return fail("statement '" + key + "' is not supported");
  }

  bool set_verdict(Verdict v, const std::string& target) {
    if ((v == Verdict::Jump || v == Verdict::Goto) && target.empty())
      return fail("jump without a target chain");
    rule.verdict = v;
    rule.target = target;
    return true;
  }
};

} // namespace

bool read_expressions(const json& expr, const Sets& sets, const std::string& family, const std::string& table,
                      Rule& rule, std::vector<Remark>& remarks) {
  if (!expr.is_array()) {
    remarks.push_back({"error", "rule without an expr list"});
    return false;
  }
  Reader reader{sets, family, table, rule, remarks};
  for (const auto& e : expr) {
    if (!e.is_object() || e.size() != 1) {
      remarks.push_back({"error", "expression is not an object with one key: " + abbreviate(e)});
      return false;
    }
    if (!reader.statement(e.begin().key(), e.begin().value())) return false;
  }
  return true;
}

namespace {

bool meet_nets(const std::optional<std::vector<Ipv4Net>>& a, const std::optional<std::vector<Ipv4Net>>& b,
               std::optional<std::vector<Ipv4Net>>& out) {
  if (!a || !b) {
    out = a ? a : b;
    return true;
  }
  std::vector<Ipv4Net> both;
  for (const auto& x : *a)
    for (const auto& y : *b)
      if (x.contains(y))
        both.push_back(y);
      else if (y.contains(x))
        both.push_back(x);
  out = both;
  return !both.empty();
}

bool meet_ports(const std::optional<PortRanges>& a, const std::optional<PortRanges>& b,
                std::optional<PortRanges>& out) {
  if (!a || !b) {
    out = a ? a : b;
    return true;
  }
  PortRanges both;
  for (auto [l1, h1] : *a)
    for (auto [l2, h2] : *b)
      if (std::max(l1, l2) <= std::min(h1, h2)) both.emplace_back(std::max(l1, l2), std::min(h1, h2));
  out = both;
  return !both.empty();
}

bool meet_names(const std::optional<std::vector<std::string>>& a,
                const std::optional<std::vector<std::string>>& b,
                std::optional<std::vector<std::string>>& out) {
  if (!a || !b) {
    out = a ? a : b;
    return true;
  }
  std::vector<std::string> both;
  for (const auto& x : *a)
    if (std::find(b->begin(), b->end(), x) != b->end()) both.push_back(x);
  out = both;
  return !both.empty();
}

} // namespace

bool intersect(const Cond& a, const Cond& b, Cond& out) {
  return meet_nets(a.saddr, b.saddr, out.saddr) && meet_nets(a.daddr, b.daddr, out.daddr) &&
         meet_ports(a.dport, b.dport, out.dport) && meet_names(a.iif, b.iif, out.iif) &&
         meet_names(a.oif, b.oif, out.oif) && meet_names(a.l4, b.l4, out.l4);
}

} // namespace zonepath::interchange::nft
