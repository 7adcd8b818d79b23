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
      if (c == '\0') {
        out += "\xEF\xBF\xBD"; // U+FFFD: a NUL would end the text early (Graphviz reads C strings)
        break;
      }
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
    else if (c == '\0')
      out += "\xEF\xBF\xBD";
    else if (c != '\r')
      out += c;
  }
  return out;
}

std::string dot_tooltip(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\')
      out += "\\\\\\\\"; // four: escString keeps "\\", the SVG writer then makes it one
    else if (c == '\n')
      out += "\\n";
    else if (c == '\0')
      out += "\xEF\xBF\xBD";
    else if (c != '\r')
      out += c;
  }
  return out;
}

std::string terminal_escape(std::string_view text) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  auto escaped = [&](unsigned code) {
    out += "\\u00";
    out += hex[(code >> 4) & 15];
    out += hex[code & 15];
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((c < 0x20 && c != '\t' && c != '\n' && !crlf) || c == 0x7f) {
      escaped(c);
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      escaped(static_cast<unsigned char>(text[++i])); // C1 control, e.g. U+009B CSI
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::size_t invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xbf; // allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c == 0xe0) lo = 0xa0; // overlong
      if (c == 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c == 0xf0) lo = 0x90; // overlong
      if (c == 0xf4) hi = 0x8f; // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

} // namespace zonepath
