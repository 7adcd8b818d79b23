// Phase 1 of the planner: which steps to block. The attack graph's parallel steps (same
// attacker position, same asset, same conduit or zone) merge into one edge whose cost is the
// cheapest action that removes them all; the minimum cut between the actor's start points and
// the crown jewels over their tolerable line names the steps worth blocking, and each cut step
// turns into its candidate actions (rule change, access restriction or compensating control,
// patch where allowed).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "plan_internal.hpp"
#include "zonepath/core/min_cut.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::scenarios::detail {

namespace {

using json = nlohmann::json;
using models::Index;
using models::kNone;
using models::Site;

// A cost no action can pay: steps that are the network itself (holding a host gives its zone)
// or legitimate management (program download from the managing workstation).
constexpr double kUncuttable = 1e6;

std::vector<std::string> merged(std::initializer_list<std::vector<std::string>> lists) {
  std::set<std::string> s;
  for (const auto& l : lists) s.insert(l.begin(), l.end());
  return {s.begin(), s.end()};
}

double asset_action_cost(const PlanContext& ctx, const models::Asset& a) {
  return a.patchable ? ctx.costs.restrict_access : ctx.costs.compensating_control;
}

// The zone the attacker stands in at node u: the zone itself, or the zone of the asset held.
Index zone_of(const Site& site, const models::SiteGraph& sg, NodeId u) {
  return sg.is_zone(u) ? Index(u) : site.assets[sg.asset_of(u)].zone;
}

// Deny src -> v as the conduit's first rule.
PlanAction block_flow(const Site& site, const models::SiteGraph& sg, NodeId u, Index v, Index conduit,
                      const PlanContext& ctx) {
  const models::Asset& dst = site.assets[v];
  bool from_asset = !sg.is_zone(u);
  Index src_zone = zone_of(site, sg, u);
  std::string src = from_asset ? site.assets[sg.asset_of(u)].id : site.zones[src_zone].id;
  json rule = {{"priority", 0},
               {"action", "deny"},
               {"from", site.zones[src_zone].id},
               {"to", site.zones[dst.zone].id},
               {"dst_assets", {dst.id}},
               {"description", "zonepath plan: block " + src + " -> " + dst.id}};
  if (from_asset) rule["src_assets"] = json::array({src});
  PlanAction a;
  a.kind = ActionKind::BlockFlow;
  a.phase = PlanPhase::Reach;
  a.cuts_flows = true;
  a.where = site.conduits[conduit].id;
  a.description =
      "deny traffic from " + src + " to " + dst.id + " on conduit " + a.where + " (new first rule)";
  a.closes = {src + " -> " + dst.id + " via " + a.where};
  a.cost = ctx.costs.rule_deny;
  a.iso27001 = {"A.8.20", "A.8.22"};
  a.operations = json::array({{{"op", "add-rule"}, {"conduit", a.where}, {"at", "start"}, {"rule", rule}}});
  return a;
}

// The conduit becomes a data diode from the protected zone to the attacker's side: the flows
// the protected zone initiates today (historian replication, reports) keep working and nothing
// can be initiated towards it. Proposed only when such flows exist (otherwise blocking the
// flows costs less for the same effect) and the conduit is not a diode already.
std::optional<PlanAction> diode_conduit(const Site& site, const models::SiteContext& sctx, Index conduit,
                                        Index attacker_zone, Index protected_zone, const PlanContext& ctx) {
  const models::Conduit& c = site.conduits[conduit];
  if (c.direction || attacker_zone == protected_zone) return std::nullopt;
  std::size_t kept = 0, blocked = 0;
  for (const auto& f : sctx.access.flows()) {
    if (f.conduit != conduit) continue;
    if (f.src_zone == protected_zone)
      ++kept;
    else
      ++blocked;
  }
  if (kept == 0) return std::nullopt;
  const std::string& from = site.zones[protected_zone].id;
  const std::string& to = site.zones[attacker_zone].id;
  PlanAction a;
  a.kind = ActionKind::DataDiode;
  a.phase = PlanPhase::Reach;
  a.cuts_flows = true;
  a.where = c.id;
  a.description = "replace conduit " + c.id + " by a data diode " + from + "->" + to + ": keeps the " +
                  std::to_string(kept) + " flow(s) " + from + " initiates, blocks the " +
                  std::to_string(blocked) + " towards " + from;
  a.closes = {to + " -> " + from + " via " + c.id};
  a.cost = ctx.costs.data_diode;
  a.iso27001 = {"A.8.20", "A.8.22"};
  a.operations = json::array({{{"op", "modify-conduit"},
                               {"id", c.id},
                               {"set", {{"kind", "data-diode"}, {"direction", from + "->" + to}}}}});
  return a;
}

// Only the asset's managers may reach it: within its zone (made isolated if flat) and on every
// conduit that carries traffic to it today. For an unpatchable asset this is its compensating
// control, recorded against CR 3.10 (support for updates) with a change record to fill in.
PlanAction restrict_asset(const Site& site, const models::SiteContext& sctx, Index v,
                          const PlanContext& ctx) {
  const models::Asset& dst = site.assets[v];
  const models::Zone& zone = site.zones[dst.zone];
  std::vector<Index> managers;
  for (Index m = 0; m < site.assets.size(); ++m)
    if (std::find(site.assets[m].manages.begin(), site.assets[m].manages.end(), v) !=
        site.assets[m].manages.end())
      managers.push_back(m);
  auto managers_in = [&](Index z) {
    json ids = json::array();
    for (Index m : managers)
      if (site.assets[m].zone == z) ids.push_back(site.assets[m].id);
    return ids;
  };
  json ops = json::array();
  const std::string note = "zonepath plan: only managers reach " + dst.id;
  if (zone.assets.size() > 1) {
    json allow_mgr = {{"priority", 0},
                      {"action", "allow"},
                      {"src_assets", managers_in(dst.zone)},
                      {"dst_assets", {dst.id}},
                      {"description", note}};
    json deny = {{"priority", 0}, {"action", "deny"}, {"dst_assets", {dst.id}}, {"description", note}};
    if (!zone.isolated) {
      json rules = json::array();
      if (!allow_mgr["src_assets"].empty()) rules.push_back(allow_mgr);
      rules.push_back(deny);
      rules.push_back({{"priority", 0},
                       {"action", "allow"},
                       {"description", "zonepath plan: rest of the zone stays flat"}});
      ops.push_back({{"op", "modify-zone"},
                     {"id", zone.id},
                     {"set", {{"intra_zone", "isolated"}, {"intra_rules", rules}}}});
    } else {
      ops.push_back({{"op", "add-rule"}, {"zone", zone.id}, {"at", "start"}, {"rule", deny}});
      if (!allow_mgr["src_assets"].empty())
        ops.push_back({{"op", "add-rule"}, {"zone", zone.id}, {"at", "start"}, {"rule", allow_mgr}});
    }
  }
  std::set<Index> conduits;
  for (const auto& f : sctx.access.flows())
    if (f.dst_asset == v && f.conduit != kNone) conduits.insert(f.conduit);
  for (Index c : conduits) {
    const models::Conduit& conduit = site.conduits[c];
    Index other = conduit.zones[0] == dst.zone ? conduit.zones[1] : conduit.zones[0];
    bool bare = conduit.rules.empty(); // a bare diode passes everything in its direction
    ops.push_back({{"op", "add-rule"},
                   {"conduit", conduit.id},
                   {"at", "start"},
                   {"rule",
                    {{"priority", 0},
                     {"action", "deny"},
                     {"from", "*"},
                     {"to", zone.id},
                     {"dst_assets", {dst.id}},
                     {"description", note}}}});
    json mgr = managers_in(other);
    if (!mgr.empty())
      ops.push_back({{"op", "add-rule"},
                     {"conduit", conduit.id},
                     {"at", "start"},
                     {"rule",
                      {{"priority", 0},
                       {"action", "allow"},
                       {"from", site.zones[other].id},
                       {"to", zone.id},
                       {"src_assets", mgr},
                       {"dst_assets", {dst.id}},
                       {"description", note}}}});
    if (bare)
      ops.push_back({{"op", "add-rule"},
                     {"conduit", conduit.id},
                     {"rule",
                      {{"priority", 1000000000},
                       {"action", "allow"},
                       {"from", "*"},
                       {"to", "*"},
                       {"description", "zonepath plan: keeps the bare conduit's other traffic"}}}});
  }
  PlanAction a;
  a.phase = PlanPhase::Reach;
  a.cuts_flows = true;
  a.where = dst.id;
  a.closes = {"access to " + dst.id + " from hosts that do not manage it"};
  if (dst.patchable) {
    a.kind = ActionKind::RestrictAccess;
    a.description = "restrict access to " + dst.id + " to its managing hosts";
    a.cost = ctx.costs.restrict_access;
    a.iso27001 = {"A.8.20", "A.8.22"};
  } else {
    a.kind = ActionKind::CompensatingControl;
    a.description =
        "compensating control for unpatchable " + dst.id + ": only its managing hosts may reach it";
    a.cost = ctx.costs.compensating_control;
    for (const auto& vuln : dst.vulnerabilities) a.closes.push_back(vuln.id);
    a.iso27001 = merged({models::iso27001_for("compensating"), models::iso27001_for("patch"), {"A.8.22"}});
    ops.push_back({{"op", "add-compensating"},
                   {"target", dst.id},
                   {"requirements", {"CR 3.10"}},
                   {"control", "network allow-list: only managing hosts reach the asset (cannot be patched)"},
                   {"status", "proposed"}});
  }
  a.operations = std::move(ops);
  return a;
}

PlanAction patch_asset(const Site& site, Index v, const PlanContext& ctx) {
  const models::Asset& dst = site.assets[v];
  PlanAction a;
  a.kind = ActionKind::Patch;
  a.phase = PlanPhase::Reach;
  a.where = dst.id;
  std::string ids;
  for (const auto& vuln : dst.vulnerabilities) {
    a.closes.push_back(vuln.id);
    ids += (ids.empty() ? "" : ", ") + vuln.id;
  }
  a.description = "patch " + dst.id + " (" + ids + ")";
  a.cost = ctx.costs.patch_cost(dst.legacy);
  a.iso27001 = models::iso27001_for("patch");
  a.operations = json::array({{{"op", "patch"}, {"asset", dst.id}}});
  return a;
}

} // namespace

namespace {

// Candidates for one actor's attack graph: its minimum cut towards the jewels still over their
// line for that actor (`unmet`), each cut step giving the actions that act on it.
void actor_candidates(const PlanContext& ctx, const Site& site, const models::SiteContext& sctx,
                      const models::ThreatActor& actor, const std::vector<Index>& unmet,
                      std::vector<PlanAction>& out, std::set<std::string>& seen) {
  models::SiteGraph sg = models::build_site_graph(sctx, actor);
  const AttackGraph& g = sg.graph;

  // One edge per (from, to, via), costed by the cheapest action that removes it.
  AttackGraphBuilder b;
  for (NodeId v = 0; v < g.node_count(); ++v) b.add_node(NodeSpec{g.name(v), g.kind(v), g.prior(v)});
  std::map<std::tuple<NodeId, NodeId, std::string_view>, std::set<std::string>> techniques;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    std::map<std::pair<NodeId, std::string_view>, double> groups;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      NodeId v = g.to(e);
      double cost = kUncuttable;
      if (!sg.is_zone(v) && g.technique(e) != "T0843") {
        const models::Asset& asset = site.assets[sg.asset_of(v)];
        cost = asset_action_cost(ctx, asset);
        if (site.conduit_index(std::string(g.via(e))) != kNone) cost = std::min(cost, ctx.costs.rule_deny);
      }
      auto [it, fresh] = groups.try_emplace({v, g.via(e)}, cost);
      if (!fresh) it->second = std::min(it->second, cost);
      techniques[{u, v, g.via(e)}].insert(std::string(g.technique(e)));
    }
    for (const auto& [key, cost] : groups) {
      EdgeSpec e;
      e.from = u;
      e.to = key.first;
      e.via = key.second;
      e.cost = cost;
      b.add_edge(std::move(e));
    }
  }
  AttackGraph cg = b.build();
  std::vector<NodeId> targets;
  for (Index a : unmet) {
    NodeId t = sg.asset_node(a);
    if (std::find(sg.sources.begin(), sg.sources.end(), t) == sg.sources.end()) targets.push_back(t);
  }
  if (targets.empty()) return;
  MinCutOptions mo;
  mo.cancel = ctx.options.cancel;
  MinCutResult cut = min_cut(cg, sg.sources, targets, mo);

  auto add = [&](PlanAction a, const std::string& key) {
    if (seen.insert(key).second) out.push_back(std::move(a));
  };
  for (EdgeId e : cut.edges) {
    if (cg.cost(e) >= kUncuttable) continue;
    NodeId u = cg.from(e), v = cg.to(e);
    Index asset = sg.asset_of(v);
    Index conduit = site.conduit_index(std::string(cg.via(e)));
    if (conduit != kNone) {
      add(block_flow(site, sg, u, asset, conduit, ctx),
          "block|" + std::string(cg.via(e)) + "|" + cg.name(u) + "|" + cg.name(v));
      // One diode candidate per conduit: many cut steps cross the same one, and deciding it scans
      // the whole access map.
      std::string diode_key = "diode|" + site.conduits[conduit].id;
      if (!seen.count(diode_key))
        if (auto d = diode_conduit(site, sctx, conduit, zone_of(site, sg, u), site.assets[asset].zone, ctx))
          add(std::move(*d), diode_key);
    }
    add(restrict_asset(site, sctx, asset, ctx), "asset|" + cg.name(v));
    if (site.assets[asset].patchable && !site.assets[asset].vulnerabilities.empty())
      add(patch_asset(site, asset, ctx), "patch|" + cg.name(v));
    const auto& used = techniques[{u, v, cg.via(e)}];
    StepOnCut step{asset, conduit, {used.begin(), used.end()}};
    for (PlanAction& h : hardening_candidates(ctx, site, sctx, step)) {
      std::string key = to_string(h.kind) + "|" + h.where;
      add(std::move(h), key);
    }
  }
}

} // namespace

std::vector<PlanAction> reach_candidates(const PlanContext& ctx, const Site& site, const Evaluation& now) {
  models::SiteContext sctx = models::SiteContext::make(site, {.as_of = ctx.options.as_of});
  std::vector<PlanAction> out;
  std::set<std::string> seen;
  const std::size_t jewels = ctx.jewels.size();
  for (std::size_t t = 0; t < ctx.threats.size(); ++t) {
    std::vector<Index> unmet;
    for (std::size_t j = 0; j < jewels; ++j)
      if (!under(now.reach[t * jewels + j], ctx.threshold[t * jewels + j]))
        unmet.push_back(site.asset_index(ctx.jewels[j]));
    if (unmet.empty()) continue;
    actor_candidates(ctx, site, sctx, site.threat_actors[site.threat_index(ctx.threats[t])], unmet, out,
                     seen);
  }
  return out;
}

} // namespace zonepath::scenarios::detail
