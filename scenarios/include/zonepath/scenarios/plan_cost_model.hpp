// Cost model of the remediation planner and of design comparison (scenarios/data/cost-model.json,
// docs/planner.md): effort per requirement, rule change, access restriction, compensating
// control and patch, and countermeasure packages that satisfy several requirements at once.
// The cheapest way to meet a set of requirements is a weighted set cover over packages and
// single requirements: exact for small sets, greedy beyond.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/json_document.hpp"

namespace zonepath::scenarios {

struct CostPackage {
  std::string id, title;
  std::vector<std::string> covers; // requirement ids
  double cost = 0;
};

struct CostModel {
  std::string unit = "person-days";
  double sr = 5, re = 3, per_asset = 0.25;
  double conduit_sr = 3, conduit_re = 2;
  double rule_deny = 1;
  double restrict_access = 2;
  double compensating_control = 4;
  double compensating_sl_c = 3;
  double data_diode = 15;
  double protocol_inspection = 5; // industrial-protocol inspection on one conduit, besides its requirements
  double credentials = 1;         // replacing a vendor default password
  double patch = 2, legacy_factor = 3;
  std::vector<CostPackage> packages;
  nlohmann::json source; // the merged JSON

  // One requirement on a zone of `assets` assets, or on a conduit.
  double zone_requirement(const std::string& id, std::size_t assets) const;
  double conduit_requirement(const std::string& id) const;
  double patch_cost(bool legacy) const { return legacy ? patch * legacy_factor : patch; }
};

const nlohmann::json& default_cost_model_json();
// The defaults merged with `overrides` ("default" or an object, JSON merge patch). Throws
// ValidationError naming the pointer of a bad value; `name` stands for the file.
CostModel load_cost_model(const nlohmann::json& overrides = "default",
                          const std::string& name = "<cost model>");
// The defaults merged with a site file's own `models.cost` (the defaults when it has none).
// Errors name the site file, the pointer under /models/cost and its line and column.
CostModel load_site_cost_model(const JsonDocument& site_doc);

struct CoverItem {
  std::string id; // package id, or the requirement id for a single one
  std::string title;
  std::vector<std::string> covers; // the needed requirements it covers
  double cost = 0;
};

struct Cover {
  std::vector<CoverItem> items;
  double cost = 0;
  bool exact = false; // true when found by exhaustive search (at most 16 requirements)
};

// Cheapest cover of `needed` (requirement ids) on a zone with `assets` assets (packages and
// single requirements), or on a conduit (`conduit` = true: single requirements only).
Cover cover_requirements(const std::vector<std::string>& needed, const CostModel& model, std::size_t assets,
                         bool conduit);

} // namespace zonepath::scenarios
