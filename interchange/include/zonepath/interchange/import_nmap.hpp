// Nmap XML (`nmap -oX`) -> site assets. Each host that is up becomes an asset in the zone its
// IPv4 address belongs to (zone map), with its open ports as services (Nmap's service names
// mapped onto the catalog, else the port's catalog protocol), its type guessed from the service
// mix and its vendor from the MAC address prefix; what is guessed is listed in the asset's
// "x-guess" object with the reason. A host already in the site (same x-ip, MAC or name) is
// completed, never overwritten: fields set by hand stay, services are added, and differences
// between the scan and the model are reported.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

struct NmapPort {
  int port = 0;
  std::string transport; // "tcp" or "udp"
  std::string state;     // open, open|filtered, ...
  std::string name, product, version, extrainfo, tunnel, method;
};

struct NmapHost {
  int line = 0;
  std::string status; // up, down
  std::string ipv4, ipv6, mac, mac_vendor;
  std::vector<std::string> hostnames;
  std::vector<NmapPort> ports;
  std::string os; // the most accurate <osmatch>
};

struct NmapScan {
  std::string args, started, version;
  std::vector<NmapHost> hosts;
};

// Throws ParseError (file, line, column) for malformed XML or a root other than nmaprun.
NmapScan parse_nmap_xml(const std::string& text, const std::string& name);

struct NmapImportOptions {
  std::string default_zone;             // zone for hosts that no subnet places ("" = report them)
  ProgressReporter* progress = nullptr; // sets the caller's phase total to the hosts, counts them
};

struct NmapResult {
  std::size_t hosts = 0, added = 0, updated = 0;
  nlohmann::json placed =
      nlohmann::json::array(); // {line, asset, ip, zone, by, type, type_reason, action, services_added}
  nlohmann::json unplaced = nlohmann::json::array(); // {line, reason, value}
  std::vector<ImportNote> notes;
};

NmapResult import_nmap(const NmapScan& scan, const std::string& file, nlohmann::json& site,
                       const ZoneMap& zones, const NmapImportOptions& options = {});

} // namespace zonepath::interchange
