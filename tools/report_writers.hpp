// Report files written by `analyze --out DIR` (zonepath::render writes them, each atomically);
// this adds the command-line side: the --format list.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::cli {

// "json,csv" -> {"json", "csv"}; "all" -> every format; an unknown name is a usage error
// (CLI::ValidationError).
std::vector<std::string> parse_formats(const std::string& list);
std::string known_formats();
void write_reports(const models::Site& site, const models::Report& report, const std::string& dir,
                   const std::vector<std::string>& formats);

} // namespace zonepath::cli
