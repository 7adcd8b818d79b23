// Remediation planner (docs/planner.md): the cheapest ordered set of actions that brings every
// crown jewel's reach probability for one threat actor under its tolerable line and closes the
// SL gaps. Phase 1 (reach): the engine's minimum cut over the attack graph, with each step
// costed by the cheapest action that removes it, proposes candidate actions; the one with the
// largest risk reduction per unit cost is taken, and the cut is recomputed, until the targets
// are met, the budget is spent or nothing helps. Unpatchable assets only get compensating
// controls. Phase 2 (gaps): the missing requirements of each zone and conduit by weighted set
// cover over countermeasure packages, SL-C shortfalls by compensating controls. The plan is
// then verified: written as a scenario, applied to the site and analysed again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/models/calendar.hpp"
#include "zonepath/scenarios/plan_cost_model.hpp"

namespace zonepath::scenarios {

struct PlanOptions {
  std::string threat;                       // threat actor id (required)
  std::optional<double> budget;             // in cost-model units; none: unlimited
  std::optional<double> target_probability; // none: each crown jewel's tolerable line
  std::uint64_t samples = 1000, seed = 1;   // Monte Carlo for every evaluation
  std::optional<models::Date> as_of;        // the assessment date (default: the site's as_of)
  std::size_t max_actions = 40;             // phase-1 iterations
  bool close_gaps = true;
  nlohmann::json cost_model = "default"; // overrides of the default cost model
  std::string cost_model_name = "<cost model>";
  const CancelToken* cancel = nullptr;
};

// What an action does (docs/planner.md lists each with its scenario operations).
enum class ActionKind {
  BlockFlow,
  DataDiode,
  RestrictAccess,
  CompensatingControl,
  Patch,
  AddRequirements,
  AddConduitRequirements,
  CompensateSlC
};
NLOHMANN_JSON_SERIALIZE_ENUM(ActionKind, {{ActionKind::BlockFlow, "block-flow"},
                                          {ActionKind::DataDiode, "data-diode"},
                                          {ActionKind::RestrictAccess, "restrict-access"},
                                          {ActionKind::CompensatingControl, "compensating-control"},
                                          {ActionKind::Patch, "patch"},
                                          {ActionKind::AddRequirements, "add-requirements"},
                                          {ActionKind::AddConduitRequirements, "add-conduit-requirements"},
                                          {ActionKind::CompensateSlC, "compensate-sl-c"}})
std::string to_string(ActionKind kind); // as in JSON: "block-flow", ...

// Phase 1 brings reach under the line, phase 2 closes SL gaps.
enum class PlanPhase { Reach, Gaps };
NLOHMANN_JSON_SERIALIZE_ENUM(PlanPhase, {{PlanPhase::Reach, "reach"}, {PlanPhase::Gaps, "gaps"}})

struct PlanAction {
  ActionKind kind = ActionKind::BlockFlow;
  PlanPhase phase = PlanPhase::Reach;
  std::string where; // conduit, zone or asset id
  std::string description;
  std::vector<std::string> closes; // steps, vulnerabilities or requirements it addresses
  double cost = 0;
  double risk_before = 0, risk_after = 0; // risk score before and after it, in plan order
  double reduction_per_cost = 0;
  std::vector<std::string> iso27001;
  nlohmann::json operations = nlohmann::json::array(); // scenario operations
};

struct PlanTarget {
  std::string id;
  int severity = 0;
  double threshold = 0; // reach probability must end below this
  double before = 0;    // baseline reach
  double promised = 0;  // the planner's figure for the planned site
  double achieved = 0;  // re-analysis of the plan applied as a scenario
  bool met = false;
};

struct Plan {
  std::string site_id, threat, unit;
  std::optional<double> budget;
  double total_cost = 0;
  double risk_before = 0, risk_after = 0; // sum over crown jewels of reach x severity
  std::vector<PlanAction> actions;        // what to fix first, first
  std::vector<PlanTarget> targets;
  std::vector<std::string> unmet;                         // why a target or gap is left open
  int gap_before = 0, gap_promised = 0, gap_achieved = 0; // sum of zone gaps
  nlohmann::json scenario;                                // the plan as a zonepath/scenario/v1 document
  bool verified = false;                                  // achieved figures equal the promised ones
};

// Throws ModelError for an unknown threat, ValidationError for a bad cost model.
Plan plan_remediation(const nlohmann::json& site_json, const std::string& site_name,
                      const PlanOptions& options);

nlohmann::json plan_to_json(const Plan& plan);
std::string plan_to_text(const Plan& plan);

} // namespace zonepath::scenarios
