#include "zonepath/interchange/import_csv.hpp"

#include <algorithm>

#include <csv.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

namespace {

Diagnostic csv_diagnostic(const std::string& name, int line, std::string message) {
  Diagnostic d;
  d.file = name;
  d.line = line;
  d.column = line > 0 ? 1 : 0;
  d.message = std::move(message);
  return d;
}

// The separator that occurs most often outside quotes in the first non-blank line.
char detect_delimiter(std::string_view text) {
  std::size_t start = text.find_first_not_of("\r\n");
  if (start == std::string_view::npos) return ',';
  std::size_t counts[3] = {0, 0, 0};
  const char candidates[3] = {',', ';', '\t'};
  bool quoted = false;
  for (std::size_t i = start; i < text.size() && (quoted || (text[i] != '\n' && text[i] != '\r')); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted) continue;
    for (int c = 0; c < 3; ++c) counts[c] += text[i] == candidates[c] ? 1 : 0;
  }
  int best = 0;
  for (int c = 1; c < 3; ++c)
    if (counts[c] > counts[best]) best = c;
  return candidates[best];
}

struct Collector {
  std::vector<std::string> fields;
  std::vector<CsvRow> rows;
  int line = 1;
};

void on_field(void* data, std::size_t len, void* out) {
  auto* c = static_cast<Collector*>(out);
  c->fields.emplace_back(static_cast<const char*>(data), len);
}

void on_row(int, void* out) {
  auto* c = static_cast<Collector*>(out);
  c->rows.push_back(CsvRow{c->line, std::move(c->fields)});
  c->fields.clear();
}

bool blank_or_comment(const CsvRow& row) {
  bool blank =
      std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return trim(f).empty(); });
  return blank || (!row.fields.empty() && !row.fields[0].empty() && row.fields[0][0] == '#');
}

} // namespace

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trim(header[i]) == trim(name)) return static_cast<int>(i);
  return -1;
}

const std::string& CsvTable::field(const CsvRow& row, int col) {
  static const std::string empty;
  if (col < 0 || static_cast<std::size_t>(col) >= row.fields.size()) return empty;
  return row.fields[static_cast<std::size_t>(col)];
}

CsvTable parse_csv(std::string_view text, const std::string& name, char delimiter) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  require_utf8(text, name);
  CsvTable table;
  table.file = name;
  table.delimiter = delimiter ? delimiter : detect_delimiter(text);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT_FINI) != 0)
    throw ParseError(csv_diagnostic(name, 0, "cannot start the CSV parser"));
  csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
  Collector c;
  // Fed line by line so that every row knows the line it ended on.
  std::size_t pos = 0;
  bool failed = false;
  while (pos < text.size() && !failed) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    if (csv_parse(&parser, text.data() + pos, end - pos, on_field, on_row, &c) != end - pos) failed = true;
    pos = end;
    if (nl != std::string_view::npos && !failed) ++c.line;
  }
  // Lenient (non-strict) parsing keeps stray quotes inside fields, as exports have them; but
  // a quote still open at the end swallowed the rest of the file (libcsv state 2: FIELD_BEGUN).
  std::string why;
  if (!failed && parser.quoted && parser.pstate == 2) {
    failed = true;
    why = "unterminated quoted field at the end of the file";
  }
  if (!failed && csv_fini(&parser, on_field, on_row, &c) != 0) failed = true;
  if (failed && why.empty()) why = csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (failed) throw ParseError(csv_diagnostic(name, c.line, "malformed CSV: " + why));
  std::size_t first = 0;
  while (first < c.rows.size() && blank_or_comment(c.rows[first])) ++first;
  if (first == c.rows.size()) throw ParseError(csv_diagnostic(name, 0, "empty file: expected a header line"));
  table.header = c.rows[first].fields;
  for (auto& h : table.header) h = trim(h);
  table.header_line = c.rows[first].line;
  for (std::size_t i = first + 1; i < c.rows.size(); ++i)
    if (!blank_or_comment(c.rows[i])) table.rows.push_back(std::move(c.rows[i]));
  return table;
}

CsvTable load_csv_file(const std::string& path, char delimiter) {
  return parse_csv(read_text_file(path), path, delimiter);
}

} // namespace zonepath::interchange
