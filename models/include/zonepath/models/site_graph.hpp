// Site + threat actor -> attack graph. Nodes: one per zone network (the attacker can send
// traffic there; also the start point of actors that "stand" in a zone), then one per asset
// (held by the attacker). Edges: holding an asset gives its zone network; from a zone network
// (or a specific asset named by src_assets) to each service the access map allows, once per
// means that applies; `manages` edges where the manager can reach the managed asset.
// Conduits never transit: crossing two conduits means taking an asset in between. An actor with
// physical or removable-media access to zones gets one more node, "outside:<actor id>", after the
// assets: the start of its walk-in (T0848) and portable-media (T0847) steps.
#pragma once

#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/requirement_assessment.hpp"
#include "zonepath/models/security_levels.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/models/threat_model.hpp"

namespace zonepath::models {

struct SiteGraph {
  AttackGraph graph;
  std::vector<NodeId> sources;        // the actor's start points
  std::vector<std::uint8_t> waypoint; // 1 for zone network nodes
  std::size_t zone_count = 0;
  NodeId outside = kNoNode; // the actor's off-network start, when it has physical or media access

  NodeId zone_node(Index z) const { return static_cast<NodeId>(z); }
  NodeId asset_node(Index a) const { return static_cast<NodeId>(zone_count + a); }
  bool is_zone(NodeId v) const { return v < zone_count; }
  Index asset_of(NodeId v) const { return static_cast<Index>(v - zone_count); }
};

struct SiteContextOptions {
  std::optional<Date> as_of; // the assessment date; nullopt: the site's own as_of
  // The unmitigated network of the risk assessment (IEC 62443-3-2 ZCR 5): the topology with
  // every conduit passing every service (diode directions kept), no SL-A, no control credited.
  bool unmitigated = false;
};

// Everything the translation reads, computed once per site and shared by all threat actors.
struct SiteContext {
  const Site* site = nullptr;
  std::optional<Date> as_of; // the date the assessment was made for
  AccessMap access;
  SiteAssessment assessment;
  SecurityLevels levels;
  ThreatModel threat_model;

  static SiteContext make(const Site& site, const SiteContextOptions& options = {});
};

SiteGraph build_site_graph(const SiteContext& ctx, const ThreatActor& actor);

// Assets whose loss hurts most: effective severity 4+ in safety, environment or production.
std::vector<Index> crown_jewels(const Site& site);

// Whether a zone kind counts as outside the plant (untrusted, remote, vendor): steps from
// there use the "external" techniques (T0822, T0819).
bool is_external_zone(const Zone& zone);

} // namespace zonepath::models
