// Loading scenario files: the structure and each operation's fields are checked up front, so a
// typo in operation 7 is reported before operations 1..6 run on anything.
#include <algorithm>
#include <map>

#include "scenario_internal.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios {

namespace {

using json = nlohmann::json;

// Fields of each operation besides "op", "description" and "override"; the first list holds
// the required ones, the second the optional ones.
struct OpShape {
  std::vector<std::string_view> required, optional;
};

const std::map<std::string, OpShape, std::less<>>& shapes() {
  static const std::map<std::string, OpShape, std::less<>> s = {
      {"add-zone", {{"zone"}, {}}},
      {"remove-zone", {{"id"}, {}}},
      {"modify-zone", {{"id", "set"}, {}}},
      {"add-asset", {{"asset"}, {}}},
      {"remove-asset", {{"id"}, {}}},
      {"modify-asset", {{"id", "set"}, {}}},
      {"move-asset", {{"id", "zone"}, {}}},
      {"add-conduit", {{"conduit"}, {}}},
      {"remove-conduit", {{"id"}, {}}},
      {"modify-conduit", {{"id", "set"}, {}}},
      {"disable-conduit", {{"id"}, {}}},
      {"add-rule", {{"rule"}, {"conduit", "zone", "at"}}},
      {"remove-rule", {{}, {"conduit", "zone", "priority", "name", "index"}}},
      {"modify-rule", {{"set"}, {"conduit", "zone", "priority", "name", "index"}}},
      {"add-countermeasure", {{"target", "requirements"}, {}}},
      {"add-compensating",
       {{"target", "control"},
        {"requirement", "requirements", "change_record", "status", "credited_sl", "owner",
         "validation_record", "review_by", "description"}}},
      {"set-requirement",
       {{"target", "id", "status"}, {"justification", "evidence", "owner", "last_verified"}}},
      {"patch", {{"asset"}, {"vulnerability"}}},
      {"add-threat-actor", {{"actor"}, {}}},
      {"remove-threat-actor", {{"id"}, {}}},
      {"add-start", {{"threat", "start"}, {}}},
      {"json-patch", {{"patch"}, {}}},
  };
  return s;
}

const char* expected_type(std::string_view op, std::string_view key) {
  if (key == "zone") return op == "add-zone" ? "object" : "string";
  if (key == "asset") return op == "add-asset" ? "object" : "string";
  if (key == "conduit") return op == "add-conduit" ? "object" : "string";
  if (key == "set" || key == "asset" || key == "conduit" || key == "rule" || key == "actor") return "object";
  if (key == "requirements" || key == "patch" || key == "evidence") return "array";
  if (key == "priority" || key == "index" || key == "credited_sl") return "integer";
  return "string";
}

} // namespace

void detail::check_operation(JsonChecker& check, const json& o, const std::string& ptr,
                             ScenarioOperation& out) {
  if (!check.expect_object(o, ptr)) return;
  auto op = check.get_string(o, ptr, "op", true);
  if (!op) return;
  out.op = *op;
  auto it = shapes().find(*op);
  if (it == shapes().end()) {
    std::vector<std::string_view> names;
    for (const auto& [k, v] : shapes()) names.push_back(k);
    std::string near = did_you_mean(*op, names);
    check.error(ptr + "/op", "unknown operation '" + *op + "'", &o.at("op"),
                near.empty() ? "see docs/scenarios.md for the operations" : "did you mean '" + near + "'?");
    return;
  }
  const OpShape& shape = it->second;
  // check_keys takes an initializer list; build the allowed set by hand for a precise message.
  std::vector<std::string_view> allowed = {"op", "description", "override"};
  allowed.insert(allowed.end(), shape.required.begin(), shape.required.end());
  allowed.insert(allowed.end(), shape.optional.begin(), shape.optional.end());
  for (const auto& [key, value] : o.items()) {
    if (key.rfind("x-", 0) == 0) continue;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string near = did_you_mean(key, allowed);
    check.error(JsonChecker::child(ptr, key), "unknown key '" + key + "' for operation '" + *op + "'", &value,
                near.empty() ? "" : "did you mean '" + near + "'?");
  }
  for (auto key : shape.required)
    if (!o.contains(std::string(key)))
      check.error(ptr, "operation '" + *op + "' needs '" + std::string(key) + "'");
  for (const auto& [key, value] : o.items()) {
    std::string_view want = expected_type(*op, key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end() || key == "op") continue;
    bool ok = want == "object"             ? value.is_object()
              : want == "array"            ? value.is_array()
              : want == "integer"          ? value.is_number_integer()
              : want == "string-or-object" ? (value.is_string() || value.is_object())
                                           : value.is_string();
    if (key == "at") ok = value.is_string() && (value == "start" || value == "end");
    if (!ok)
      check.error(JsonChecker::child(ptr, key),
                  key == "at" ? std::string("'at' must be \"start\" or \"end\"")
                              : "expected " + std::string(want == "string-or-object" ? "string" : want) +
                                    ", got " + JsonChecker::type_name(value),
                  &value);
  }
  if (o.contains("override") && o.at("override").is_string()) {
    out.override_reason = o.at("override").get<std::string>();
    if (out.override_reason.find_first_not_of(" \t") == std::string::npos)
      check.error(ptr + "/override", "override must say why (a non-empty reason)", &o.at("override"));
  }
  bool rule_op = *op == "add-rule" || *op == "remove-rule" || *op == "modify-rule";
  if (rule_op && (o.contains("conduit") == o.contains("zone")))
    check.error(ptr, "operation '" + *op + "' needs exactly one of 'conduit' or 'zone' (intra-zone rules)");
  if (*op == "remove-rule" || *op == "modify-rule") {
    int selectors = int(o.contains("priority")) + int(o.contains("name")) + int(o.contains("index"));
    if (selectors != 1)
      check.error(ptr, "operation '" + *op + "' needs exactly one of 'priority', 'name' or 'index'");
  }
  if (*op == "json-patch" && o.contains("patch") && o.at("patch").is_array()) {
    const json& patch = o.at("patch");
    for (std::size_t i = 0; i < patch.size(); ++i) {
      std::string pp = ptr + "/patch/" + std::to_string(i);
      const json& p = patch[i];
      if (!check.expect_object(p, pp)) continue;
      check.check_keys(p, pp, {"op", "path", "value", "from"});
      auto pop = check.get_string(p, pp, "op", true);
      auto path = check.get_string(p, pp, "path", true);
      if (pop) {
        static const std::vector<std::string_view> ops = {"add", "remove", "replace", "move", "copy", "test"};
        if (std::find(ops.begin(), ops.end(), *pop) == ops.end()) {
          std::string near = did_you_mean(*pop, ops);
          check.error(pp + "/op", "unknown JSON Patch operation '" + *pop + "'", &p.at("op"),
                      near.empty() ? "RFC 6902: add, remove, replace, move, copy, test"
                                   : "did you mean '" + near + "'?");
        } else if ((*pop == "add" || *pop == "replace" || *pop == "test") && !p.contains("value")) {
          check.error(pp, "JSON Patch '" + *pop + "' needs a 'value'");
        } else if ((*pop == "move" || *pop == "copy") && !p.contains("from")) {
          check.error(pp, "JSON Patch '" + *pop + "' needs a 'from'");
        }
      }
      if (path && !path->empty() && path->front() != '/')
        check.error(pp + "/path", "a JSON pointer starts with '/'", &p.at("path"));
    }
  }
  if (*op == "set-requirement" && o.contains("status") && o.at("status").is_string() &&
      !models::parse_requirement_status(o.at("status").get<std::string>()))
    check.error(ptr + "/status", "unknown requirement status '" + o.at("status").get<std::string>() + "'",
                &o.at("status"), "use met, partial, not-met, not-applicable or compensated");
  if (*op == "add-countermeasure" && o.contains("requirements") && o.at("requirements").is_array()) {
    if (o.at("requirements").empty()) check.error(ptr + "/requirements", "list at least one requirement");
    for (std::size_t i = 0; i < o.at("requirements").size(); ++i)
      if (!o.at("requirements")[i].is_string())
        check.error(ptr + "/requirements/" + std::to_string(i), "expected string", &o.at("requirements")[i]);
  }
  out.spec = o;
  out.pointer = ptr;
}

const std::vector<std::string>& operation_names() {
  static const std::vector<std::string> names = {
      "add-zone",         "remove-zone",     "modify-zone", "add-asset",        "remove-asset",
      "modify-asset",     "move-asset",      "add-conduit", "remove-conduit",   "modify-conduit",
      "disable-conduit",  "add-rule",        "remove-rule", "modify-rule",      "add-countermeasure",
      "add-compensating", "set-requirement", "patch",       "add-threat-actor", "remove-threat-actor",
      "add-start",        "json-patch"};
  return names;
}

Scenario load_scenario(std::shared_ptr<const JsonDocument> doc) {
  JsonChecker check(*doc);
  const json& root = doc->root();
  if (!check.expect_object(root, "")) check.throw_if_errors();
  check.check_keys(root, "", {"schema", "id", "name", "description", "base", "operations"});
  Scenario sc;
  auto schema = check.get_string(root, "", "schema", true);
  if (schema && *schema != kScenarioSchema) {
    check.error("/schema", "unsupported schema '" + *schema + "'", &root.at("schema"),
                std::string("expected '") + kScenarioSchema + "'");
    check.throw_if_errors();
  }
  if (auto id = check.get_string(root, "", "id", true)) sc.id = *id;
  if (auto s = check.get_string(root, "", "name")) sc.name = *s;
  if (auto s = check.get_string(root, "", "description")) sc.description = *s;
  if (auto s = check.get_string(root, "", "base")) sc.base = *s;
  if (const json* ops = check.get_array(root, "", "operations", true)) {
    sc.operations.resize(ops->size());
    for (std::size_t i = 0; i < ops->size(); ++i)
      detail::check_operation(check, (*ops)[i], "/operations/" + std::to_string(i), sc.operations[i]);
  }
  check.throw_if_errors();
  sc.document = std::move(doc);
  return sc;
}

Scenario load_scenario_file(const std::string& path) {
  return load_scenario(std::make_shared<const JsonDocument>(JsonDocument::load_file(path)));
}

Scenario scenario_from_json(const nlohmann::json& value, const std::string& name) {
  // Through the text, so that errors in generated scenarios still carry line and column.
  return load_scenario(std::make_shared<const JsonDocument>(JsonDocument::parse(value.dump(2), name)));
}

} // namespace zonepath::scenarios
