#include "zonepath/models/access_map.hpp"

#include <algorithm>
#include <limits>

#include "zonepath/core/parallel.hpp"

namespace zonepath::models {

namespace {

template <class T> bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool matches(const Rule& r, Index from_zone, Index src_asset, Index to_zone, Index dst_asset,
             const Service& s) {
  if (r.from_zone != kNone && r.from_zone != from_zone) return false;
  if (r.to_zone != kNone && r.to_zone != to_zone) return false;
  if (!r.protocols.empty() && !contains(r.protocols, s.protocol) &&
      !contains(r.protocols, std::string(to_string(s.transport))))
    return false;
  if (!r.ports.empty() && !contains(r.ports, s.port)) return false;
  if (!r.src_assets.empty() && (src_asset == kNone || !contains(r.src_assets, src_asset))) return false;
  if (!r.dst_assets.empty() && !contains(r.dst_assets, dst_asset)) return false;
  return true;
}

// The hosts of `from_zone` that some rule singles out by src_assets; every other host
// behaves like the generic source.
std::vector<Index> named_sources(const Site& site, const std::vector<Rule>& rules, Index from_zone) {
  std::vector<Index> out;
  for (const auto& r : rules)
    for (Index a : r.src_assets)
      if (site.in_zone(a, from_zone) && !contains(out, a)) out.push_back(a);
  std::sort(out.begin(), out.end());
  return out;
}

// When every allow rule that can apply in this direction names its destination assets, only
// those assets can be reached: no other asset is matched by any allow rule, so every rule
// decision for it is a deny. Collects them (ascending, as zone.assets is) and returns true.
// This keeps a hub zone with thousands of narrow conduits linear instead of conduits x assets.
bool only_listed_destinations(const Site& site, const std::vector<Rule>& rules, Index from_zone,
                              Index to_zone, std::vector<Index>& listed) {
  for (const auto& r : rules) {
    if (!r.allow) continue;
    if ((r.from_zone != kNone && r.from_zone != from_zone) || (r.to_zone != kNone && r.to_zone != to_zone))
      continue;
    if (r.dst_assets.empty()) return false;
    for (Index a : r.dst_assets)
      if (site.in_zone(a, to_zone)) listed.push_back(a);
  }
  std::sort(listed.begin(), listed.end());
  listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  return true;
}

static_assert(kMaxServicesPerAsset <= std::numeric_limits<decltype(Flow::service)>::max(),
              "Flow::service must index every service of an asset");

std::uint16_t service_index(std::size_t s) {
  return static_cast<std::uint16_t>(s);
}

// What is in force on the assessment date: temporary rules, conduits and assets whose window
// has not started are left out, the rest keeps the indices of the site.
struct InForce {
  const Site& site;
  std::optional<Date> as_of;
  std::vector<char> asset; // 1: the asset is connected

  InForce(const Site& s, const std::optional<Date>& date) : site(s), as_of(date ? date : s.as_of) {
    asset.reserve(s.assets.size());
    for (const Asset& a : s.assets) asset.push_back(in_force(a.temporary, as_of) ? 1 : 0);
  }
  bool conduit(const Conduit& c) const { return in_force(c.temporary, as_of); }

  // The rules in force, with their indices in the full list (the flows name those); nullopt
  // when every rule is, so the common case copies nothing.
  struct Rules {
    std::vector<Rule> rules;
    std::vector<std::int32_t> original;
  };
  std::optional<Rules> filter(const std::vector<Rule>& rules) const {
    bool all =
        std::all_of(rules.begin(), rules.end(), [&](const Rule& r) { return in_force(r.temporary, as_of); });
    if (all) return std::nullopt;
    Rules out;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (!in_force(rules[i].temporary, as_of)) continue;
      out.rules.push_back(rules[i]);
      out.original.push_back(static_cast<std::int32_t>(i));
    }
    return out;
  }
};

// Flows from `from_zone` to the assets of `to_zone` under `rules` (nullptr: allow all);
// `original` maps an index of `rules` to the one the flow reports (nullptr: the same).
void direction_flows(const InForce& present, Index from_zone, Index to_zone, Index conduit,
                     const std::vector<Rule>* rules, const std::vector<std::int32_t>* original,
                     std::vector<Flow>& out) {
  const Site& site = present.site;
  auto rule_id = [original](std::int32_t r) { return original && r >= 0 ? (*original)[std::size_t(r)] : r; };
  std::vector<Index> named = rules ? named_sources(site, *rules, from_zone) : std::vector<Index>{};
  std::erase_if(named, [&](Index a) { return !present.asset[a]; });
  std::vector<Index> listed;
  bool only_listed = rules && only_listed_destinations(site, *rules, from_zone, to_zone, listed);
  const Zone& zone = site.zones[to_zone];
  auto visit = [&](Index dst) {
    if (!present.asset[dst]) return;
    const Asset& asset = site.assets[dst];
    for (std::size_t s = 0; s < asset.services.size(); ++s) {
      RuleDecision generic{true, -1};
      if (rules) generic = evaluate_rules(*rules, from_zone, kNone, to_zone, dst, asset.services[s]);
      if (generic.allowed)
        out.push_back(Flow{from_zone, kNone, dst, service_index(s), conduit, rule_id(generic.rule), to_zone});
      // A named host matters only where it can do what the zone's other hosts cannot: pass a
      // denied service, or send commands where the others may only read.
      bool restricted = rules && generic.allowed && generic.rule >= 0 &&
                        (*rules)[static_cast<std::size_t>(generic.rule)].read_only();
      if (generic.allowed && !restricted) continue;
      for (Index src : named) {
        if (src == dst) continue;
        auto d = evaluate_rules(*rules, from_zone, src, to_zone, dst, asset.services[s]);
        if (d.allowed && d.rule != generic.rule &&
            !(restricted && (*rules)[static_cast<std::size_t>(d.rule)].read_only()))
          out.push_back(Flow{from_zone, src, dst, service_index(s), conduit, rule_id(d.rule), to_zone});
      }
    }
  };
  if (only_listed) {
    for (Index dst : listed) visit(dst);
    return;
  }
  for (Index dst : zone.assets) visit(dst);
  for (Index dst : zone.attached) visit(dst);
}

} // namespace

RuleDecision evaluate_rules(const std::vector<Rule>& rules, Index from_zone, Index src_asset, Index to_zone,
                            Index dst_asset, const Service& service, const std::optional<Date>& as_of) {
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (in_force(rules[i].temporary, as_of) &&
        matches(rules[i], from_zone, src_asset, to_zone, dst_asset, service))
      return RuleDecision{rules[i].allow, static_cast<std::int32_t>(i)};
  return RuleDecision{false, -1};
}

AccessMap AccessMap::compute(const Site& site, AccessScope scope, const std::optional<Date>& as_of) {
  const bool unrestricted = scope == AccessScope::Unrestricted;
  const InForce present(site, as_of);
  const std::size_t zones = site.zones.size(), conduits = site.conduits.size();
  std::vector<std::vector<Flow>> parts(zones + conduits);
  parallel_for_each_index(
      zones + conduits,
      [&](std::size_t unit) {
        auto& out = parts[unit];
        if (unit < zones) {
          Index z = static_cast<Index>(unit);
          const Zone& zone = site.zones[z];
          if (!zone.isolated || unrestricted) {
            for (const auto* members : {&zone.assets, &zone.attached})
              for (Index dst : *members)
                if (present.asset[dst])
                  for (std::size_t s = 0; s < site.assets[dst].services.size(); ++s)
                    out.push_back(Flow{z, kNone, dst, service_index(s), kNone, -1, z});
          } else {
            auto filtered = present.filter(zone.intra_rules);
            direction_flows(present, z, z, kNone, filtered ? &filtered->rules : &zone.intra_rules,
                            filtered ? &filtered->original : nullptr, out);
          }
          return;
        }
        Index c = static_cast<Index>(unit - zones);
        const Conduit& conduit = site.conduits[c];
        if (!present.conduit(conduit)) return; // not connected yet, not even physically
        auto filtered = present.filter(conduit.rules);
        const std::vector<Rule>& rules = filtered ? filtered->rules : conduit.rules;
        for (int dir = 0; dir < 2; ++dir) {
          Index from = conduit.zones[dir], to = conduit.zones[1 - dir];
          if (conduit.direction && (*conduit.direction)[0] != from) continue; // against the diode
          bool bare_diode = conduit.direction && conduit.rules.empty();
          direction_flows(present, from, to, c, bare_diode || unrestricted ? nullptr : &rules,
                          filtered ? &filtered->original : nullptr, out);
        }
      },
      ParallelOptions{64, 0});
  AccessMap map;
  std::size_t total = 0;
  for (const auto& p : parts) total += p.size();
  map.flows_.reserve(total);
  for (auto& p : parts) map.flows_.insert(map.flows_.end(), p.begin(), p.end());
  return map;
}

const Rule* AccessMap::rule_of(const Site& site, const Flow& f) {
  if (f.rule < 0) return nullptr;
  const auto& rules =
      f.conduit == kNone ? site.zones[f.src_zone].intra_rules : site.conduits[f.conduit].rules;
  return &rules[static_cast<std::size_t>(f.rule)];
}

nlohmann::json flow_to_json(const Site& site, const Flow& f) {
  const auto& dst = site.assets[f.dst_asset];
  const auto& svc = dst.services[f.service];
  const Rule* rule = AccessMap::rule_of(site, f);
  nlohmann::json j = {
      {"from", f.src_asset == kNone ? site.zones[f.src_zone].id : site.assets[f.src_asset].id},
      {"from_kind", f.src_asset == kNone ? "zone" : "asset"},
      {"from_zone", site.zones[f.src_zone].id},
      {"to", dst.id},
      {"to_zone", site.zones[f.dst_zone].id},
      {"protocol", svc.protocol},
      {"port", svc.port},
      {"transport", to_string(svc.transport)},
      {"via", f.conduit == kNone ? site.zones[f.src_zone].id : site.conduits[f.conduit].id},
      {"via_kind", f.conduit == kNone ? "zone" : "conduit"},
  };
  if (rule) {
    j["rule"] = {{"index", rule->position}, {"priority", rule->priority}, {"description", rule->description}};
  } else {
    j["rule"] = nullptr;
    j["reason"] = f.conduit == kNone ? "flat zone" : "data diode direction";
  }
  return j;
}

} // namespace zonepath::models
