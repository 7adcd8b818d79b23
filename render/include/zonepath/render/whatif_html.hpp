// Readable pages for `zonepath whatif --out DIR` and `zonepath compare --out DIR`. What-if: a summary of
// every scenario against the baseline and one page per scenario, both self-contained (inline CSS, no script,
// no external request) and built from the whatif JSON (schema zonepath/whatif/v1), so that what the pages
// show is exactly what whatif.json holds.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace zonepath::render {

// index.html: one row per scenario with its summary deltas and a link to its page.
std::string whatif_summary_html(const nlohmann::json& whatif);

// scenario-<id>.html: operations, summary, crown jewels whose reach or TTC changed, zones and
// conduits whose SL-A, gap or risk changed, paths that appeared or disappeared, findings added
// or removed. `index` is the scenario's position in whatif["scenarios"].
std::string whatif_scenario_html(const nlohmann::json& whatif, std::size_t index);

// compare.html for `zonepath compare --out DIR`: the two designs' diagrams (SVG from Graphviz)
// side by side, the summary with each design's countermeasure cost, what exists in one design
// only, and the same differences as a what-if page, from the compare JSON (zonepath/compare/v1).
std::string compare_html(const nlohmann::json& comparison, const std::string& svg_a,
                         const std::string& svg_b);

// File name of a scenario's page: "scenario-<id>.html", anything but [A-Za-z0-9._-] in the id
// replaced by '_'.
std::string whatif_page_name(const std::string& scenario_id);

} // namespace zonepath::render
