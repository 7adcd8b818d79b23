// Pieces of the report's JSON shared by its writer files.
#pragma once

#include <nlohmann/json.hpp>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models::detail {

nlohmann::json requirement_records_json(const RequirementAssessment& assessment);
// The zone's own compensating controls, then its assets' (with "asset" set).
nlohmann::json zone_controls_json(const Site& site, Index zone, const SiteAssessment& assessment);
nlohmann::json conduit_controls_json(const SiteAssessment& assessment, Index conduit);
nlohmann::json explanation_json(int fr, const FrExplanation& explanation);

} // namespace zonepath::models::detail
