// Small formatting helpers shared by the diagram and report writers.
#pragma once

#include <string>
#include <vector>

#include "zonepath/core/text_escape.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render::detail {

// printf-style "%.*g" in the C locale, whatever the process locale.
std::string number(double value, int digits = 3);
// 0.1234 -> "12.3%".
std::string percent(double share);
// "2 2 1 0 3 2 2"
std::string sl_text(const models::SlVector& v);

int max_gap(const models::SlVector& gap);
// Fill colour for a zone whose largest SL gap is `gap` (0, 1, 2, 3+); ColorBrewer RdYlGn.
const char* gap_color(int gap);
inline constexpr const char* kExternalColor = "#eeeeee";

// The zone's Purdue level: declared, else its kind's default, else 0.
double zone_level(const models::Zone& zone);
// "L3" or "L3.5".
std::string level_text(double level);
// The name when set, else the id.
std::string zone_title(const models::Zone& zone);

extern const char* const kFrNames[models::kFrCount]; // "FR1 IAC", ...

// "declared SL-T is below the derived target in FR1 IAC, FR3 SI (declared 1 1 1 1 1 1 1,
// derived 2 2 2 1 1 1 1); gaps use the declared target"; "" when it is not.
std::string declared_below_text(const models::ZoneResult& z);
extern const char* const kRiskNames[6]; // "-", "very low", ..., "very high"

// A threat's top paths' node list "a -> b -> c".
std::string join_nodes(const nlohmann::json& path);
// "T0866 Exploitation of Remote Services", or the id alone when unknown.
std::string technique_title(const std::string& id);
// What a path step of report.json uses: "CVE-2019-0708 on rdp/3389, known-vulnerability"; empty
// when the step names none (raw graphs).
std::string step_uses(const nlohmann::json& step);
// A threat actor's likelihood of initiation as reports show it: "low", or "not stated" for 0.
std::string initiation_text(int level);
// Why a target is a crown jewel ("regulatory 5, production 4"); empty for targets given by id.
std::string jewel_reason(const models::Report& report, const std::string& id);

} // namespace zonepath::render::detail
