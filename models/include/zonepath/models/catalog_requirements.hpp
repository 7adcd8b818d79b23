// IEC 62443-3-3 system requirements (SR) and requirement enhancements (RE) with the lowest
// security level that selects each of them (Table B.1 as reconstructed in
// docs/sources.md section 1; see docs/catalogs.md for sources and flags).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace zonepath::models {

// The seven foundational requirements, in SL-vector order.
struct FoundationalRequirement {
  int number;              // 1..7
  std::string_view abbrev; // "IAC", "UC", "SI", "DC", "RDF", "TRE", "RA"
  std::string_view name;   // "Identification and authentication control", ...
};

const std::array<FoundationalRequirement, 7>& foundational_requirements();
// Throws zonepath::ModelError unless 1 <= fr <= 7.
const FoundationalRequirement& foundational_requirement(int fr);
std::string_view fr_abbrev(int fr);
std::string_view fr_name(int fr);
// 1..7 for "IAC".."RA" (also accepts "FR1".."FR7"), 0 when unknown.
int fr_from_abbrev(std::string_view abbrev);

struct Requirement {
  std::string id;     // "SR 5.2" or "SR 5.2 RE 1", exactly as written in site models
  int fr = 0;         // foundational requirement 1..7
  int sr = 0;         // y of "SR x.y"
  int re = 0;         // n of "RE n"; 0 for a base SR
  std::string title;  // SR title, or the RE's own title
  int min_sl = 0;     // lowest SL (1..4) whose column selects it: required when SL-T[FR] >= min_sl
  std::string parent; // the SR id for an RE, empty for an SR
  std::string flag;   // source marker and caveat from docs/sources.md ("⚠ ..."), often empty

  bool is_enhancement() const { return re != 0; }
};

// All 100 entries, each SR followed by its REs, in standard order (SR 1.1, SR 1.1 RE 1, ...).
const std::vector<Requirement>& requirements();

// Exact id lookup ("SR 1.1 RE 1"); nullptr when unknown.
const Requirement* find_requirement(std::string_view id);

// The SRs and REs of one FR that a zone with SL-T `sl` in that FR must meet (min_sl <= sl), in
// standard order. sl == 0 gives an empty list. Throws zonepath::ModelError unless 1 <= fr <= 7
// and 0 <= sl <= 4.
std::vector<const Requirement*> required_for(int fr, int sl);

} // namespace zonepath::models
