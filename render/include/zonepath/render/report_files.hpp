// The files of `zonepath analyze --out DIR`, each written atomically. docs/reports.md lists them.
#pragma once

#include <string>
#include <vector>

#include "zonepath/core/progress.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/render/diagram.hpp"

namespace zonepath::render {

struct ReportFormat {
  std::string name; // --format name
  std::string file; // file it writes ("" for svg: several files)
  std::string description;
};

// json, csv, html, md, attack-layer, soa, xlsx, evidence, svg: in the order they are written.
const std::vector<ReportFormat>& report_formats();

struct ReportFilesOptions {
  DiagramOptions diagram;           // view and paths per threat of the SVG diagrams (threat is ignored)
  std::size_t paths_per_threat = 5; // paths with step tables in report.html and report.md
  std::string generator = "zonepath";
  ProgressReporter* progress = nullptr; // phases: diagrams (layout), report files (files staged)
};

// Writes the named formats into `dir` (created when missing) and returns the paths written.
// svg writes diagram.svg (zones and gaps, no paths) and paths-<n>.svg for the n-th threat of the
// report; html embeds the same pictures, md links them. Throws StoreError or RenderError.
std::vector<std::string> write_report_files(const models::Site& site, const models::Report& report,
                                            const std::string& dir, const std::vector<std::string>& formats,
                                            const ReportFilesOptions& options = {});

} // namespace zonepath::render
