// A site's diagram as `zonepath render` and zonepath.render() draw it, from the site alone: the
// analysis it needs, then the picture. One function for the CLI and the Python module, so both
// give the same bytes for the same options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/calendar.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/render/diagram.hpp"
#include "zonepath/render/graphviz.hpp"

namespace zonepath::render {

struct SiteDiagramOptions {
  DiagramOptions diagram; // view, threat whose paths are drawn, how many, DPI of a PNG
  ImageFormat format = ImageFormat::Svg;
  std::uint64_t samples = 1000; // Monte Carlo samples per threat actor (derived SL-T)
  std::uint64_t seed = 1;
  std::optional<models::Date> as_of; // the assessment date (default: the site's as_of)
  const CancelToken* cancel = nullptr;
  ProgressReporter* progress = nullptr; // the analysis's phases, then layout
};

struct SiteDiagram {
  std::string image;     // the bytes in options.format
  View view;             // the view drawn (Auto resolved)
  models::Report report; // the analysis behind the colours and paths
};

// Analyses every threat actor (so derived SL-T and the gap colours match `zonepath gaps`), with
// paths only for the one drawn, and renders the diagram. Throws ModelError naming `site_name`
// for an unknown threat actor and AnalysisError when samples is 0, before any work;
// CancelledError when cancelled, also during the layout.
SiteDiagram draw_site_diagram(const models::Site& site, const std::string& site_name,
                              const SiteDiagramOptions& options);

} // namespace zonepath::render
