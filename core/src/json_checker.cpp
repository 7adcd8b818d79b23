#include "zonepath/core/json_checker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zonepath {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  // Allow about one typo per three characters; otherwise a suggestion is noise.
  if (best.empty() || best_d > std::max<std::size_t>(2, word.size() / 3)) return {};
  return best;
}

const char* JsonChecker::type_name(const json& v) {
  switch (v.type()) {
  case json::value_t::null:
    return "null";
  case json::value_t::boolean:
    return "boolean";
  case json::value_t::string:
    return "string";
  case json::value_t::array:
    return "array";
  case json::value_t::object:
    return "object";
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float:
    return "number";
  default:
    return "value";
  }
}

namespace {

Diagnostic make_diagnostic(const std::string& file, const std::string& pointer, std::string message,
                           const nlohmann::json* value, std::string suggestion) {
  Diagnostic d;
  d.file = file;
  d.pointer = pointer;
  d.message = std::move(message);
  if (value) d.value = abbreviate(*value);
  d.suggestion = std::move(suggestion);
  return d;
}

} // namespace

void JsonChecker::error(const std::string& pointer, std::string message, const json* value,
                        std::string suggestion) {
  // Readers that look at one value twice (an id read for the index, then for the element) would
  // report its problem twice; each problem is listed once.
  for (const Diagnostic& d : diagnostics_)
    if (d.pointer == pointer && d.message == message) return;
  if (diagnostics_.size() >= max_errors_) {
    ++dropped_;
    return;
  }
  diagnostics_.push_back(
      make_diagnostic(doc_.name(), pointer, std::move(message), value, std::move(suggestion)));
}

void JsonChecker::warning(const std::string& pointer, std::string message, const json* value,
                          std::string suggestion) {
  if (warnings_.size() >= max_errors_) return;
  warnings_.push_back(
      make_diagnostic(doc_.name(), pointer, std::move(message), value, std::move(suggestion)));
}

std::vector<Diagnostic> JsonChecker::take_warnings() {
  doc_.locate(warnings_);
  return std::move(warnings_);
}

void JsonChecker::throw_if_errors() {
  if (diagnostics_.empty()) return;
  doc_.locate(diagnostics_);
  if (dropped_ > 0) {
    Diagnostic more;
    more.file = doc_.name();
    more.message = "and " + std::to_string(dropped_) + " more errors not shown";
    diagnostics_.push_back(more);
  }
  throw ValidationError(std::move(diagnostics_));
}

bool JsonChecker::expect_object(const json& v, const std::string& ptr) {
  if (v.is_object()) return true;
  error(ptr, std::string("expected object, got ") + type_name(v), &v);
  return false;
}

bool JsonChecker::expect_array(const json& v, const std::string& ptr) {
  if (v.is_array()) return true;
  error(ptr, std::string("expected array, got ") + type_name(v), &v);
  return false;
}

void JsonChecker::check_keys(const json& obj, const std::string& ptr,
                             std::initializer_list<std::string_view> allowed) {
  if (!obj.is_object()) return;
  std::vector<std::string_view> names(allowed);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& key = it.key();
    if (key.rfind("x-", 0) == 0) continue;
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string near = did_you_mean(key, names);
    error(child(ptr, key), "unknown key '" + key + "'", nullptr,
          near.empty() ? "extension data must use an 'x-' prefix" : "did you mean '" + near + "'?");
  }
}

const nlohmann::json* JsonChecker::member(const json& obj, const std::string& ptr, const char* key,
                                          bool required) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) error(ptr, std::string("missing required key '") + key + "'");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonChecker::get_string(const json& obj, const std::string& ptr, const char* key,
                                                   bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(child(ptr, key), std::string("expected string, got ") + type_name(*v), v);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<double> JsonChecker::get_number(const json& obj, const std::string& ptr, const char* key,
                                              bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(child(ptr, key), std::string("expected number, got ") + type_name(*v), v);
    return std::nullopt;
  }
  double d = v->get<double>();
  if (!std::isfinite(d)) {
    error(child(ptr, key), "number is not finite", v);
    return std::nullopt;
  }
  return d;
}

std::optional<std::int64_t> JsonChecker::get_integer(const json& obj, const std::string& ptr, const char* key,
                                                     bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return std::nullopt;
  return as_integer(*v, child(ptr, key));
}

std::optional<std::int64_t> JsonChecker::as_integer(const json& v, const std::string& ptr) {
  if (v.is_number_integer() || v.is_number_unsigned()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX)) {
      error(ptr, "integer out of range", &v);
      return std::nullopt;
    }
    return v.get<std::int64_t>();
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return std::int64_t(d);
    error(ptr,
          !std::isfinite(d)    ? "number is not finite"
          : d == std::floor(d) ? "integer out of range"
                               : "expected integer, got a fractional number",
          &v);
    return std::nullopt;
  }
  error(ptr, std::string("expected number, got ") + type_name(v), &v);
  return std::nullopt;
}

std::optional<bool> JsonChecker::get_bool(const json& obj, const std::string& ptr, const char* key,
                                          bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    error(child(ptr, key), std::string("expected boolean, got ") + type_name(*v), v);
    return std::nullopt;
  }
  return v->get<bool>();
}

const nlohmann::json* JsonChecker::get_array(const json& obj, const std::string& ptr, const char* key,
                                             bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return nullptr;
  return expect_array(*v, child(ptr, key)) ? v : nullptr;
}

const nlohmann::json* JsonChecker::get_object(const json& obj, const std::string& ptr, const char* key,
                                              bool required) {
  const json* v = member(obj, ptr, key, required);
  if (!v) return nullptr;
  return expect_object(*v, child(ptr, key)) ? v : nullptr;
}

std::vector<std::string> JsonChecker::get_string_list(const json& obj, const std::string& ptr,
                                                      const char* key) {
  std::vector<std::string> out;
  const json* arr = get_array(obj, ptr, key);
  if (!arr) return out;
  std::string base = child(ptr, key);
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const json& item = (*arr)[i];
    if (item.is_string())
      out.push_back(item.get<std::string>());
    else
      error(child(base, i), std::string("expected string, got ") + type_name(item), &item);
  }
  return out;
}

} // namespace zonepath
