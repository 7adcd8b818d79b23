#include "zonepath/interchange/yaml_document.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_set>

#include <sys/stat.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "zonepath/core/input_file.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath::interchange {

namespace {

using nlohmann::json;

Diagnostic at(const std::string& name, const YAML::Mark& mark, std::string message, std::string value = {}) {
  Diagnostic d;
  d.file = name;
  d.message = std::move(message);
  d.value = std::move(value);
  if (!mark.is_null()) {
    d.line = mark.line + 1;
    d.column = mark.column + 1;
  }
  return d;
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the run of decimal digits at `from`.
std::size_t digits_at(std::string_view s, std::size_t from) {
  std::size_t n = from;
  while (n < s.size() && digit(s[n])) ++n;
  return n - from;
}

// [-+]?[0-9]+
bool is_integer(std::string_view s) {
  const std::size_t sign = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  return s.size() > sign && digits_at(s, sign) == s.size() - sign;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_real(std::string_view s) {
  std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const std::size_t whole = digits_at(s, i);
  i += whole;
  if (i < s.size() && s[i] == '.') {
    const std::size_t fraction = digits_at(s, i + 1);
    if (whole == 0 && fraction == 0) return false;
    i += 1 + fraction;
  } else if (whole == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exponent = digits_at(s, i);
    if (exponent == 0) return false;
    i += exponent;
  }
  return i == s.size();
}

// A number in `base` after a two-letter prefix (0o, 0x); beyond 64 bits the text stays.
json prefixed(const std::string& s, int base) {
  auto v = parse_integer<std::uint64_t>(std::string_view(s).substr(2), base);
  return v ? json(*v) : json(s);
}

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  const std::string_view unsigned_part = std::string_view(s).substr(s[0] == '+' ? 1 : 0);
  if (is_integer(s)) {
    // Beyond 64 bits: keep the text rather than a wrong number.
    if (s[0] == '-') {
      auto v = parse_integer<long long>(s);
      return v ? json(*v) : json(s);
    }
    auto v = parse_integer<unsigned long long>(unsigned_part);
    return v ? json(*v) : json(s);
  }
  auto only = [&](std::string_view digits, std::size_t from) {
    return s.size() > from && s.find_first_not_of(digits, from) == std::string::npos;
  };
  if (s.starts_with("0o") && only("01234567", 2)) return prefixed(s, 8);
  if (s.starts_with("0x") && only("0123456789abcdefABCDEF", 2)) return prefixed(s, 16);
  if (is_real(s)) {
    // JSON has no infinity: an overflow stays text, and the validators report a type error
    // with the value.
    auto v = parse_double(unsigned_part);
    return v ? json(*v) : json(s);
  }
  return s;
}

class Converter {
public:
  Converter(const std::string& name, const JsonLimits& limits, std::size_t text_size)
      : name_(name), limits_(limits),
        // Aliases may expand a small file exponentially ("billion laughs"): allow a generous
        // multiple of what the text itself could hold, then refuse.
        max_nodes_(std::max<std::size_t>(100000, text_size * 4)) {}

  json convert(const YAML::Node& node, const std::string& ptr, int depth) {
    if (depth > limits_.max_depth)
      throw ParseError(
          at(name_, node.Mark(),
             "nesting deeper than the limit of " + std::to_string(limits_.max_depth) + " levels"));
    if (++nodes_ > max_nodes_)
      throw ParseError(at(name_, node.Mark(),
                          "document expands to more than " + std::to_string(max_nodes_) +
                              " values (aliases nested too deeply?)"));
    if (!node.Mark().is_null()) positions_.try_emplace(ptr, node.Mark().line + 1, node.Mark().column + 1);
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      // The tag "!" marks a quoted (non-plain) scalar, which is always a string.
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return node.Scalar();
      return plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      json out = json::array();
      std::size_t i = 0;
      for (const auto& item : node) out.push_back(convert(item, ptr + "/" + std::to_string(i++), depth + 1));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar())
          throw ParseError(at(name_, kv.first.Mark(), "mapping keys must be plain strings"));
        const std::string& key = kv.first.Scalar();
        if (out.contains(key))
          throw ParseError(at(name_, kv.first.Mark(), "duplicate key '" + key + "'", "\"" + key + "\""));
        out[key] = convert(kv.second, ptr + "/" + pointer_token(key), depth + 1);
      }
      return out;
    }
    }
    return nullptr;
  }

  JsonDocument::Positions take_positions() { return std::move(positions_); }

private:
  const std::string& name_;
  const JsonLimits& limits_;
  std::size_t max_nodes_;
  std::size_t nodes_ = 0;
  JsonDocument::Positions positions_;
};

void emit(YAML::Emitter& out, const json& v) {
  switch (v.type()) {
  case json::value_t::object:
    out << YAML::BeginMap;
    for (const auto& [k, x] : v.items()) {
      out << YAML::Key << YAML::DoubleQuoted << k << YAML::Value;
      emit(out, x);
    }
    out << YAML::EndMap;
    break;
  case json::value_t::array:
    // Short lists of scalars (SL vectors, ports) read best inline.
    if (v.size() <= 8 && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_primitive(); }))
      out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const auto& x : v) emit(out, x);
    out << YAML::EndSeq;
    break;
  case json::value_t::string:
    out << YAML::DoubleQuoted << v.get<std::string>();
    break;
  case json::value_t::boolean:
    out << YAML::TrueFalseBool << v.get<bool>();
    break;
  case json::value_t::null:
    out << YAML::Null;
    break;
  default:
    out << v.dump();
    break; // numbers: JSON's shortest round-trip text is valid YAML
  }
}

// Where each of the first `limit` documents starts, without building them. yaml-cpp's LoadAll
// never returns on some malformed input (it keeps yielding empty documents at the same position),
// so documents are counted with a cap and a second "document" at the first's position means the
// parser is stuck.
class DocumentStarts : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

std::vector<YAML::Mark> document_start_marks(const std::string& text, std::size_t limit) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  while (starts.marks.size() < limit && parser.HandleNextDocument(starts)) {
  }
  return std::move(starts.marks);
}

} // namespace

namespace {

// YAML is Unicode text (YAML 1.2, 5.2); yaml-cpp passes invalid UTF-8 and stops at a NUL.
void check_text(const std::string& text, const std::string& name) {
  auto refuse = [&](std::size_t offset, std::string message) {
    Diagnostic d;
    d.file = name;
    std::tie(d.line, d.column) = line_column(text, offset);
    static const char* hex = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(text[offset]);
    d.value = std::string("\\x") + hex[byte >> 4] + hex[byte & 15];
    d.message = std::move(message);
    throw ParseError(d);
  };
  if (auto nul = text.find('\0'); nul != std::string::npos)
    refuse(nul, "NUL byte in the text (a binary file, or UTF-16?)");
  if (auto bad = invalid_utf8_offset(text); bad != std::string::npos)
    refuse(bad, "not UTF-8 text (Latin-1 or another legacy encoding?); save the file as UTF-8");
}

} // namespace

std::string to_yaml(const json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, value);
  return std::string(out.c_str()) + "\n";
}

bool is_yaml_path(const std::string& path) {
  auto dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == "yaml" || ext == "yml";
}

JsonDocument parse_yaml(const std::string& text, const std::string& name, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw ParseError(at(name, YAML::Mark::null_mark(),
                        "input exceeds the size limit of " + std::to_string(limits.max_bytes) + " bytes"));
  check_text(text, name);
  YAML::Node root_node;
  std::vector<YAML::Mark> document_starts;
  try {
    document_starts = document_start_marks(text, 2);
    root_node = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops its recursive parser at 2000 levels with the message "bad file"; the
    // nesting limit is what the user ran into.
    throw ParseError(
        at(name, e.mark, "nesting deeper than the limit of " + std::to_string(limits.max_depth) + " levels"));
  } catch (const YAML::ParserException& e) {
    throw ParseError(at(name, e.mark, "malformed YAML: " + e.msg));
  } catch (const YAML::Exception& e) {
    throw ParseError(at(name, e.mark, std::string("malformed YAML: ") + e.what()));
  }
  if (document_starts.size() > 1 && document_starts[1].pos == document_starts[0].pos)
    throw ParseError(
        at(name, document_starts[0],
           "malformed YAML: the parser cannot get past this point (a ',', ']' or '}' where a value "
           "should start?)"));
  if (document_starts.empty() || root_node.IsNull())
    throw ParseError(at(name, YAML::Mark::null_mark(), "empty file: expected a YAML mapping"));
  if (document_starts.size() > 1)
    throw ParseError(
        at(name, document_starts[1], "several YAML documents in one file; a site file holds one"));
  Converter conv(name, limits, text.size());
  json root = conv.convert(root_node, "", 0);
  return JsonDocument::from_value(std::move(root), name, conv.take_positions());
}

JsonDocument load_yaml_file(const std::string& path, const JsonLimits& limits) {
  // yaml-cpp builds its node tree, then the JSON DOM is built from it: about twice the JSON
  // parse (an estimate). A regular file is measured before it is read.
  if (struct stat st{}; ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                        static_cast<std::size_t>(st.st_size) <= limits.max_bytes)
    check_parse_memory(path, static_cast<std::size_t>(st.st_size), limits, 2 * kParseMemoryFactor);
  std::string text = read_input_file(path, limits.max_bytes);
  check_parse_memory(path, text.size(), limits, 2 * kParseMemoryFactor);
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return parse_yaml(text, path, limits);
}

} // namespace zonepath::interchange
