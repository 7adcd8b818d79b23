// MITRE ATT&CK for ICS tactics and the techniques zonepath names on attack steps and in reports
// (the subset listed in docs/sources.md section 6, ATT&CK v18.1). ATT&CK is (c) The MITRE
// Corporation, reproduced under its royalty-free licence; see docs/catalogs.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zonepath::models {

struct Tactic {
  std::string_view id;   // "TA0108"
  std::string_view name; // "Initial Access"
};

struct Technique {
  std::string_view id;                   // "T0866"
  std::string_view name;                 // "Exploitation of Remote Services"
  std::vector<std::string_view> tactics; // tactic ids, primary first
  std::string_view note;                 // "⚠ ..." where a tactic is not checked in the cited release
};

// The 12 ICS tactics, in matrix order (Initial Access first, Impact last).
const std::vector<Tactic>& tactics();
const Tactic* find_tactic(std::string_view id);

// Techniques in ascending id order.
const std::vector<Technique>& techniques();

// nullptr for unknown ids and for deprecated ones (see is_deprecated_technique), so that a
// deprecated id can never end up on a new attack-graph edge.
const Technique* find_technique(std::string_view id);

// True for ids that ATT&CK for ICS has deprecated or revoked (T0808, T0810, ...). Site models and
// imported graphs that use one get a clear error instead of an "unknown technique".
bool is_deprecated_technique(std::string_view id);
const std::vector<std::string_view>& deprecated_techniques();

// Navigator/STIX URL of a technique: "https://attack.mitre.org/techniques/T0866/".
std::string technique_url(std::string_view id);

} // namespace zonepath::models
