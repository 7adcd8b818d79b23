// A suggested crosswalk from IEC 62443-3-3 requirements to ISO/IEC 27001:2022 Annex A controls,
// so that every gap and recommendation can be filed in the ISMS evidence model. There is no
// official public crosswalk: this one is a practitioner-level starting point (reference
// section 9), meant to be reviewed and overridden by the user's own mapping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zonepath::models {

struct Iso27001Control {
  std::string_view id;    // "A.8.22"
  std::string_view title; // "Segregation of networks"
};

// The Annex A controls that the crosswalk uses, in Annex A order.
const std::vector<Iso27001Control>& iso27001_controls();
// Title of an Annex A control id, empty when the id is not one the crosswalk uses.
std::string_view iso27001_title(std::string_view control_id);

// Annex A control ids for a requirement id or a remediation topic, most specific first:
//  - "SR x.y" -> the SR's controls; "SR x.y RE n" -> its SR's controls;
//  - a 4-2 id "CR x.y[ RE n]" -> the controls of "SR x.y" when 3-3 has that SR, else none;
//  - "patch" -> A.8.8; "compensating" -> A.8.32; "supplier-remote-access" -> A.5.19..A.5.22.
// Unknown ids give an empty list.
std::vector<std::string> iso27001_for(std::string_view requirement_id);

// The union of the controls of `requirement_ids`, in Annex A order (A.5.9 before A.5.14).
std::vector<std::string> iso27001_union(const std::vector<std::string>& requirement_ids);

// The remediation topics accepted by iso27001_for besides requirement ids.
const std::vector<std::string_view>& iso27001_topics();

} // namespace zonepath::models
