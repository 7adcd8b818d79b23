// Governance read from the analysed site (docs/governance.md): the temporary rules, conduits and
// assets with their state on the assessment date, the treatment of every risk register row
// (signed acceptances from the site's risk_acceptances), and the findings an ISMS auditor or a
// change board looks for: expired temporary access, acceptances past review or exceeded,
// compensating controls past review or without credit, records without evidence or
// verification.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "zonepath/models/findings.hpp"
#include "zonepath/models/requirement_assessment.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct Report;

enum class TemporaryElement : std::uint8_t { Rule, Conduit, Asset };
const char* to_string(TemporaryElement e); // "rule", "conduit", "asset"

struct TemporaryEntry {
  TemporaryElement element = TemporaryElement::Rule;
  std::string id;    // the conduit or asset id; for a rule, its conduit's (or zone's, intra_rules) id
  std::string label; // "rule 50 (allow rdp) on conduit c-vendor", "asset vendor-laptop"
  std::string zone;  // the asset's zone, or the rule's destination zone when it names one
  Temporary temporary;
  TemporalState state = TemporalState::Active;
};

// Every temporary element of the site, in file order (zones' intra rules, conduits with their
// rules, assets), with its state on `as_of` (nullopt: the site's as_of).
std::vector<TemporaryEntry> temporary_elements(const Site& site, const std::optional<Date>& as_of);

// The governance findings of an analysed report (rules in docs/findings.md, section
// "Governance"), in that order; analyze_site appends them to the design findings.
std::vector<Finding> governance_findings(const Site& site, const Report& report);

// Fills treatment, risk owner, target and acceptance of each risk register row from the site's
// risk_acceptances (the first that names the zone and the row's actor, or "*").
void apply_risk_treatment(const Site& site, Report& report);

// What the evidence findings hold against one requirement record or compensating control: the
// evidence register flags its row with the same rule the findings report (docs/findings.md).
enum class EvidenceFlag : std::uint8_t {
  None,
  EvidenceMissing,     // a status claimed without any evidence reference (evidence-missing)
  Placeholder,         // only placeholders such as "TBD" (evidence-missing)
  VerificationOverdue, // last verified more than kVerificationIntervalDays before as_of
  ReviewOverdue,       // a compensating control past its review_by (control-review-overdue)
  NotCredited,         // a compensating control that earns no credit (control-not-credited)
};
const char* to_string(EvidenceFlag flag); // "", "evidence-missing", "placeholder", ...
// Shorthand and control-implied records and not-met records carry no evidence claim: None.
EvidenceFlag record_flag(const AssessedRequirement& record, const std::optional<Date>& as_of);
EvidenceFlag control_flag(const ControlCredit& credit, const std::optional<Date>& as_of);

// How many days a requirement record's last_verified may be old on the assessment date before
// the evidence register flags it (a yearly re-verification, the usual ISMS internal audit cycle).
inline constexpr int kVerificationIntervalDays = 365;

} // namespace zonepath::models
