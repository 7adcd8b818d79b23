// A design state as the workbench app reads it: per zone and conduit the model fields it edits
// (rules as written, with their position and the listed paths they carry) next to the analysis
// (SL-T, SL-A, gap per FR, risk, missing requirements); assets with services and
// vulnerabilities; every crown-jewel target; the chosen threat's paths, best first.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::serve::detail {

// `site_json` is the document `site` was loaded from; `drawn` paths of `threat` are drawn.
nlohmann::json design_to_json(const models::Site& site, const nlohmann::json& site_json,
                              const models::Report& report, const std::string& threat, std::size_t drawn);

} // namespace zonepath::serve::detail
