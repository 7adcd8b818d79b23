// The pages of `zonepath change --out DIR` for the Management of Change board: one Markdown and
// one self-contained HTML page (inline CSS, no script, no external request) that a board can
// attach to the change record. Both are rendered from the change-impact JSON
// (zonepath/change-impact/v1), so that they show exactly what change-impact.json holds.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace zonepath::render {

// change-impact.md
std::string change_impact_markdown(const nlohmann::json& impact);

// change-impact.html
std::string change_impact_html(const nlohmann::json& impact);

} // namespace zonepath::render
