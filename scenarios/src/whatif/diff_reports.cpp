// Matching two reports by ids and collecting the differences.
#include <algorithm>
#include <map>
#include <set>

#include "zonepath/scenarios/diff.hpp"

namespace zonepath::scenarios {

namespace {

using models::Report;
using models::Site;

int gap_sum(const models::SlVector& g) {
  int s = 0;
  for (auto v : g) s += v;
  return s;
}

std::string path_key(const models::PathResult& p) {
  std::string key = p.threat + "|" + p.target;
  if (p.path.contains("nodes"))
    for (const auto& n : p.path["nodes"]) key += "|" + n.get<std::string>();
  return key;
}

PathChange path_change(const models::PathResult& p) {
  PathChange c{p.threat, p.target, {}, p.path.value("probability", 0.0)};
  if (p.path.contains("nodes"))
    for (const auto& n : p.path["nodes"]) c.nodes.push_back(n.get<std::string>());
  return c;
}

std::string finding_key(const models::Finding& f) {
  return f.rule + "|" + f.zone + "|" + f.conduit + "|" + f.asset;
}

void summarise(const Report& r, std::optional<double>& max_reach, std::optional<int>& intolerable,
               std::optional<int>& total_gap) {
  double m = 0;
  for (const auto& t : r.targets) m = std::max(m, t.reach_probability);
  int bad = 0, gaps = 0;
  for (const auto& z : r.zones) {
    bad += z.risk.tolerable ? 0 : 1;
    gaps += gap_sum(z.gap);
  }
  max_reach = m;
  intolerable = bad;
  total_gap = gaps;
}

} // namespace

ReportDiff diff_reports(const Site& sa, const Report& a, const Site& sb, const Report& b) {
  ReportDiff d;
  // Targets by (threat, id), in the order of the first report, then those only in the second.
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  auto target_slot = [&](const models::TargetResult& t) -> TargetDiff& {
    auto [it, fresh] = index.try_emplace({t.threat, t.id}, d.targets.size());
    if (fresh) d.targets.push_back(TargetDiff{t.id, t.threat, {}, {}, {}, false});
    return d.targets[it->second];
  };
  for (const auto& t : a.targets) {
    TargetDiff& td = target_slot(t);
    td.reach.before = t.reach_probability;
    td.ci95.before = t.ci95;
    if (t.ttc_days) td.ttc_p50.before = (*t.ttc_days)[2];
  }
  for (const auto& t : b.targets) {
    TargetDiff& td = target_slot(t);
    td.reach.after = t.reach_probability;
    td.ci95.after = t.ci95;
    if (t.ttc_days) td.ttc_p50.after = (*t.ttc_days)[2];
  }
  for (auto& td : d.targets) {
    if (td.ci95.before && td.ci95.after)
      td.significant =
          (*td.ci95.after)[0] > (*td.ci95.before)[1] || (*td.ci95.after)[1] < (*td.ci95.before)[0];
    else
      td.significant = true; // appeared or disappeared
  }

  std::map<std::string, std::size_t> zone_index;
  auto zone_slot = [&](const std::string& id) -> ZoneDiff& {
    auto [it, fresh] = zone_index.try_emplace(id, d.zones.size());
    if (fresh) d.zones.push_back(ZoneDiff{id, {}, {}, {}, {}, {}, {}, false});
    return d.zones[it->second];
  };
  for (int side = 0; side < 2; ++side) {
    const Site& s = side ? sb : sa;
    const Report& r = side ? b : a;
    for (const auto& z : r.zones) {
      ZoneDiff& zd = zone_slot(s.zones[z.zone].id);
      (side ? zd.sl_t.after : zd.sl_t.before) = z.sl_t;
      (side ? zd.sl_a.after : zd.sl_a.before) = z.sl_a;
      (side ? zd.gap.after : zd.gap.before) = z.gap;
      (side ? zd.risk_level.after : zd.risk_level.before) = z.risk.level;
      (side ? zd.tolerable.after : zd.tolerable.before) = z.risk.tolerable;
      (side ? zd.probability.after : zd.probability.before) = z.risk.probability;
    }
  }
  for (auto& zd : d.zones)
    zd.changed = zd.sl_t.before != zd.sl_t.after || zd.sl_a.before != zd.sl_a.after ||
                 zd.gap.before != zd.gap.after || zd.risk_level.before != zd.risk_level.after ||
                 zd.tolerable.before != zd.tolerable.after;

  std::map<std::string, std::size_t> conduit_index;
  for (int side = 0; side < 2; ++side) {
    const Site& s = side ? sb : sa;
    const Report& r = side ? b : a;
    for (const auto& c : r.conduits) {
      const std::string& id = s.conduits[c.conduit].id;
      auto [it, fresh] = conduit_index.try_emplace(id, d.conduits.size());
      if (fresh) d.conduits.push_back(ConduitDiff{id, {}, {}, false});
      ConduitDiff& cd = d.conduits[it->second];
      (side ? cd.sl_a.after : cd.sl_a.before) = c.sl_a;
      (side ? cd.gap.after : cd.gap.before) = c.gap;
    }
  }
  for (auto& cd : d.conduits) cd.changed = cd.sl_a.before != cd.sl_a.after || cd.gap.before != cd.gap.after;

  std::set<std::string> paths_a, paths_b;
  for (const auto& p : a.paths) paths_a.insert(path_key(p));
  for (const auto& p : b.paths) paths_b.insert(path_key(p));
  for (const auto& p : a.paths)
    if (!paths_b.count(path_key(p))) d.paths_disappeared.push_back(path_change(p));
  for (const auto& p : b.paths)
    if (!paths_a.count(path_key(p))) d.paths_appeared.push_back(path_change(p));

  std::set<std::string> fa, fb;
  for (const auto& f : a.findings) fa.insert(finding_key(f));
  for (const auto& f : b.findings) fb.insert(finding_key(f));
  for (const auto& f : a.findings)
    if (!fb.count(finding_key(f))) d.findings_removed.push_back(f);
  for (const auto& f : b.findings)
    if (!fa.count(finding_key(f))) d.findings_added.push_back(f);

  std::vector<models::RequiredFlow> flows = models::merged_required_flows(sa, sb);
  d.required_flows = flows.size();
  if (!flows.empty())
    d.required_flows_broken = models::broken_required_flows(flows, sa, models::AccessMap::compute(sa), sb,
                                                            models::AccessMap::compute(sb));

  summarise(a, d.max_reach.before, d.intolerable_zones.before, d.total_gap.before);
  summarise(b, d.max_reach.after, d.intolerable_zones.after, d.total_gap.after);
  return d;
}

} // namespace zonepath::scenarios
