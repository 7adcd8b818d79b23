// IEC 62443-4-2 component requirement ids, so that site models may cite component capabilities
// ("CR 3.14") next to the system requirements of 3-3. This is an id vocabulary, not an SL table:
// 4-2's SL-C columns are not public in a source we could check, so no min_sl is given. What is
// verified and what is flagged is listed per entry and in docs/catalogs.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zonepath::models {

struct ComponentRequirement {
  std::string id; // "CR 3.14" or "CR 1.1 RE 2"
  int fr = 0;     // 1..7
  int number = 0; // y of "CR x.y"
  int re = 0;     // n of "RE n"; 0 for a base CR
  std::string title;
  // Empty for a common requirement ("CR x.y" applies to every component type). Otherwise the
  // component types that carry it as a type-specific requirement, e.g. "NDR" or "EDR HDR NDR";
  // "CR x.y" then stands for all of those variants and "NDR x.y" is accepted as an alias.
  std::string component_types;
  std::string parent; // the base CR id for an RE, empty otherwise
  std::string flag;   // "◐" named by a secondary source, "⚠ ..." not verified
};

// Base CRs followed by their REs, in standard order.
const std::vector<ComponentRequirement>& component_requirements();

// Accepts "CR x.y", "CR x.y RE n", and for type-specific entries "<TYPE> x.y[ RE n]" where TYPE is
// one of the entry's component types (SAR, EDR, HDR, NDR). nullptr when unknown.
const ComponentRequirement* find_component_requirement(std::string_view id);

// True for any id that a site model may name as a countermeasure or compensated requirement:
// an IEC 62443-3-3 SR/RE or an IEC 62443-4-2 CR/RE of these catalogs.
bool is_known_requirement_id(std::string_view id);

} // namespace zonepath::models
