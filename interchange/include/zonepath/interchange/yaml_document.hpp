// YAML input for the same schemas as JSON: a YAML file is converted to a JSON value and a
// map from JSON pointer to the line and column of each value, so that the JSON validators
// report YAML files with the same file:line:column diagnostics.
#pragma once

#include <string>

#include "zonepath/core/json_document.hpp"

namespace zonepath::interchange {

// Scalars follow the YAML 1.2 core schema: null/~, true/false, integers (decimal, 0x, 0o),
// floats (incl. .inf/.nan); quoted scalars are always strings; "yes"/"no"/"on"/"off" stay
// strings (YAML 1.1's implicit booleans silently change data). Keys must be scalars and
// unique. Anchors and aliases are expanded, with a limit on the expanded size.
// Throws ParseError naming the file, line and column.
JsonDocument parse_yaml(const std::string& text, const std::string& name, const JsonLimits& limits = {});
JsonDocument load_yaml_file(const std::string& path, const JsonLimits& limits = {});

// A JSON value as YAML text (block style; strings double-quoted so that "1.0", "yes" or
// "null" stay strings when read back). parse_yaml(to_yaml(v)) == v.
std::string to_yaml(const nlohmann::json& value);

// Whether a path names a YAML file (.yaml or .yml, any case).
bool is_yaml_path(const std::string& path);

} // namespace zonepath::interchange
