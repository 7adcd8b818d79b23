// Remediation planner (docs/planner.md): the cheapest ordered set of actions that brings every
// crown jewel's reach probability under its tolerable line for every threat actor (or the ones
// named) and closes the SL gaps, without stopping a flow the plant needs (required_flows).
// Phase 1 (reach): the engine's minimum cut over each actor's attack graph, with each step costed
// by the cheapest action that removes it, names the steps worth acting on; each gives candidates
// that cut it (rule, restriction, diode) or make it less likely without cutting a flow (MFA and
// access approval, protocol inspection, application allow-listing, default passwords, patch).
// Every candidate is applied and re-analysed; the one with the largest verified risk reduction
// per unit cost is taken, until the targets are met, the budget is spent or nothing helps.
// Phase 2 (gaps): the missing requirements of each zone and conduit by weighted set cover over
// countermeasure packages, kept only for the FRs whose SL-A they verifiably raise. The plan is
// then verified: written as a scenario, applied to the site and analysed again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/calendar.hpp"
#include "zonepath/models/required_flows.hpp"
#include "zonepath/scenarios/plan_cost_model.hpp"

namespace zonepath::scenarios {

struct PlanOptions {
  std::vector<std::string> threats;                 // threat actor ids; empty: every actor of the site
  std::vector<models::RequiredFlow> required_flows; // besides the site's own required_flows
  std::optional<double> budget;                     // in cost-model units; none: unlimited
  std::optional<double> target_probability;         // none: each crown jewel's tolerable line
  std::uint64_t samples = 1000, seed = 1;           // Monte Carlo for every evaluation
  std::optional<models::Date> as_of;                // the assessment date (default: the site's as_of)
  std::size_t max_actions = 40;                     // phase-1 iterations
  bool close_gaps = true;
  nlohmann::json cost_model = "default"; // overrides of the default cost model
  std::string cost_model_name = "<cost model>";
  const CancelToken* cancel = nullptr;
  // Phases: one per reach step (candidates evaluated), gap actions (candidates), verify.
  ProgressReporter* progress = nullptr;
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
  CompensateSlC,
  MfaAccessApproval,
  ProtocolInspection,
  ApplicationAllowList,
  ChangeDefaultCredentials
};
NLOHMANN_JSON_SERIALIZE_ENUM(ActionKind,
                             {{ActionKind::BlockFlow, "block-flow"},
                              {ActionKind::DataDiode, "data-diode"},
                              {ActionKind::RestrictAccess, "restrict-access"},
                              {ActionKind::CompensatingControl, "compensating-control"},
                              {ActionKind::Patch, "patch"},
                              {ActionKind::AddRequirements, "add-requirements"},
                              {ActionKind::AddConduitRequirements, "add-conduit-requirements"},
                              {ActionKind::CompensateSlC, "compensate-sl-c"},
                              {ActionKind::MfaAccessApproval, "mfa-access-approval"},
                              {ActionKind::ProtocolInspection, "protocol-inspection"},
                              {ActionKind::ApplicationAllowList, "application-allow-list"},
                              {ActionKind::ChangeDefaultCredentials, "change-default-credentials"}})
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
  int gap_reduction = 0;   // sum of zone and conduit SL gaps it closes (verified)
  bool cuts_flows = false; // blocks or restricts traffic (false: lowers probability, keeps every flow)
  std::vector<std::string> iso27001;
  nlohmann::json operations = nlohmann::json::array(); // scenario operations
};

struct PlanTarget {
  std::string id, threat;
  int severity = 0;
  double threshold = 0; // reach probability must end below this
  double before = 0;    // baseline reach
  double promised = 0;  // the planner's figure for the planned site
  double achieved = 0;  // re-analysis of the plan applied as a scenario
  bool met = false;
};

// A candidate the planner did not take because it would stop a required flow.
struct RejectedAction {
  ActionKind kind = ActionKind::BlockFlow;
  std::string where, description;
  std::vector<models::RequiredFlow> breaks;
};

struct Plan {
  std::string site_id, unit;
  std::vector<std::string> threats; // the actors planned against
  std::optional<double> budget;
  double total_cost = 0;
  double risk_before = 0, risk_after = 0; // sum over crown jewels of reach x severity
  std::vector<PlanAction> actions;        // what to fix first, first
  std::vector<PlanTarget> targets;
  std::vector<std::string> unmet;                   // why a target or gap is left open
  std::vector<models::RequiredFlow> required_flows; // the site's and the options'
  std::vector<models::FlowState> flows_before, flows_after;
  std::vector<RejectedAction> rejected;                   // candidates that would stop a required flow
  std::vector<std::string> dropped;                       // measures left out: no verified benefit
  int gap_before = 0, gap_promised = 0, gap_achieved = 0; // sum of zone gaps
  nlohmann::json scenario;                                // the plan as a zonepath/scenario/v1 document
  bool verified = false;                                  // achieved figures equal the promised ones
};

// Throws ModelError for an unknown threat or a required flow naming what the site lacks,
// ValidationError for a bad cost model.
Plan plan_remediation(const nlohmann::json& site_json, const std::string& site_name,
                      const PlanOptions& options);

// Required flows given to the planner (a list of {"from", "to", "protocol", "reason", "owner"}
// objects, or an object holding one under "required_flows"). Throws ValidationError naming
// `name`, the pointer and the value of a malformed entry.
std::vector<models::RequiredFlow> required_flows_from_json(const nlohmann::json& doc,
                                                           const std::string& name = "<required flows>");

nlohmann::json plan_to_json(const Plan& plan);
std::string plan_to_text(const Plan& plan);

} // namespace zonepath::scenarios
