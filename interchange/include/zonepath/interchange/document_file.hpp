// Model files on disk (site, raw graph, scenario, cost model) in either of their two
// notations: YAML when the name ends in .yaml or .yml (any case), JSON otherwise.
#pragma once

#include <string>

#include "zonepath/core/json_document.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

// `progress`: the bytes of a JSON file parsed, counted into its current phase (YAML: nothing).
JsonDocument load_document_file(const std::string& path, const JsonLimits& limits = {},
                                ProgressReporter* progress = nullptr);

// A site file, loaded and validated (ValidationError lists every problem).
models::SitePtr load_site_file(const std::string& path, ProgressReporter* progress = nullptr);

} // namespace zonepath::interchange
