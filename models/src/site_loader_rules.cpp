// Conduits, firewall rules and threat actors of the site loader.
#include <algorithm>

#include "site_loader_impl.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::models::detail {

namespace {
const std::vector<std::string_view> kConduitKinds = {"firewall", "data-diode", "router", "switch", "vpn",
                                                     "wan",      "wireless",   "serial", "direct"};
} // namespace

void SiteReader::read_conduit(const json& c, const std::string& ptr, Conduit& conduit) {
  if (!check_.expect_object(c, ptr)) return;
  check_.check_keys(c, ptr,
                    {"id", "name", "description", "zones", "kind", "direction", "countermeasures",
                     "requirements", "compensating", "inspection", "rules", "temporary"});
  check_name(c, ptr, "id", conduit.id);
  check_name(c, ptr, "name", conduit.name);
  conduit.kind = "firewall";
  if (auto kind = check_.get_string(c, ptr, "kind")) {
    conduit.kind = *kind;
    if (std::find(kConduitKinds.begin(), kConduitKinds.end(), *kind) == kConduitKinds.end()) {
      std::string near = did_you_mean(*kind, kConduitKinds);
      check_.error(ptr + "/kind", "unknown conduit kind '" + *kind + "'", &c.at("kind"),
                   near.empty()
                       ? "use firewall, data-diode, router, switch, vpn, wan, wireless, serial or direct"
                       : "did you mean '" + near + "'?");
    }
  }
  if (const json* zones = check_.get_array(c, ptr, "zones", true)) {
    if (zones->size() != 2) {
      check_.error(ptr + "/zones", "a conduit joins exactly 2 zones", zones);
    } else {
      for (int i = 0; i < 2; ++i) {
        const json& z = (*zones)[i];
        std::string zp = ptr + "/zones/" + std::to_string(i);
        if (!z.is_string())
          check_.error(zp, std::string("expected string, got ") + JsonChecker::type_name(z), &z);
        else
          conduit.zones[i] = resolve(z.get<std::string>(), Site::Kind::Zone, zp, &z, "zone");
      }
      if (conduit.zones[0] != kNone && conduit.zones[0] == conduit.zones[1])
        check_.error(ptr + "/zones", "a conduit must join two different zones", zones);
    }
  }
  auto direction = check_.get_string(c, ptr, "direction");
  if (direction) {
    auto arrow = direction->find("->");
    Index a = kNone, b = kNone;
    if (arrow != std::string::npos) {
      a = site_.zone_index(direction->substr(0, arrow));
      b = site_.zone_index(direction->substr(arrow + 2));
    }
    auto joins = [&](Index z) { return z != kNone && (z == conduit.zones[0] || z == conduit.zones[1]); };
    if (!joins(a) || !joins(b) || a == b) {
      std::string hint = "write 'A->B' with the conduit's two zones";
      if (conduit.zones[0] != kNone && conduit.zones[1] != kNone)
        hint = "write '" + site_.zones[conduit.zones[0]].id + "->" + site_.zones[conduit.zones[1]].id +
               "' or the reverse";
      check_.error(ptr + "/direction", "direction must name the conduit's two zones as 'from->to'",
                   &c.at("direction"), hint);
    } else {
      conduit.direction = std::array<Index, 2>{a, b};
    }
  } else if (conduit.kind == "data-diode") {
    check_.error(ptr, "a data-diode conduit needs a 'direction' ('from->to')");
  }
  if (auto v = check_.get_bool(c, ptr, "inspection")) conduit.inspection = *v;
  conduit.countermeasures = read_requirements(c, ptr, "countermeasures");
  conduit.requirements = read_records(c, ptr, conduit.countermeasures);
  conduit.compensating = read_compensating(c, ptr);
  conduit.temporary = read_temporary(c, ptr);
  if (const json* rules = check_.get_array(c, ptr, "rules")) {
    conduit.rules.resize(rules->size());
    for (std::size_t r = 0; r < rules->size(); ++r) {
      read_rule((*rules)[r], ptr + "/rules/" + std::to_string(r), conduit.rules[r], &conduit, kNone);
      conduit.rules[r].position = r;
    }
    // First match wins in ascending priority; equal priorities keep file order.
    std::stable_sort(conduit.rules.begin(), conduit.rules.end(),
                     [](const Rule& a, const Rule& b) { return a.priority < b.priority; });
  }
}

void SiteReader::read_rule(const json& r, const std::string& ptr, Rule& rule, const Conduit* conduit,
                           Index zone) {
  if (!check_.expect_object(r, ptr)) return;
  check_.check_keys(r, ptr,
                    {"priority", "action", "from", "to", "protocols", "ports", "src_assets", "dst_assets",
                     "functions", "description", "name", "temporary"});
  if (auto p = check_.get_integer(r, ptr, "priority", conduit != nullptr)) {
    if (*p < 0 || *p > 1000000000)
      check_.error(ptr + "/priority", "priority must be 0..1000000000", &r.at("priority"));
    rule.priority = *p;
  }
  if (auto action = check_.get_string(r, ptr, "action", true)) {
    if (*action == "allow")
      rule.allow = true;
    else if (*action != "deny") {
      std::string near = did_you_mean(*action, {"allow", "deny"});
      check_.error(ptr + "/action", "unknown action '" + *action + "'", &r.at("action"),
                   "use 'allow' or 'deny'" +
                       (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
    }
  }
  check_name(r, ptr, "description", rule.description);
  rule.temporary = read_temporary(r, ptr);
  // from/to: '*' or a zone that the conduit joins (within a zone: that zone).
  for (const char* end : {"from", "to"}) {
    auto v = check_.get_string(r, ptr, end, conduit != nullptr);
    Index& out = std::string_view(end) == "from" ? rule.from_zone : rule.to_zone;
    if (!v || *v == "*") continue;
    Index z = resolve(*v, Site::Kind::Zone, ptr + "/" + end, &r.at(end), "zone");
    if (z == kNone) continue;
    bool member = conduit ? (z == conduit->zones[0] || z == conduit->zones[1]) : z == zone;
    if (!member && (conduit == nullptr || conduit->zones[0] != kNone))
      check_.error(ptr + "/" + end,
                   std::string("rule names zone '") + *v + "' that " +
                       (conduit ? "the conduit does not join" : "is not this zone"),
                   &r.at(end));
    out = z;
  }
  for (const auto& name : check_.get_string_list(r, ptr, "protocols")) {
    if (!find_protocol(name) && name != "tcp" && name != "udp") {
      bool used = std::any_of(site_.assets.begin(), site_.assets.end(), [&](const Asset& a) {
        return std::any_of(a.services.begin(), a.services.end(),
                           [&](const Service& s) { return s.protocol == name; });
      });
      if (!used)
        check_.error(ptr + "/protocols", "unknown protocol '" + name + "'", &r.at("protocols"),
                     "use a catalog protocol, one that a service declares, or tcp / udp");
    }
    rule.protocols.push_back(name);
  }
  if (const json* ports = check_.get_array(r, ptr, "ports")) {
    for (std::size_t i = 0; i < ports->size(); ++i) {
      const json& p = (*ports)[i];
      std::string pp = ptr + "/ports/" + std::to_string(i);
      if (auto port = check_.as_integer(p, pp); !port) {
        continue;
      } else if (*port < 1 || *port > 65535) {
        check_.error(pp, "port must be 1..65535", &p);
      } else {
        rule.ports.push_back(static_cast<std::uint16_t>(*port));
      }
    }
  }
  read_functions(r, ptr, rule, conduit);
  rule.src_assets = resolve_list(r, ptr, "src_assets", Site::Kind::Asset, "asset");
  rule.dst_assets = resolve_list(r, ptr, "dst_assets", Site::Kind::Asset, "asset");
  // Listed assets must sit where the rule applies, or the rule silently never matches.
  auto check_side = [&](const std::vector<Index>& list, Index side, const char* key) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (site_.assets[list[i]].zone == kNone) continue;
      auto in = [&](Index z) { return z != kNone && site_.in_zone(list[i], z); };
      bool ok =
          side != kNone ? in(side) : (conduit ? (in(conduit->zones[0]) || in(conduit->zones[1])) : in(zone));
      if (!ok)
        check_.error(ptr + "/" + key + "/" + std::to_string(i),
                     "asset '" + site_.assets[list[i]].id + "' is not in a zone this rule applies to",
                     &r.at(key)[i]);
    }
  };
  check_side(rule.src_assets, rule.from_zone, "src_assets");
  check_side(rule.dst_assets, rule.to_zone, "dst_assets");
}

// "functions": the function classes a conduit rule allows, for protocols whose messages have
// them; a rule that names another protocol (or none) could not be enforced on the function level.
void SiteReader::read_functions(const json& r, const std::string& ptr, Rule& rule, const Conduit* conduit) {
  const json* list = check_.get_array(r, ptr, "functions");
  if (!list) return;
  if (!conduit) {
    check_.error(ptr + "/functions", "functions apply to conduit rules only", list,
                 "restrict functions on the conduit that carries the traffic");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& v = (*list)[i];
    auto f = v.is_string() ? parse_function_class(v.get<std::string>()) : std::nullopt;
    if (!f)
      check_.error(ptr + "/functions/" + std::to_string(i), "unknown function class", &v,
                   "use 'read' or 'write'");
    else if (std::find(rule.functions.begin(), rule.functions.end(), *f) == rule.functions.end())
      rule.functions.push_back(*f);
  }
  if (rule.protocols.empty())
    check_.error(
        ptr + "/functions", "functions need the rule's protocols", list,
        "name the protocols (modbus-tcp, s7comm, enip, dnp3, opc-ua, ...) whose functions it restricts");
  for (const auto& name : rule.protocols)
    if (!protocol_knows_functions(name))
      check_.error(
          ptr + "/functions",
          "protocol '" + name + "' has no read and write function classes that a rule could restrict", list,
          "functions apply to modbus-tcp, modbus-tls, s7comm, s7commplus, enip, cip-security, dnp3, "
          "dnp3-tls and opc-ua");
}

void SiteReader::read_threat(const json& t, const std::string& ptr, ThreatActor& actor) {
  if (!check_.expect_object(t, ptr)) return;
  check_.check_keys(t, ptr,
                    {"id", "name", "description", "sophistication", "starts", "kind", "time_budget_days",
                     "physical_access", "removable_media", "likelihood_of_initiation"});
  check_name(t, ptr, "id", actor.id);
  check_name(t, ptr, "name", actor.name);
  actor.kind = "external";
  check_name(t, ptr, "kind", actor.kind);
  if (auto s = check_.get_integer(t, ptr, "sophistication", true)) {
    if (*s < 1 || *s > 4)
      check_.error(ptr + "/sophistication", "sophistication must be 1..4 (the SL1..SL4 attacker tiers)",
                   &t.at("sophistication"));
    else
      actor.sophistication = int(*s);
  }
  if (auto b = check_.get_number(t, ptr, "time_budget_days")) {
    if (*b <= 0)
      check_.error(ptr + "/time_budget_days", "time_budget_days must be > 0", &t.at("time_budget_days"));
    actor.time_budget_days = *b;
  }
  if (auto level = check_.get_string(t, ptr, "likelihood_of_initiation")) {
    if (auto parsed = parse_likelihood_level(*level))
      actor.initiation = *parsed;
    else
      check_.error(ptr + "/likelihood_of_initiation", "unknown likelihood '" + *level + "'",
                   &t.at("likelihood_of_initiation"), "one of very-low, low, moderate, high, very-high");
  }
  actor.physical_access = resolve_list(t, ptr, "physical_access", Site::Kind::Zone, "zone");
  actor.removable_media = resolve_list(t, ptr, "removable_media", Site::Kind::Zone, "zone");
  bool local_vectors = !actor.physical_access.empty() || !actor.removable_media.empty();
  if (const json* starts = check_.get_array(t, ptr, "starts", !local_vectors)) {
    if (starts->empty() && !local_vectors)
      check_.error(ptr + "/starts", "a threat actor needs at least one start point", starts,
                   "name a start zone or asset, or give physical_access / removable_media zones");
    for (std::size_t i = 0; i < starts->size(); ++i) {
      const json& s = (*starts)[i];
      std::string sp = ptr + "/starts/" + std::to_string(i);
      if (!s.is_string()) {
        check_.error(sp, std::string("expected string, got ") + JsonChecker::type_name(s), &s);
        continue;
      }
      auto it = site_.ids.find(s.get<std::string>());
      if (it == site_.ids.end() ||
          (it->second.kind != Site::Kind::Zone && it->second.kind != Site::Kind::Asset)) {
        std::string near = suggest_id(s.get<std::string>(), Site::Kind::Zone);
        if (near.empty()) near = suggest_id(s.get<std::string>(), Site::Kind::Asset);
        check_.error(sp, "unknown zone or asset '" + s.get<std::string>() + "'", &s,
                     near.empty() ? "" : "did you mean '" + near + "'?");
        continue;
      }
      actor.starts.push_back(StartPoint{it->second.kind == Site::Kind::Asset, it->second.index});
    }
  }
}

} // namespace zonepath::models::detail
