// Nmap hosts into a site: zone by address, services from open ports, type and vendor guessed
// and marked as guesses, merged into existing assets without overwriting what a person set.
#include <algorithm>
#include <map>
#include <set>

#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/interchange/import_nmap.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using nlohmann::json;

namespace nmap_merge {
namespace {

// Nmap's service names (nmap-services and its version probes) that differ from the catalog's
// and from the inventory spellings parse_services knows.
const std::map<std::string, std::string>& nmap_names() {
  static const std::map<std::string, std::string> m = {
      {"mbap", "modbus-tcp"},       {"iso-tsap", "s7comm"}, {"ethernetip-1", "enip"},
      {"ethernetip-2", "enip"},     {"dnp", "dnp3"},        {"iec-104", "iec104"},
      {"opcua-tcp", "opc-ua"},      {"opcua", "opc-ua"},    {"ms-wbt-server", "rdp"},
      {"microsoft-ds", "smb"},      {"netbios-ssn", "smb"}, {"domain", "dns"},
      {"kerberos-sec", "kerberos"}, {"ms-sql-s", "sql"},    {"mysql", "sql"},
      {"postgresql", "sql"},        {"oracle-tns", "sql"},  {"niagara-fox", "fox"},
      {"hart-ip", "hart-ip"},       {"omron-fins", "fins"}, {"melsec", "slmp"},
      {"melsec-q", "slmp"},         {"pcom", "pcom"},       {"http-proxy", "http-proxy"}};
  return m;
}

bool known(const std::string& protocol) {
  return models::find_protocol(protocol) || protocol == "slmp";
}

struct Mapped {
  ParsedService service;
  std::string how; // "Nmap service name", "port", "unrecognised"
};

// The service of an open port: Nmap's name when it names a catalog protocol (an SSL tunnel
// makes http https), else the catalog protocol of the port, else Nmap's name with the port.
Mapped map_port(const NmapPort& p) {
  std::string name = lower(p.name);
  if (p.tunnel == "ssl" && name == "http") name = "https";
  if (auto it = nmap_names().find(name); it != nmap_names().end()) name = it->second;
  std::string where = std::to_string(p.port) + "/" + (p.transport == "udp" ? "udp" : "tcp");
  std::vector<std::string> unknown;
  if (!name.empty() && name != "unknown" && name != "tcpwrapped") {
    auto by_name = parse_services(name + "(" + where + ")", unknown);
    if (by_name.size() == 1 && known(by_name[0].protocol)) return {by_name[0], "Nmap service name"};
  }
  auto by_port = parse_services(where, unknown);
  if (by_port.size() == 1 && known(by_port[0].protocol)) return {by_port[0], "port"};
  ParsedService s{
      make_id(name.empty() || name == "unknown" ? by_port.empty() ? "" : by_port[0].protocol : name,
              "tcp-" + std::to_string(p.port)),
      p.port, p.transport == "udp" ? "udp" : "tcp"};
  return {s, "unrecognised"};
}

json service_json(const ParsedService& s) {
  json j = {{"protocol", s.protocol}, {"port", s.port}};
  if (s.transport == "udp") j["transport"] = "udp";
  return j;
}

struct Merger {
  const std::string& file;
  json& site;
  const ZoneMap& zones;
  const NmapImportOptions& options;
  NmapResult& res;

  std::string source(int line) const { return file + ":" + std::to_string(line); }

  // The asset the host already is: same x-ip, else same MAC, else a host name that is an id or name.
  json* existing(const NmapHost& h) {
    json& assets = site["assets"];
    for (auto& a : assets)
      if (a.is_object() && !h.ipv4.empty() && a.value("x-ip", "") == h.ipv4) return &a;
    for (auto& a : assets)
      if (a.is_object() && !h.mac.empty() && lower(a.value("x-mac", "")) == lower(h.mac)) return &a;
    for (const auto& n : h.hostnames) {
      std::string label = lower(n.substr(0, n.find('.')));
      for (auto& a : assets)
        if (a.is_object() && (lower(a.value("id", "")) == label || lower(a.value("name", "")) == lower(n)))
          return &a;
    }
    return nullptr;
  }

  // Sets a field the scan can only guess: where a person set it, it stays (a differing guess is
  // reported); where it is missing or an earlier scan guessed it, the new guess goes in.
  void guess(json& a, const std::string& field, const std::string& value, const std::string& why, int line) {
    if (value.empty()) return;
    bool guessed_before = a.contains("x-guess") && a["x-guess"].is_object() && a["x-guess"].contains(field);
    if (a.contains(field) && !guessed_before) {
      if (a[field] != value && value != "other") // "other" says the scan could not tell
        res.notes.push_back({file, line, "info",
                             "asset '" + a.value("id", "") + "': the scan suggests " + field + " '" + value +
                                 "' (" + why + "); kept '" + a[field].get<std::string>() + "'",
                             value});
      return;
    }
    a[field] = value;
    if (!a.contains("x-guess") || !a["x-guess"].is_object()) a["x-guess"] = json::object();
    a["x-guess"][field] = why;
  }

  void host(const NmapHost& h) {
    ++res.hosts;
    if (h.ipv4.empty()) {
      res.unplaced.push_back(
          {{"line", h.line}, {"reason", "no IPv4 address (zonepath models IPv4 only)"}, {"value", h.ipv6}});
      return;
    }
    if (!parse_ipv4(h.ipv4)) {
      res.unplaced.push_back({{"line", h.line}, {"reason", "invalid IPv4 address"}, {"value", h.ipv4}});
      return;
    }
    // Services of the open ports; "open|filtered" (a UDP port that did not answer) is not proof.
    std::vector<ParsedService> services;
    json scanned = json::array();
    for (const auto& p : h.ports) {
      if (p.state != "open") {
        if (p.state == "open|filtered")
          res.notes.push_back({file, h.line, "info",
                               "port " + std::to_string(p.port) + "/" + p.transport + " open|filtered on " +
                                   h.ipv4 + ": not added",
                               p.name});
        continue;
      }
      Mapped m = map_port(p);
      if (m.how == "unrecognised")
        res.notes.push_back({file, h.line, "warning",
                             "port " + std::to_string(p.port) + "/" + p.transport + " on " + h.ipv4 +
                                 ": service '" + p.name + "' is not in the catalog; added as '" +
                                 m.service.protocol + "'",
                             p.name});
      services.push_back(m.service);
      json s = {{"port", p.port},
                {"transport", p.transport},
                {"name", p.name},
                {"protocol", m.service.protocol},
                {"by", m.how}};
      for (auto [key, value] : {std::pair{"product", &p.product},
                                {"version", &p.version},
                                {"extrainfo", &p.extrainfo},
                                {"method", &p.method}})
        if (!value->empty()) s[key] = *value;
      scanned.push_back(std::move(s));
    }
    // Product and version: the first open port whose service Nmap identified by probing.
    const NmapPort* identified = nullptr;
    for (const auto& p : h.ports)
      if (p.state == "open" && !p.product.empty() && !identified) identified = &p;
    std::string type_reason;
    std::string type =
        infer_asset_type(services, h.mac_vendor, identified ? identified->product : "", type_reason);

    json* a = existing(h);
    std::string action = a ? "updated" : "added";
    std::string zone, by;
    if (a) {
      zone = a->value("zone", "");
      by = "existing asset";
      if (std::string z = zones.zone_of_ip(*parse_ipv4(h.ipv4)); !z.empty() && z != zone)
        res.notes.push_back({file, h.line, "warning",
                             "asset '" + a->value("id", "") + "' stays in zone '" + zone + "'; its address " +
                                 h.ipv4 + " belongs to '" + z + "'",
                             h.ipv4});
    } else {
      zone = zones.zone_of_ip(*parse_ipv4(h.ipv4));
      by = "subnet of " + h.ipv4;
      if (zone.empty() && !options.default_zone.empty()) {
        zone = options.default_zone;
        by = "default zone";
      }
      if (zone.empty()) {
        res.unplaced.push_back(
            {{"line", h.line},
             {"reason", "no zone for IP " + h.ipv4 +
                            " (add it to a zone's x-subnets or the --zone-map, or give --default-zone)"},
             {"value", h.ipv4}});
        return;
      }
      std::string label =
          h.hostnames.empty() ? "" : h.hostnames.front().substr(0, h.hostnames.front().find('.'));
      std::string ip_label = "ip-" + h.ipv4;
      std::replace(ip_label.begin(), ip_label.end(), '.', '-');
      std::string id = unique_id(site, make_id(label.empty() ? ip_label : label, "asset"));
      site["assets"].push_back({{"id", id}, {"zone", zone}, {"services", json::array()}});
      a = &site["assets"].back();
      if (!h.hostnames.empty()) (*a)["name"] = h.hostnames.front();
    }
    json& asset = *a;
    guess(asset, "type", type, "from the services: " + type_reason, h.line);
    guess(asset, "vendor", h.mac_vendor, "MAC address prefix " + h.mac.substr(0, 8), h.line);
    if (identified) {
      guess(asset, "product", identified->product,
            "Nmap service probe on port " + std::to_string(identified->port), h.line);
      guess(asset, "version", identified->version,
            "Nmap service probe on port " + std::to_string(identified->port), h.line);
    }
    int added = add_services(asset, services, h);
    if (!asset.contains("x-ip")) asset["x-ip"] = h.ipv4;
    if (!h.mac.empty() && !asset.contains("x-mac")) asset["x-mac"] = h.mac;
    asset["x-nmap"] = {{"scanned", source(h.line)}, {"ports", scanned}};
    if (!h.os.empty()) asset["x-nmap"]["os"] = h.os;
    if (action == "added") {
      asset["x-source"] = source(h.line);
      ++res.added;
    } else {
      ++res.updated;
    }
    res.placed.push_back({{"line", h.line},
                          {"asset", asset.value("id", "")},
                          {"ip", h.ipv4},
                          {"zone", zone},
                          {"by", by},
                          {"type", asset.value("type", "")},
                          {"type_reason", type_reason},
                          {"action", action},
                          {"services_added", added}});
  }

  // Adds the services the model lacks; a port the model gives another protocol is reported.
  int add_services(json& asset, const std::vector<ParsedService>& services, const NmapHost& h) {
    if (!asset.contains("services") || !asset["services"].is_array()) asset["services"] = json::array();
    json& list = asset["services"];
    int added = 0;
    for (const auto& s : services) {
      bool same = false;
      for (const auto& x : list) {
        if (!x.is_object()) continue;
        const models::Protocol* p = models::find_protocol(x.value("protocol", ""));
        int port = x.contains("port") ? x.value("port", 0) : p && !p->ports.empty() ? p->ports.front() : 0;
        if (x.value("protocol", "") == s.protocol && port == s.port)
          same = true;
        else if (port == s.port && x.value("protocol", "") != s.protocol)
          res.notes.push_back({file, h.line, "warning",
                               "asset '" + asset.value("id", "") + "': the scan finds " + s.protocol +
                                   " on port " + std::to_string(s.port) + " where the model has " +
                                   x.value("protocol", ""),
                               h.ipv4});
      }
      if (same) continue;
      list.push_back(service_json(s));
      ++added;
    }
    return added;
  }
};

} // namespace
} // namespace nmap_merge

NmapResult import_nmap(const NmapScan& scan, const std::string& file, json& site, const ZoneMap& zones,
                       const NmapImportOptions& options) {
  NmapResult res;
  if (!site.contains("assets") || !site["assets"].is_array()) site["assets"] = json::array();
  nmap_merge::Merger merger{file, site, zones, options, res};
  std::size_t down = 0;
  if (options.progress) options.progress->set_total(scan.hosts.size());
  for (const auto& h : scan.hosts) {
    progress_advance(options.progress);
    if (h.status != "up") {
      ++down;
      continue;
    }
    merger.host(h);
  }
  if (down)
    res.notes.push_back(
        {file, 0, "info", std::to_string(down) + " hosts down (not added)", std::to_string(down)});
  return res;
}

} // namespace zonepath::interchange
