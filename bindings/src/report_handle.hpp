// What the Python Report wraps besides its document: the analysis result itself and the site it
// belongs to, which the report writers of zonepath::render (CSV, HTML, Markdown, ATT&CK layer,
// SVG diagrams) take, as `zonepath analyze --out` passes them.
#pragma once

#include <memory>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::py_bindings {

struct ReportHandle {
  models::SitePtr site;  // the analysed site (never null)
  models::Report report; // as analyze_site returned it

  ReportHandle(models::SitePtr s, models::Report r) : site(std::move(s)), report(std::move(r)) {}
};

} // namespace zonepath::py_bindings
