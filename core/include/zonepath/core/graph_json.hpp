// Loader for the raw attack graph format "zonepath/graph/v1" (docs/formats.md): nodes with optional
// prior and type (or/and), edges with p, optional ttc, technique, cost and via.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath {

inline constexpr const char* kGraphSchema = "zonepath/graph/v1";

// Default duration of an edge without `ttc`: MAL's EasyAndCertain preset, Exponential(rate 1),
// i.e. a mean of one day.
TtcDistribution default_ttc();

// Validates the whole document (all errors at once, ValidationError) and builds the graph.
AttackGraph load_graph(const JsonDocument& doc);
AttackGraph load_graph_file(const std::string& path);

// Parses a TTC object {"dist": ..., parameters}; used by the graph and model loaders.
class JsonChecker;
TtcDistribution parse_ttc(JsonChecker& check, const nlohmann::json& v, const std::string& ptr);
nlohmann::json ttc_to_json(const TtcDistribution& d);

// The raw graph of an AttackGraph, e.g. to export a site's attack graph for peer tools.
nlohmann::json graph_to_json(const AttackGraph& g);

} // namespace zonepath
