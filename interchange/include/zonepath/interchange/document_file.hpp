// Model files on disk (site, raw graph, scenario, cost model) in either of their two
// notations: YAML when the name ends in .yaml or .yml (any case), JSON otherwise.
#pragma once

#include <string>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

JsonDocument load_document_file(const std::string& path, const JsonLimits& limits = {});

// A site file, loaded and validated (ValidationError lists every problem).
models::SitePtr load_site_file(const std::string& path);

} // namespace zonepath::interchange
