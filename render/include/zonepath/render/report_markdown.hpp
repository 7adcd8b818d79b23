// report.md: the assessment as GitHub-flavoured Markdown, for review next to the site model in
// Git. Model strings are escaped so that they cannot break tables or inject HTML.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render {

struct MarkdownDiagram {
  std::string title, file; // file relative to report.md
};

struct MarkdownReportOptions {
  std::vector<MarkdownDiagram> diagrams;
  std::size_t paths_per_threat = 5;
  std::string generator = "zonepath";
};

std::string report_markdown(const models::Site& site, const models::Report& report,
                            const MarkdownReportOptions& options = {});

} // namespace zonepath::render
