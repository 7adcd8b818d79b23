// Zone-and-conduit diagrams of a site with its analysis: zones as clusters ranked by Purdue level
// (external zones outside the plant boundary), conduits as edges labelled with kind and allowed
// services, zones filled by their largest SL gap, and the top attack paths of one threat actor
// drawn over it. The zone view shows only the assets that matter (crown jewels, path steps);
// the asset view draws every asset, shaped by type. docs/render.md describes the picture.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/render/dot_graph.hpp"
#include "zonepath/render/graphviz.hpp"

namespace zonepath::render {

enum class View { Zones, Assets, Auto };

// "zones" | "assets" | "auto"; throws RenderError otherwise.
View parse_view(std::string_view name);

struct DiagramOptions {
  View view = View::Auto;
  std::string threat;              // overlay this actor's paths; "" draws no paths
  std::size_t paths = 3;           // how many of its most likely paths
  std::size_t auto_threshold = 40; // Auto: the asset view up to this many assets
  std::size_t jewels_per_zone = 5; // zone view: crown jewels drawn one by one per zone
  unsigned dpi = 0;                // raster resolution (PNG); 0: Graphviz's default, 96
  // SVG element ids "zone-N", "conduit-N" and "asset-N" (N: index in the site) on zone boxes,
  // conduit edges and asset nodes, so that an interactive viewer (the workbench of `zonepath
  // serve`) links the picture to the model. Off by default: the file outputs stay as they were.
  bool element_ids = false;
};

// The view Auto resolves to for this site.
View resolved_view(const models::Site& site, const DiagramOptions& options);

// `report` must come from analyze_site on `site`; paths are overlaid only when it holds paths
// of `options.threat`. Throws RenderError when the threat is not in the report.
DotGraph build_diagram(const models::Site& site, const models::Report& report, const DiagramOptions& options);

std::string render_diagram(const models::Site& site, const models::Report& report,
                           const DiagramOptions& options, ImageFormat format);

} // namespace zonepath::render
