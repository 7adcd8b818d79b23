// The cybersecurity requirements specification of a zone (IEC 62443-3-2 ZCR 6, `zonepath crs`):
// its SL-T per foundational requirement and how it was set, the IEC 62443-3-3 requirements to
// meet at that SL-T with their record status, the compensating controls relied on, the zone's
// boundary (its assets) and its conduits with a summary of their rules. Markdown for review in
// Git, HTML for reading; both from the same content (docs/governance.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render {

struct CrsOptions {
  std::string generator = "zonepath";
};

// `zone` indexes site.zones; `report` is analyze_site's result for `site`.
std::string crs_markdown(const models::Site& site, const models::Report& report, models::Index zone,
                         const CrsOptions& options = {});
std::string crs_html(const models::Site& site, const models::Report& report, models::Index zone,
                     const CrsOptions& options = {});
// The same content as data: {"zone", "title", "intro", "sections": [{"heading", "paragraphs",
// "header", "rows"}]} (docs/formats-outputs.md, crs --json).
nlohmann::json crs_json(const models::Site& site, const models::Report& report, models::Index zone);

} // namespace zonepath::render
