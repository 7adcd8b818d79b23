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
// Governance parts: the scope (null when the site declares none), temporary elements, a
// register row's acceptance (null when none).
nlohmann::json scope_json(const Scope& scope);
nlohmann::json temporary_json(const std::vector<TemporaryEntry>& entries);
nlohmann::json acceptance_json(const std::optional<RegisterAcceptance>& acceptance);

} // namespace zonepath::models::detail
