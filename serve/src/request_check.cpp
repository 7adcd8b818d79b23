#include "request_check.hpp"

#include <initializer_list>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::serve::detail {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& pointer, const std::string& message, const json* value = nullptr) {
  Diagnostic d;
  d.file = "request";
  d.pointer = pointer;
  d.message = message;
  if (value) d.value = abbreviate(*value);
  throw ValidationError({d});
}

void require_object(const json& request, std::initializer_list<const char*> keys) {
  if (!request.is_object()) fail("", "the request must be a JSON object", &request);
  for (const auto& [key, value] : request.items()) {
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) fail("/" + pointer_token(key), "unknown member '" + key + "'", &value);
  }
}

std::string string_member(const json& request, const char* key, std::string fallback) {
  if (!request.contains(key)) return fallback;
  const json& v = request.at(key);
  if (!v.is_string()) fail(std::string("/") + key, std::string("'") + key + "' must be a string", &v);
  return v.get<std::string>();
}

json operations_member(const json& request, const char* key, std::size_t max_operations) {
  if (!request.contains(key)) return json::array();
  const json& v = request.at(key);
  if (!v.is_array()) fail(std::string("/") + key, "the operations must be a list", &v);
  if (v.size() > max_operations)
    fail(std::string("/") + key,
         std::to_string(v.size()) + " operations, more than the limit of " + std::to_string(max_operations));
  return v;
}

std::string view_member(const json& request) {
  std::string view = string_member(request, "view", "auto");
  if (view != "zones" && view != "assets" && view != "auto")
    fail("/view", "'view' must be \"zones\", \"assets\" or \"auto\"", &request.at("view"));
  return view;
}

} // namespace

DesignRequest check_design_request(const json& request, std::size_t max_operations) {
  require_object(request, {"operations", "threat", "view", "preview"});
  DesignRequest out{operations_member(request, "operations", max_operations),
                    string_member(request, "threat", ""), view_member(request)};
  if (request.contains("preview")) {
    if (!request.at("preview").is_boolean())
      fail("/preview", "'preview' must be true or false", &request.at("preview"));
    out.preview = request.at("preview").get<bool>();
  }
  return out;
}

CompareRequest check_compare_request(const json& request, std::size_t max_operations) {
  require_object(request, {"a", "b", "threat", "view"});
  CompareRequest out;
  for (const char* side : {"a", "b"}) {
    if (!request.contains(side)) continue;
    const json& d = request.at(side);
    if (!d.is_object()) fail(std::string("/") + side, "a design must be an object with 'operations'", &d);
    for (const auto& [key, value] : d.items())
      if (key != "operations")
        fail(std::string("/") + side + "/" + pointer_token(key), "unknown member '" + key + "'");
    (side[0] == 'a' ? out.a : out.b) = operations_member(d, "operations", max_operations);
  }
  out.threat = string_member(request, "threat", "");
  out.view = view_member(request);
  return out;
}

ScenarioRequest check_scenario_request(const json& request, std::size_t max_operations) {
  require_object(request, {"operations", "id", "name"});
  ScenarioRequest out{operations_member(request, "operations", max_operations),
                      string_member(request, "id", "workbench"), string_member(request, "name", "")};
  if (out.id.empty()) fail("/id", "the scenario id must not be empty");
  return out;
}

std::string check_threat(const std::string& threat, const models::Site& site) {
  if (threat.empty()) return site.threat_actors.empty() ? "" : site.threat_actors.front().id;
  if (site.threat_index(threat) == models::kNone) fail("/threat", "unknown threat actor '" + threat + "'");
  return threat;
}

} // namespace zonepath::serve::detail
