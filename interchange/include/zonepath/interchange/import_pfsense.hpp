// pfSense and OPNsense `config.xml` -> FirewallRule list. The interfaces (lan, wan, opt1, ...)
// are mapped to zones by the zone map (their name, description or device in x-interfaces, else
// the zone holding their subnet); `<filter><rule>`s are read in file order, each evaluated on
// its ingress interface as pf does for interface rules (first match wins, default deny, keep
// state), so "any" as a source means the interface's own zone and "any" as a destination every
// other interface's zone. Aliases (host, network, port; nested) are resolved; what cannot be
// translated (NAT, floating rules, IPv6, URL aliases, negation, ...) is reported with its line.
#pragma once

#include <string>
#include <vector>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/import_rules.hpp"

namespace zonepath::interchange {

struct PfsenseConfig {
  std::string product;             // "pfSense" or "OPNsense"
  std::vector<FirewallRule> rules; // in evaluation order, the default deny last (policy)
  std::vector<std::string> zones;  // the zones of the mapped interfaces: what "any" stands for
  nlohmann::json interfaces = nlohmann::json::array(); // {name, descr, device, subnet, zone, by}
};

// Whether text is a pfSense or OPNsense configuration (root element pfsense or opnsense).
bool is_pfsense_config(const std::string& text);

// Throws ParseError (file, line, column) when the XML is malformed or the root is neither.
PfsenseConfig parse_pfsense_config(const std::string& text, const std::string& name, const ZoneMap& zones,
                                   std::vector<ImportNote>& notes);

} // namespace zonepath::interchange
