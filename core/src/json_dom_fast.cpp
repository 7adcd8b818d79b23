// simdjson's validating DOM parser, then one walk of its tape into the nlohmann document every
// reader of zonepath takes (docs/performance.md, "Site files", for what it gains). Whatever
// the walk cannot build exactly as nlohmann would makes it decline, and JsonDocument::parse runs
// nlohmann's parser, whose diagnostics name the line and column: errors are found and worded as
// before, only valid documents take the fast path.
#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/progress.hpp"

#include "json_dom_fast.hpp"

namespace zonepath::detail {

static_assert(simdjson::SIMDJSON_PADDING <= kInputPadding, "read_input_file must reserve simdjson's padding");

namespace {

namespace dom = simdjson::dom;
using nlohmann::json;

// Thrown inside the walk when the document leaves the fast path.
struct Decline {};

// Whether the text may hold the number -0: nlohmann makes it a signed integer, simdjson the
// same 0 as an unsigned one. Looks for "-0" followed by what ends a number; a string that
// holds such text ("x-0,") only sends its document down the checking path.
bool may_hold_minus_zero(std::string_view text) {
  for (std::size_t i = text.find("-0"); i != std::string_view::npos; i = text.find("-0", i + 1)) {
    const char next = i + 2 < text.size() ? text[i + 2] : ' ';
    if (next == ' ' || next == '\t' || next == '\r' || next == '\n' || next == ',' || next == ']' ||
        next == '}')
      return true;
  }
  return false;
}

// A UTF-16 surrogate encoded as UTF-8 (ED A0..BF): what a lone \uD800..\uDFFF escape decodes
// to where a parser lets it through. nlohmann refuses such escapes, and valid UTF-8 text never
// holds these bytes, so finding them means "let nlohmann decide".
bool has_encoded_surrogate(std::string_view s) {
  for (std::size_t i = s.find('\xED'); i != std::string_view::npos; i = s.find('\xED', i + 1))
    if (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return true;
  return false;
}

class TapeToJson {
public:
  TapeToJson(ProgressReporter* progress, std::uint64_t bytes, std::uint64_t& reported)
      : progress_(progress), bytes_(bytes), reported_(reported) {}

  json convert_root(dom::element root) {
    // Progress: the parse counts for the first quarter of the bytes, the walk for the rest, in
    // proportion to the elements of the arrays directly under the root (a site's assets, ...).
    if (progress_) {
      progress_->set_total(bytes_);
      report(bytes_ / 4);
      if (root.is_object())
        for (auto field : dom::object(root))
          if (field.value.is_array()) top_elements_ += dom::array(field.value).size();
    }
    json out = convert(root, 0);
    if (progress_) report(bytes_);
    return out;
  }

private:
  json convert(dom::element v, int depth) {
    if ((++values_ & 0xffff) == 0) global_cancel_token().throw_if_cancelled(); // Ctrl-C in a long parse
    switch (v.type()) {
    case dom::element_type::OBJECT:
      return object(dom::object(v), depth);
    case dom::element_type::ARRAY:
      return array(dom::array(v), depth);
    case dom::element_type::STRING:
      return json(text(std::string_view(v)));
    case dom::element_type::INT64: {
      const auto i = std::int64_t(v);
      // nlohmann's lexer reads an integer without a minus sign as unsigned.
      return i >= 0 ? json(static_cast<std::uint64_t>(i)) : json(i);
    }
    case dom::element_type::UINT64:
      return json(std::uint64_t(v));
    case dom::element_type::DOUBLE:
      return json(double(v));
    case dom::element_type::BOOL:
      return json(bool(v));
    case dom::element_type::NULL_VALUE:
      return json(nullptr);
    }
    throw Decline{};
  }

  static std::string text(std::string_view s) {
    if (has_encoded_surrogate(s)) throw Decline{};
    return std::string(s);
  }

  json object(dom::object o, int depth) {
    json out(json::value_t::object);
    auto& members = out.get_ref<json::object_t&>();
    for (auto field : o) {
      auto [it, added] = members.try_emplace(text(field.key));
      if (!added) throw Decline{}; // a repeated key: nlohmann's reader reports it with its place
      it->second = convert(field.value, depth + 1);
    }
    return out;
  }

  json array(dom::array a, int depth) {
    json out(json::value_t::array);
    auto& elements = out.get_ref<json::array_t&>();
    elements.reserve(a.size());
    for (dom::element e : a) {
      elements.push_back(convert(e, depth + 1));
      if (depth == 1 && progress_ && (++top_done_ & 0xfff) == 0 && top_elements_ > 0)
        report(bytes_ / 4 + (bytes_ - bytes_ / 4) * top_done_ / top_elements_);
    }
    return out;
  }

  // Raises the bytes reported so far to `done` (never past the text's size, never backwards).
  void report(std::uint64_t done) {
    done = std::min(done, bytes_);
    if (done > reported_) progress_->advance(done - reported_);
    reported_ = std::max(reported_, done);
  }

  ProgressReporter* progress_;
  std::uint64_t bytes_;
  std::uint64_t& reported_;
  std::uint64_t values_ = 0, top_elements_ = 0, top_done_ = 0;
};

} // namespace

std::optional<json> parse_json_fast(const std::string& text, ProgressReporter* progress,
                                    std::uint64_t& counted) {
  counted = 0;
  // ZONEPATH_JSON_READER=checking: nlohmann's parser for every document (for benchmarks).
  if (const char* reader = std::getenv("ZONEPATH_JSON_READER");
      reader && std::string_view(reader) == "checking")
    return std::nullopt;
  // Objects and arrays only: a byte order mark (nlohmann skips it, simdjson does not) or a
  // document of one scalar goes to nlohmann's parser.
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || (text[start] != '{' && text[start] != '[') || may_hold_minus_zero(text))
    return std::nullopt;
  dom::parser parser;
  dom::element root;
  const bool copy = text.capacity() - text.size() < simdjson::SIMDJSON_PADDING;
  if (parser.parse(text.data(), text.size(), copy).get(root) != simdjson::SUCCESS) return std::nullopt;
  try {
    return TapeToJson(progress, text.size(), counted).convert_root(root);
  } catch (const Decline&) {
    return std::nullopt;
  }
}

} // namespace zonepath::detail
