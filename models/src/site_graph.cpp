#include "zonepath/models/site_graph.hpp"

#include <algorithm>
#include <unordered_map>

#include "zonepath/core/parallel.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_protocols.hpp"
#include "zonepath/models/consequence_model.hpp"

namespace zonepath::models {

namespace {

// What a step across a conduit meets besides the defence levels (docs/threat-model.md).
struct Crossing {
  Index conduit = kNone;  // kNone: a step inside a zone or off the network
  bool ruled = false;     // a rule allowed it: that rule is the FR5 decision, not counted again
  bool diode = false;     // a data diode: only one-way means pass, over UDP
  bool udp = false;       // the service's transport
  bool read_only = false; // an inspected read-only rule on a protocol with function classes
};

Crossing crossing_of(const Site& site, const Flow& f, const Service& service) {
  Crossing x;
  if (f.conduit == kNone) return x;
  const Conduit& conduit = site.conduits[f.conduit];
  const Rule* rule = AccessMap::rule_of(site, f);
  x.conduit = f.conduit;
  x.ruled = rule != nullptr;
  x.diode = conduit.direction.has_value();
  x.udp = service.transport == Transport::Udp;
  x.read_only = rule && rule->read_only() && conduit.inspection && protocol_knows_functions(service.protocol);
  return x;
}

// Physics and protocol enforcement: an interactive step cannot complete a handshake through a
// diode, and a command cannot pass an inspected read-only rule.
bool passes(const MeansParams& m, const Crossing& x) {
  if (x.diode && !(m.one_way && x.udp)) return false;
  return !(x.read_only && m.command);
}

// Hosts where a person works and could open a lure.
bool user_operated(const Asset& asset) {
  static constexpr std::array<std::string_view, 5> kTypes = {"workstation", "engineering-workstation", "hmi",
                                                             "jump-host", "mobile"};
  return std::find(kTypes.begin(), kTypes.end(), asset.type) != kTypes.end();
}

struct StepBuilder {
  const SiteContext& ctx;
  int tier;

  // Chance that the tier beats the defences on a step into `dst_zone` across `x`.
  double defence_factor(Means means, Index dst_zone, const Crossing& x) const {
    const auto& model = ctx.threat_model;
    const auto m = static_cast<std::size_t>(means);
    double f = model.defeat(tier, ctx.defence.zones[dst_zone][m]);
    if (x.conduit != kNone)
      f *= model.defeat(tier, (x.ruled ? ctx.defence.conduits : ctx.defence.conduits_no_rule)[x.conduit][m]);
    return f;
  }

  void add(AttackGraphBuilder& out, Means means, NodeId from, NodeId to, Index dst_zone, const Crossing& x,
           const std::string& via, bool external, double base_p, double time_scale, StepDetailRef detail = {},
           std::string_view technique = {}) const {
    const MeansParams& m = ctx.threat_model[means];
    if (!passes(m, x)) return;
    double f = defence_factor(means, dst_zone, x);
    double p = std::clamp(base_p * f, 0.0, 1.0);
    if (p <= 0) return;
    double k = std::min(ctx.threat_model.max_time_scale, time_scale / std::max(f, 1e-9));
    EdgeSpec e;
    e.from = from;
    e.to = to;
    e.p = p;
    e.ttc = scale_ttc(m.ttc, k);
    e.technique = !technique.empty()                          ? technique
                  : external && !m.technique_external.empty() ? m.technique_external
                                                              : m.technique;
    e.via = via;
    e.detail = detail;
    e.detail.means = means_name(means);
    out.add_edge(e);
  }

  // Every means by which an attacker who can reach `service` of `asset` may take the asset.
  void service_steps(AttackGraphBuilder& out, NodeId from, NodeId to, const Asset& asset,
                     const Service& service, const Crossing& x, const std::string& via, bool external) const {
    const auto& model = ctx.threat_model;
    Index z = asset.zone;
    const Protocol* proto = find_protocol(service.protocol);
    NativeAuth auth = proto ? proto->auth : NativeAuth::Yes;
    bool authenticated = service.authenticated ? *service.authenticated : auth == NativeAuth::Yes;
    bool industrial = proto && proto->industrial;
    StepDetailRef used;
    used.service = service.protocol;
    used.port = service.port; // the loader fills in the catalog port when the file gives none
    for (const auto& v : asset.vulnerabilities) {
      if (!v.service.empty() && v.service != service.protocol) continue;
      // Denial of service (C:N/I:N) stops the service but gives no foothold to go on from.
      if (v.availability_only) continue;
      double full = model[Means::KnownVulnerability].exploitability_full;
      double ratio = std::clamp(v.exploitability / full, 0.0, 1.0);
      // A vulnerability that needs a user (UI:R) needs someone at the host and a lure the tier
      // can craft: T0863 User Execution instead of a remote exploit.
      const bool lure = v.user_interaction;
      if (lure && !user_operated(asset)) continue;
      const double reach =
          lure ? ratio * model[Means::KnownVulnerability].user_interaction_by_tier[tier - 1] : ratio;
      if (reach <= 0) continue;
      StepDetailRef exploit = used;
      exploit.vulnerability = v.id;
      add(out, Means::KnownVulnerability, from, to, z, x, via, external, reach, 1.0 / reach, exploit,
          lure ? "T0863" : "");
    }
    if (!authenticated && (industrial || !proto))
      add(out, Means::UnauthenticatedProtocol, from, to, z, x, via, external,
          model[Means::UnauthenticatedProtocol].base_p, 1.0, used);
    if (service.default_credentials)
      add(out, Means::DefaultCredentials, from, to, z, x, via, external,
          model[Means::DefaultCredentials].base_p, 1.0, used);
    const AssetType* type = find_asset_type(asset.type);
    bool remote = (proto && proto->remote_service) || (external && type && type->name == "vpn-server");
    // Logins that exist (natively or optionally, as on most web and file services) can be
    // abused with stolen accounts; industrial protocols without one are covered above.
    bool has_login = service.authenticated ? *service.authenticated : auth != NativeAuth::None;
    if (remote)
      add(out, Means::RemoteService, from, to, z, x, via, external, model[Means::RemoteService].base_p, 1.0,
          used);
    else if (has_login && (authenticated || !industrial))
      add(out, Means::ValidAccounts, from, to, z, x, via, external, model[Means::ValidAccounts].base_p, 1.0,
          used);
    add(out, Means::GenericExploit, from, to, z, x, via, external,
        model[Means::GenericExploit].base_p_by_tier[tier - 1], 1.0, used);
  }
};

// The highest level at which one of the means' controls counts in `ra`: each at most its own
// IEC 62443-3-3 level (MFA for untrusted networks is an SL3 enhancement).
int control_level(const MeansParams& m, const RequirementAssessment& ra) {
  int level = 0;
  for (const auto& id : m.controls)
    if (const AssessedRequirement* r = ra.find(id); r && r->counts_up_to > 0)
      level = std::max(level, std::min(r->counts_up_to, r->requirement->min_sl));
  return level;
}

std::array<std::uint8_t, kMeansCount> means_levels(const ThreatModel& model, const SlAssessment& sl,
                                                   const RequirementAssessment& ra) {
  std::array<std::uint8_t, kMeansCount> out{};
  for (int i = 0; i < kMeansCount; ++i) {
    const MeansParams& m = model.means[static_cast<std::size_t>(i)];
    int level = control_level(m, ra);
    for (int fr : m.frs) level = std::max<int>(level, sl.sl_a[static_cast<std::size_t>(fr - 1)]);
    out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(level);
  }
  return out;
}

DefenceLevels defence_levels(const Site& site, const SiteAssessment& assessment, const SecurityLevels& levels,
                             const ThreatModel& model) {
  DefenceLevels d;
  d.zones.assign(site.zones.size(), {});
  d.conduits.assign(site.conduits.size(), {});
  d.conduits_no_rule.assign(site.conduits.size(), {});
  if (assessment.zones.size() != site.zones.size()) return d; // unmitigated: no defence anywhere
  for (Index z = 0; z < site.zones.size(); ++z)
    d.zones[z] = means_levels(model, levels.zones[z], assessment.zones[z]);
  for (Index c = 0; c < site.conduits.size(); ++c) {
    d.conduits[c] = means_levels(model, levels.conduits[c], assessment.conduits[c]);
    auto fr5 = levels.conduits[c].sl_a[static_cast<std::size_t>(model.conduit_fr - 1)];
    for (int i = 0; i < kMeansCount; ++i)
      d.conduits_no_rule[c][static_cast<std::size_t>(i)] =
          std::max(d.conduits[c][static_cast<std::size_t>(i)], fr5);
  }
  return d;
}

} // namespace

bool is_external_zone(const Zone& zone) {
  const ZoneKind* kind = find_zone_kind(zone.kind);
  return kind && kind->external;
}

SiteContext SiteContext::make(const Site& site, const SiteContextOptions& options) {
  SiteContext ctx;
  ctx.site = &site;
  ctx.as_of = options.as_of ? options.as_of : site.as_of;
  ctx.threat_model = load_threat_model(site.threat_model);
  if (options.unmitigated) {
    ctx.access = AccessMap::compute(site, AccessScope::Unrestricted, ctx.as_of);
    ctx.levels.zones.assign(site.zones.size(), SlAssessment{});
    ctx.levels.conduits.assign(site.conduits.size(), SlAssessment{});
    ctx.defence = defence_levels(site, ctx.assessment, ctx.levels, ctx.threat_model);
    return ctx;
  }
  ctx.access = AccessMap::compute(site, AccessScope::Rules, ctx.as_of);
  ctx.assessment = assess_requirements(site, ctx.as_of);
  ctx.levels = compute_security_levels(site, ctx.assessment,
                                       load_consequence_model(site.consequence_model).capability);
  ctx.defence = defence_levels(site, ctx.assessment, ctx.levels, ctx.threat_model);
  return ctx;
}

namespace {

// Hosts that run an operating system a USB stick or a laptop's files can reach.
bool takes_removable_media(const Asset& asset) {
  const AssetType* type = find_asset_type(asset.type);
  return !type || type->component == ComponentType::HDR || type->component == ComponentType::SAR;
}

// The actor's off-network steps: into the networks of the zones it can walk into and onto the
// hosts of the zones it can bring media to.
void add_outside_steps(const SiteContext& ctx, const ThreatActor& actor, SiteGraph& sg,
                       AttackGraphBuilder& builder) {
  const Site& site = *ctx.site;
  StepBuilder steps{ctx, actor.sophistication};
  const auto& physical = ctx.threat_model[Means::PhysicalAccess];
  for (Index z : actor.physical_access)
    steps.add(builder, Means::PhysicalAccess, sg.outside, sg.zone_node(z), z, Crossing{}, site.zones[z].id,
              false, physical.base_p, 1.0);
  const auto& media = ctx.threat_model[Means::RemovableMedia];
  for (Index z : actor.removable_media)
    for (Index a : site.zones[z].assets)
      if (takes_removable_media(site.assets[a]) && in_force(site.assets[a].temporary, ctx.as_of))
        steps.add(builder, Means::RemovableMedia, sg.outside, sg.asset_node(a), z, Crossing{},
                  site.zones[z].id, false, media.base_p, 1.0);
}

} // namespace

SiteGraph build_site_graph(const SiteContext& ctx, const ThreatActor& actor) {
  const Site& site = *ctx.site;
  SiteGraph sg;
  sg.zone_count = site.zones.size();
  AttackGraphBuilder builder;
  const auto& flows = ctx.access.flows();
  builder.reserve(site.zones.size() + site.assets.size(), site.assets.size());
  for (const Zone& z : site.zones) builder.add_node(NodeSpec{z.id, NodeKind::Or, 1.0});
  for (const Asset& a : site.assets) builder.add_node(NodeSpec{a.id, NodeKind::Or, 1.0});
  const bool off_network = !actor.physical_access.empty() || !actor.removable_media.empty();
  if (off_network) sg.outside = builder.add_node(NodeSpec{"outside:" + actor.id, NodeKind::Or, 1.0});
  sg.waypoint.assign(site.zones.size() + site.assets.size() + (off_network ? 1 : 0), 0);
  std::fill(sg.waypoint.begin(), sg.waypoint.begin() + static_cast<std::ptrdiff_t>(site.zones.size()), 1);

  StepBuilder steps{ctx, actor.sophistication};
  const auto& access_params = ctx.threat_model[Means::NetworkAccess];
  // Holding an asset gives the network of each zone it has an interface in: a dual-homed host
  // bridges its zones without any conduit.
  for (Index a = 0; a < site.assets.size(); ++a) {
    if (!in_force(site.assets[a].temporary, ctx.as_of)) continue; // not connected: no network
    auto network_access = [&](Index z) {
      EdgeSpec e;
      e.from = sg.asset_node(a);
      e.to = sg.zone_node(z);
      e.p = access_params.base_p;
      e.ttc = access_params.ttc;
      e.technique = access_params.technique;
      e.via = site.zones[z].id;
      builder.add_edge(std::move(e));
    };
    network_access(site.assets[a].zone);
    for (Index z : site.assets[a].extra_zones) network_access(z);
  }

  // Service steps, in parallel over chunks of flows; chunks are appended in order.
  constexpr std::size_t kChunk = 4096;
  std::size_t chunks = (flows.size() + kChunk - 1) / kChunk;
  std::vector<AttackGraphBuilder> parts(chunks);
  parallel_for_each_index(
      chunks,
      [&](std::size_t c) {
        for (std::size_t i = c * kChunk; i < std::min(flows.size(), (c + 1) * kChunk); ++i) {
          const Flow& f = flows[i];
          NodeId from = f.src_asset != kNone ? sg.asset_node(f.src_asset) : sg.zone_node(f.src_zone);
          if (f.src_asset == f.dst_asset && f.src_asset != kNone) continue;
          const Asset& dst = site.assets[f.dst_asset];
          const std::string& via =
              f.conduit != kNone ? site.conduits[f.conduit].id : site.zones[f.src_zone].id;
          const Service& service = dst.services[f.service];
          steps.service_steps(parts[c], from, sg.asset_node(f.dst_asset), dst, service,
                              crossing_of(site, f, service), via, is_external_zone(site.zones[f.src_zone]));
        }
        parts[c].shrink_to_fit(); // the parts wait together: their spare room would add up
      },
      ParallelOptions{2, 1});
  for (auto& part : parts) builder.append_edges(std::move(part));

  // `manages`: legitimate control wherever the manager can reach one of the managed asset's
  // services; the first allowing flow (in access-map order) names the conduit crossed.
  std::unordered_map<Index, std::vector<Index>> managed_by;
  for (Index m = 0; m < site.assets.size(); ++m)
    for (Index t : site.assets[m].manages) managed_by[t].push_back(m);
  std::vector<std::pair<std::pair<Index, Index>, const Flow*>> control;
  const auto& pd = ctx.threat_model[Means::ProgramDownload];
  if (!managed_by.empty()) {
    std::unordered_map<std::uint64_t, const Flow*> first;
    for (const Flow& f : flows) {
      auto it = managed_by.find(f.dst_asset);
      if (it == managed_by.end()) continue;
      // A download needs a session and write functions: not through a diode or an inspected
      // read-only rule.
      if (!passes(pd, crossing_of(site, f, site.assets[f.dst_asset].services[f.service]))) continue;
      for (Index m : it->second) {
        bool from_m = f.src_asset == m || (f.src_asset == kNone && site.in_zone(m, f.src_zone));
        if (!from_m) continue;
        std::uint64_t key = (std::uint64_t(m) << 32) | f.dst_asset;
        if (first.emplace(key, &f).second) control.push_back({{m, f.dst_asset}, &f});
      }
    }
    std::sort(control.begin(), control.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [pair, f] : control) {
      const std::string& via =
          f->conduit != kNone ? site.conduits[f->conduit].id : site.zones[f->src_zone].id;
      steps.add(builder, Means::ProgramDownload, sg.asset_node(pair.first), sg.asset_node(pair.second),
                site.assets[pair.second].zone,
                crossing_of(site, *f, site.assets[f->dst_asset].services[f->service]), via, false, pd.base_p,
                1.0);
    }
  }

  if (off_network) {
    add_outside_steps(ctx, actor, sg, builder);
    sg.sources.push_back(sg.outside);
  }
  for (const StartPoint& s : actor.starts) {
    NodeId v = s.is_asset ? sg.asset_node(s.index) : sg.zone_node(s.index);
    if (std::find(sg.sources.begin(), sg.sources.end(), v) == sg.sources.end()) sg.sources.push_back(v);
  }
  sg.graph = builder.build();
  return sg;
}

namespace {

std::string jewel_reason(const Site& site, Index a, const ConsequenceModel& model) {
  Consequence c = site.effective_consequence(a);
  std::vector<std::pair<int, int>> hits; // (severity, dimension)
  for (int d = 0; d < kDimensionCount; ++d) {
    int min = model.crown_jewel_min[static_cast<std::size_t>(d)];
    if (min > 0 && c.severity[static_cast<std::size_t>(d)] >= min)
      hits.push_back({c.severity[static_cast<std::size_t>(d)], d});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::string out;
  for (const auto& [sev, d] : hits)
    out += (out.empty() ? "" : ", ") + std::string(kDimensionNames[static_cast<std::size_t>(d)]) + " " +
           std::to_string(sev);
  return out;
}

} // namespace

std::vector<Index> crown_jewels(const Site& site) {
  ConsequenceModel model = load_consequence_model(site.consequence_model);
  std::vector<Index> out;
  for (Index a = 0; a < site.assets.size(); ++a)
    if (!jewel_reason(site, a, model).empty()) out.push_back(a);
  return out;
}

std::string crown_jewel_reason(const Site& site, Index a) {
  return jewel_reason(site, a, load_consequence_model(site.consequence_model));
}

} // namespace zonepath::models
