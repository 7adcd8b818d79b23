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

// The defence level (0..4) each means meets, per zone and per conduit (docs/threat-model.md):
// the highest SL-A among the means' FRs, raised by the means' controls that count there. A
// conduit crossing that no rule decides (a data diode without rules) also meets conduit_fr.
struct DefenceLevels {
  std::vector<std::array<std::uint8_t, kMeansCount>> zones;
  std::vector<std::array<std::uint8_t, kMeansCount>> conduits;         // crossings a rule allows
  std::vector<std::array<std::uint8_t, kMeansCount>> conduits_no_rule; // crossings without a rule
};

// Everything the translation reads, computed once per site and shared by all threat actors.
struct SiteContext {
  const Site* site = nullptr;
  std::optional<Date> as_of; // the date the assessment was made for
  AccessMap access;
  SiteAssessment assessment;
  SecurityLevels levels;
  ThreatModel threat_model;
  DefenceLevels defence;

  static SiteContext make(const Site& site, const SiteContextOptions& options = {});
};

SiteGraph build_site_graph(const SiteContext& ctx, const ThreatActor& actor);

// Assets whose loss hurts most: effective severity at or above the consequence model's
// crown_jewels threshold in any dimension (default 4 in all six), in asset order.
std::vector<Index> crown_jewels(const Site& site);
// Why asset `a` is a crown jewel: the dimensions that reach the threshold, "regulatory 5,
// safety 4" (strongest first); "" when it is not one.
std::string crown_jewel_reason(const Site& site, Index a);

// Whether a zone kind counts as outside the plant (untrusted, remote, vendor): steps from
// there use the "external" techniques (T0822, T0819).
bool is_external_zone(const Zone& zone);

} // namespace zonepath::models
