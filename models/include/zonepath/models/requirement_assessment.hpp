// The requirement assessment of a site, built once and read by SL-A, the gaps, the findings,
// the risk register and the Statement of Applicability: per zone and conduit every IEC 62443-3-3
// requirement that has a record (explicit, `countermeasures` shorthand, or implied by a
// compensating control), its status and evidence, and up to which level it counts; per zone,
// conduit and asset every compensating control with the credit it earns and why.
//
// Rules (docs/risk.md): met and not-applicable (justified) count at every level; a compensating
// control earns credit only when it is verified or validated and its review_by has not passed on
// the assessment date, and then only for the requirements it names and only up to its
// credited_sl; partial, not-met and uncredited compensated requirements count as missing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zonepath/models/catalog_requirements.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

// Where a requirement's record comes from.
enum class RecordSource : std::uint8_t { Record, Countermeasure, Control };
const char* to_string(RecordSource source); // "record", "countermeasures", "compensating"

// One compensating control and the credit it earns on the assessment date.
struct ControlCredit {
  CompensatingControl control;
  bool credited = false;
  std::string reason; // why it earns no credit; empty when credited
};

struct AssessedRequirement {
  const Requirement* requirement = nullptr; // catalog entry (IEC 62443-3-3)
  RequirementStatus status = RequirementStatus::Met;
  RecordSource source = RecordSource::Record;
  int counts_up_to = 0; // the highest SL at which it counts as met (4 for met / not-applicable)
  std::vector<std::string> evidence;
  std::string justification, owner;
  std::optional<Date> last_verified;
  std::vector<std::size_t> controls; // indices into RequirementAssessment::controls naming it
  std::string note;                  // why it does not count (fully), when it does not
};

// One zone's or conduit's assessment.
struct RequirementAssessment {
  std::vector<AssessedRequirement> records; // catalog order
  std::vector<ControlCredit> controls;      // the owner's compensating controls, file order

  const AssessedRequirement* find(std::string_view id) const;
  // The level up to which `r` counts (0 when it has no counting record).
  int counts_up_to(const Requirement& r) const;
  // Requirements of FR `fr` with min_sl <= `sl` that do not count at level `sl`.
  std::vector<std::string> missing_for(int fr, int sl) const;
  // Requirements of every FR up to each FR's level in `sl_t`, catalog order.
  std::vector<std::string> missing(const SlVector& sl_t) const;
};

struct SiteAssessment {
  std::optional<Date> as_of; // the assessment date; nullopt: review dates are not checked
  std::vector<RequirementAssessment> zones, conduits;
  std::vector<std::vector<ControlCredit>> assets; // per asset, its own compensating controls
};

// The credit of one control on `as_of`.
ControlCredit credit_control(const CompensatingControl& control, const std::optional<Date>& as_of);

SiteAssessment assess_requirements(const Site& site, const std::optional<Date>& as_of);

// "SR 2.4, SR 3.2: application allow-listing (CR-2024-117; verified, credited to SL 2)", or
// with "no credit: <reason>": the line reports and the risk register print for a control.
std::string control_text(const ControlCredit& credit);
// "SR 1.6 not-applicable: no wireless in this zone (evidence EV-17)": one record as reports
// print it, with the justification or the note why it does not count.
std::string record_text(const AssessedRequirement& record);

// "1.1" / "1.1 RE 2" for "SR 1.1", "CR 1.1 RE 2", "EDR 1.1": the number shared by an
// IEC 62443-3-3 requirement and its IEC 62443-4-2 counterpart, so that naming both counts once.
std::string requirement_key(std::string_view id);

} // namespace zonepath::models
