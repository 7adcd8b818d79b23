// What `paths`, `reach` and `simulate` work on: a raw graph with --from sources, or a site
// with --threat (translated to an attack graph). Both end up as an AttackGraph plus sources,
// default targets, and the waypoint nodes that path listings skip.
#pragma once

#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

struct AttackInput {
  std::string file;
  std::string threat; // site inputs only
  AttackGraph graph;
  std::vector<NodeId> sources;
  std::vector<NodeId> default_targets; // used when --to is not given
  // waypoint[v] != 0: v is an intermediate node (a zone network) that path `nodes` do not
  // list; steps across it are merged (p multiplied, via and technique of the last edge).
  // Empty for raw graphs: every node is listed.
  std::vector<std::uint8_t> waypoint;
  models::SitePtr site; // site inputs only
};

// Loads FILE; exactly one of `threat` (site) or `from` (graph) applies. `as_of` replaces the
// site's assessment date (temporary rules, conduits and assets in force; review dates); a raw
// graph has none, so giving it one is an error. Throws zonepath errors that name the file and
// the offending id. `progress`: the bytes parsed, counted into its current phase.
AttackInput load_attack_input(const std::string& file, const std::string& threat,
                              const std::vector<std::string>& from,
                              const std::optional<models::Date>& as_of = std::nullopt,
                              ProgressReporter* progress = nullptr);

// A loaded site with one of its threat actors (the only one when `threat` is empty).
AttackInput load_site_input(const std::string& file, const models::SitePtr& site, const std::string& threat);

// Node ids for --to names (or the default targets when empty); unknown names are errors.
std::vector<NodeId> resolve_targets(const AttackInput& input, const std::vector<std::string>& to);

} // namespace zonepath::interchange
