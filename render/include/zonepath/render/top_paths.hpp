// The paths a diagram, report or ATT&CK layer highlights: the most likely paths of a threat
// actor over all its targets, best first.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"

namespace zonepath::render {

// The `k` most probable paths of `threat` in `report` (all threats when `threat` is empty),
// by descending probability; ties keep the report's order, so the choice is deterministic.
std::vector<const models::PathResult*> top_paths(const models::Report& report, const std::string& threat,
                                                 std::size_t k);

} // namespace zonepath::render
