#include "report_writers.hpp"

#include <algorithm>
#include <sstream>

#include <CLI/CLI.hpp>

#include "progress_options.hpp"
#include "zonepath/render/report_files.hpp"

namespace zonepath::cli {

std::string known_formats() {
  std::string s;
  for (const auto& f : render::report_formats()) s += (s.empty() ? "" : ",") + f.name;
  return s;
}

std::vector<std::string> parse_formats(const std::string& list) {
  const auto& formats = render::report_formats();
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    if (item == "all") {
      for (const auto& f : formats)
        if (std::find(out.begin(), out.end(), f.name) == out.end()) out.push_back(f.name);
      continue;
    }
    bool known = std::any_of(formats.begin(), formats.end(), [&](const auto& f) { return f.name == item; });
    if (!known)
      throw CLI::ValidationError("--format",
                                 "unknown format '" + item + "' (known: all," + known_formats() + ")");
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  }
  if (out.empty())
    throw CLI::ValidationError("--format",
                               "names no format ('" + list + "'; known: all," + known_formats() + ")");
  return out;
}

void write_reports(const models::Site& site, const models::Report& report, const std::string& dir,
                   const std::vector<std::string>& formats) {
  render::ReportFilesOptions options;
  options.generator = "zonepath " ZONEPATH_VERSION;
  options.progress = progress();
  render::write_report_files(site, report, dir, formats, options);
}

} // namespace zonepath::cli
