// The requirement assessment as the text, Markdown and HTML reports print it: the assessment
// date, the records that are not simply met (not applicable with the justification, partial,
// not met, compensated), every compensating control with its credit or the reason it earns none,
// and the assets whose capability (SL-C) is unknown.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render::detail {

// "Assessment date 2026-11-30 (site.as_of)", or that none was given and review dates were
// not checked.
std::string as_of_text(const models::Report& r);

struct RecordRow {
  std::string where; // "zone ot-ops", "conduit c-dmz"
  std::string requirement, status, why, evidence;
};
// Zone then conduit records whose status is not met, catalog order within each.
std::vector<RecordRow> record_rows(const models::Site& site, const models::Report& r);

struct ControlRow {
  std::string where; // "zone ...", "conduit ...", "asset ..."
  std::string control, requirements, status, credit, owner, change_record, review_by;
  bool credited = false;
};
// Every compensating control of zones (with their assets) and conduits, file order.
std::vector<ControlRow> control_rows(const models::Site& site, const models::Report& r);

struct UnknownCapability {
  std::string zone;
  std::vector<std::string> assets;
};
// Per zone, the assets without sl_c (legacy ones are capped at the assumed SL-C).
std::vector<UnknownCapability> unknown_capability(const models::Site& site, const models::Report& r);

// The console section of `gaps` and `analyze`: the date, the records, the controls and the
// unknown capabilities, each list only when not empty.
void print_assessment(std::ostream& out, const models::Site& site, const models::Report& r);

} // namespace zonepath::render::detail
