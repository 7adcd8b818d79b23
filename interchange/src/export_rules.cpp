// Planning the firewall rule set of each conduit from the model's rules: which addresses or
// interfaces stand for each zone and host, and which ports and transports for each protocol.
#include "zonepath/interchange/export_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "zonepath/core/error.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using models::Index;
using models::kNone;
using nlohmann::json;

const char* to_string(RuleFormat f) {
  return f == RuleFormat::Iptables ? "iptables" : "nftables";
}

RuleFormat parse_rule_format(const std::string& name) {
  if (name == "iptables") return RuleFormat::Iptables;
  if (name == "nftables") return RuleFormat::Nftables;
  throw Error("unknown rule format '" + name + "' (use iptables or nftables)");
}

namespace rule_export {
namespace {

// Transports a catalog protocol runs on (PROFINET's IP part, DCP and RPC, is UDP).
std::vector<L4> transports(const models::Protocol& p) {
  if (p.transport == models::Transport::Tcp) return {L4::Tcp};
  if (p.transport == models::Transport::TcpUdp) return {L4::Tcp, L4::Udp};
  return {L4::Udp};
}

L4 l4_of(const models::Service& s) {
  return s.transport == models::Transport::Udp ? L4::Udp : L4::Tcp;
}

// Consecutive ports as ranges, none wider than 256 ports (what importers list without loss).
std::vector<std::pair<int, int>> ranges_of(const std::set<int>& ports) {
  std::vector<std::pair<int, int>> out;
  for (int p : ports)
    if (!out.empty() && out.back().second == p - 1 && p - out.back().first < 256)
      out.back().second = p;
    else
      out.emplace_back(p, p);
  return out;
}

// "vendor-session from 2026-12-08, change record CC-2026-412"
std::string window_text(const models::Temporary& t) {
  std::string text = models::to_string(t.kind);
  if (t.valid_from) text += " from " + t.valid_from_text;
  text += " until " + t.valid_until_text;
  if (!t.change_record.empty()) text += ", change record " + t.change_record;
  return text;
}

struct Planner {
  const models::Site& site;
  std::optional<models::Date> as_of;
  ZoneMap zmap;
  std::vector<std::optional<std::uint32_t>> asset_ip; // x-ip by asset index
  std::vector<RuleEndpoint> zone_end;                 // per zone; empty when the map has nothing
  std::vector<std::string> zone_remark;               // why a zone side may be imprecise
  std::vector<std::string> problems;

  Planner(const models::Site& s, const json& site_json, const std::optional<models::Date>& day)
      : site(s), as_of(day), zmap(ZoneMap::from_site(site_json)) {
    std::map<std::string, std::string> ips;
    for (const auto& a : site_json.value("assets", json::array()))
      if (a.is_object() && a.contains("x-ip") && a["x-ip"].is_string()) ips[a.value("id", "")] = a["x-ip"];
    for (const auto& a : site.assets) {
      auto it = ips.find(a.id);
      asset_ip.push_back(it == ips.end() ? std::nullopt : parse_ipv4(it->second));
    }
    for (const auto& z : site.zones) zone_end.push_back(endpoint_of_zone(z.id));
  }

  // A zone's subnets, unless one of them holds another zone's subnet (a catch-all such as the
  // Internet's 0.0.0.0/0 would match every zone): then the interfaces facing it.
  RuleEndpoint endpoint_of_zone(const std::string& zone) {
    RuleEndpoint subnets, ifaces;
    bool holds_other = false;
    for (const auto& e : zmap.entries()) {
      if (e.zone != zone) continue;
      if (e.subnet) {
        subnets.nets.push_back(*e.subnet);
        for (const auto& o : zmap.entries())
          if (o.zone != zone && o.subnet && e.subnet->contains(*o.subnet)) holds_other = true;
      }
      if (!e.interface.empty()) ifaces.interfaces.push_back(e.interface);
    }
    zone_remark.push_back(holds_other && ifaces.interfaces.empty()
                              ? "zone " + zone +
                                    ": a subnet holds another zone's subnet, so its rules also match "
                                    "that zone (give the zone x-interfaces)"
                              : "");
    return holds_other && !ifaces.interfaces.empty() ? ifaces : subnets.nets.empty() ? ifaces : subnets;
  }

  bool usable(Index zone) const { return !zone_end[zone].nets.empty() || !zone_end[zone].interfaces.empty(); }

  // Hosts as /32s; in a zone known by its interfaces only, with those interfaces too.
  RuleEndpoint hosts(const std::vector<Index>& assets, Index zone) const {
    RuleEndpoint e;
    for (Index a : assets)
      if (site.assets[a].zone == zone && asset_ip[a]) e.nets.push_back(Ipv4Net{*asset_ip[a], 32});
    if (!e.nets.empty() && zone_end[zone].nets.empty()) e.interfaces = zone_end[zone].interfaces;
    return e;
  }

  bool in_force(const std::optional<models::Temporary>& t) const { return models::in_force(t, as_of); }

  std::string day_text() const { return as_of ? as_of->text() : std::string("the assessment day"); }

  // Why a temporary element is left out (not in force yet) or written with a warning (expired,
  // still configured); "" for an element in force for good.
  std::string temporary_note(const std::string& what, const std::optional<models::Temporary>& t) const {
    if (!t) return {};
    switch (models::temporal_state(*t, as_of)) {
    case models::TemporalState::Scheduled:
      return what + " (" + window_text(*t) + ") is not in force on " + day_text() + ": left out";
    case models::TemporalState::Expired:
      return what + " (" + window_text(*t) + ") has expired on " + day_text() +
             ": still configured, so written; remove it";
    case models::TemporalState::Active:
      break;
    }
    return {};
  }

  void check(const models::Conduit& c) {
    if (!in_force(c.temporary)) return;
    for (Index z : c.zones)
      if (!usable(z))
        problems.push_back(
            "conduit " + c.id + ": zone " + site.zones[z].id +
            " has neither x-subnets nor x-interfaces (add them to the zone or the --zone-map)");
    for (const auto& r : c.rules)
      for (const auto* list : {&r.src_assets, &r.dst_assets})
        if (in_force(r.temporary))
          for (Index a : *list)
            if (!asset_ip[a])
              problems.push_back("conduit " + c.id + " rule " + std::to_string(r.position) + ": asset " +
                                 site.assets[a].id + " has no x-ip");
  }

  // The firewall rules of model rule r for connections from zone f to zone t.
  void plan_direction(const models::Conduit& c, const models::Rule& r, Index f, Index t,
                      ConduitRuleSet& out) {
    if ((r.from_zone != kNone && r.from_zone != f) || (r.to_zone != kNone && r.to_zone != t)) return;
    RuleEndpoint src = r.src_assets.empty() ? zone_end[f] : hosts(r.src_assets, f);
    RuleEndpoint dst = r.dst_assets.empty() ? zone_end[t] : hosts(r.dst_assets, t);
    if (src.nets.empty() && src.interfaces.empty()) return; // the named hosts sit on the other side
    if (dst.nets.empty() && dst.interfaces.empty()) return;
    EnforcedRule base{src, dst, L4::Any, {}, r.allow, r.position, r.priority, comment(c, r)};
    if (r.protocols.empty() && r.ports.empty()) {
      out.rules.push_back(base);
      return;
    }
    // Port -> transports the rule means there; ports where another service also listens over
    // that transport need the matching hosts spelled out, or the firewall would pass it too.
    std::map<int, std::set<L4>> wanted;
    auto in = [](const auto& v, const auto& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    auto names = [&](L4 l) { return in(r.protocols, std::string(l == L4::Tcp ? "tcp" : "udp")); };
    std::vector<Index> candidates;
    for (Index a : site.zones[t].assets)
      if (r.dst_assets.empty() || in(r.dst_assets, a)) candidates.push_back(a);
    auto matching = [&](const models::Service& s) {
      return (r.protocols.empty() || in(r.protocols, s.protocol) || names(l4_of(s))) &&
             (r.ports.empty() || in(r.ports, s.port));
    };
    for (L4 l : {L4::Tcp, L4::Udp}) {
      if (!r.protocols.empty() && !names(l)) continue;
      if (r.ports.empty()) { // "tcp" alone: every port of that transport
        EnforcedRule e = base;
        e.l4 = l;
        out.rules.push_back(e);
      } else {
        for (auto p : r.ports) wanted[p].insert(l);
      }
    }
    for (Index a : candidates)
      for (const auto& s : site.assets[a].services)
        if (matching(s)) wanted[s.port].insert(l4_of(s));
    for (const auto& proto : r.protocols)
      if (const models::Protocol* p = models::find_protocol(proto))
        for (int port : p->ports)
          if (r.ports.empty() || in(r.ports, static_cast<std::uint16_t>(port)))
            for (L4 l : transports(*p)) wanted[port].insert(l);
    if (wanted.empty()) {
      if (!names(L4::Tcp) && !names(L4::Udp))
        out.notes.push_back("rule " + std::to_string(r.position) +
                            ": its protocols have no port in the model or the catalog; nothing to enforce");
      return;
    }
    std::map<L4, std::set<int>> shared;                     // ports for the whole destination
    std::map<std::pair<Index, L4>, std::set<int>> per_host; // ports for single hosts
    for (const auto& [port, l4s] : wanted) {
      for (L4 l : l4s) {
        bool clash = false;
        for (Index a : candidates)
          for (const auto& s : site.assets[a].services)
            if (s.port == port && l4_of(s) == l && !matching(s)) clash = true;
        if (!clash) {
          shared[l].insert(port);
          continue;
        }
        for (Index a : candidates)
          for (const auto& s : site.assets[a].services)
            if (s.port == port && l4_of(s) == l && matching(s)) per_host[{a, l}].insert(port);
      }
    }
    for (const auto& [l, ports] : shared) {
      EnforcedRule e = base;
      e.l4 = l;
      e.ports = ranges_of(ports);
      out.rules.push_back(e);
    }
    for (const auto& [key, ports] : per_host) {
      EnforcedRule e = base;
      e.dst = hosts({key.first}, t);
      if (e.dst.nets.empty()) continue;
      e.l4 = key.second;
      e.ports = ranges_of(ports);
      out.rules.push_back(e);
    }
  }

  static std::string comment(const models::Conduit& c, const models::Rule& r) {
    std::string text = "zonepath " + c.id + " rule " + std::to_string(r.position);
    if (!r.description.empty()) text += ": " + r.description;
    for (char& ch : text)
      if (ch == '"' || ch == '\\' || ch == '\n' || ch == '\r') ch = '\'';
    if (text.size() > 120) { // nft keeps 128 bytes of a comment; cut on a UTF-8 character boundary
      std::size_t cut = 117;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "...";
    }
    return text;
  }

  ConduitRuleSet plan(const models::Conduit& c) {
    ConduitRuleSet out;
    out.conduit = c.id;
    out.zone_a = site.zones[c.zones[0]].id;
    out.zone_b = site.zones[c.zones[1]].id;
    out.one_way = c.direction.has_value();
    if (auto note = temporary_note("conduit", c.temporary); !note.empty()) {
      out.notes.push_back(note);
      if (!in_force(c.temporary)) return out; // no firewall yet: nothing passes
    }
    for (Index z : c.zones)
      if (!zone_remark[z].empty()) out.notes.push_back(zone_remark[z]);
    if (c.direction && c.rules.empty()) { // a bare diode passes everything its way
      Index f = (*c.direction)[0], t = (*c.direction)[1];
      out.rules.push_back(EnforcedRule{zone_end[f],
                                       zone_end[t],
                                       L4::Any,
                                       {},
                                       true,
                                       0,
                                       0,
                                       "zonepath " + c.id + ": data diode direction " + site.zones[f].id +
                                           " -> " + site.zones[t].id});
      return out;
    }
    for (const auto& r : c.rules) {
      if (auto note = temporary_note("rule " + std::to_string(r.position), r.temporary); !note.empty()) {
        out.notes.push_back(note);
        if (!in_force(r.temporary)) continue;
      }
      std::size_t before = out.rules.size();
      for (int dir = 0; dir < 2; ++dir) {
        Index f = c.zones[dir], t = c.zones[1 - dir];
        if (c.direction && (*c.direction)[0] != f) continue; // against the diode: never passes
        plan_direction(c, r, f, t, out);
      }
      if (out.rules.size() == before && r.allow)
        out.notes.push_back("rule " + std::to_string(r.position) +
                            " can match no connection across this conduit");
    }
    std::vector<std::string> unique; // a rule for both directions says the same thing twice
    for (auto& n : out.notes)
      if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
    out.notes = std::move(unique);
    return out;
  }
};

} // namespace
} // namespace rule_export

std::vector<ConduitRuleSet> plan_rule_sets(const models::Site& site, const json& site_json,
                                           const RuleExportOptions& options) {
  rule_export::Planner planner(site, site_json, options.as_of);
  std::vector<const models::Conduit*> chosen;
  for (const auto& c : site.conduits)
    if (options.conduit.empty() || c.id == options.conduit) chosen.push_back(&c);
  if (!options.conduit.empty() && chosen.empty())
    throw ModelError("no conduit '" + options.conduit + "' in the site");
  for (const auto* c : chosen)
    if (!c->rules.empty() || c->direction) planner.check(*c);
  if (!planner.problems.empty()) {
    std::string text = "cannot write enforceable rules:";
    for (const auto& p : planner.problems) text += "\n  " + p;
    throw ModelError(text);
  }
  std::vector<ConduitRuleSet> out;
  for (const auto* c : chosen) out.push_back(planner.plan(*c));
  return out;
}

} // namespace zonepath::interchange
