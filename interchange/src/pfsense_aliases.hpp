// Aliases of a pfSense / OPNsense configuration: named lists of hosts, networks and ports that
// rules use instead of literal values, possibly nesting other aliases. Internal to the
// config.xml importer.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange::pfsense {

// What an alias (or a literal) stands for, once nested aliases are expanded.
struct Expansion {
  std::vector<Ipv4Net> nets;
  std::vector<std::pair<int, int>> ports;
  std::vector<std::string> ignored; // entries left out (host names, IPv6), reported as warnings
  std::string error;                // why the alias cannot be used at all ("" when it can)
};

class AliasTable {
public:
  // pfSense <aliases><alias> (space-separated <address>) and OPNsense
  // <OPNsense><Firewall><Alias><aliases><alias> (newline-separated <content>).
  void load(const pugi::xml_node& root);

  bool contains(const std::string& name) const { return aliases_.count(name) > 0; }
  std::size_t size() const { return aliases_.size(); }
  // Addresses (host, network, networkgroup aliases) or literal IPv4 address / subnet / range.
  Expansion addresses(const std::string& text) const;
  // Ports (port aliases) or a literal "443", "1000-2000", "1000:2000".
  Expansion ports(const std::string& text) const;

private:
  struct Alias {
    std::string type; // host, network, port, url, urltable, networkgroup, ...
    std::vector<std::string> entries;
    bool enabled = true;
  };
  void expand(const std::string& text, bool want_ports, int depth, Expansion& out) const;

  std::map<std::string, Alias> aliases_;
};

} // namespace zonepath::interchange::pfsense
