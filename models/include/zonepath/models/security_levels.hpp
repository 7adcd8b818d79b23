// Achieved security levels (SL-A) per zone and conduit and FR, from the requirement assessment
// (requirement_assessment.hpp): the highest level L such that every IEC 62443-3-3 requirement of
// the FR with min_sl <= L counts at L (met, not applicable, or compensated with credit up to L),
// capped by the component capability (SL-C) of the zone's assets. An asset's cap in an FR rises
// above its SL-C only as far as its own credited compensating controls cover every requirement
// between its SL-C and the higher level. docs/risk.md states the rules and their sources.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "zonepath/models/requirement_assessment.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

// A requirement that carries an FR's level: it counts at every level up to the FR's SL-A.
struct CarriedRequirement {
  std::string id;
  int min_sl = 0;
  RequirementStatus status = RequirementStatus::Met;
};

struct FrExplanation {
  int uncapped = 0;                        // level from the requirements alone
  int level = 0;                           // after the SL-C cap
  std::vector<std::string> missing_next;   // requirements missing for uncapped + 1 (empty at 4)
  std::vector<std::string> partial_next;   // those of missing_next recorded as partial
  std::vector<std::string> not_met_next;   // those recorded as not-met
  std::vector<CarriedRequirement> carried; // the records behind `uncapped`, catalog order
  std::string capped_by;                   // asset whose SL-C caps the level, "" if none
  std::string cap_reason;                  // the SL-C and where it comes from (or the assumption)
};

struct SlAssessment {
  SlVector sl_a{};
  std::array<FrExplanation, kFrCount> explain;
  std::vector<Index> capability_unknown; // zones: assets without sl_c (legacy: SL-C assumed)
};

struct SecurityLevels {
  std::vector<SlAssessment> zones;
  std::vector<SlAssessment> conduits;
};

// Capability policy (consequence model, docs/risk.md): the SL-C assumed for a legacy asset that
// does not state one; nullopt: such an asset does not cap.
struct CapabilityPolicy {
  std::optional<int> legacy_sl_c = 1;
};

// The SL-A of one FR from an assessment, with what is missing for the next level.
FrExplanation assess_fr(int fr, const RequirementAssessment& assessment);

SecurityLevels compute_security_levels(const Site& site, const SiteAssessment& assessment,
                                       const CapabilityPolicy& policy = {});
// Convenience for tests and tools: assesses the site on its own `as_of`, default policy.
SecurityLevels compute_security_levels(const Site& site);

} // namespace zonepath::models
