// Loader for the raw attack graph format "zonepath/graph/v1" (docs/formats.md): nodes with optional
// prior and type (or/and), edges with p, optional ttc, technique, cost and via.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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
// A graph file: the fast reader first, the checking one (load_graph) when it declines.
AttackGraph load_graph_file(const std::string& path);

// The fast reader: the raw graph in `text` when it is a valid zonepath/graph/v1 document,
// parsed with simdjson straight into the graph's builder, about 10x faster than load_graph.
// nullopt when it is anything else (malformed, another schema, a schema or value error) or
// holds what the fast reader leaves to the checking one (x- extension data, labels that are
// not strings, a byte order mark): the caller then parses a JsonDocument and runs load_graph,
// whose diagnostics say where the problem is. It accepts only documents load_graph accepts and
// builds the same graph. Text read by read_input_file carries simdjson's padding (no copy).
// The environment variable ZONEPATH_GRAPH_READER=checking turns it off (for benchmarks).
std::optional<AttackGraph> read_graph_fast(const std::string& text);
// Whether `text` names the graph schema anywhere: files that do not (sites) skip the fast
// reader at the cost of one memmem.
bool may_be_graph(std::string_view text);

// Parses a TTC object {"dist": ..., parameters}; used by the graph and model loaders.
class JsonChecker;
TtcDistribution parse_ttc(JsonChecker& check, const nlohmann::json& v, const std::string& ptr);
nlohmann::json ttc_to_json(const TtcDistribution& d);

// The raw graph of an AttackGraph, e.g. to export a site's attack graph for peer tools.
nlohmann::json graph_to_json(const AttackGraph& g);

} // namespace zonepath
