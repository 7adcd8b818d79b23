// Readable plain-text summary of a report, printed by `analyze` and `gaps` without --json.
#pragma once

#include <ostream>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render {

void print_gap_table(std::ostream& out, const models::Site& site, const models::Report& report);
void print_summary(std::ostream& out, const models::Site& site, const models::Report& report);

} // namespace zonepath::render
