// The content of one zone's cybersecurity requirements specification, built once (crs.cpp)
// and written as Markdown or HTML (crs_writers.cpp).
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::render::detail {

struct CrsTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows; // plain text; the writers escape
};

struct CrsSection {
  std::string heading;
  std::vector<std::string> paragraphs; // plain text
  CrsTable table;                      // may be empty
};

struct CrsDocument {
  std::string title;
  std::vector<std::string> intro;
  std::vector<CrsSection> sections;
};

CrsDocument build_crs(const models::Site& site, const models::Report& report, models::Index zone);

} // namespace zonepath::render::detail
