#include "zonepath/interchange/import_inventory.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "zonepath/core/error.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using nlohmann::json;

namespace {

// Squashed header names per field, most common first (exports of Claroty, Nozomi, Dragos,
// Tenable OT, Armis, and spreadsheets kept by hand).
const std::vector<std::pair<std::string, std::vector<std::string>>>& synonyms() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> s = {
      {"ip",
       {"ip", "ipaddress", "ipv4", "ipv4address", "address", "ipaddr", "hostip", "deviceip", "primaryip"}},
      {"hostname",
       {"hostname", "host", "name", "devicename", "assetname", "dnsname", "netbiosname", "systemname",
        "fqdn"}},
      {"id", {"assetid", "assettag", "tag", "deviceid", "id"}},
      {"vendor", {"vendor", "manufacturer", "make", "mfr", "mfg", "brand", "vendorname"}},
      {"model",
       {"model", "product", "productname", "modelname", "devicemodel", "modelnumber", "partnumber",
        "catalognumber", "productcode"}},
      {"firmware",
       {"firmware", "firmwareversion", "fw", "fwversion", "version", "softwareversion", "osversion",
        "firmwarerev", "revision"}},
      {"type",
       {"type", "assettype", "devicetype", "category", "role", "class", "deviceclass", "assetclass",
        "devicerole"}},
      {"ports",
       {"ports", "openports", "services", "protocols", "portsprotocols", "listeningports",
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

std::map<std::string, std::string>
detect_inventory_columns(const CsvTable& table, const std::map<std::string, std::string>& overrides,
                         std::vector<ImportNote>& notes) {
  std::map<std::string, std::string> out;
  std::set<std::size_t> used;
  for (const auto& [field, header] : overrides) {
    bool known = std::any_of(synonyms().begin(), synonyms().end(),
                             [&f = field](const auto& s) { return s.first == f; });
    int col = table.column(header);
    if (!known)
      notes.push_back({table.file, 0, "error", "unknown inventory field in column mapping", field});
    else if (col < 0)
      notes.push_back({table.file, table.header_line, "error", "mapped header not in the file", header});
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

namespace {

// The site's ids and the assets an inventory row may update, read once.
struct SiteIndex {
  std::set<std::string> zone_ids, ids;
  std::unordered_map<std::string, std::size_t> by_ip, by_id; // asset index
};

SiteIndex index_site(const json& site) {
  SiteIndex x;
  for (const auto& z : site.value("zones", json::array()))
    if (z.is_object() && z.contains("id") && z["id"].is_string())
      x.zone_ids.insert(z["id"].get<std::string>());
  for (const char* key : {"zones", "assets", "conduits", "threat_actors"})
    for (const auto& o : site.value(key, json::array()))
      if (o.is_object() && o.contains("id") && o["id"].is_string()) x.ids.insert(o["id"].get<std::string>());
  const json& assets = site["assets"];
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (!assets[i].is_object()) continue;
    if (assets[i].contains("x-ip") && assets[i]["x-ip"].is_string()) x.by_ip[assets[i]["x-ip"]] = i;
    if (assets[i].contains("id") && assets[i]["id"].is_string()) x.by_id[assets[i]["id"]] = i;
  }
  return x;
}

// Where a row's device sits in the site.
struct Placement {
  std::string zone, by; // by: how the zone was found
  int vlan = 0;         // 0: none
};

// What a row says the device is.
struct Device {
  std::string type, type_reason;
  json services = json::array();
};

// One row after another: read the address, find the zone, tell the device type, then update
// the asset known by that address (or id) or add a new one.
class InventoryImporter {
public:
  InventoryImporter(const CsvTable& table, json& site, const ZoneMap& zones, const InventoryOptions& options,
                    InventoryResult& res)
      : table_(table), assets_(site["assets"]), zones_(zones), options_(options), res_(res),
        index_(index_site(site)) {
    for (const auto& [field, header] : res.columns) col_[field] = table.column(header);
  }

  void import_row(const CsvRow& r) {
    ++res_.rows;
    Row row{&r, {}};
    for (const auto& [field, c] : col_) row.f[field] = trim(CsvTable::field(r, c));
    if (r.fields.size() != table_.header.size())
      note(r, "warning",
           "row has " + std::to_string(r.fields.size()) + " fields, the header " +
               std::to_string(table_.header.size()) + " (unquoted separator?)",
           "");
    std::optional<std::uint32_t> ip;
    if (!read_address(row, ip)) return;
    std::optional<Placement> where = find_zone(row, ip);
    if (!where) return;
    const Device device = identify(row);
    const std::string host = row.get("hostname"), id_text = row.get("id");
    std::string base = make_id(!id_text.empty() ? id_text
                               : !host.empty()  ? host
                                                : "ip-" + ipv4_str(*ip),
                               "asset");
    std::size_t index = assets_.size();
    if (ip && index_.by_ip.count(ipv4_str(*ip)))
      index = index_.by_ip[ipv4_str(*ip)];
    else if (index_.by_id.count(base))
      index = same_device_by_id(r, ip, base);
    if (index < assets_.size())
      update_asset(row, ip, *where, device, assets_[index]);
    else
      add_asset(row, ip, *where, device, base);
  }

private:
  // The asset already called `base`, unless it has another address: then this row is another
  // device (two hosts named alike, or a name equal to an id generated earlier such as "plc-2"),
  // added under an id of its own instead of silently replacing the first one's address.
  std::size_t same_device_by_id(const CsvRow& r, const std::optional<std::uint32_t>& ip,
                                const std::string& base) {
    const std::size_t k = index_.by_id[base];
    const json& existing = assets_[k];
    const auto other = existing.find("x-ip");
    if (!ip || other == existing.end() || !other->is_string() || other->get<std::string>() == ipv4_str(*ip))
      return k;
    note(r, "warning",
         "id '" + base + "' already names the device at " + other->get<std::string>() +
             "; this row's device is added under an id of its own",
         ipv4_str(*ip));
    return assets_.size();
  }

  void note(const CsvRow& r, const char* level, std::string message, std::string value) {
    res_.notes.push_back({table_.file, r.line, level, std::move(message), std::move(value)});
  }

  void unplaced(const CsvRow& r, std::string reason, std::string value) {
    res_.unplaced.push_back({{"line", r.line},
                             {"reason", std::move(reason)},
                             {"value", std::move(value)},
                             {"row", row_json(table_, r)}});
  }

  // The first IPv4 address of the row, if any; false (row unplaced) when it is invalid, a
  // duplicate within the file, or the row names no device at all.
  bool read_address(const Row& row, std::optional<std::uint32_t>& ip) {
    const CsvRow& r = *row.row;
    std::string ip_text = row.get("ip");
    if (!ip_text.empty()) {
      // Multi-homed devices list several addresses; the first is the one placed.
      std::string first = ip_text.substr(0, ip_text.find_first_of(",; "));
      ip = parse_ipv4(first);
      if (!ip) {
        unplaced(r, "invalid IPv4 address", ip_text);
        return false;
      }
      if (first != ip_text) note(r, "info", "several addresses; placed by the first", ip_text);
    }
    if (!ip && row.get("hostname").empty() && row.get("id").empty()) {
      unplaced(r, "no IP address, hostname or asset id", "");
      return false;
    }
    if (ip) {
      auto [it, fresh] = seen_ip_.try_emplace(ipv4_str(*ip), r.line);
      if (!fresh) {
        unplaced(r, "duplicate IP address (first on line " + std::to_string(it->second) + ")", ipv4_str(*ip));
        return false;
      }
    }
    return true;
  }

  // The VLAN id of a cell ("20", "VLAN 20", "vlan-20" -> 20); 0, with a warning, when it is
  // anything else ("11.0", "-110", "1,10": gathering the digits would read 110, another VLAN).
  int read_vlan(const CsvRow& r, const std::string& cell) {
    if (cell.empty()) return 0;
    const int vlan = parse_vlan_id(cell).value_or(0);
    if (vlan >= 1 && vlan <= 4094) return vlan;
    note(r, "warning", "invalid VLAN id ignored", cell);
    return 0;
  }

  // Zone: an explicit zone column, else the most specific subnet, else the VLAN, else the
  // default zone; nullopt (row unplaced) when none applies.
  std::optional<Placement> find_zone(const Row& row, const std::optional<std::uint32_t>& ip) {
    const CsvRow& r = *row.row;
    Placement p;
    std::string zone_cell = row.get("zone"), vlan_cell = row.get("vlan"), subnet_cell = row.get("subnet");
    if (!zone_cell.empty()) {
      if (index_.zone_ids.count(zone_cell)) {
        p.zone = zone_cell;
        p.by = "zone column";
      } else {
        note(r, "warning", "zone column names no zone of the site", zone_cell);
      }
    }
    if (p.zone.empty() && ip && !(p.zone = zones_.zone_of_ip(*ip)).empty())
      p.by = "subnet of " + ipv4_str(*ip);
    if (p.zone.empty() && !subnet_cell.empty()) {
      if (auto net = parse_ipv4_net(subnet_cell); net && !(p.zone = zones_.zone_of_net(*net)).empty())
        p.by = "subnet " + net->str();
    }
    p.vlan = read_vlan(r, vlan_cell);
    if (p.vlan) {
      std::string vz = zones_.zone_of_vlan(p.vlan);
      if (p.zone.empty() && !vz.empty()) {
        p.zone = vz;
        p.by = "VLAN " + std::to_string(p.vlan);
      } else if (!vz.empty() && vz != p.zone) {
        note(r, "warning",
             "VLAN " + std::to_string(p.vlan) + " maps to zone '" + vz + "' but the " + p.by + " to '" +
                 p.zone + "'; kept '" + p.zone + "'",
             vlan_cell);
      }
    }
    if (p.zone.empty() && !options_.default_zone.empty()) {
      p.zone = options_.default_zone;
      p.by = "default zone";
    }
    if (!p.zone.empty()) return p;
    std::string what = ip ? "IP " + ipv4_str(*ip) : "no IP";
    if (p.vlan) what += ", VLAN " + std::to_string(p.vlan);
    if (!subnet_cell.empty()) what += ", subnet " + subnet_cell;
    unplaced(r, "no zone for " + what + " (add it to a zone's x-subnets/x-vlans or the --zone-map)",
             ip ? ipv4_str(*ip) : row.get("hostname"));
    return std::nullopt;
  }

  // Services from the ports column; the type from the type column, else inferred from them.
  Device identify(const Row& row) {
    const CsvRow& r = *row.row;
    Device d;
    std::vector<std::string> unknown;
    auto services = parse_services(row.get("ports"), unknown);
    for (const auto& u : unknown) note(r, "warning", "port/protocol not understood, ignored", u);
    d.type = normalize_asset_type(row.get("type"));
    if (!d.type.empty()) {
      d.type_reason = "type column";
    } else {
      d.type = infer_asset_type(services, row.get("vendor"), row.get("model"), d.type_reason);
      d.type_reason = "inferred: " + d.type_reason;
      if (!row.get("type").empty() && squash(row.get("type")) != "unknown")
        note(r, "warning", "asset type not recognised; inferred '" + d.type + "'", row.get("type"));
    }
    for (const auto& s : services) {
      json svc = {{"protocol", s.protocol}, {"port", s.port}};
      // Written only where it differs from what the site loader assumes (the catalog's, else tcp).
      const models::Protocol* known = models::find_protocol(s.protocol);
      std::string assumed = known && known->transport == models::Transport::Udp ? "udp" : "tcp";
      if (!s.transport.empty() && s.transport != assumed) svc["transport"] = s.transport;
      d.services.push_back(std::move(svc));
    }
    return d;
  }

  std::string source_of(const CsvRow& r) const { return table_.file + ":" + std::to_string(r.line); }

  // An asset already in the site keeps its id, zone and type; the inventory adds what it knows.
  void update_asset(const Row& row, const std::optional<std::uint32_t>& ip, const Placement& where,
                    const Device& device, json& a) {
    const CsvRow& r = *row.row;
    for (auto [field, key] : {std::pair<const char*, const char*>{"vendor", "vendor"},
                              {"model", "product"},
                              {"firmware", "version"},
                              {"hostname", "name"}})
      if (!row.get(field).empty()) a[key] = row.get(field);
    if (a.value("zone", "") != where.zone)
      note(r, "warning",
           "asset '" + a.value("id", "") + "' stays in zone '" + a.value("zone", "") +
               "'; the inventory places it in '" + where.zone + "'",
           where.zone);
    if (!a.contains("services") || !a["services"].is_array()) a["services"] = json::array();
    for (const auto& s : device.services) {
      bool present = std::any_of(a["services"].begin(), a["services"].end(), [&](const json& x) {
        return x.is_object() && x.value("protocol", "") == s["protocol"] &&
               x.value("transport", "") == s.value("transport", "");
      });
      if (!present) a["services"].push_back(s);
    }
    if (ip) a["x-ip"] = ipv4_str(*ip);
    a["x-source"] = source_of(r);
    ++res_.updated;
    res_.placed.push_back({{"line", r.line},
                           {"asset", a.value("id", "")},
                           {"zone", a.value("zone", "")},
                           {"by", "existing asset"},
                           {"type", a.value("type", "")},
                           {"type_reason", "existing"},
                           {"action", "updated"}});
  }

  void add_asset(const Row& row, const std::optional<std::uint32_t>& ip, const Placement& where,
                 const Device& device, const std::string& base) {
    const CsvRow& r = *row.row;
    std::string id = base;
    for (int n = 2; index_.ids.count(id); ++n) id = base + "-" + std::to_string(n);
    index_.ids.insert(id);
    json a = {{"id", id}, {"zone", where.zone}, {"type", device.type}};
    if (!row.get("hostname").empty()) a["name"] = row.get("hostname");
    if (!row.get("vendor").empty()) a["vendor"] = row.get("vendor");
    if (!row.get("model").empty()) a["product"] = row.get("model");
    if (!row.get("firmware").empty()) a["version"] = row.get("firmware");
    a["services"] = device.services;
    if (ip) a["x-ip"] = ipv4_str(*ip);
    if (where.vlan) a["x-vlan"] = where.vlan;
    a["x-source"] = source_of(r);
    if (ip) index_.by_ip[ipv4_str(*ip)] = assets_.size();
    index_.by_id[id] = assets_.size();
    assets_.push_back(std::move(a));
    ++res_.added;
    res_.placed.push_back({{"line", r.line},
                           {"asset", id},
                           {"zone", where.zone},
                           {"by", where.by},
                           {"type", device.type},
                           {"type_reason", device.type_reason},
                           {"action", "added"}});
  }

  const CsvTable& table_;
  json& assets_;
  const ZoneMap& zones_;
  const InventoryOptions& options_;
  InventoryResult& res_;
  SiteIndex index_;
  std::map<std::string, int> col_;
  std::unordered_map<std::string, int> seen_ip_; // ip -> line, within this file
};

} // namespace

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
  if (!site.contains("assets") || !site["assets"].is_array()) site["assets"] = json::array();
  InventoryImporter importer(table, site, zones, options, res);
  if (options.progress) options.progress->set_total(table.rows.size());
  for (const auto& r : table.rows) {
    importer.import_row(r);
    progress_advance(options.progress);
  }
  return res;
}

} // namespace zonepath::interchange
