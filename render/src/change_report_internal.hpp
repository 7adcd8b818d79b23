// The change-impact page as format-neutral sections: the HTML and Markdown writers render the
// same tables.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zonepath::render::detail {

struct ChangeRow {
  std::vector<std::string> cells; // plain text; writers escape
  std::string mark;               // "worse", "better" or ""
};

struct ChangeSection {
  std::string title;
  std::vector<std::string> paragraphs; // plain text before the table
  std::vector<std::string> head;
  std::vector<ChangeRow> rows;
  std::string empty = "none"; // shown instead of an empty table
};

struct ChangePage {
  std::string title;
  std::vector<ChangeSection> sections;
};

ChangePage change_page(const nlohmann::json& impact);

} // namespace zonepath::render::detail
