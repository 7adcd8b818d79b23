// Pieces of the site diagrams: asset shapes, conduit summaries, the legend.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/render/dot_graph.hpp"

namespace zonepath::render::detail {

// Graphviz shape for an asset type (controllers box3d, SIS octagon, historian cylinder, ...).
std::string asset_shape(const std::string& type);

// What a conduit lets through: one line per initiating direction ("ent \u2192 dmz: https, ssh"),
// from the allow rules in priority order up to an unconditional deny; a data diode only ever
// passes its own direction.
struct ConduitSummary {
  std::vector<std::string> lines;
  bool forward = false;  // zones[0] may initiate towards zones[1]
  bool backward = false; // zones[1] may initiate towards zones[0]
};
ConduitSummary summarize_conduit(const models::Site& site, const models::Conduit& conduit);

// Colour of the n-th overlaid path (0-based), from a qualitative palette that avoids the gap fills.
const char* path_color(std::size_t n);

struct LegendPath {
  std::string text; // "path 1: p=0.12, 4 steps, ews-1 -> plc-1"
};
// The legend node (an HTML-like table): gap colours, markers and the overlaid paths.
DotNode legend_node(bool asset_view, const std::string& threat, const std::vector<LegendPath>& paths);

} // namespace zonepath::render::detail
