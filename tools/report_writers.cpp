#include "report_writers.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <CLI/CLI.hpp>

#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath::cli {

namespace {
// Format name -> file it produces.
const std::vector<std::pair<std::string, std::string>> kFormats = {
    {"json", "report.json"},
    {"csv", "risk-register.csv"},
};
} // namespace

std::string known_formats() {
  std::string s;
  for (const auto& [name, file] : kFormats) s += (s.empty() ? "" : ",") + name;
  return s;
}

std::vector<std::string> parse_formats(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    bool known = std::any_of(kFormats.begin(), kFormats.end(), [&](const auto& f) { return f.first == item; });
    if (!known) throw CLI::ValidationError("--format", "unknown format '" + item + "' (known: " + known_formats() + ")");
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  }
  return out;
}

void write_reports(const models::Site& site, const models::Report& report, const std::string& dir,
                   const std::vector<std::string>& formats) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create output directory '" + dir + "': " + ec.message());
  for (const auto& format : formats) {
    std::string path = (std::filesystem::path(dir) / std::find_if(kFormats.begin(), kFormats.end(), [&](const auto& f) {
                          return f.first == format;
                        })->second).string();
    if (format == "json")
      write_file_atomic(path, models::report_to_json(site, report).dump(2) + "\n");
    else if (format == "csv")
      write_file_atomic(path, models::risk_register_csv(report));
  }
}

} // namespace zonepath::cli
