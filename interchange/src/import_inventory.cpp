#include "zonepath/interchange/import_inventory.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "zonepath/core/error.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using namespace models;

using nlohmann::json;

namespace {

// Squashed header names per field, most common first (exports of Claroty, Nozomi, Dragos,
// Tenable OT, Armis, and spreadsheets kept by hand).
const std::vector<std::pair<std::string, std::vector<std::string>>>& synonyms() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> s = {
      {"ip", {"ip", "ipaddress", "ipv4", "ipv4address", "address", "ipaddr", "hostip", "deviceip", "primaryip"}},
      {"hostname", {"hostname", "host", "name", "devicename", "assetname", "dnsname", "netbiosname", "systemname", "fqdn"}},
      {"id", {"assetid", "assettag", "tag", "deviceid", "id"}},
      {"vendor", {"vendor", "manufacturer", "make", "mfr", "mfg", "brand", "vendorname"}},
      {"model", {"model", "product", "productname", "modelname", "devicemodel", "modelnumber", "partnumber",
                 "catalognumber", "productcode"}},
      {"firmware", {"firmware", "firmwareversion", "fw", "fwversion", "version", "softwareversion", "osversion",
                    "firmwarerev", "revision"}},
      {"type", {"type", "assettype", "devicetype", "category", "role", "class", "deviceclass", "assetclass", "devicerole"}},
      {"ports", {"ports", "openports", "services", "protocols", "portsprotocols", "listeningports",
                 "openportsprotocols", "protocol", "port", "protocolsports"}},
      {"vlan", {"vlan", "vlanid", "vlans"}},
      {"subnet", {"subnet", "network", "cidr", "segment", "ipnetwork", "ipsubnet"}},
      {"zone", {"zone", "securityzone", "iec62443zone"}}};
  return s;
}

struct Row {
  const CsvRow* row;
  std::map<std::string, std::string> f; // field -> trimmed cell
  std::string get(const char* field) const {
    auto it = f.find(field);
    return it == f.end() ? "" : it->second;
  }
};

json row_json(const CsvTable& t, const CsvRow& r) {
  json o = json::object();
  for (std::size_t i = 0; i < t.header.size() && i < r.fields.size(); ++i) o[t.header[i]] = r.fields[i];
  return o;
}

} // namespace

std::map<std::string, std::string> detect_inventory_columns(const CsvTable& table,
                                                            const std::map<std::string, std::string>& overrides,
                                                            std::vector<ImportNote>& notes) {
  std::map<std::string, std::string> out;
  std::set<std::size_t> used;
  for (const auto& [field, header] : overrides) {
    bool known = std::any_of(synonyms().begin(), synonyms().end(), [&f = field](const auto& s) { return s.first == f; });
    int col = table.column(header);
    if (!known) notes.push_back({table.file, 0, "error", "unknown inventory field in column mapping", field});
    else if (col < 0) notes.push_back({table.file, table.header_line, "error", "mapped header not in the file", header});
    else {
      out[field] = table.header[std::size_t(col)];
      used.insert(std::size_t(col));
    }
  }
  // Exact names first, then headers that contain a name ("Device Vendor", "IP Address (v4)").
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [field, names] : synonyms()) {
      if (out.count(field)) continue;
      for (const auto& name : names) {
        if (pass == 1 && (name.size() < 4 || name == "name")) continue;
        for (std::size_t c = 0; c < table.header.size() && !out.count(field); ++c) {
          if (used.count(c)) continue;
          std::string h = squash(table.header[c]);
          if (pass == 0 ? h == name : h.find(name) != std::string::npos) {
            out[field] = table.header[c];
            used.insert(c);
          }
        }
        if (out.count(field)) break;
      }
    }
  }
  return out;
}

InventoryResult import_inventory(const CsvTable& table, json& site, const ZoneMap& zones,
                                 const InventoryOptions& options) {
  InventoryResult res;
  res.columns = detect_inventory_columns(table, options.columns, res.notes);
  if (!res.columns.count("ip") && !res.columns.count("hostname") && !res.columns.count("id")) {
    // Nothing could be placed: refusing beats reporting "0 rows" and writing the site unchanged.
    Diagnostic d;
    d.file = table.file;
    d.line = table.header_line;
    d.message = "inventory has no IP, hostname or asset id column";
    d.suggestion = "map one with --column ip=HEADER";
    throw ParseError(d);
  }
  std::map<std::string, int> col;
  for (const auto& [field, header] : res.columns) col[field] = table.column(header);
  if (!site.contains("assets") || !site["assets"].is_array()) site["assets"] = json::array();
  json& assets = site["assets"];

  std::set<std::string> zone_ids, ids;
  for (const auto& z : site.value("zones", json::array()))
    if (z.is_object() && z.contains("id") && z["id"].is_string()) zone_ids.insert(z["id"].get<std::string>());
  for (const char* key : {"zones", "assets", "conduits", "threat_actors"})
    for (const auto& o : site.value(key, json::array()))
      if (o.is_object() && o.contains("id") && o["id"].is_string()) ids.insert(o["id"].get<std::string>());
  std::unordered_map<std::string, std::size_t> by_ip, by_id;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (!assets[i].is_object()) continue;
    if (assets[i].contains("x-ip") && assets[i]["x-ip"].is_string()) by_ip[assets[i]["x-ip"]] = i;
    if (assets[i].contains("id") && assets[i]["id"].is_string()) by_id[assets[i]["id"]] = i;
  }
  std::unordered_map<std::string, int> seen_ip; // ip -> line, within this file

  auto unplaced = [&](const CsvRow& r, std::string reason, std::string value) {
    res.unplaced.push_back({{"line", r.line}, {"reason", std::move(reason)}, {"value", std::move(value)},
                            {"row", row_json(table, r)}});
  };

  for (const auto& r : table.rows) {
    ++res.rows;
    Row row{&r, {}};
    for (const auto& [field, c] : col) row.f[field] = trim(CsvTable::field(r, c));
    if (r.fields.size() != table.header.size())
      res.notes.push_back({table.file, r.line, "warning",
                           "row has " + std::to_string(r.fields.size()) + " fields, the header " +
                               std::to_string(table.header.size()) + " (unquoted separator?)", ""});
    std::string ip_text = row.get("ip"), host = row.get("hostname"), id_text = row.get("id");
    std::optional<std::uint32_t> ip;
    if (!ip_text.empty()) {
      // Multi-homed devices list several addresses; the first is the one placed.
      std::string first = ip_text.substr(0, ip_text.find_first_of(",; "));
      ip = parse_ipv4(first);
      if (!ip) {
        unplaced(r, "invalid IPv4 address", ip_text);
        continue;
      }
      if (first != ip_text)
        res.notes.push_back({table.file, r.line, "info", "several addresses; placed by the first", ip_text});
    }
    if (!ip && host.empty() && id_text.empty()) {
      unplaced(r, "no IP address, hostname or asset id", "");
      continue;
    }
    if (ip) {
      auto [it, fresh] = seen_ip.try_emplace(ipv4_str(*ip), r.line);
      if (!fresh) {
        unplaced(r, "duplicate IP address (first on line " + std::to_string(it->second) + ")", ipv4_str(*ip));
        continue;
      }
    }
    // Zone: an explicit zone column, else the most specific subnet, else the VLAN.
    std::string zone, by;
    std::string zone_cell = row.get("zone"), vlan_cell = row.get("vlan"), subnet_cell = row.get("subnet");
    if (!zone_cell.empty()) {
      if (zone_ids.count(zone_cell)) {
        zone = zone_cell;
        by = "zone column";
      } else {
        res.notes.push_back({table.file, r.line, "warning", "zone column names no zone of the site", zone_cell});
      }
    }
    if (zone.empty() && ip && !(zone = zones.zone_of_ip(*ip)).empty()) by = "subnet of " + ipv4_str(*ip);
    if (zone.empty() && !subnet_cell.empty()) {
      if (auto net = parse_ipv4_net(subnet_cell); net && !(zone = zones.zone_of_net(*net)).empty())
        by = "subnet " + net->str();
    }
    int vlan = 0; // 0: none
    if (!vlan_cell.empty()) {
      std::string digits;
      for (char c : vlan_cell)
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      if (!digits.empty() && digits.size() <= 4) vlan = std::stoi(digits);
      if (vlan < 1 || vlan > 4094) {
        res.notes.push_back({table.file, r.line, "warning", "invalid VLAN id ignored", vlan_cell});
        vlan = 0;
      }
    }
    if (vlan) {
      std::string vz = zones.zone_of_vlan(vlan);
      if (zone.empty() && !vz.empty()) {
        zone = vz;
        by = "VLAN " + std::to_string(vlan);
      } else if (!vz.empty() && vz != zone) {
        res.notes.push_back({table.file, r.line, "warning",
                             "VLAN " + std::to_string(vlan) + " maps to zone '" + vz + "' but the " + by +
                                 " to '" + zone + "'; kept '" + zone + "'", vlan_cell});
      }
    }
    if (zone.empty() && !options.default_zone.empty()) {
      zone = options.default_zone;
      by = "default zone";
    }
    if (zone.empty()) {
      std::string what = ip ? "IP " + ipv4_str(*ip) : "no IP";
      if (vlan) what += ", VLAN " + std::to_string(vlan);
      if (!subnet_cell.empty()) what += ", subnet " + subnet_cell;
      unplaced(r, "no zone for " + what + " (add it to a zone's x-subnets/x-vlans or the --zone-map)",
               ip ? ipv4_str(*ip) : host);
      continue;
    }
    std::vector<std::string> unknown;
    auto services = parse_services(row.get("ports"), unknown);
    for (const auto& u : unknown)
      res.notes.push_back({table.file, r.line, "warning", "port/protocol not understood, ignored", u});
    std::string type_reason;
    std::string type = normalize_asset_type(row.get("type"));
    if (!type.empty()) {
      type_reason = "type column";
    } else {
      type = infer_asset_type(services, row.get("vendor"), row.get("model"), type_reason);
      type_reason = "inferred: " + type_reason;
      if (!row.get("type").empty() && squash(row.get("type")) != "unknown")
        res.notes.push_back({table.file, r.line, "warning", "asset type not recognised; inferred '" + type + "'",
                             row.get("type")});
    }
    json services_json = json::array();
    for (const auto& s : services) {
      json svc = {{"protocol", s.protocol}, {"port", s.port}};
      // Written only where it differs from what the site loader assumes (the catalog's, else tcp).
      const models::Protocol* known = models::find_protocol(s.protocol);
      std::string assumed = known && known->transport == models::Transport::Udp ? "udp" : "tcp";
      if (!s.transport.empty() && s.transport != assumed) svc["transport"] = s.transport;
      services_json.push_back(std::move(svc));
    }

    // Update the asset already known by IP (or id), otherwise add one.
    std::string base = make_id(!id_text.empty() ? id_text : !host.empty() ? host : "ip-" + ipv4_str(*ip), "asset");
    std::size_t index = assets.size();
    if (ip && by_ip.count(ipv4_str(*ip))) index = by_ip[ipv4_str(*ip)];
    else if (by_id.count(base)) index = by_id[base];
    std::string source = table.file + ":" + std::to_string(r.line);
    if (index < assets.size()) {
      json& a = assets[index];
      for (auto [field, key] : {std::pair<const char*, const char*>{"vendor", "vendor"}, {"model", "product"},
                                {"firmware", "version"}, {"hostname", "name"}})
        if (!row.get(field).empty()) a[key] = row.get(field);
      if (a.value("zone", "") != zone)
        res.notes.push_back({table.file, r.line, "warning",
                             "asset '" + a.value("id", "") + "' stays in zone '" + a.value("zone", "") +
                                 "'; the inventory places it in '" + zone + "'", zone});
      if (!a.contains("services") || !a["services"].is_array()) a["services"] = json::array();
      for (const auto& s : services_json) {
        bool present = std::any_of(a["services"].begin(), a["services"].end(), [&](const json& x) {
          return x.is_object() && x.value("protocol", "") == s["protocol"] &&
                 x.value("transport", "") == s.value("transport", "");
        });
        if (!present) a["services"].push_back(s);
      }
      if (ip) a["x-ip"] = ipv4_str(*ip);
      a["x-source"] = source;
      ++res.updated;
      res.placed.push_back({{"line", r.line}, {"asset", a.value("id", "")}, {"zone", a.value("zone", "")},
                            {"by", "existing asset"}, {"type", a.value("type", "")}, {"type_reason", "existing"},
                            {"action", "updated"}});
      continue;
    }
    std::string id = base;
    for (int n = 2; ids.count(id); ++n) id = base + "-" + std::to_string(n);
    ids.insert(id);
    json a = {{"id", id}, {"zone", zone}, {"type", type}};
    if (!host.empty()) a["name"] = host;
    if (!row.get("vendor").empty()) a["vendor"] = row.get("vendor");
    if (!row.get("model").empty()) a["product"] = row.get("model");
    if (!row.get("firmware").empty()) a["version"] = row.get("firmware");
    a["services"] = services_json;
    if (ip) a["x-ip"] = ipv4_str(*ip);
    if (vlan) a["x-vlan"] = vlan;
    a["x-source"] = source;
    if (ip) by_ip[ipv4_str(*ip)] = assets.size();
    by_id[id] = assets.size();
    assets.push_back(std::move(a));
    ++res.added;
    res.placed.push_back({{"line", r.line}, {"asset", id}, {"zone", zone}, {"by", by}, {"type", type},
                          {"type_reason", type_reason}, {"action", "added"}});
  }
  return res;
}

} // namespace zonepath::interchange
