// Schema checks over a JsonDocument that collect every problem instead of stopping at the
// first: typed getters, allowed-key checks with did-you-mean suggestions, and one throw at
// the end carrying all diagnostics with their line and column.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zonepath/core/json_document.hpp"

namespace zonepath {

// Closest candidate within a small edit distance, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);
std::size_t edit_distance(std::string_view a, std::string_view b);

class JsonChecker {
public:
  explicit JsonChecker(const JsonDocument& doc, std::size_t max_errors = 500)
      : doc_(doc), max_errors_(max_errors) {}

  using json = nlohmann::json;

  void error(const std::string& pointer, std::string message, const json* value = nullptr,
             std::string suggestion = {});
  // A problem that does not stop loading (kept apart from the errors).
  void warning(const std::string& pointer, std::string message, const json* value = nullptr,
               std::string suggestion = {});
  // The warnings so far, located in the text (line, column); the checker keeps none.
  std::vector<Diagnostic> take_warnings();
  bool ok() const { return diagnostics_.empty(); }
  std::size_t error_count() const { return diagnostics_.size() + dropped_; }
  // Locates every diagnostic in the text and throws ValidationError if there is any.
  void throw_if_errors();

  // Reports a type error unless v is an object; returns whether it is one.
  bool expect_object(const json& v, const std::string& ptr);
  bool expect_array(const json& v, const std::string& ptr);
  // Unknown keys are errors unless they start with "x-" (extension data).
  void check_keys(const json& obj, const std::string& ptr, std::initializer_list<std::string_view> allowed);

  // Typed member access; `required` reports a missing key. Returns nullopt on absence or error.
  std::optional<std::string> get_string(const json& obj, const std::string& ptr, const char* key,
                                        bool required = false);
  std::optional<double> get_number(const json& obj, const std::string& ptr, const char* key,
                                   bool required = false);
  std::optional<std::int64_t> get_integer(const json& obj, const std::string& ptr, const char* key,
                                          bool required = false);
  // An array element or other value read as an integer: a whole float (2.0) is taken, a
  // fractional one or another type is reported at `ptr`.
  std::optional<std::int64_t> as_integer(const json& v, const std::string& ptr);
  std::optional<bool> get_bool(const json& obj, const std::string& ptr, const char* key,
                               bool required = false);
  // The array member, or nullptr (absent or wrong type, the latter reported).
  const json* get_array(const json& obj, const std::string& ptr, const char* key, bool required = false);
  const json* get_object(const json& obj, const std::string& ptr, const char* key, bool required = false);
  // A list of strings; non-strings are reported and skipped.
  std::vector<std::string> get_string_list(const json& obj, const std::string& ptr, const char* key);

  const JsonDocument& document() const { return doc_; }
  static std::string child(const std::string& ptr, std::string_view key) {
    return ptr + "/" + pointer_token(key);
  }
  static std::string child(const std::string& ptr, std::size_t index) {
    return ptr + "/" + std::to_string(index);
  }
  static const char* type_name(const json& v);

private:
  const json* member(const json& obj, const std::string& ptr, const char* key, bool required);

  const JsonDocument& doc_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Diagnostic> warnings_;
  std::size_t max_errors_;
  std::size_t dropped_ = 0;
};

} // namespace zonepath
