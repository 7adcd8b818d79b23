#include "zonepath/core/text_escape.hpp"

namespace zonepath {

namespace {

// The markup languages differ only in the apostrophe and in control characters.
struct Markup {
  const char* apostrophe; // nullptr: kept as is
  bool drop_controls;
};

std::string escape_markup(std::string_view text, Markup m) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += m.apostrophe ? m.apostrophe : "'";
      break;
    default:
      if (m.drop_controls && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
        break;
      out += c;
    }
  }
  return out;
}

} // namespace

std::string html_escape(std::string_view text) {
  return escape_markup(text, {"&#39;", false});
}

std::string xml_escape(std::string_view text) {
  return escape_markup(text, {"&apos;", true});
}

std::string dot_html_label(std::string_view text) {
  return escape_markup(text, {nullptr, false});
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else {
      if (std::string_view("|`*_[]\\#").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view raw) {
  const bool formula = !raw.empty() && std::string_view("=+-@\t\r").find(raw[0]) != std::string_view::npos;
  const std::string s = formula ? "'" + std::string(raw) : std::string(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string dot_string(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

} // namespace zonepath
