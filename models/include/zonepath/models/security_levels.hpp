// Achieved security levels (SL-A) per zone and conduit and FR: the highest level whose
// IEC 62443-3-3 requirements (catalog min_sl) are all met by countermeasures or traceable
// compensating controls, capped by the component capability (SL-C) of the zone's assets
// unless the asset carries a compensating control in that FR.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct FrExplanation {
  int uncapped = 0;                        // level from the requirements alone
  int level = 0;                           // after the SL-C cap
  std::vector<std::string> missing_next;   // requirements missing for level + 1 (empty at 4)
  std::string capped_by;                   // asset whose SL-C caps the level, "" if none
};

struct SlAssessment {
  SlVector sl_a{};
  std::array<FrExplanation, kFrCount> explain;
};

struct SecurityLevels {
  std::vector<SlAssessment> zones;
  std::vector<SlAssessment> conduits;
};

// Requirement ids met by a zone's or conduit's countermeasures and compensating controls.
std::vector<std::string> met_requirements(const std::vector<std::string>& countermeasures,
                                          const std::vector<CompensatingControl>& compensating);
// The SL-A of one FR for a set of met requirements, and what is missing for the next level.
FrExplanation assess_fr(int fr, const std::vector<std::string>& met);
// Requirements of FR `fr` up to level `sl` not in `met` (what closes a gap to `sl`).
std::vector<std::string> missing_for(int fr, int sl, const std::vector<std::string>& met);

SecurityLevels compute_security_levels(const Site& site);

} // namespace zonepath::models
