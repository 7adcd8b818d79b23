// The result of an analysis, one struct for every writer (JSON, CSV, Markdown, HTML, DOT).
// Serialised as "zonepath/report/v1" (docs/formats.md and docs/schema/report-v1.schema.json).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/path_listing.hpp"
#include "zonepath/models/denial_of_service.hpp"
#include "zonepath/models/findings.hpp"
#include "zonepath/models/governance.hpp"
#include "zonepath/models/requirement_assessment.hpp"
#include "zonepath/models/security_levels.hpp"

namespace zonepath::models {

inline constexpr const char* kReportSchema = "zonepath/report/v1";

struct RiskRating {
  double probability = 0; // likelihood of compromise (within the time budget when set)
  int likelihood = 0;     // 1..5, overall: success combined with initiation when stated
  int severity = 0;       // 1..5, 0 when no consequence is declared
  int level = 0;          // 1..5, 0 when severity is 0
  bool tolerable = true;
  std::string threat;         // the threat actor behind this rating
  int success_likelihood = 0; // 1..5, the likelihood band of `probability` alone
  int initiation = 0;         // 1..5, the actor's likelihood of initiation; 0 when not stated
};

struct ZoneResult {
  Index zone = kNone;
  SlVector sl_t{}, sl_a{}, gap{}, sl_t_derived{};
  std::optional<SlVector> sl_t_declared;
  std::vector<int> declared_below_derived; // FRs (1..7) where the declared target is lower
  std::array<FrExplanation, kFrCount> explain;
  std::vector<std::string> missing;            // requirements that close the gaps, catalog order
  std::vector<std::string> iso27001;           // Annex A controls those requirements map to
  RiskRating risk;                             // residual risk: worst over the threat actors
  std::vector<RiskRating> risk_by_threat;      // one per analysed threat, same order
  std::vector<double> unmitigated_probability; // per site threat actor, in the unmitigated network
  std::vector<Index> capability_unknown;       // assets without sl_c (legacy: SL-C assumed)
};

struct ConduitResult {
  Index conduit = kNone;
  SlVector sl_t{}, sl_a{}, gap{};
  std::array<FrExplanation, kFrCount> explain;
  std::vector<std::string> missing;
};

struct TargetResult {
  std::string id, threat;
  double reach_probability = 0;
  std::array<double, 2> ci95{0, 0};
  std::optional<std::array<double, 4>> ttc_days; // mean, p10, p50, p90 over successful samples
  std::optional<double> within_budget;           // when the threat has a time budget
};

struct PathResult {
  std::string threat, target;
  std::size_t rank = 0;
  nlohmann::json path; // path_to_json fields
};

// What a recommendation does; the ranking re-runs the analysis with the first four applied.
enum class RecommendationKind : std::uint8_t {
  Patch,                // remove a known vulnerability from an asset that can be patched
  CompensatingControl,  // the same effect on an asset that cannot: virtual patch or allow-list
  ZoneRequirements,     // meet a zone's SL-T: its missing IEC 62443-3-3 requirements, N/A excluded
  ConduitRequirements,  // the same for a conduit
  CompensateCapability, // an SL-C cap no requirement lifts (legacy components)
  Finding               // resolve a design or governance finding
};
const char* to_string(RecommendationKind kind); // "patch", "compensating-control", ...

// What a recommendation touches, for grouping.
enum class RecommendationScope : std::uint8_t { Asset, Conduit, Zone };
const char* to_string(RecommendationScope scope); // "asset", "conduit", "zone"

struct Recommendation {
  RecommendationKind kind = RecommendationKind::Finding;
  RecommendationScope scope = RecommendationScope::Zone;
  std::string action, where;
  std::vector<std::string> closes;
  double cost = 0;
  std::vector<std::string> iso27001;
  std::string reason;
  // Verified by re-running the most likely paths with the action applied (docs/risk.md):
  // the drop of the severity-weighted exposure over actors and zones, and its share in zones
  // with a safety consequence. nullopt: not verified (findings, SL-C caps, over the budget).
  std::optional<double> risk_reduction;
  double safety_reduction = 0;
  std::optional<Severity> finding_severity; // for kind Finding
};
// "0.412" or "0.412 (safety 0.300)", "none" for a verified zero, "not verified" otherwise.
std::string risk_reduction_text(const Recommendation& r);

// A signed treatment decision as the register shows it.
struct RegisterAcceptance {
  std::string accepted_by, justification, change_record;
  Date date, review_by;
  int risk_level = 0;    // the level signed off; 0: not stated
  bool overdue = false;  // review_by passed on the assessment date
  bool exceeded = false; // the current level is above the level signed off
};

struct RegisterRow {
  std::string zone, threat;
  RiskRating risk;
  SlVector sl_t{}, sl_a{}, gap{};
  std::vector<std::string> missing, iso27001, compensating; // "SR 3.3: control (CR-1)"
  // Risk treatment (ISO/IEC 27005): mitigate while intolerable, accept (within the appetite)
  // when tolerable, unless the site records a decision.
  RiskTreatment treatment = RiskTreatment::Mitigate;
  std::string risk_owner;
  int target_risk = 0; // the level aimed for; 0 when there is no target (no severity)
  std::optional<RegisterAcceptance> acceptance;
};

struct ThreatSummary {
  std::string id;
  int sophistication = 0;
  std::optional<double> time_budget_days;
  int initiation = 0; // likelihood of initiation 1..5, 0 when not stated
};

struct Report {
  std::string site_id, site_name, file;
  std::optional<Date> as_of; // the assessment date used for review dates
  std::string as_of_source;  // "--as-of", "site.as_of" or "" (none: review dates not checked)
  SiteAssessment assessment; // every requirement record and compensating control with its credit
  std::uint64_t samples = 0, seed = 0;
  std::vector<ThreatSummary> threats;
  std::vector<ZoneResult> zones;
  std::vector<ConduitResult> conduits;
  std::vector<PathResult> paths;
  std::vector<TargetResult> targets;
  std::vector<Finding> findings;
  std::vector<Recommendation> recommendations;
  std::vector<RegisterRow> risk_register;
  std::vector<std::string> crown_jewels;
  Scope scope;                           // the site's system under consideration
  std::vector<TemporaryEntry> temporary; // temporary elements and their state on as_of
  std::vector<std::string>
      crown_jewel_reasons; // per crown jewel: "regulatory 5, safety 4" ("" for a named target)
  std::vector<DosExposure> denial_of_service; // T0814: stops a service, gives no foothold
};

struct Site;
nlohmann::json report_to_json(const Site& site, const Report& report);
// The risk register as CSV (RFC 4180 quoting), one row per zone and threat.
std::string risk_register_csv(const Report& report);

} // namespace zonepath::models
