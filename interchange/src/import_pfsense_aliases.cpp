// Alias tables of pfSense / OPNsense configurations and their expansion into subnets and port
// ranges, bounded in nesting depth and size so that a loop or a crafted file cannot blow up.
#include <algorithm>
#include <cctype>

#include "pfsense_aliases.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::interchange::pfsense {

namespace {

constexpr int kMaxDepth = 16;              // nested aliases; deeper is a loop or a crafted file
constexpr std::size_t kMaxEntries = 65536; // subnets or port ranges one alias may expand to

std::vector<std::string> split_entries(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

} // namespace

void AliasTable::load(const pugi::xml_node& root) {
  for (const auto& a : root.child("aliases").children("alias")) {
    Alias alias;
    alias.type = a.child_value("type");
    alias.entries = split_entries(a.child_value("address"));
    aliases_[a.child_value("name")] = std::move(alias);
  }
  for (const auto& a :
       root.child("OPNsense").child("Firewall").child("Alias").child("aliases").children("alias")) {
    Alias alias;
    alias.type = a.child_value("type");
    alias.entries = split_entries(a.child_value("content"));
    std::string enabled = a.child_value("enabled");
    alias.enabled = enabled != "0";
    aliases_[a.child_value("name")] = std::move(alias);
  }
}

Expansion AliasTable::addresses(const std::string& text) const {
  Expansion out;
  expand(text, false, 0, out);
  return out;
}

Expansion AliasTable::ports(const std::string& text) const {
  Expansion out;
  expand(text, true, 0, out);
  return out;
}

void AliasTable::expand(const std::string& text, bool want_ports, int depth, Expansion& out) const {
  if (!out.error.empty()) return;
  if (depth > kMaxDepth) {
    out.error =
        "aliases nested deeper than " + std::to_string(kMaxDepth) + " levels (a loop?) at '" + text + "'";
    return;
  }
  if (out.nets.size() > kMaxEntries || out.ports.size() > kMaxEntries) {
    out.error = "alias expands to more than " + std::to_string(kMaxEntries) + " entries";
    return;
  }
  auto it = aliases_.find(text);
  if (it != aliases_.end()) {
    const Alias& a = it->second;
    if (!a.enabled) {
      out.error = "alias '" + text + "' is disabled";
      return;
    }
    if (a.type.find("url") != std::string::npos || a.type == "geoip" || a.type == "asn" ||
        a.type == "dynipv6host" || a.type == "mac" || a.type == "external" || a.type == "internal") {
      out.error =
          "alias '" + text + "' of type " + a.type + " is filled at run time; its content is not in the file";
      return;
    }
    bool is_port_alias = a.type == "port";
    if (is_port_alias != want_ports) {
      out.error =
          "alias '" + text + "' of type " + a.type + " used as " + (want_ports ? "ports" : "addresses");
      return;
    }
    for (const auto& e : a.entries) {
      if (!e.empty() && e[0] == '!') {
        out.error =
            "alias '" + text + "' excludes '" + e.substr(1) + "' (an exclusion cannot be a conduit rule)";
        return;
      }
      expand(e, want_ports, depth + 1, out);
      if (!out.error.empty()) return;
    }
    return;
  }
  if (want_ports) {
    auto sep = text.find_first_of(":-");
    std::string lo = text.substr(0, sep), hi = sep == std::string::npos ? lo : text.substr(sep + 1);
    const int first = all_digits(lo) ? *parse_integer<int>(lo) : 0;
    const int last = all_digits(hi) ? *parse_integer<int>(hi) : 0;
    if (first < 1 || last > 65535 || last < first) {
      out.error = "port '" + text + "' is neither a port, a range nor a port alias";
      return;
    }
    out.ports.emplace_back(first, last);
    return;
  }
  if (auto net = parse_ipv4_net(text)) {
    out.nets.push_back(*net);
    return;
  }
  if (auto dash = text.find('-'); dash != std::string::npos) {
    auto lo = parse_ipv4(text.substr(0, dash)), hi = parse_ipv4(text.substr(dash + 1));
    if (lo && hi && *lo <= *hi) {
      for (const auto& n : ipv4_range_nets(*lo, *hi)) out.nets.push_back(n);
      return;
    }
  }
  if (text.find(':') != std::string::npos) {
    out.ignored.push_back(text + " (IPv6, not modelled)");
    return;
  }
  if (!text.empty() && std::isalpha(static_cast<unsigned char>(text[0])) &&
      text.find('.') != std::string::npos) {
    out.ignored.push_back(text + " (host name, resolved by the firewall at run time)");
    return;
  }
  out.error = "'" + text + "' is neither an IPv4 address, a subnet, a range nor a known alias";
}

} // namespace zonepath::interchange::pfsense
