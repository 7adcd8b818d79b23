// The members of the workbench's JSON requests, checked once where a request enters: a problem
// is a ValidationError naming the request member (JSON pointer), as site and scenario files do.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/site.hpp"

namespace zonepath::serve::detail {

struct DesignRequest {
  nlohmann::json operations = nlohmann::json::array();
  std::string threat; // "" : the site's first threat actor
  std::string view = "auto";
  bool preview = false; // fewer samples, for an answer at once on large sites
};

struct CompareRequest {
  nlohmann::json a = nlohmann::json::array(), b = nlohmann::json::array();
  std::string threat, view = "auto";
};

struct ScenarioRequest {
  nlohmann::json operations = nlohmann::json::array();
  std::string id = "workbench", name;
};

DesignRequest check_design_request(const nlohmann::json& request, std::size_t max_operations);
CompareRequest check_compare_request(const nlohmann::json& request, std::size_t max_operations);
ScenarioRequest check_scenario_request(const nlohmann::json& request, std::size_t max_operations);

// The threat actor to draw: `threat` when the site has it, the first one when empty.
std::string check_threat(const std::string& threat, const models::Site& site);

} // namespace zonepath::serve::detail
