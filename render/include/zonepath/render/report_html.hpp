// report.html: the whole assessment in one self-contained page (inline CSS and JavaScript, inline
// SVG, no external request), readable offline and printable. Every string that comes from the
// model is HTML-escaped, and the Content-Security-Policy lets only the page's own script run (by
// its hash), in case a string ever slipped through. docs/reports.md describes the sections.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render {

struct EmbeddedDiagram {
  std::string title; // shown above the picture
  std::string svg;   // Graphviz SVG output; its XML prolog and DOCTYPE are dropped
};

struct HtmlReportOptions {
  std::vector<EmbeddedDiagram> diagrams;
  std::size_t paths_per_threat = 5; // top paths listed with step tables, per threat actor
  std::string generator = "zonepath";
};

std::string report_html(const models::Site& site, const models::Report& report,
                        const HtmlReportOptions& options = {});

// The <svg> element of a Graphviz SVG document, for inline use in HTML.
std::string inline_svg(const std::string& svg_document);

} // namespace zonepath::render
