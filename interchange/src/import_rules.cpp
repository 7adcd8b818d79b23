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

struct Side {
  // zone -> asset ids the rule names there (empty: the whole zone)
  std::map<std::string, std::vector<std::string>> zones;
  std::string why; // when empty
  std::vector<std::string> narrowed; // "10.10.20.0/24 in zone ops -> scada-srv", for a warning
};

} // namespace

RuleImportResult import_rules(const std::vector<FirewallRule>& rules, json& site, const ZoneMap& zmap,
                              const RuleImportOptions& options) {
  RuleImportResult res;
  if (!site.contains("conduits") || !site["conduits"].is_array()) site["conduits"] = json::array();
  json& conduits = site["conduits"];
  std::set<std::string> zone_ids;
  for (const auto& z : site.value("zones", json::array()))
    if (z.is_object() && z.contains("id") && z["id"].is_string()) zone_ids.insert(z["id"].get<std::string>());
  std::set<std::string> known_protocols;
  for (const auto& a : site.value("assets", json::array()))
    for (const auto& s : a.is_object() ? a.value("services", json::array()) : json::array())
      if (s.is_object()) known_protocols.insert(s.value("protocol", ""));

  auto conduit_zones = [](const json& c) -> std::pair<std::string, std::string> {
    const json& z = c.value("zones", json::array());
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
      res.notes.push_back({"", 0, "error", "no conduit '" + options.conduit + "' in the site", options.conduit});
      return res;
    }
    auto [a, b] = conduit_zones(*c);
    scope = {a, b};
  } else {
    for (const auto& e : zmap.entries())
      if (std::find(scope.begin(), scope.end(), e.zone) == scope.end()) scope.push_back(e.zone);
    if (scope.empty()) scope.assign(zone_ids.begin(), zone_ids.end());
  }

  auto resolve = [&](const std::string& zone, const std::optional<Ipv4Net>& net, const std::string& iface) {
    Side s;
    if (!iface.empty()) {
      std::string z = zmap.zone_of_interface(iface);
      if (z.empty()) {
        s.why = "interface '" + iface + "' is in no zone (x-interfaces or zone map)";
        return s;
      }
      if (!net) {
        s.zones[z];
        return s;
      }
    }
    if (!net) {
      if (zone.empty() || zone == "*") {
        for (const auto& z : scope) s.zones[z];
      } else if (zone_ids.count(zone)) {
        s.zones[zone];
      } else {
        s.why = "unknown zone '" + zone + "'";
      }
      return s;
    }
    for (const auto& z : zmap.zones_overlapping(*net)) {
      if (std::find(scope.begin(), scope.end(), z) == scope.end()) continue;
      bool whole = true;
      for (const auto& e : zmap.entries())
        if (e.zone == z && e.subnet && !net->contains(*e.subnet)) whole = false;
      if (whole) {
        s.zones[z];
        continue;
      }
      if (options.keep_subnets && net->prefix < 32) {
        s.zones[z]; // the subnet's unmodelled hosts stand in the zone too: a zone-level side
        continue;
      }
      // Part of a zone: the rule applies to the assets whose address lies in it.
      std::vector<std::string> hosts;
      for (const auto& a : site.value("assets", json::array()))
        if (a.is_object() && a.value("zone", "") == z && a.contains("x-ip"))
          if (auto ip = parse_ipv4(a.value("x-ip", "")); ip && net->contains(*ip)) hosts.push_back(a.value("id", ""));
      if (hosts.empty()) continue;
      if (net->prefix < 32) {
        std::string list;
        for (const auto& h : hosts) list += (list.empty() ? "" : ", ") + h;
        s.narrowed.push_back(net->str() + " (part of zone " + z + ") narrowed to " + list);
      }
      s.zones[z] = hosts;
    }
    if (s.zones.empty()) s.why = "address " + net->str() + " holds no zone or modelled asset in scope";
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
    Side src = resolve(r.src_zone, r.src_net, r.src_interface);
    Side dst = resolve(r.dst_zone, r.dst_net, r.dst_interface);
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
    bool any_any = r.src_zone == "*" && r.dst_zone == "*" && !r.src_net && !r.dst_net && r.src_interface.empty() &&
                   r.dst_interface.empty() && !named.empty() && find_conduit(named);
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
            unplaced_why = "deny rule between " + a + " and " + b + ", which no conduit joins (denied anyway)";
            continue;
          }
          std::string id = want.empty() ? unique_id(site, make_id("fw-" + a + "-" + b)) : want;
          conduits.push_back({{"id", id}, {"zones", {a, b}}, {"kind", "firewall"}, {"rules", json::array()},
                              {"x-source", r.file + ":" + std::to_string(r.line)}});
          c = &conduits.back();
          touched.insert(id);
          touched_order.push_back(id);
          res.conduits_created.push_back({{"conduit", id}, {"zones", {a, b}}, {"line", r.line}});
        }
        touch(*c);
        json rule = {{"priority", r.priority}, {"action", r.allow ? "allow" : "deny"}, {"from", a}, {"to", b}};
        if (!r.protocols.empty()) rule["protocols"] = r.protocols;
        else if (!r.transport.empty())
          rule["protocols"] = {r.transport}; // every service of that transport
        if (!r.ports.empty()) rule["ports"] = r.ports;
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
    if (placed == 0) skipped(r, unplaced_why.empty() ? "source and destination are the same zone" : unplaced_why, "");
  }
  // The chain policy closes every conduit this firewall's rules landed on.
  for (const auto& r : rules) {
    if (!r.policy) continue;
    if (!options.conduit.empty() && !touched.count(options.conduit))
      if (json* c = find_conduit(options.conduit)) touch(*c);
    for (const auto& id : touched_order) {
      json* c = find_conduit(id);
      json rule = {{"priority", options.policy_priority}, {"action", r.allow ? "allow" : "deny"}, {"from", "*"},
                   {"to", "*"}, {"description", r.description}, {"x-source", r.file + ":" + std::to_string(r.line)}};
      (*c)["rules"].push_back(rule);
      json report = rule;
      report["conduit"] = id;
      report["line"] = r.line;
      res.rules.push_back(report);
    }
    if (r.allow)
      res.notes.push_back({r.file, r.line, "warning",
                           "policy ACCEPT: every flow not denied above is allowed on the conduits it touches", ""});
  }
  return res;
}

} // namespace zonepath::interchange
