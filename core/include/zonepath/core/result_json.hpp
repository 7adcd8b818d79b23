// The JSON documents of the engine's reach and time-to-compromise results, as printed by
// `zonepath reach|simulate --json` and returned by the Python Graph API (docs/formats.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/core/reach_probability.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {

// How the result was obtained: the Monte Carlo reason, or the exact method's sizes and steps.
nlohmann::json reach_detail_to_json(const ReachResult& r);
// {"method", "samples", "seed", "targets": [{"id", "probability", "ci95"}], "detail"[, "threat"]}.
nlohmann::json reach_to_json(const AttackGraph& g, const ReachResult& r, const std::string& threat = {});
// {"samples", "seed"[, "threat", "horizon_days"], "targets": [...], "critical_edges": [...]}.
nlohmann::json ttc_simulation_to_json(const AttackGraph& g, const TtcSimulationResult& r,
                                      const std::string& threat = {});

} // namespace zonepath
