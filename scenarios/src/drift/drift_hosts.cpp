// Hosts seen that the inventory does not have (with the zone their address falls in), and
// industrial protocols that Zeek recognised on ports neither the catalog nor the model expects.
#include <algorithm>
#include <map>
#include <set>

#include "drift_internal.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::scenarios::drift {

using models::Index;
using models::kNone;
using nlohmann::json;

namespace {

struct HostSeen {
  std::uint64_t out = 0, in = 0, answered_in = 0, flows_out = 0, flows_in = 0;
  double first = std::numeric_limits<double>::infinity(), last = -std::numeric_limits<double>::infinity();
  std::set<std::pair<std::uint16_t, bool>> ports; // answered (port, udp), at most kMaxPorts
};
constexpr std::size_t kMaxPorts = 32;

// The most specific subnet of the map that holds ip, or nullptr.
const interchange::ZoneMap::Entry* subnet_of(const interchange::ZoneMap& zones, std::uint32_t ip) {
  const interchange::ZoneMap::Entry* best = nullptr;
  for (const auto& e : zones.entries())
    if (e.subnet && e.subnet->contains(ip) && (!best || e.subnet->prefix > best->subnet->prefix)) best = &e;
  return best;
}

std::string port_text(std::uint16_t port, bool udp) {
  return std::to_string(port) + (udp ? "/udp" : "/tcp");
}

json asset_or_null(const models::Site& site, const Classified& c, std::uint32_t ip) {
  auto it = c.asset_of_ip.find(ip);
  return it == c.asset_of_ip.end() ? json(nullptr) : json(site.assets[it->second].id);
}

void unknown_hosts(const models::Site& site, const interchange::ZoneMap& zones, const Classified& c,
                   const DriftOptions& options, HostsAndPorts& out) {
  std::map<std::uint32_t, HostSeen> hosts; // ordered by address
  auto touch = [](HostSeen& h, const FlowStats& s) {
    h.first = std::min(h.first, s.first);
    h.last = std::max(h.last, s.last);
  };
  for (const auto& [k, s] : c.all) {
    if (!c.asset_of_ip.count(k.src)) {
      HostSeen& h = hosts[k.src];
      h.out += s->connections;
      ++h.flows_out;
      touch(h, *s);
    }
    if (!c.asset_of_ip.count(k.dst) && !is_group_address(k.dst, zones)) {
      HostSeen& h = hosts[k.dst];
      h.in += s->connections;
      h.answered_in += s->answered;
      ++h.flows_in;
      if (s->answered > 0 && h.ports.size() < kMaxPorts) h.ports.emplace(k.port, k.udp);
      touch(h, *s);
    }
  }
  for (const auto& [ip, h] : hosts) {
    const auto* entry = subnet_of(zones, ip);
    const Index zone = entry ? site.zone_index(entry->zone) : kNone;
    const auto* kind = zone == kNone ? nullptr : models::find_zone_kind(site.zones[zone].kind);
    const bool external = kind && kind->external;
    (external ? out.external_unknown : out.internal_unknown) += 1;
    if (out.unknown_hosts.size() >= options.max_listed) {
      ++out.unknown_omitted;
      continue;
    }
    json ports = json::array();
    for (const auto& [p, udp] : h.ports) ports.push_back(port_text(p, udp));
    out.unknown_hosts.push_back({{"ip", interchange::ipv4_str(ip)},
                                 {"zone", zone == kNone ? json(nullptr) : json(site.zones[zone].id)},
                                 {"subnet", entry ? json(entry->subnet->str()) : json(nullptr)},
                                 {"external", external},
                                 {"connections_out", h.out},
                                 {"connections_in", h.in},
                                 {"answered_in", h.answered_in},
                                 {"flows_out", h.flows_out},
                                 {"flows_in", h.flows_in},
                                 {"ports", std::move(ports)},
                                 {"first", iso_time(h.first)},
                                 {"last", iso_time(h.last)}});
  }
}

void unexpected_ports(const models::Site& site, const Observation& o, const Classified& c,
                      const DriftOptions& options, HostsAndPorts& out) {
  for (const auto& [k, s] : c.all) {
    if (!s->services) continue;
    const auto dst = c.asset_of_ip.find(k.dst);
    for (const std::string& name : services_of(o, *s)) {
      const std::string protocol = catalog_protocol_of_zeek(name);
      const models::Protocol* p = protocol.empty() ? nullptr : models::find_protocol(protocol);
      if (!p || !p->industrial) continue;
      std::set<int> expected(p->ports.begin(), p->ports.end());
      if (dst != c.asset_of_ip.end())
        for (const auto& svc : site.assets[dst->second].services)
          if (svc.protocol == protocol) expected.insert(svc.port);
      if (expected.count(k.port)) continue;
      if (out.unexpected_ports.size() >= options.max_listed) {
        ++out.ports_omitted;
        continue;
      }
      out.unexpected_ports.push_back({{"src", interchange::ipv4_str(k.src)},
                                      {"src_asset", asset_or_null(site, c, k.src)},
                                      {"dst", interchange::ipv4_str(k.dst)},
                                      {"dst_asset", asset_or_null(site, c, k.dst)},
                                      {"transport", k.udp ? "udp" : "tcp"},
                                      {"port", k.port},
                                      {"zeek_service", name},
                                      {"protocol", protocol},
                                      {"expected_ports", expected},
                                      {"connections", s->connections},
                                      {"first", iso_time(s->first)},
                                      {"last", iso_time(s->last)}});
    }
  }
}

} // namespace

HostsAndPorts hosts_and_ports(const models::Site& site, const interchange::ZoneMap& zones,
                              const Observation& o, const Classified& c, const DriftOptions& options) {
  HostsAndPorts out;
  unknown_hosts(site, zones, c, options, out);
  unexpected_ports(site, o, c, options, out);
  return out;
}

} // namespace zonepath::scenarios::drift
