// One escaping function per output language, used by every writer of that language, so that a
// character a format forbids is handled the same way everywhere.
#pragma once

#include <string>
#include <string_view>

namespace zonepath {

// HTML text and attribute values: & < > " ' as entities, NUL as U+FFFD.
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
// newlines as "\n" line breaks, CR dropped, NUL as U+FFFD.
std::string dot_string(std::string_view text);
// Graphviz tooltips (tooltip, labeltooltip, edgetooltip): a tooltip is unescaped twice (the
// \G \N \E \H \T \L substitution keeps "\\", then the SVG writer turns "\\" into one backslash
// and drops a lone one), so each backslash of the text becomes four; newlines as "\n", CR
// dropped, NUL as U+FFFD (a NUL would end the C string Graphviz reads).
std::string dot_tooltip(std::string_view text);
// Graphviz DOT, the text of an HTML-like label: & < > " as entities (an apostrophe stays, as
// Graphviz shows it), NUL as U+FFFD.
std::string dot_html_label(std::string_view text);

// Text for a terminal: control characters (C0 but tab and newline, a CR not followed by LF, DEL,
// and C1 U+0080..U+009F) as \u00XX, so that a hostile name cannot move the cursor, recolour or
// retitle the terminal, or forge a line of output. \u00XX is also a valid JSON string escape of
// the same character, so JSON output stays valid and means the same.
std::string terminal_escape(std::string_view text);
// Offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF); npos when the whole text is UTF-8.
std::size_t invalid_utf8_offset(std::string_view text);

} // namespace zonepath
