// Placing firewall rules (rule table, iptables, nftables, pfSense/OPNsense) on the site's conduits.
#include "zonepath/interchange/import_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "rules_coalesce.hpp"
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

} // namespace

void add_port_range(FirewallRule& rule, int lo, int hi) {
  if (hi - lo <= 255) {
    for (int p = lo; p <= hi; ++p) rule.ports.push_back(p);
  } else {
    rule.port_ranges.emplace_back(lo, hi);
  }
}

namespace {

// The conduits' two zones, or two empty strings.
std::pair<std::string, std::string> conduit_zones(const json& c) {
  const json& z = member(c, "zones");
  if (!z.is_array() || z.size() != 2 || !z[0].is_string() || !z[1].is_string()) return {};
  return {z[0].get<std::string>(), z[1].get<std::string>()};
}

bool joins(const json& conduit, const std::string& a, const std::string& b) {
  auto [x, y] = conduit_zones(conduit);
  return (x == a && y == b) || (x == b && y == a);
}

std::string nets_text(const std::vector<Ipv4Net>& nets) {
  std::string what = nets.front().str();
  if (nets.size() > 1) what += " and " + std::to_string(nets.size() - 1) + " more";
  return what;
}

// Places rules on the conduits of one site, in the phases import_rules runs: read what the site
// offers, fix the scope, place each rule (its ports, its two sides, the conduit for each zone
// pair), then close the conduits touched with the chain policies.
class RulePlacer {
public:
  RulePlacer(json& site, const ZoneMap& zmap, const RuleImportOptions& options, RuleImportResult& res)
      : site_(site), zmap_(zmap), options_(options), res_(res) {
    if (!site_.contains("conduits") || !site_["conduits"].is_array()) site_["conduits"] = json::array();
    read_site();
  }

  // The zones behind this firewall: the conduit's two, else those given, else those the zone
  // map knows, else all. False (with an error note) when --conduit names no conduit.
  bool fix_scope() {
    if (!options_.conduit.empty()) {
      json* c = find_conduit(options_.conduit);
      if (!c) {
        res_.notes.push_back(
            {"", 0, "error", "no conduit '" + options_.conduit + "' in the site", options_.conduit});
        return false;
      }
      auto [a, b] = conduit_zones(*c);
      scope_ = {a, b};
    } else if (!options_.scope.empty()) {
      scope_ = options_.scope;
    } else {
      for (const auto& e : zmap_.entries())
        if (std::find(scope_.begin(), scope_.end(), e.zone) == scope_.end()) scope_.push_back(e.zone);
      if (scope_.empty()) scope_.assign(zone_ids_.begin(), zone_ids_.end());
    }
    return true;
  }

  void place(const FirewallRule& r) {
    if (!protocols_known(r)) return;
    std::optional<std::vector<int>> ports = ports_of(r);
    if (!ports) return;
    Side src = resolve(r.src_zone, nets_of(r.src_net, r.src_nets), r.src_interface);
    Side dst = resolve(r.dst_zone, nets_of(r.dst_net, r.dst_nets), r.dst_interface);
    if (src.zones.empty() || dst.zones.empty()) {
      skipped(r, src.zones.empty() ? src.why : dst.why, "");
      return;
    }
    warn_narrowed(r, src, dst);
    // "* -> *" on a named conduit (a default-deny line) stays one rule, as written.
    const std::string named = !r.conduit.empty() ? r.conduit : options_.conduit;
    const bool any_any = r.src_zone == "*" && r.dst_zone == "*" && !r.src_net && !r.dst_net &&
                         r.src_nets.empty() && r.dst_nets.empty() && r.src_interface.empty() &&
                         r.dst_interface.empty() && !named.empty() && find_conduit(named);
    if (any_any) {
      src.zones = {{"*", {}}};
      dst.zones = {{"*", {}}};
    }
    std::size_t placed = 0;
    std::string unplaced_why;
    for (const auto& [a, src_assets] : src.zones)
      for (const auto& [b, dst_assets] : dst.zones) {
        if (a == b && !any_any) continue; // traffic within a zone does not cross the firewall
        json* c = conduit_for(r, named, a, b, any_any, unplaced_why);
        if (!c) continue;
        add_rule(*c, r, a, b, *ports, src_assets, dst_assets);
        ++placed;
      }
    if (placed == 0)
      skipped(r, unplaced_why.empty() ? "source and destination are the same zone" : unplaced_why, "");
  }

  // The chain policy closes every conduit this firewall's rules landed on.
  void close_with_policy(const FirewallRule& r) {
    if (!options_.conduit.empty() && !touched_.count(options_.conduit))
      if (json* c = find_conduit(options_.conduit)) touch(*c);
    for (const auto& id : touched_order_) {
      json* c = find_conduit(id);
      json rule = {{"priority", options_.policy_priority},
                   {"action", r.allow ? "allow" : "deny"},
                   {"from", "*"},
                   {"to", "*"},
                   {"description", r.description},
                   {"x-source", r.file + ":" + std::to_string(r.line)}};
      (*c)["rules"].push_back(rule);
      json report = rule;
      report["conduit"] = id;
      report["line"] = r.line;
      res_.rules.push_back(report);
    }
    if (r.allow)
      res_.notes.push_back(
          {r.file, r.line, "warning",
           "policy ACCEPT: every flow not denied above is allowed on the conduits it touches", ""});
  }

private:
  // Zone ids, the protocols some service uses, and the ports a wide port range can match.
  void read_site() {
    for (const auto& z : member(site_, "zones"))
      if (z.is_object() && z.contains("id") && z["id"].is_string())
        zone_ids_.insert(z["id"].get<std::string>());
    for (const auto& a : member(site_, "assets"))
      for (const auto& s : member(a, "services"))
        if (s.is_object()) {
          known_protocols_.insert(s.value("protocol", ""));
          if (s.contains("port") && s["port"].is_number_integer())
            service_ports_.insert(s["port"].get<int>());
          else if (const Protocol* p = find_protocol(s.value("protocol", "")); p && !p->ports.empty())
            service_ports_.insert(p->ports.front());
        }
  }

  json* find_conduit(const std::string& id) {
    for (auto& c : site_["conduits"])
      if (c.is_object() && c.value("id", "") == id) return &c;
    return nullptr;
  }

  void skipped(const FirewallRule& r, const std::string& why, const std::string& value) {
    res_.skipped.push_back({{"file", r.file}, {"line", r.line}, {"reason", why}, {"value", value}});
  }

  bool protocols_known(const FirewallRule& r) {
    bool known = true;
    for (const auto& p : r.protocols)
      if (!find_protocol(p) && !known_protocols_.count(p)) {
        skipped(r, "unknown protocol (not in the catalog, no service uses it)", p);
        known = false;
      }
    return known;
  }

  // The rule's ports, its port ranges narrowed to the service ports of the site inside them;
  // nullopt (skipped) when a range holds none.
  std::optional<std::vector<int>> ports_of(const FirewallRule& r) {
    std::vector<int> ports = r.ports;
    if (r.port_ranges.empty()) return ports;
    std::string ranges;
    for (auto [lo, hi] : r.port_ranges) {
      ranges += (ranges.empty() ? "" : ", ") + std::to_string(lo) + "-" + std::to_string(hi);
      for (auto it = service_ports_.lower_bound(lo); it != service_ports_.end() && *it <= hi; ++it)
        ports.push_back(*it);
    }
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    if (ports.empty()) {
      skipped(r, "port range " + ranges + " holds no port of a modelled service", ranges);
      return std::nullopt;
    }
    res_.notes.push_back({r.file, r.line, "info",
                          "port range " + ranges + " kept as the " + std::to_string(ports.size()) +
                              " service ports of the site inside it (services added later are not covered)",
                          ranges});
    return ports;
  }

  // The modelled assets of zone `z` whose x-ip lies in one of `nets`.
  std::vector<std::string> hosts_in(const std::string& z, const std::vector<Ipv4Net>& nets) const {
    std::vector<std::string> hosts;
    for (const auto& a : member(site_, "assets"))
      if (a.is_object() && a.value("zone", "") == z && a.contains("x-ip"))
        if (auto ip = parse_ipv4(a.value("x-ip", ""));
            ip && std::any_of(nets.begin(), nets.end(), [&](const Ipv4Net& n) { return n.contains(*ip); }))
          hosts.push_back(a.value("id", ""));
    return hosts;
  }

  // Every subnet the zone map gives zone `z` lies in one of `nets` (and it has one).
  bool covers_zone(const std::string& z, const std::vector<Ipv4Net>& nets) const {
    bool any = false;
    for (const auto& e : zmap_.entries())
      if (e.zone == z && e.subnet) {
        any = true;
        if (!std::any_of(nets.begin(), nets.end(), [&](const Ipv4Net& n) { return n.contains(*e.subnet); }))
          return false;
      }
    return any;
  }

  // One side of a rule: by interface, else by zone name, else by addresses.
  Side resolve(const std::string& zone, const std::vector<Ipv4Net>& nets, const std::string& iface) const {
    if (!iface.empty()) return by_interface(iface, nets);
    if (nets.empty()) return by_zone(zone);
    return by_addresses(nets);
  }

  Side by_interface(const std::string& iface, const std::vector<Ipv4Net>& nets) const {
    Side s;
    std::string z = zmap_.zone_of_interface(iface);
    if (z.empty()) {
      s.why = "interface '" + iface + "' is in no zone (x-interfaces or zone map)";
    } else if (nets.empty() || covers_zone(z, nets)) {
      s.zones[z];
    } else if (auto hosts = hosts_in(z, nets); !hosts.empty()) {
      s.zones[z] = hosts; // the interface names the zone, the addresses its hosts
    } else {
      s.why = "address " + nets.front().str() + " holds no modelled asset of zone '" + z + "' (interface " +
              iface + ")";
    }
    return s;
  }

  Side by_zone(const std::string& zone) const {
    Side s;
    if (zone.empty() || zone == "*") {
      for (const auto& z : scope_) s.zones[z];
    } else if (zone_ids_.count(zone)) {
      s.zones[zone];
    } else {
      s.why = "unknown zone '" + zone + "'";
    }
    return s;
  }

  Side by_addresses(const std::vector<Ipv4Net>& nets) const {
    Side s;
    std::vector<std::string> overlapping;
    for (const auto& net : nets)
      for (const auto& z : zmap_.zones_overlapping(net))
        if (std::find(overlapping.begin(), overlapping.end(), z) == overlapping.end())
          overlapping.push_back(z);
    for (const auto& z : overlapping) {
      if (std::find(scope_.begin(), scope_.end(), z) == scope_.end()) continue;
      if (covers_zone(z, nets)) {
        s.zones[z];
        continue;
      }
      // Subnets that are only part of the zone: with keep_subnets the zone-level side (their
      // unmodelled hosts stand in the zone too), else the assets whose address lies in them.
      std::vector<Ipv4Net> partial;
      for (const auto& n : nets)
        if (n.prefix < 32 && std::any_of(zmap_.entries().begin(), zmap_.entries().end(), [&](const auto& e) {
              return e.zone == z && e.subnet && e.subnet->overlaps(n);
            }))
          partial.push_back(n);
      if (options_.keep_subnets && !partial.empty()) {
        s.zones[z];
        continue;
      }
      std::vector<std::string> hosts = hosts_in(z, nets);
      if (hosts.empty()) continue;
      if (!partial.empty()) {
        std::string list;
        for (const auto& h : hosts) list += (list.empty() ? "" : ", ") + h;
        s.narrowed.push_back(nets_text(partial) + " (part of zone " + z + ") narrowed to " + list);
      }
      s.zones[z] = hosts;
    }
    if (s.zones.empty()) s.why = "address " + nets_text(nets) + " holds no zone or modelled asset in scope";
    return s;
  }

  // A subnet side that became a few modelled hosts: the rest of the subnet is not modelled.
  void warn_narrowed(const FirewallRule& r, const Side& src, const Side& dst) {
    for (const auto* side : {&src, &dst})
      for (const auto& n : side->narrowed)
        res_.notes.push_back(
            {r.file, r.line, "warning",
             std::string(side == &src ? "source " : "destination ") + n +
                 "; other hosts of the subnet are not covered (--keep-subnets keeps the whole zone)",
             ""});
  }

  // The conduit a rule between zones a and b goes on: the one named, else the one joining them,
  // else a new firewall conduit for an allow rule. Null (with the reason in `why`) otherwise.
  json* conduit_for(const FirewallRule& r, const std::string& named, const std::string& a,
                    const std::string& b, bool any_any, std::string& why) {
    json* c = nullptr;
    if (!named.empty()) {
      c = find_conduit(named);
      if (c && !any_any && !joins(*c, a, b)) {
        why = "conduit '" + named + "' does not join " + a + " and " + b;
        return nullptr;
      }
    } else {
      for (auto& candidate : site_["conduits"])
        if (joins(candidate, a, b)) {
          c = &candidate;
          break;
        }
    }
    if (c) return c;
    if (!r.allow) {
      why = "deny rule between " + a + " and " + b + ", which no conduit joins (denied anyway)";
      return nullptr;
    }
    std::string id = named.empty() ? unique_id(site_, make_id("fw-" + a + "-" + b)) : named;
    json& conduits = site_["conduits"];
    conduits.push_back({{"id", id},
                        {"zones", {a, b}},
                        {"kind", "firewall"},
                        {"rules", json::array()},
                        {"x-source", r.file + ":" + std::to_string(r.line)}});
    touched_.insert(id);
    touched_order_.push_back(id);
    res_.conduits_created.push_back({{"conduit", id}, {"zones", {a, b}}, {"line", r.line}});
    return &conduits.back();
  }

  // The first rule placed on a conduit replaces its rules (unless appending).
  void touch(json& c) {
    std::string id = c.value("id", "");
    if (!touched_.insert(id).second) return;
    touched_order_.push_back(id);
    if (!c.contains("rules") || !c["rules"].is_array()) c["rules"] = json::array();
    if (!options_.append && !c["rules"].empty()) {
      res_.conduits_replaced.push_back({{"conduit", id}, {"rules_removed", c["rules"].size()}});
      c["rules"] = json::array();
    }
  }

  void add_rule(json& c, const FirewallRule& r, const std::string& a, const std::string& b,
                const std::vector<int>& ports, const std::vector<std::string>& src_assets,
                const std::vector<std::string>& dst_assets) {
    touch(c);
    json rule = {{"priority", r.priority}, {"action", r.allow ? "allow" : "deny"}, {"from", a}, {"to", b}};
    if (!r.protocols.empty())
      rule["protocols"] = r.protocols;
    else if (!r.transport.empty())
      rule["protocols"] = {r.transport}; // every service of that transport
    if (!ports.empty()) rule["ports"] = ports;
    if (!src_assets.empty()) rule["src_assets"] = src_assets;
    if (!dst_assets.empty()) rule["dst_assets"] = dst_assets;
    rule["description"] = r.description.empty() ? r.file + ":" + std::to_string(r.line) : r.description;
    rule["x-source"] = r.file + ":" + std::to_string(r.line);
    c["rules"].push_back(rule);
    json report = rule;
    report["conduit"] = c.value("id", "");
    report["line"] = r.line;
    res_.rules.push_back(report);
  }

  json& site_;
  const ZoneMap& zmap_;
  const RuleImportOptions& options_;
  RuleImportResult& res_;
  std::set<std::string> zone_ids_, known_protocols_;
  std::set<int> service_ports_;
  std::vector<std::string> scope_;
  std::set<std::string> touched_; // conduits a rule of this import landed on
  std::vector<std::string> touched_order_;
};

} // namespace

RuleImportResult import_rules(const std::vector<FirewallRule>& rules_in, json& site, const ZoneMap& zmap,
                              const RuleImportOptions& options) {
  RuleImportResult res;
  const std::vector<FirewallRule> rules = coalesce(rules_in);
  RulePlacer placer(site, zmap, options, res);
  if (!placer.fix_scope()) return res;
  if (options.progress) options.progress->set_total(rules.size());
  for (const auto& r : rules)
    if (!r.policy) {
      placer.place(r);
      progress_advance(options.progress);
    }
  for (const auto& r : rules)
    if (r.policy) {
      placer.close_with_policy(r);
      progress_advance(options.progress);
    }
  return res;
}

} // namespace zonepath::interchange
