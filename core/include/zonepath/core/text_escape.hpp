// One escaping function per output language, used by every writer of that language, so that a
// character a format forbids is handled the same way everywhere.
#pragma once

#include <string>
#include <string_view>

namespace zonepath {

// HTML text and attribute values: & < > " ' as entities.
std::string html_escape(std::string_view text);
// XML 1.0 (GraphML): & < > " ' as entities; control characters XML 1.0 forbids (all below
// 0x20 except tab, LF, CR) are dropped.
std::string xml_escape(std::string_view text);
// Markdown table cells and inline text: | ` * _ [ ] \ # backslashed, < > & as entities,
// newlines as spaces (a table row is one line).
std::string markdown_escape(std::string_view text);
// One CSV field (RFC 4180): quoted when it holds a comma, quote or newline. A leading = + - @
// tab or CR makes spreadsheets evaluate the cell as a formula (CSV injection, OWASP), so such a
// field gets an apostrophe in front and stays text.
std::string csv_field(std::string_view text);
// Graphviz DOT, inside a quoted string: backslashes doubled (no \N, \G or \l escapes get in),
// newlines as "\n" line breaks, CR dropped.
std::string dot_string(std::string_view text);
// Graphviz DOT, the text of an HTML-like label: & < > " as entities (an apostrophe stays, as
// Graphviz shows it).
std::string dot_html_label(std::string_view text);

} // namespace zonepath
