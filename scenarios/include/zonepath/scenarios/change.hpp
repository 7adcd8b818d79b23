// Change impact assessment for a Management of Change board (docs/governance.md, "Change
// impact"): a change request ("zonepath/change/v1") carries the what-if operations of the
// change and, optionally, its window. The site is assessed before and after the change on one
// date (inside the window when there is one), and the result lists what a board signs off:
// risk per zone and threat actor, SL-A and gap changes, findings and attack paths that appear
// or disappear, the evidence to re-verify where the change touches, and the ISO/IEC 27001
// Annex A controls concerned.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/calendar.hpp"
#include "zonepath/scenarios/diff.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios {

inline constexpr const char* kChangeSchema = "zonepath/change/v1";
inline constexpr const char* kChangeImpactSchema = "zonepath/change-impact/v1";

// When the change is in force: the temporary elements it adds get this window.
struct ChangeWindow {
  models::Instant valid_from, valid_until;
  std::string valid_from_text, valid_until_text; // as written
};

struct ChangeRequest {
  std::string id, title, requested_by, description;
  std::optional<ChangeWindow> window;
  // The operations as a scenario named by the change id, the window already filled into the
  // temporary elements they add; errors point into the change file.
  Scenario scenario;
  // JSON pointers of the `temporary` objects that took the window (or the change id as record).
  std::vector<std::string> window_applied;

  const std::string& file() const { return scenario.file(); }
};

// Checks the whole request (structure, window, every operation) and reports every problem at
// once: ValidationError with file, JSON pointer, line and column.
ChangeRequest load_change(std::shared_ptr<const JsonDocument> doc);
ChangeRequest load_change_file(const std::string& path);

// Where the assessment date came from.
enum class AsOfSource : std::uint8_t { Option, Window, Site, None };
const char* to_string(AsOfSource source); // "--as-of", "window", "site.as_of", "none"

// The gate of `change --fail-on`: whether the change raises a zone's risk rating for a threat
// actor to intolerable, to high or above, or at all.
enum class FailOn : std::uint8_t { Intolerable, High, AnyIncrease };
const char* to_string(FailOn level); // "intolerable", "high", "any-increase"
std::optional<FailOn> parse_fail_on(std::string_view text);

// One zone's risk rating for one threat actor on both sides.
struct ZoneThreatRisk {
  std::string zone, threat;
  Side<models::RiskRating> risk;
  int level_before() const { return risk.before ? risk.before->level : 0; }
  int level_after() const { return risk.after ? risk.after->level : 0; }
  bool raised() const { return level_after() > level_before(); }
  bool lowered() const { return level_after() < level_before(); }
};

enum class ElementKind : std::uint8_t { Zone, Conduit, Asset };
const char* to_string(ElementKind kind); // "zone", "conduit", "asset"

// A zone, conduit or asset the change touches, with why ("rule added", "endpoint of conduit
// c-1", ...), each reason once, in the order found.
struct TouchedElement {
  ElementKind kind = ElementKind::Zone;
  std::string id;
  std::vector<std::string> reasons;
};

enum class EvidenceKind : std::uint8_t { RequirementRecord, CompensatingControl };
const char* to_string(EvidenceKind kind); // "requirement", "compensating"

// Where the owner of a record to re-verify comes from: the record itself, else the asset-owner
// party (`responsible`) of its zone or asset.
enum class OwnerSource : std::uint8_t { Record, AssetOwner, None };
const char* to_string(OwnerSource source); // "record", "asset-owner", "none"

// A requirement record or compensating control whose evidence the board must have re-verified
// because the change touches the zone, conduit or asset it belongs to.
struct Reverification {
  ElementKind where_kind = ElementKind::Zone;
  std::string where;
  EvidenceKind kind = EvidenceKind::RequirementRecord;
  std::string id;                        // "SR 1.13", or the control's text
  std::vector<std::string> requirements; // the requirements it covers
  std::string status, owner, change_record, validation_record;
  OwnerSource owner_source = OwnerSource::None;
  std::vector<std::string> evidence;
  std::optional<models::Date> last_verified, review_by;
};

// An Annex A control the change concerns and why.
struct AffectedControl {
  std::string id, title;
  std::vector<std::string> requirements;  // touched requirement records mapping to it
  std::vector<std::string> applicability; // "suppliers: vendor-session rule 50 ... added"
};

struct ChangeImpact {
  ChangeRequest change;
  std::string site_file;
  std::optional<models::Date> as_of;
  AsOfSource as_of_source = AsOfSource::None;
  models::SitePtr before_site;
  ScenarioResult after; // the changed site and the operations applied
  models::Report before_report, after_report;
  ReportDiff diff;
  std::vector<ZoneThreatRisk> risks; // zone order of the changed site, then threat order
  std::vector<TouchedElement> touched;
  std::vector<Reverification> reverify;
  std::vector<AffectedControl> iso27001; // Annex A order
};

// Assesses the site before and after the change on one date: `options.as_of` when set, else the
// window's first day, else the site's as_of. Throws ValidationError for a change that cannot
// apply, ModelError for unknown threat actors.
ChangeImpact run_change(const nlohmann::json& base_json, const std::string& base_name,
                        const ChangeRequest& change, models::AnalysisOptions options);

// The ratings the change raises to meet `level` (empty: the gate passes).
std::vector<const ZoneThreatRisk*> gate_violations(const ChangeImpact& impact, FailOn level);

// "zonepath/change-impact/v1" (docs/formats-outputs.md): what change-impact.json holds and
// what the Markdown and HTML pages are rendered from.
nlohmann::json change_impact_to_json(const ChangeImpact& impact);
// The terminal summary of `zonepath change`.
std::string change_impact_text(const ChangeImpact& impact);

} // namespace zonepath::scenarios
