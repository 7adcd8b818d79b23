// Judging observed flows by the model: zones from the inventory (x-ip) or the zone map, the
// destination service from the model (or made up from Zeek's protocol detection and the port),
// and the rules evaluated as the access map evaluates them.
#include <algorithm>
#include <map>
#include <set>

#include "drift_internal.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::scenarios::drift {

using models::Index;
using models::kNone;

const char* to_string(Reason r) {
  switch (r) {
  case Reason::Rule:
    return "rule";
  case Reason::DefaultDeny:
    return "default deny";
  case Reason::FlatZone:
    return "flat zone";
  case Reason::DiodeDirection:
    return "data diode direction";
  case Reason::NoConduit:
    return "no conduit";
  case Reason::NotInForce:
    return "temporary conduit not in force";
  }
  return "";
}

std::string catalog_protocol_of_zeek(const std::string& service) {
  // Analyzer names of Zeek's base scripts and of the CISA ICSNPP parsers (which Malcolm ships)
  // for the catalog's protocols.
  static const std::map<std::string, std::string> m = {{"modbus", "modbus-tcp"},
                                                       {"dnp3", "dnp3"},
                                                       {"dnp3_tcp", "dnp3"},
                                                       {"dnp3_udp", "dnp3"},
                                                       {"s7comm", "s7comm"},
                                                       {"s7comm_plus", "s7commplus"},
                                                       {"cotp", "s7comm"},
                                                       {"enip", "enip"},
                                                       {"cip", "enip"},
                                                       {"cip_io", "enip"},
                                                       {"bacnet", "bacnet"},
                                                       {"iec104", "iec104"},
                                                       {"opcua_binary", "opc-ua"},
                                                       {"opcua-binary", "opc-ua"},
                                                       {"profinet", "profinet"},
                                                       {"profinet_io_cm", "profinet"},
                                                       {"mqtt", "mqtt"},
                                                       {"hart_ip", "hart-ip"},
                                                       {"omron_fins", "fins"},
                                                       {"ssh", "ssh"},
                                                       {"rdp", "rdp"},
                                                       {"vnc", "vnc"},
                                                       {"smb", "smb"},
                                                       {"ftp", "ftp"},
                                                       {"tftp", "tftp"},
                                                       {"http", "http"},
                                                       {"ssl", "https"},
                                                       {"snmp", "snmp"},
                                                       {"dns", "dns"},
                                                       {"ntp", "ntp"},
                                                       {"ldap", "ldap"},
                                                       {"krb", "kerberos"},
                                                       {"krb_tcp", "kerberos"},
                                                       {"telnet", "telnet"},
                                                       {"mysql", "sql"},
                                                       {"postgresql", "sql"},
                                                       {"tds", "sql"}};
  auto it = m.find(interchange::lower(service));
  return it == m.end() ? "" : it->second;
}

bool is_group_address(std::uint32_t ip, const interchange::ZoneMap& zones) {
  if ((ip >> 28) == 0xE || ip == 0xFFFFFFFFu) return true;
  for (const auto& e : zones.entries())
    if (e.subnet && e.subnet->prefix > 0 && e.subnet->prefix < 31 &&
        ip == (e.subnet->address | (~std::uint32_t{0} >> e.subnet->prefix)))
      return true;
  return false;
}

namespace {

struct Model {
  const models::Site& site;
  std::map<std::pair<Index, Index>, std::vector<Index>> conduits; // unordered zone pair -> conduits

  explicit Model(const models::Site& s) : site(s) {
    for (Index c = 0; c < site.conduits.size(); ++c) {
      auto [a, b] = site.conduits[c].zones;
      conduits[{std::min(a, b), std::max(a, b)}].push_back(c);
    }
  }

  // The service a connection reaches: the model's on that port and transport, else one named
  // after what Zeek recognised or the catalog protocol of the port, so that rules naming a
  // protocol judge an unmodelled service as a firewall matching its port would.
  int service(Judged& j, const std::vector<std::string>& zeek) const {
    auto transport = j.key.udp ? models::Transport::Udp : models::Transport::Tcp;
    if (j.dst_asset != kNone) {
      const auto& list = site.assets[j.dst_asset].services;
      for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].port == j.key.port && list[i].transport == transport) {
          j.service = list[i];
          return static_cast<int>(i);
        }
    }
    j.service.port = j.key.port;
    j.service.transport = transport;
    for (const auto& z : zeek)
      if (std::string p = catalog_protocol_of_zeek(z); !p.empty()) {
        j.service.protocol = p;
        return -1;
      }
    for (const models::Protocol* p : models::protocols_on_port(j.key.port))
      if (p->transport == models::Transport::TcpUdp ||
          (p->transport == models::Transport::Udp) == j.key.udp) {
        j.service.protocol = std::string(p->name);
        return -1;
      }
    j.service.protocol = (j.key.udp ? "udp-" : "tcp-") + std::to_string(j.key.port);
    return -1;
  }

  void judge(Judged& j) const {
    const Index s = j.src_zone, d = j.dst_zone;
    if (s == d) {
      const models::Zone& z = site.zones[s];
      if (!z.isolated) {
        j.allowed = true;
        j.decisions.push_back({true, kNone, -1, Reason::FlatZone});
        return;
      }
      auto r = models::evaluate_rules(z.intra_rules, s, j.src_asset, s, j.dst_asset, j.service, site.as_of);
      j.allowed = r.allowed;
      j.decisions.push_back({r.allowed, kNone, r.rule, r.rule >= 0 ? Reason::Rule : Reason::DefaultDeny});
      return;
    }
    auto it = conduits.find({std::min(s, d), std::max(s, d)});
    if (it == conduits.end()) {
      j.decisions.push_back({false, kNone, -1, Reason::NoConduit});
      return;
    }
    std::vector<Decision> denied;
    for (Index c : it->second) {
      const models::Conduit& conduit = site.conduits[c];
      Decision dec{false, c, -1, Reason::DefaultDeny};
      if (!models::in_force(conduit.temporary, site.as_of)) {
        dec.reason = Reason::NotInForce; // its window has not started on the assessment day
      } else if (conduit.direction && (*conduit.direction)[0] != s) {
        dec.reason = Reason::DiodeDirection;
      } else if (conduit.direction && conduit.rules.empty()) {
        dec = {true, c, -1, Reason::DiodeDirection};
      } else {
        auto r = models::evaluate_rules(conduit.rules, s, j.src_asset, d, j.dst_asset, j.service, site.as_of);
        dec = {r.allowed, c, r.rule, r.rule >= 0 ? Reason::Rule : Reason::DefaultDeny};
      }
      if (dec.allowed) {
        j.allowed = true;
        j.decisions = {dec};
        return;
      }
      denied.push_back(dec);
    }
    j.decisions = std::move(denied);
  }
};

// The inventory's addresses: x-ip of each asset. A second asset with the same address is
// noted and the first one kept.
void index_addresses(const models::Site& site, const nlohmann::json& site_json, Classified& out) {
  const auto& assets = site_json.contains("assets") ? site_json["assets"] : nlohmann::json::array();
  for (std::size_t i = 0; i < assets.size(); ++i) {
    const auto& a = assets[i];
    if (!a.is_object() || !a.contains("x-ip") || !a["x-ip"].is_string()) continue;
    const std::string text = a["x-ip"].get<std::string>();
    Index asset = site.asset_index(a.value("id", ""));
    auto ip = interchange::parse_ipv4(text);
    if (!ip || asset == kNone) {
      out.notes.push_back(
          {site.file, 0, "warning",
           "/assets/" + std::to_string(i) + "/x-ip is not an IPv4 address; the asset is not matched", text});
      continue;
    }
    auto [it, fresh] = out.asset_of_ip.emplace(*ip, asset);
    if (!fresh)
      out.notes.push_back({site.file, 0, "warning",
                           "assets " + site.assets[it->second].id + " and " + site.assets[asset].id +
                               " share x-ip; connections of the address count for " +
                               site.assets[it->second].id,
                           text});
  }
}

} // namespace

Classified classify(const models::Site& site, const nlohmann::json& site_json,
                    const interchange::ZoneMap& zones, const Observation& o) {
  Classified out;
  index_addresses(site, site_json, out);
  out.all.reserve(o.flows.size());
  for (const auto& [key, stats] : o.flows) out.all.emplace_back(key, &stats);
  std::sort(out.all.begin(), out.all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Model model(site);
  auto zone_of = [&](std::uint32_t ip, Index asset) {
    if (asset != kNone) return site.assets[asset].zone; // the model's placement wins over the map
    std::string z = zones.zone_of_ip(ip);
    return z.empty() ? kNone : site.zone_index(z);
  };
  for (const auto& [k, stats] : out.all) {
    if (is_group_address(k.dst, zones)) {
      out.multicast += stats->connections;
      continue;
    }
    Judged j;
    j.key = k;
    j.stats = stats;
    if (auto it = out.asset_of_ip.find(k.src); it != out.asset_of_ip.end()) j.src_asset = it->second;
    if (auto it = out.asset_of_ip.find(k.dst); it != out.asset_of_ip.end()) j.dst_asset = it->second;
    j.src_zone = zone_of(k.src, j.src_asset);
    j.dst_zone = zone_of(k.dst, j.dst_asset);
    if (j.src_zone == kNone || j.dst_zone == kNone) {
      out.outside.emplace_back(k, stats);
      continue;
    }
    j.model_service = model.service(j, services_of(o, *stats));
    model.judge(j);
    out.flows.push_back(std::move(j));
  }
  return out;
}

} // namespace zonepath::scenarios::drift
