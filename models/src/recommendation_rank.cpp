// Ranks recommendations by what they verifiably buy. Each action that changes a computed
// quantity (a patch, a compensating control that stops an exploit, a zone's or conduit's missing
// requirements) is applied to a copy of the site and the actors' most likely paths are computed
// again; the drop in severity-weighted exposure is its risk reduction. Verified reductions come
// first (by reduction per cost, the safety zones' share counted twice), then critical and high
// findings, then the rest; finally the list is grouped by the
// asset, conduit or zone each item touches, groups in the order of their best item.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "analysis_internal.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/models/consequence_model.hpp"

namespace zonepath::models::detail {

namespace {

// Weight of an actor's exposure by its likelihood of initiation: the midpoints of the
// semi-quantitative ranges of NIST SP 800-30 Rev. 1 Table G-2 (very low 0-4 .. very high
// 96-100); 1 when the actor does not state it (as the risk does: it then assumes the attack).
constexpr std::array<double, 6> kInitiationWeight{1.0, 0.02, 0.125, 0.5, 0.875, 0.98};

// One actor's share of the exposure, and the zones and assets its most likely paths to exposed
// zones pass through: an item that touches none of them cannot change the share.
struct ActorExposure {
  std::vector<double> zone; // per zone: severity x initiation weight x P(most likely path)
  std::vector<bool> zone_on_path, asset_on_path;
  std::size_t edges = 0; // attack-graph edges built to compute it
};

struct Exposure {
  std::vector<ActorExposure> actors; // in the order of RankContext::threats
  std::vector<double> zone;          // per zone: the actors' shares summed in actor order
  double total = 0, safety = 0;
  std::size_t edges = 0;
};

constexpr std::size_t kRerunBaselines = 8, kMinRerunEdges = 1'000'000;

struct RankContext {
  const Site& site;
  SiteContextOptions context_options;
  std::vector<Index> threats;
  std::vector<double> severity;  // per zone: the highest severity of its consequence
  std::vector<bool> safety_zone; // per zone: safety consequence at the crown-jewel threshold
  const CancelToken* cancel = nullptr;
};

RankContext make_context(const Site& site, const AnalysisOptions& opt, const ConsequenceModel& model,
                         const Report& report) {
  RankContext rc{site, {}, {}, {}, {}, opt.cancel};
  rc.context_options.as_of = opt.as_of;
  for (const ThreatSummary& t : report.threats) rc.threats.push_back(site.threat_index(t.id));
  const auto safety = static_cast<std::size_t>(Dimension::Safety);
  for (Index z = 0; z < site.zones.size(); ++z) {
    const Consequence c = zone_consequence(site, z);
    rc.severity.push_back(ConsequenceModel::max_severity(c));
    rc.safety_zone.push_back(model.crown_jewel_min[safety] > 0 &&
                             c.severity[safety] >= model.crown_jewel_min[safety]);
  }
  return rc;
}

// Marks the zones and assets on the best path to v (its network node or asset nodes).
void mark_path(const SiteGraph& sg, const ShortestPathTree& tree, const Site& site, NodeId v,
               ActorExposure& out) {
  for (NodeId u : tree.path_nodes(sg.graph, v)) {
    if (sg.is_zone(u)) {
      out.zone_on_path[u] = true;
    } else if (u >= sg.zone_count && sg.asset_of(u) < site.assets.size()) {
      out.asset_on_path[sg.asset_of(u)] = true;
      out.zone_on_path[site.assets[sg.asset_of(u)].zone] = true;
    }
  }
}

// Actor `t`'s share of the exposure in `ctx`.
ActorExposure actor_exposure(const RankContext& rc, const SiteContext& ctx, Index t) {
  if (rc.cancel) rc.cancel->throw_if_cancelled();
  const Site& site = *ctx.site;
  const ThreatActor& actor = site.threat_actors[t];
  const SiteGraph sg = build_site_graph(ctx, actor);
  ActorExposure out;
  out.edges = sg.graph.edge_count();
  out.zone.assign(site.zones.size(), 0.0);
  out.zone_on_path.assign(site.zones.size(), false);
  out.asset_on_path.assign(site.assets.size(), false);
  ShortestPathOptions so;
  so.cancel = rc.cancel;
  const ShortestPathTree tree = shortest_paths_from(sg.graph, sg.sources, so);
  const double weight = kInitiationWeight[static_cast<std::size_t>(std::clamp(actor.initiation, 0, 5))];
  for (Index z = 0; z < site.zones.size(); ++z) {
    const NodeId v = sg.zone_node(z);
    if (!tree.reached(v)) continue;
    out.zone[z] = rc.severity[z] * weight * std::exp(-tree.dist[v]);
    if (out.zone[z] > 0) mark_path(sg, tree, site, v, out);
  }
  return out;
}

// The site's exposure from its actors' shares.
Exposure combine(const RankContext& rc, std::vector<ActorExposure> actors) {
  Exposure e;
  e.zone.assign(rc.site.zones.size(), 0.0);
  for (const ActorExposure& a : actors) {
    for (Index z = 0; z < e.zone.size(); ++z) e.zone[z] += a.zone[z];
    e.edges += a.edges;
  }
  for (Index z = 0; z < e.zone.size(); ++z) {
    e.total += e.zone[z];
    if (rc.safety_zone[z]) e.safety += e.zone[z];
  }
  e.actors = std::move(actors);
  return e;
}

// The exposure in `ctx`; nullopt once the graphs built pass `edge_cap` edges.
std::optional<Exposure> exposure_in(const RankContext& rc, const SiteContext& ctx, std::size_t edge_cap) {
  std::vector<ActorExposure> actors;
  std::size_t edges = 0;
  for (Index t : rc.threats) {
    actors.push_back(actor_exposure(rc, ctx, t));
    edges += actors.back().edges;
    if (edges > edge_cap) return std::nullopt;
  }
  return combine(rc, std::move(actors));
}

// Whether the item touches a zone or asset on one of the actor's most likely paths. Site graphs
// have OR nodes only, so a best path's length depends on its own edges alone; an item weakens
// or removes only steps into or out of what it touches (a patch: steps into the asset; a zone's
// requirements: steps into the zone and across its conduits; a conduit's: steps across it).
// Every other step keeps its probability and every path only gets longer, so an actor whose
// best paths touch nothing of the item keeps its exact share.
bool touches(const Site& site, const Recommendation& r, const ActorExposure& a) {
  switch (r.scope) {
  case RecommendationScope::Asset:
    return a.asset_on_path[site.asset_index(r.where)];
  case RecommendationScope::Conduit: {
    const Conduit& c = site.conduits[site.conduit_index(r.where)];
    return a.zone_on_path[c.zones[0]] || a.zone_on_path[c.zones[1]];
  }
  case RecommendationScope::Zone:
    return a.zone_on_path[site.zone_index(r.where)];
  }
  return true;
}

// A zone's or conduit's requirements `ids` recorded as met: records that say otherwise go.
template <class Owner> void record_met(Owner& owner, const std::vector<std::string>& ids) {
  std::erase_if(owner.requirements, [&](const RequirementRecord& r) {
    return std::find(ids.begin(), ids.end(), r.id) != ids.end();
  });
  owner.countermeasures.insert(owner.countermeasures.end(), ids.begin(), ids.end());
}

// The site with the recommendation carried out, or nullopt when no computed quantity models it.
std::optional<Site> applied(const Site& site, const Recommendation& r) {
  switch (r.kind) {
  case RecommendationKind::Patch:
  case RecommendationKind::CompensatingControl: {
    Site out = site;
    Asset& a = out.assets[out.asset_index(r.where)];
    std::erase_if(a.vulnerabilities, [&](const Vulnerability& v) { return v.id == r.closes.front(); });
    return out;
  }
  case RecommendationKind::ZoneRequirements: {
    Site out = site;
    record_met(out.zones[out.zone_index(r.where)], r.closes);
    return out;
  }
  case RecommendationKind::ConduitRequirements: {
    Site out = site;
    record_met(out.conduits[out.conduit_index(r.where)], r.closes);
    return out;
  }
  case RecommendationKind::CompensateCapability:
  case RecommendationKind::Finding:
    return std::nullopt;
  }
  return std::nullopt;
}

// The zones an item touches, to verify first the items where the exposure is.
double exposure_touched(const Site& site, const Recommendation& r, const Exposure& base) {
  switch (r.scope) {
  case RecommendationScope::Asset:
    return base.zone[site.assets[site.asset_index(r.where)].zone];
  case RecommendationScope::Conduit: {
    const Conduit& c = site.conduits[site.conduit_index(r.where)];
    return std::max(base.zone[c.zones[0]], base.zone[c.zones[1]]);
  }
  case RecommendationScope::Zone:
    return base.zone[site.zone_index(r.where)];
  }
  return 0;
}

void verify(const RankContext& rc, const SiteContext& ctx, const AnalysisOptions& opt,
            std::vector<Recommendation>& recs) {
  if (opt.recommendation_edge_budget == 0 || rc.threats.empty()) return;
  // The analysis's own context; a baseline past half the budget leaves no room for one re-run.
  const std::optional<Exposure> measured = exposure_in(rc, ctx, opt.recommendation_edge_budget / 2);
  if (!measured) return;
  const Exposure& base = *measured;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < recs.size(); ++i)
    if (recs[i].kind != RecommendationKind::Finding &&
        recs[i].kind != RecommendationKind::CompensateCapability)
      order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return exposure_touched(rc.site, recs[a], base) > exposure_touched(rc.site, recs[b], base);
  });
  // The items within the budget, each with the actors whose shares it may change (cost: the
  // edges their graphs take to build again), chosen in order before any runs.
  struct Rerun {
    std::size_t item;
    std::vector<bool> again;
  };
  std::vector<Rerun> reruns;
  // Re-runs cost at most eight baselines (at least a million edges, so that small plants are
  // verified whole), within the budget: ranking stays a fraction of what the Monte Carlo
  // simulation spends on the same graphs (two passes of every actor, a thousand samples each).
  const std::size_t budget =
      std::min(opt.recommendation_edge_budget, std::max(kMinRerunEdges, kRerunBaselines * base.edges));
  std::size_t spent = base.edges;
  for (std::size_t i : order) {
    Rerun r{i, std::vector<bool>(rc.threats.size(), false)};
    std::size_t cost = 0;
    for (std::size_t t = 0; t < rc.threats.size(); ++t)
      if (touches(rc.site, recs[i], base.actors[t])) {
        r.again[t] = true;
        cost += base.actors[t].edges;
      }
    if (spent + cost > budget) continue; // left unverified; cheaper ones go on
    spent += cost;
    recs[i].risk_reduction = 0.0; // touches no best path: changes nothing
    recs[i].safety_reduction = 0.0;
    if (cost > 0) reruns.push_back(std::move(r));
  }
  // Independent re-runs, each written only to its own item: the same for any thread count.
  const ProgressPhase phase(opt.progress, "recommendations", reruns.size());
  ParallelOptions par;
  par.serial_below = 2;
  par.grain = 1;
  parallel_for_range(
      reruns.size(),
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
          Recommendation& rec = recs[reruns[k].item];
          const std::optional<Site> after = applied(rc.site, rec); // every kind in `order` applies
          const SiteContext ctx_after = SiteContext::make(*after, rc.context_options);
          std::vector<ActorExposure> actors;
          for (std::size_t t = 0; t < rc.threats.size(); ++t)
            actors.push_back(reruns[k].again[t] ? actor_exposure(rc, ctx_after, rc.threats[t])
                                                : base.actors[t]);
          const Exposure e = combine(rc, std::move(actors));
          // Below rounding, an action changes nothing: a zero, not a sign-flipped epsilon.
          auto drop = [](double before, double now) { return before - now > 1e-12 ? before - now : 0.0; };
          rec.risk_reduction = drop(base.total, e.total);
          rec.safety_reduction = drop(base.safety, e.safety);
          phase.advance();
        }
      },
      par);
}

// Tiers of the order: 0 verified benefit, 1 high or critical finding, 2 the rest.
int tier(const Recommendation& r) {
  if (r.risk_reduction && *r.risk_reduction > 0) return 0;
  if (r.finding_severity && *r.finding_severity >= Severity::High) return 1;
  return 2;
}

// Reduction per cost with the safety zones' share counted twice: safety first, yet a cheap
// measure that closes much of the exposure is not buried under costly ones that trim a little.
double priority(const Recommendation& r) {
  return (*r.risk_reduction + r.safety_reduction) / std::max(r.cost, 1e-9);
}

bool ranks_before(const Recommendation& a, const Recommendation& b) {
  const int ta = tier(a), tb = tier(b);
  if (ta != tb) return ta < tb;
  if (ta == 0) {
    const double pa = priority(a), pb = priority(b);
    if (pa != pb) return pa > pb;
    if (a.safety_reduction != b.safety_reduction) return a.safety_reduction > b.safety_reduction;
    return a.cost < b.cost;
  }
  const int fa = a.finding_severity ? static_cast<int>(*a.finding_severity) + 1 : 0;
  const int fb = b.finding_severity ? static_cast<int>(*b.finding_severity) + 1 : 0;
  return fa > fb;
}

} // namespace

std::vector<Recommendation> rank_recommendations(const Site& site, const AnalysisOptions& opt,
                                                 const SiteContext& ctx, const ConsequenceModel& consequence,
                                                 const Report& report, std::vector<Recommendation> recs) {
  verify(make_context(site, opt, consequence, report), ctx, opt, recs);
  std::vector<std::size_t> rank(recs.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::stable_sort(rank.begin(), rank.end(),
                   [&](std::size_t a, std::size_t b) { return ranks_before(recs[a], recs[b]); });
  // Groups in the order of their best item; items of a group in rank order.
  std::map<std::pair<RecommendationScope, std::string>, std::size_t> group_of;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i : rank) {
    auto [it, fresh] = group_of.try_emplace({recs[i].scope, recs[i].where}, groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  std::vector<Recommendation> out;
  out.reserve(recs.size());
  for (const auto& g : groups)
    for (std::size_t i : g) out.push_back(std::move(recs[i]));
  return out;
}

} // namespace zonepath::models::detail
