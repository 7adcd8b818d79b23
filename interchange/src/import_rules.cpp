// Placing firewall rules (CSV rule table or iptables-save) on the site's conduits.
#include "zonepath/interchange/import_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using namespace models;

using nlohmann::json;

namespace {

// A member of a JSON object, or an empty array: read in place. json::value() would copy the
// whole array, once per rule and side where it is called in the placement loop.
const json& member(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it == object.end() ? empty : *it;
}

struct Side {
  // zone -> asset ids the rule names there (empty: the whole zone)
  std::map<std::string, std::vector<std::string>> zones;
  std::string why;                   // when empty
  std::vector<std::string> narrowed; // "10.10.20.0/24 in zone ops -> scada-srv", for a warning
};

std::vector<Ipv4Net> nets_of(const std::optional<Ipv4Net>& net, const std::vector<Ipv4Net>& more) {
  std::vector<Ipv4Net> out = more;
  if (net) out.insert(out.begin(), *net);
  return out;
}

bool same_nets(const FirewallRule& a, const FirewallRule& b, bool src) {
  auto x = src ? nets_of(a.src_net, a.src_nets) : nets_of(a.dst_net, a.dst_nets);
  auto y = src ? nets_of(b.src_net, b.src_nets) : nets_of(b.dst_net, b.dst_nets);
  return x.size() == y.size() &&
         std::equal(x.begin(), x.end(), y.begin(), [](const Ipv4Net& p, const Ipv4Net& q) {
           return p.address == q.address && p.prefix == q.prefix;
         });
}

// Two rules that differ at most in their addresses on one side.
bool same_but_addresses(const FirewallRule& a, const FirewallRule& b) {
  return !a.policy && !b.policy && a.allow == b.allow && a.file == b.file && !a.description.empty() &&
         a.description == b.description && a.src_zone == b.src_zone && a.dst_zone == b.dst_zone &&
         a.src_interface == b.src_interface && a.dst_interface == b.dst_interface &&
         a.protocols == b.protocols && a.transport == b.transport && a.ports == b.ports &&
         a.port_ranges == b.port_ranges && a.conduit == b.conduit;
}

// Adjacent rules with the same comment, the same action and the same everything but the
// addresses of one side are one rule written several times (iptables expands `-s a,b` into one
// line per address, and a zone with two subnets needs two lines). With first-match evaluation,
// adjacent rules of one action equal their union, so merging them is exact, and it lets a zone
// that several subnets make up be recognised as the whole zone again.
std::vector<FirewallRule> coalesce(const std::vector<FirewallRule>& rules) {
  std::vector<FirewallRule> out;
  for (bool src_side : {false, true}) {
    const std::vector<FirewallRule>& in = src_side ? out : rules;
    std::vector<FirewallRule> merged;
    for (const auto& r : in) {
      FirewallRule* last = merged.empty() ? nullptr : &merged.back();
      bool other_side_equal = last && same_nets(*last, r, !src_side);
      bool has_address = src_side ? (r.src_net || !r.src_nets.empty()) : (r.dst_net || !r.dst_nets.empty());
      bool last_has = last && (src_side ? (last->src_net || !last->src_nets.empty())
                                        : (last->dst_net || !last->dst_nets.empty()));
      if (last && has_address && last_has && other_side_equal && same_but_addresses(*last, r)) {
        auto& to = src_side ? last->src_nets : last->dst_nets;
        auto& from_net = src_side ? last->src_net : last->dst_net;
        if (from_net) {
          to.insert(to.begin(), *from_net);
          from_net.reset();
        }
        for (const auto& n : nets_of(src_side ? r.src_net : r.dst_net, src_side ? r.src_nets : r.dst_nets))
          to.push_back(n);
        continue;
      }
      merged.push_back(r);
    }
    out = std::move(merged);
  }
  return out;
}

} // namespace

void add_port_range(FirewallRule& rule, int lo, int hi) {
  if (hi - lo <= 255) {
    for (int p = lo; p <= hi; ++p) rule.ports.push_back(p);
  } else {
    rule.port_ranges.emplace_back(lo, hi);
  }
}

RuleImportResult import_rules(const std::vector<FirewallRule>& rules_in, json& site, const ZoneMap& zmap,
                              const RuleImportOptions& options) {
  RuleImportResult res;
  const std::vector<FirewallRule> rules = coalesce(rules_in);
  if (!site.contains("conduits") || !site["conduits"].is_array()) site["conduits"] = json::array();
  json& conduits = site["conduits"];
  std::set<std::string> zone_ids;
  for (const auto& z : member(site, "zones"))
    if (z.is_object() && z.contains("id") && z["id"].is_string()) zone_ids.insert(z["id"].get<std::string>());
  std::set<std::string> known_protocols;
  std::set<int> service_ports; // what a wide port range can match in this model
  for (const auto& a : member(site, "assets"))
    for (const auto& s : member(a, "services"))
      if (s.is_object()) {
        known_protocols.insert(s.value("protocol", ""));
        if (s.contains("port") && s["port"].is_number_integer())
          service_ports.insert(s["port"].get<int>());
        else if (const Protocol* p = find_protocol(s.value("protocol", "")); p && !p->ports.empty())
          service_ports.insert(p->ports.front());
      }

  auto conduit_zones = [](const json& c) -> std::pair<std::string, std::string> {
    const json& z = member(c, "zones");
    if (!z.is_array() || z.size() != 2 || !z[0].is_string() || !z[1].is_string()) return {};
    return {z[0].get<std::string>(), z[1].get<std::string>()};
  };
  auto find_conduit = [&](const std::string& id) -> json* {
    for (auto& c : conduits)
      if (c.is_object() && c.value("id", "") == id) return &c;
    return nullptr;
  };
  // Zones behind this firewall: the conduit's two, else those the zone map knows, else all.
  std::vector<std::string> scope;
  if (!options.conduit.empty()) {
    json* c = find_conduit(options.conduit);
    if (!c) {
      res.notes.push_back(
          {"", 0, "error", "no conduit '" + options.conduit + "' in the site", options.conduit});
      return res;
    }
    auto [a, b] = conduit_zones(*c);
    scope = {a, b};
  } else if (!options.scope.empty()) {
    scope = options.scope;
  } else {
    for (const auto& e : zmap.entries())
      if (std::find(scope.begin(), scope.end(), e.zone) == scope.end()) scope.push_back(e.zone);
    if (scope.empty()) scope.assign(zone_ids.begin(), zone_ids.end());
  }

  auto resolve = [&](const std::string& zone, const std::vector<Ipv4Net>& nets, const std::string& iface) {
    Side s;
    auto in_nets = [&](auto&& test) { return std::any_of(nets.begin(), nets.end(), test); };
    auto hosts_in = [&](const std::string& z) {
      std::vector<std::string> hosts;
      for (const auto& a : member(site, "assets"))
        if (a.is_object() && a.value("zone", "") == z && a.contains("x-ip"))
          if (auto ip = parse_ipv4(a.value("x-ip", ""));
              ip && in_nets([&](const Ipv4Net& n) { return n.contains(*ip); }))
            hosts.push_back(a.value("id", ""));
      return hosts;
    };
    auto covers_zone = [&](const std::string& z) {
      bool any = false;
      for (const auto& e : zmap.entries())
        if (e.zone == z && e.subnet) {
          any = true;
          if (!in_nets([&](const Ipv4Net& n) { return n.contains(*e.subnet); })) return false;
        }
      return any;
    };
    if (!iface.empty()) {
      std::string z = zmap.zone_of_interface(iface);
      if (z.empty()) {
        s.why = "interface '" + iface + "' is in no zone (x-interfaces or zone map)";
      } else if (nets.empty() || covers_zone(z)) {
        s.zones[z];
      } else if (auto hosts = hosts_in(z); !hosts.empty()) {
        s.zones[z] = hosts; // the interface names the zone, the addresses its hosts
      } else {
        s.why = "address " + nets.front().str() + " holds no modelled asset of zone '" + z + "' (interface " +
                iface + ")";
      }
      return s;
    }
    if (nets.empty()) {
      if (zone.empty() || zone == "*") {
        for (const auto& z : scope) s.zones[z];
      } else if (zone_ids.count(zone)) {
        s.zones[zone];
      } else {
        s.why = "unknown zone '" + zone + "'";
      }
      return s;
    }
    std::vector<std::string> overlapping;
    for (const auto& net : nets)
      for (const auto& z : zmap.zones_overlapping(net))
        if (std::find(overlapping.begin(), overlapping.end(), z) == overlapping.end())
          overlapping.push_back(z);
    for (const auto& z : overlapping) {
      if (std::find(scope.begin(), scope.end(), z) == scope.end()) continue;
      if (covers_zone(z)) {
        s.zones[z];
        continue;
      }
      // Subnets that are only part of the zone: with keep_subnets the zone-level side (their
      // unmodelled hosts stand in the zone too), else the assets whose address lies in them.
      std::vector<Ipv4Net> partial;
      for (const auto& n : nets)
        if (n.prefix < 32 && std::any_of(zmap.entries().begin(), zmap.entries().end(), [&](const auto& e) {
              return e.zone == z && e.subnet && e.subnet->overlaps(n);
            }))
          partial.push_back(n);
      if (options.keep_subnets && !partial.empty()) {
        s.zones[z];
        continue;
      }
      std::vector<std::string> hosts = hosts_in(z);
      if (hosts.empty()) continue;
      if (!partial.empty()) {
        std::string list;
        for (const auto& h : hosts) list += (list.empty() ? "" : ", ") + h;
        std::string what = partial.front().str();
        if (partial.size() > 1) what += " and " + std::to_string(partial.size() - 1) + " more";
        s.narrowed.push_back(what + " (part of zone " + z + ") narrowed to " + list);
      }
      s.zones[z] = hosts;
    }
    if (s.zones.empty()) {
      std::string what = nets.front().str();
      if (nets.size() > 1) what += " and " + std::to_string(nets.size() - 1) + " more";
      s.why = "address " + what + " holds no zone or modelled asset in scope";
    }
    return s;
  };

  std::set<std::string> touched;
  std::vector<std::string> touched_order;
  auto touch = [&](json& c) {
    std::string id = c.value("id", "");
    if (!touched.insert(id).second) return;
    touched_order.push_back(id);
    if (!c.contains("rules") || !c["rules"].is_array()) c["rules"] = json::array();
    if (!options.append && !c["rules"].empty()) {
      res.conduits_replaced.push_back({{"conduit", id}, {"rules_removed", c["rules"].size()}});
      c["rules"] = json::array();
    }
  };
  auto skipped = [&](const FirewallRule& r, const std::string& why, const std::string& value) {
    res.skipped.push_back({{"file", r.file}, {"line", r.line}, {"reason", why}, {"value", value}});
  };

  for (const auto& r : rules) {
    if (r.policy) continue;
    bool bad_protocol = false;
    for (const auto& p : r.protocols)
      if (!find_protocol(p) && !known_protocols.count(p)) {
        skipped(r, "unknown protocol (not in the catalog, no service uses it)", p);
        bad_protocol = true;
      }
    if (bad_protocol) continue;
    std::vector<int> ports = r.ports;
    if (!r.port_ranges.empty()) {
      std::string ranges;
      for (auto [lo, hi] : r.port_ranges) {
        ranges += (ranges.empty() ? "" : ", ") + std::to_string(lo) + "-" + std::to_string(hi);
        for (auto it = service_ports.lower_bound(lo); it != service_ports.end() && *it <= hi; ++it)
          ports.push_back(*it);
      }
      std::sort(ports.begin(), ports.end());
      ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
      if (ports.empty()) {
        skipped(r, "port range " + ranges + " holds no port of a modelled service", ranges);
        continue;
      }
      res.notes.push_back({r.file, r.line, "info",
                           "port range " + ranges + " kept as the " + std::to_string(ports.size()) +
                               " service ports of the site inside it (services added later are not covered)",
                           ranges});
    }
    Side src = resolve(r.src_zone, nets_of(r.src_net, r.src_nets), r.src_interface);
    Side dst = resolve(r.dst_zone, nets_of(r.dst_net, r.dst_nets), r.dst_interface);
    if (src.zones.empty() || dst.zones.empty()) {
      skipped(r, src.zones.empty() ? src.why : dst.why, "");
      continue;
    }
    // A subnet side that became a few modelled hosts: the rest of the subnet is not modelled.
    for (const auto* side : {&src, &dst})
      for (const auto& n : side->narrowed)
        res.notes.push_back(
            {r.file, r.line, "warning",
             std::string(side == &src ? "source " : "destination ") + n +
                 "; other hosts of the subnet are not covered (--keep-subnets keeps the whole zone)",
             ""});
    std::size_t placed = 0;
    std::string unplaced_why;
    // "* -> *" on a named conduit (a default-deny line) stays one rule, as written.
    std::string named = !r.conduit.empty() ? r.conduit : options.conduit;
    bool any_any = r.src_zone == "*" && r.dst_zone == "*" && !r.src_net && !r.dst_net && r.src_nets.empty() &&
                   r.dst_nets.empty() && r.src_interface.empty() && r.dst_interface.empty() &&
                   !named.empty() && find_conduit(named);
    if (any_any) {
      src.zones = {{"*", {}}};
      dst.zones = {{"*", {}}};
    }
    for (const auto& [a, src_assets] : src.zones) {
      for (const auto& [b, dst_assets] : dst.zones) {
        if (a == b && !any_any) continue; // traffic within a zone does not cross the firewall
        json* c = nullptr;
        std::string want = named;
        if (!want.empty()) {
          c = find_conduit(want);
          if (c && !any_any) {
            auto [x, y] = conduit_zones(*c);
            if (!((x == a && y == b) || (x == b && y == a))) {
              unplaced_why = "conduit '" + want + "' does not join " + a + " and " + b;
              continue;
            }
          }
        } else {
          for (auto& cand : conduits) {
            auto [x, y] = conduit_zones(cand);
            if ((x == a && y == b) || (x == b && y == a)) {
              c = &cand;
              break;
            }
          }
        }
        if (!c) {
          if (!r.allow) {
            unplaced_why =
                "deny rule between " + a + " and " + b + ", which no conduit joins (denied anyway)";
            continue;
          }
          std::string id = want.empty() ? unique_id(site, make_id("fw-" + a + "-" + b)) : want;
          conduits.push_back({{"id", id},
                              {"zones", {a, b}},
                              {"kind", "firewall"},
                              {"rules", json::array()},
                              {"x-source", r.file + ":" + std::to_string(r.line)}});
          c = &conduits.back();
          touched.insert(id);
          touched_order.push_back(id);
          res.conduits_created.push_back({{"conduit", id}, {"zones", {a, b}}, {"line", r.line}});
        }
        touch(*c);
        json rule = {
            {"priority", r.priority}, {"action", r.allow ? "allow" : "deny"}, {"from", a}, {"to", b}};
        if (!r.protocols.empty())
          rule["protocols"] = r.protocols;
        else if (!r.transport.empty())
          rule["protocols"] = {r.transport}; // every service of that transport
        if (!ports.empty()) rule["ports"] = ports;
        if (!src_assets.empty()) rule["src_assets"] = src_assets;
        if (!dst_assets.empty()) rule["dst_assets"] = dst_assets;
        rule["description"] = r.description.empty() ? r.file + ":" + std::to_string(r.line) : r.description;
        rule["x-source"] = r.file + ":" + std::to_string(r.line);
        (*c)["rules"].push_back(rule);
        json report = rule;
        report["conduit"] = c->value("id", "");
        report["line"] = r.line;
        res.rules.push_back(report);
        ++placed;
      }
    }
    if (placed == 0)
      skipped(r, unplaced_why.empty() ? "source and destination are the same zone" : unplaced_why, "");
  }
  // The chain policy closes every conduit this firewall's rules landed on.
  for (const auto& r : rules) {
    if (!r.policy) continue;
    if (!options.conduit.empty() && !touched.count(options.conduit))
      if (json* c = find_conduit(options.conduit)) touch(*c);
    for (const auto& id : touched_order) {
      json* c = find_conduit(id);
      json rule = {{"priority", options.policy_priority},
                   {"action", r.allow ? "allow" : "deny"},
                   {"from", "*"},
                   {"to", "*"},
                   {"description", r.description},
                   {"x-source", r.file + ":" + std::to_string(r.line)}};
      (*c)["rules"].push_back(rule);
      json report = rule;
      report["conduit"] = id;
      report["line"] = r.line;
      res.rules.push_back(report);
    }
    if (r.allow)
      res.notes.push_back({r.file, r.line, "warning",
                           "policy ACCEPT: every flow not denied above is allowed on the conduits it touches",
                           ""});
  }
  return res;
}

} // namespace zonepath::interchange
