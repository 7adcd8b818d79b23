// Loading and validating site model v1 files. Validation collects every problem (file, JSON
// pointer, line, column, value, suggestion) and throws one ValidationError with all of them.
#pragma once

#include <string>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

inline constexpr const char* kSiteSchema = "zonepath/site/v1";

Site load_site(const JsonDocument& doc);
// A JSON site file (zonepath::interchange::load_site_file also reads YAML).
SitePtr load_site_json_file(const std::string& path);
// Loads from a JSON value already in memory (scenarios); `name` stands for the file.
SitePtr load_site_json(const nlohmann::json& value, const std::string& name);

} // namespace zonepath::models
