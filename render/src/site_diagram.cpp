// draw_site_diagram: check, analyse, draw.
#include "zonepath/render/site_diagram.hpp"
#include "zonepath/core/limits.hpp"

#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"

namespace zonepath::render {

SiteDiagram draw_site_diagram(const models::Site& site, const std::string& site_name,
                              const SiteDiagramOptions& options) {
  const DiagramOptions& d = options.diagram;
  if (!d.threat.empty() && site.threat_index(d.threat) == models::kNone)
    throw ModelError(site_name + ": unknown threat actor '" + d.threat + "'");
  if (options.samples < 1) throw AnalysisError("samples must be at least 1");
  check_limit("samples", options.samples, 1, kMaxSamples);
  check_limit("paths", d.paths, 0, kMaxDiagramPaths);

  models::AnalysisOptions analysis;
  analysis.samples = options.samples;
  analysis.seed = options.seed;
  analysis.as_of = options.as_of;
  analysis.paths_per_target = d.paths;
  analysis.compute_paths = !d.threat.empty() && d.paths > 0;
  analysis.cancel = options.cancel;
  analysis.progress = options.progress;
  SiteDiagram out{{}, resolved_view(site, d), models::analyze_site(site, analysis)};

  {
    const ProgressPhase layout(options.progress, "layout");
    out.image = render_diagram(site, out.report, d, options.format);
  }
  if (options.cancel) options.cancel->throw_if_cancelled(); // interrupted during the layout: no picture
  return out;
}

} // namespace zonepath::render
