// CSV tables for the importers, parsed with libcsv (Debian libcsv-dev): quoted fields with
// embedded separators, quotes and newlines, a UTF-8 byte order mark, and ',', ';' or tab as
// the separator (detected from the header line unless given).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zonepath::interchange {

struct CsvRow {
  int line = 0; // 1-based line where the row ends (= where it starts unless a quoted field spans lines)
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  char delimiter = ',';
  std::vector<std::string> header;
  int header_line = 0;
  std::vector<CsvRow> rows; // blank rows and '#' comment lines are dropped

  // Index of a header (exact, after trimming), or -1.
  int column(std::string_view name) const;
  // Field `col` of a row, "" when the row is short or col < 0.
  static const std::string& field(const CsvRow& row, int col);
};

// `delimiter` 0 means detect. Throws ParseError naming the file when the text is not CSV
// (e.g. an unterminated quote at the end) or has no header line.
CsvTable parse_csv(std::string_view text, const std::string& name, char delimiter = 0);
CsvTable load_csv_file(const std::string& path, char delimiter = 0);

} // namespace zonepath::interchange
