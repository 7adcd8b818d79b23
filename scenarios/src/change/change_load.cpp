// Loading change requests ("zonepath/change/v1"): the structure, the window and every
// operation are checked up front with the scenario loader's own operation checks, so a change
// request reports its problems exactly as a scenario file does (file, pointer, line, column).
#include <algorithm>

#include "../whatif/scenario_internal.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/scenarios/change.hpp"

namespace zonepath::scenarios {

namespace {

using json = nlohmann::json;

// The window's bound at `key`; a date alone starts its day, or as the end lasts to its end.
std::optional<models::Instant> window_bound(JsonChecker& check, const json& window, const char* key, bool end,
                                            std::string& text) {
  auto value = check.get_string(window, "/window", key, true);
  if (!value) return std::nullopt;
  bool date_only = false;
  auto instant = models::parse_instant(*value, &date_only);
  if (!instant) {
    check.error(std::string("/window/") + key, "not an ISO 8601 date or date-time", &window.at(key),
                "write YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+hh:mm");
    return std::nullopt;
  }
  if (end && date_only) instant->seconds += 86400;
  text = *value;
  return instant;
}

std::optional<ChangeWindow> load_window(JsonChecker& check, const json& root) {
  const json* w = check.get_object(root, "", "window");
  if (!w) return std::nullopt;
  check.check_keys(*w, "/window", {"valid_from", "valid_until"});
  ChangeWindow out;
  auto from = window_bound(check, *w, "valid_from", false, out.valid_from_text);
  auto until = window_bound(check, *w, "valid_until", true, out.valid_until_text);
  if (!from || !until) return std::nullopt;
  if (*until <= *from) {
    check.error("/window/valid_until", "valid_until must be after valid_from", &w->at("valid_until"));
    return std::nullopt;
  }
  out.valid_from = *from;
  out.valid_until = *until;
  return out;
}

// Fills the window and the change id into one `temporary` object the change adds; records its
// pointer when anything was filled.
void fill_temporary(json& holder, const std::string& ptr, const ChangeRequest& change,
                    std::vector<std::string>& applied) {
  if (!holder.is_object() || !holder.contains("temporary") || !holder["temporary"].is_object()) return;
  json& t = holder["temporary"];
  bool filled = false;
  auto fill = [&](const char* key, const std::string& value) {
    if (t.contains(key) || value.empty()) return;
    t[key] = value;
    filled = true;
  };
  if (change.window) {
    fill("valid_from", change.window->valid_from_text);
    fill("valid_until", change.window->valid_until_text);
  }
  fill("change_record", change.id);
  if (filled) applied.push_back(ptr + "/temporary");
}

// The elements an operation adds or modifies whole: a rule, a conduit with its rules, an asset,
// or the `set` of a modify operation.
void fill_operation(ScenarioOperation& op, const ChangeRequest& change, std::vector<std::string>& applied) {
  json& spec = op.spec;
  const std::string& p = op.pointer;
  if (op.op == "add-rule" && spec.contains("rule"))
    fill_temporary(spec["rule"], p + "/rule", change, applied);
  if (op.op == "add-asset" && spec.contains("asset"))
    fill_temporary(spec["asset"], p + "/asset", change, applied);
  if (op.op == "add-conduit" && spec.contains("conduit") && spec["conduit"].is_object()) {
    json& conduit = spec["conduit"];
    fill_temporary(conduit, p + "/conduit", change, applied);
    if (conduit.contains("rules") && conduit["rules"].is_array())
      for (std::size_t i = 0; i < conduit["rules"].size(); ++i)
        fill_temporary(conduit["rules"][i], p + "/conduit/rules/" + std::to_string(i), change, applied);
  }
  if ((op.op == "modify-rule" || op.op == "modify-conduit" || op.op == "modify-asset") &&
      spec.contains("set"))
    fill_temporary(spec["set"], p + "/set", change, applied);
}

} // namespace

ChangeRequest load_change(std::shared_ptr<const JsonDocument> doc) {
  JsonChecker check(*doc);
  const json& root = doc->root();
  if (!check.expect_object(root, "")) check.throw_if_errors();
  check.check_keys(root, "",
                   {"schema", "id", "title", "requested_by", "description", "base", "window", "operations"});
  auto schema = check.get_string(root, "", "schema", true);
  if (schema && *schema != kChangeSchema) {
    check.error("/schema", "unsupported schema '" + *schema + "'", &root.at("schema"),
                std::string("expected '") + kChangeSchema + "'");
    check.throw_if_errors();
  }
  ChangeRequest change;
  Scenario& sc = change.scenario;
  if (auto s = check.get_string(root, "", "id", true)) change.id = *s;
  if (auto s = check.get_string(root, "", "title", true)) change.title = *s;
  if (auto s = check.get_string(root, "", "requested_by", true)) change.requested_by = *s;
  if (auto s = check.get_string(root, "", "description")) change.description = *s;
  if (auto s = check.get_string(root, "", "base")) sc.base = *s;
  for (const char* key : {"id", "title", "requested_by"})
    if (root.contains(key) && root[key].is_string() &&
        root[key].get<std::string>().find_first_not_of(" \t") == std::string::npos)
      check.error(std::string("/") + key, std::string(key) + " must not be blank", &root.at(key));
  change.window = load_window(check, root);
  if (const json* ops = check.get_array(root, "", "operations", true)) {
    if (ops->empty()) check.error("/operations", "a change request needs at least one operation", ops);
    sc.operations.resize(ops->size());
    for (std::size_t i = 0; i < ops->size(); ++i)
      detail::check_operation(check, (*ops)[i], "/operations/" + std::to_string(i), sc.operations[i]);
  }
  check.throw_if_errors();
  sc.id = change.id;
  sc.name = change.title;
  sc.description = change.description;
  for (auto& op : sc.operations) fill_operation(op, change, change.window_applied);
  sc.document = std::move(doc);
  return change;
}

ChangeRequest load_change_file(const std::string& path) {
  return load_change(std::make_shared<const JsonDocument>(JsonDocument::load_file(path)));
}

const char* to_string(AsOfSource source) {
  switch (source) {
  case AsOfSource::Option:
    return "--as-of";
  case AsOfSource::Window:
    return "window";
  case AsOfSource::Site:
    return "site.as_of";
  case AsOfSource::None:
    break;
  }
  return "none";
}

const char* to_string(FailOn level) {
  switch (level) {
  case FailOn::Intolerable:
    return "intolerable";
  case FailOn::High:
    return "high";
  case FailOn::AnyIncrease:
    break;
  }
  return "any-increase";
}

std::optional<FailOn> parse_fail_on(std::string_view text) {
  for (FailOn f : {FailOn::Intolerable, FailOn::High, FailOn::AnyIncrease})
    if (text == to_string(f)) return f;
  return std::nullopt;
}

const char* to_string(ElementKind kind) {
  switch (kind) {
  case ElementKind::Zone:
    return "zone";
  case ElementKind::Conduit:
    return "conduit";
  case ElementKind::Asset:
    break;
  }
  return "asset";
}

const char* to_string(OwnerSource source) {
  switch (source) {
  case OwnerSource::Record:
    return "record";
  case OwnerSource::AssetOwner:
    return "asset-owner";
  case OwnerSource::None:
    break;
  }
  return "none";
}

const char* to_string(EvidenceKind kind) {
  return kind == EvidenceKind::RequirementRecord ? "requirement" : "compensating";
}

} // namespace zonepath::scenarios
