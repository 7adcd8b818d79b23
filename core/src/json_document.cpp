#include "zonepath/core/json_document.hpp"

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/memory_release.hpp"

#include "json_dom_builder.hpp"
#include "json_dom_fast.hpp"
#include "json_parse_progress.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace zonepath {

using nlohmann::json;

std::string abbreviate(const json& value, std::size_t max_chars) {
  // JSON text has no infinity or NaN (dump writes null), but a Python value can hold them.
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    const double d = value.get<double>();
    return std::isnan(d) ? "nan" : d > 0 ? "inf" : "-inf";
  }
  std::string s = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "...";
  return s;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

namespace {

// Parser messages quote the bytes they stopped at, which may be binary: show those as \xNN
// so that the message stays printable UTF-8.
std::string printable(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Diagnostic file_diagnostic(const std::string& name, std::string message, std::string value = {}) {
  Diagnostic d;
  d.file = name;
  d.message = std::move(message);
  d.value = std::move(value);
  return d;
}

// Depth check before nlohmann's recursive parser sees the text, so a hostile file of
// 100k nested brackets is refused instead of overflowing the stack.
void check_depth(const std::string& text, const std::string& name, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        auto [line, col] = line_column(text, i);
        Diagnostic d = file_diagnostic(name, "nesting deeper than the limit of " + std::to_string(max_depth) +
                                                 " levels");
        d.line = line;
        d.column = col;
        throw ParseError(d);
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
}

// Offset and length of the first number outside strings that no double holds (1e999), for the
// location nlohmann's out_of_range error lacks; npos when there is none.
std::pair<std::size_t, std::size_t> overflowing_number(const std::string& text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = text.find_first_of(" \t\r\n,]}", i);
      if (end == std::string::npos) end = text.size();
      const std::string token = text.substr(i, end - i);
      errno = 0;
      const double v = std::strtod(token.c_str(), nullptr);
      if (errno == ERANGE && std::abs(v) > 1.0) return {i, end - i};
      i = end - 1;
    }
  }
  return {std::string::npos, 0};
}

// SAX walker that follows the token stream of the text and records the start offset of
// the value at each wanted JSON pointer. Token starts are recovered from the text itself
// (skip blanks and separators, then the token), so the result is exact.
class Locator : public nlohmann::json_sax<json> {
public:
  // `skip`: occurrences of a wanted pointer passed over first (a repeated key has two).
  Locator(std::string_view text, std::vector<Diagnostic>& wanted, int skip = 0)
      : text_(text), wanted_(wanted), skip_(skip) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") cursor_ = 3;
    for (auto& d : wanted_) remaining_ += (d.line == 0) ? 1 : 0;
  }

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    skip_token();
    frames_.back().key = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

private:
  struct Frame {
    bool array;
    std::size_t index = 0;
    std::string key;
  };

  std::string current_pointer() const {
    std::string p;
    for (const auto& f : frames_) {
      p += '/';
      p += f.array ? std::to_string(f.index) : pointer_token(f.key);
    }
    return p;
  }

  bool value_at(std::size_t start) {
    std::string p = current_pointer();
    for (auto& d : wanted_) {
      if (d.line == 0 && d.pointer == p) {
        if (skip_ > 0) {
          --skip_;
          continue;
        }
        auto [line, col] = line_column(text_, start);
        d.line = line;
        d.column = col;
        --remaining_;
      }
    }
    return remaining_ > 0;
  }
  void advance_index() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::size_t skip_blanks() {
    while (cursor_ < text_.size()) {
      char c = text_[cursor_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':')
        ++cursor_;
      else
        break;
    }
    return cursor_;
  }
  void skip_token() {
    std::size_t i = skip_blanks();
    if (i >= text_.size()) return;
    if (text_[i] == '"') {
      for (++i; i < text_.size() && text_[i] != '"'; ++i)
        if (text_[i] == '\\') ++i;
      cursor_ = i + 1;
    } else if (text_[i] == '{' || text_[i] == '[' || text_[i] == '}' || text_[i] == ']') {
      cursor_ = i + 1;
    } else {
      while (i < text_.size() && std::string_view(" \t\r\n,:]}").find(text_[i]) == std::string_view::npos)
        ++i;
      cursor_ = i;
    }
  }
  bool scalar() {
    std::size_t start = skip_blanks();
    skip_token();
    bool go_on = value_at(start);
    advance_index();
    return go_on;
  }
  bool open(bool array) {
    std::size_t start = skip_blanks();
    skip_token();
    bool go_on = value_at(start);
    frames_.push_back(Frame{array, 0, {}});
    return go_on;
  }
  bool close() {
    skip_token();
    frames_.pop_back();
    advance_index();
    return true;
  }

  std::string_view text_;
  std::vector<Diagnostic>& wanted_;
  std::vector<Frame> frames_;
  std::size_t cursor_ = 0;
  std::size_t remaining_ = 0;
  int skip_ = 0;
};

} // namespace

namespace {

// MemAvailable of /proc/meminfo in bytes; 0 when unknown (then nothing is checked).
std::size_t available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::size_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return 0;
}

std::string gib(std::size_t bytes) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0) << " GiB";
  return out.str();
}

} // namespace

void check_parse_memory(const std::string& name, std::size_t bytes, const JsonLimits& limits,
                        std::size_t factor) {
  const char* skip = std::getenv("ZONEPATH_NO_MEMORY_CHECK");
  if (skip && *skip && std::string(skip) != "0") return;
  const std::size_t budget = limits.max_memory ? limits.max_memory : available_memory();
  const std::size_t needed = bytes * factor;
  if (budget == 0 || needed <= budget) return;
  throw LimitError(name + ": reading this file of " + std::to_string(bytes / (1024 * 1024)) +
                   " MB needs about " + gib(needed) + " of memory, more than the " + gib(budget) +
                   " available; free memory or use a larger machine, split the site (e.g. one file per "
                   "area), or set ZONEPATH_NO_MEMORY_CHECK=1 to try anyway");
}

std::string JsonDocument::read_text(const std::string& path, const JsonLimits& limits) {
  // A regular file is measured before it is read (a pipe only once read, within the cap).
  if (struct stat st{}; ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                        static_cast<std::size_t>(st.st_size) <= limits.max_bytes)
    check_parse_memory(path, static_cast<std::size_t>(st.st_size), limits);
  std::string text = read_input_file(path, limits.max_bytes);
  check_parse_memory(path, text.size(), limits);
  return text;
}

JsonDocument JsonDocument::load_file(const std::string& path, const JsonLimits& limits,
                                     ProgressReporter* progress) {
  return parse(read_text(path, limits), path, limits, progress);
}

JsonDocument JsonDocument::parse(std::string text, std::string name, const JsonLimits& limits,
                                 ProgressReporter* progress) {
  if (text.size() > limits.max_bytes)
    throw ParseError(file_diagnostic(name, "input exceeds the size limit of " +
                                               std::to_string(limits.max_bytes) + " bytes"));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ParseError(file_diagnostic(name, "empty file: expected a JSON object"));
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    auto [line, col] = line_column(text, nul);
    Diagnostic d =
        file_diagnostic(name, "malformed JSON: NUL byte in the text (a binary file, or UTF-16?)", "\\x00");
    d.line = line;
    d.column = col;
    throw ParseError(d);
  }
  check_depth(text, name, limits.max_depth);
  JsonDocument doc;
  doc.name_ = std::move(name);
  // Valid documents take simdjson's path; any other text, and the few valid ones it leaves
  // alone, nlohmann's checking parser, which locates what is wrong.
  std::uint64_t counted = 0;
  if (auto fast = detail::parse_json_fast(text, progress, counted)) {
    doc.root_ = std::move(*fast);
    doc.text_ = std::move(text);
    return doc;
  }
  if (progress && counted > 0) {
    // The fast path counted part of the text before it declined: count the rest once only.
    progress->advance(text.size() - counted); // counted never passes the text's size
    progress = nullptr;
  }
  try {
    detail::CheckedDomBuilder builder(doc.root_);
    if (progress)
      detail::sax_parse_counting(text, builder, *progress);
    else
      json::sax_parse(text, &builder);
  } catch (const detail::CheckedDomBuilder::Found& dup) {
    std::vector<Diagnostic> second(1);
    second[0] = file_diagnostic(doc.name_,
                                "duplicate key '" + printable(dup.key) +
                                    "': an object may name each key once (the last would "
                                    "silently win)",
                                "\"" + printable(dup.key) + "\"");
    second[0].pointer = dup.pointer;
    Locator locator(text, second, 1);
    json::sax_parse(text, &locator);
    throw ParseError(second[0]);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line L, column C: ";
    // we print our own location, so keep only the explanation.
    if (auto pos = what.find(": "); pos != std::string::npos && what.find("parse error") != std::string::npos)
      what = what.substr(pos + 2);
    Diagnostic d = file_diagnostic(doc.name_, "malformed JSON: " + printable(what));
    auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
    d.line = line;
    d.column = col;
    throw ParseError(d);
  } catch (const json::out_of_range& e) {
    // Numbers beyond double range (1e999) are refused rather than turned into infinity.
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    Diagnostic d = file_diagnostic(doc.name_, "malformed JSON: " + printable(what));
    if (auto at = overflowing_number(text); at.first != std::string::npos) {
      std::tie(d.line, d.column) = line_column(text, at.first);
      d.value = text.substr(at.first, std::min<std::size_t>(at.second, 60));
    }
    throw ParseError(d);
  }
  doc.text_ = std::move(text);
  return doc;
}

JsonDocument::~JsonDocument() {
  if (text_.size() < kReleaseAfterDocumentBytes) return;
  root_ = nullptr;
  text_ = std::string();
  release_free_memory();
}

JsonDocument JsonDocument::from_value(json value, std::string name) {
  JsonDocument doc;
  doc.name_ = std::move(name);
  doc.root_ = std::move(value);
  return doc;
}

Diagnostic JsonDocument::diagnostic(const std::string& pointer, std::string message, const json* value,
                                    std::string suggestion) const {
  std::vector<Diagnostic> one(1);
  one[0].file = name_;
  one[0].pointer = pointer;
  one[0].message = std::move(message);
  if (value) one[0].value = abbreviate(*value);
  one[0].suggestion = std::move(suggestion);
  locate(one);
  return one[0];
}

JsonDocument JsonDocument::from_value(json value, std::string name, Positions positions) {
  JsonDocument doc = from_value(std::move(value), std::move(name));
  doc.positions_ = std::move(positions);
  return doc;
}

void JsonDocument::locate(std::vector<Diagnostic>& diagnostics) const {
  if (text_.empty() && !positions_.empty()) {
    // A pointer to something absent (a missing key) is located at its nearest parent.
    for (auto& d : diagnostics) {
      if (d.line != 0) continue;
      std::string p = d.pointer;
      for (;;) {
        if (auto it = positions_.find(p); it != positions_.end()) {
          d.line = it->second.first;
          d.column = it->second.second;
          break;
        }
        if (p.empty()) break;
        p.resize(p.rfind('/'));
      }
    }
    return;
  }
  if (text_.empty()) return;
  Locator locator(text_, diagnostics);
  json::sax_parse(text_, &locator);
  // A pointer to something absent (a missing key) is located at its nearest parent.
  std::vector<std::size_t> owners;
  std::vector<Diagnostic> parents;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    if (diagnostics[i].line != 0) continue;
    owners.push_back(i);
    parents.push_back(Diagnostic{});
    parents.back().pointer = diagnostics[i].pointer;
  }
  while (!owners.empty()) {
    for (auto& p : parents) p.pointer = p.pointer.substr(0, p.pointer.empty() ? 0 : p.pointer.rfind('/'));
    Locator up(text_, parents);
    json::sax_parse(text_, &up);
    std::vector<std::size_t> next_owners;
    std::vector<Diagnostic> next_parents;
    for (std::size_t j = 0; j < parents.size(); ++j) {
      auto& d = diagnostics[owners[j]];
      if (parents[j].line == 0 && parents[j].pointer.empty()) parents[j].line = parents[j].column = 1;
      if (parents[j].line != 0) {
        d.line = parents[j].line;
        d.column = parents[j].column;
      } else {
        next_owners.push_back(owners[j]);
        next_parents.push_back(parents[j]);
      }
    }
    owners.swap(next_owners);
    parents.swap(next_parents);
  }
}

} // namespace zonepath
