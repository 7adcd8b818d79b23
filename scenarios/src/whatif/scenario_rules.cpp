// Rule operations (on a conduit's rules or a zone's intra_rules) and RFC 6902 JSON Patch.
#include <algorithm>

#include "scenario_internal.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::scenarios::detail {

namespace {

struct RuleList {
  json* rules = nullptr;
  std::string owner; // "conduit fw-1" or "zone cell-1"
};

RuleList rule_list(OpContext& c, bool create) {
  bool conduit = c.op.spec.contains("conduit");
  std::size_t i = conduit ? require_index(c, "conduits", "conduit", "conduit")
                          : require_index(c, "zones", "zone", "zone");
  json& owner = c.site[conduit ? "conduits" : "zones"][i];
  const char* key = conduit ? "rules" : "intra_rules";
  std::string name = std::string(conduit ? "conduit " : "zone ") + owner["id"].get<std::string>();
  if (!owner.contains(key) || !owner[key].is_array()) {
    if (!create) fail(c, conduit ? "conduit" : "zone", name + " has no rules");
    owner[key] = json::array();
  }
  return RuleList{&owner[key], name};
}

std::string describe(const json& rule) {
  std::string out = "rule";
  if (rule.contains("priority")) out += " " + rule["priority"].dump();
  if (rule.contains("name") && rule["name"].is_string()) out += " '" + rule["name"].get<std::string>() + "'";
  out += " (" + rule.value("action", std::string("?"));
  if (rule.contains("protocols")) out += " " + rule["protocols"].dump();
  return out + ")";
}

// The position of the rule chosen by priority, name or index; ambiguity is an error.
std::size_t select_rule(OpContext& c, const RuleList& list) {
  const json& spec = c.op.spec;
  const json& rules = *list.rules;
  if (spec.contains("index")) {
    auto idx = spec["index"].get<std::int64_t>();
    if (idx < 0 || std::size_t(idx) >= rules.size())
      fail(c, "index", list.owner + " has " + std::to_string(rules.size()) + " rule(s); index out of range");
    return std::size_t(idx);
  }
  const char* key = spec.contains("priority") ? "priority" : "name";
  std::vector<std::size_t> hits;
  std::string known;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].is_object() && rules[i].contains(key)) {
      if (rules[i][key] == spec[key]) hits.push_back(i);
      known += (known.empty() ? "" : ", ") + rules[i][key].dump();
    }
  }
  if (hits.empty())
    fail(c, key, list.owner + " has no rule with " + key + " " + spec[key].dump(),
         known.empty() ? "" : "its rules have " + std::string(key) + " " + known);
  if (hits.size() > 1)
    fail(c, key,
         std::to_string(hits.size()) + " rules of " + list.owner + " have " + key + " " + spec[key].dump(),
         "select the rule by 'index' (its position in the list) instead");
  return hits.front();
}

} // namespace

std::string apply_rule_operation(OpContext& c) {
  const std::string& op = c.op.op;
  if (op == "add-rule") {
    RuleList list = rule_list(c, true);
    // "at": "start" puts the rule first among equal priorities (stable sort by priority).
    if (c.op.spec.value("at", std::string("end")) == "start")
      list.rules->insert(list.rules->begin(), c.op.spec.at("rule"));
    else
      list.rules->push_back(c.op.spec.at("rule"));
    return "added " + describe(c.op.spec.at("rule")) + " to " + list.owner;
  }
  RuleList list = rule_list(c, false);
  std::size_t i = select_rule(c, list);
  std::string before = describe((*list.rules)[i]);
  if (op == "remove-rule") {
    list.rules->erase(i);
    return "removed " + before + " from " + list.owner;
  }
  if (op == "modify-rule") {
    (*list.rules)[i].merge_patch(c.op.spec.at("set"));
    return "modified " + before + " of " + list.owner + " to " + describe((*list.rules)[i]);
  }
  fail(c, "op", "unknown operation '" + op + "'");
}

ValueCount count_values(const json& value) {
  // Iterative: a copied document may nest deeper than the stack allows recursion.
  ValueCount out;
  std::vector<std::pair<const json*, std::size_t>> todo{{&value, 1}};
  while (!todo.empty()) {
    auto [v, depth] = todo.back();
    todo.pop_back();
    ++out.values;
    out.depth = std::max(out.depth, depth);
    if (v->is_structured())
      for (const auto& child : *v) todo.emplace_back(&child, depth + 1);
  }
  return out;
}

namespace {

// Takes what a "copy" adds from the scenario's budget; the copy itself is left to json::patch
// (which reports a bad "from").
void charge_copy(OpContext& c, const json& p, std::size_t i) {
  if (!p.contains("from") || !p["from"].is_string()) return;
  const json* from = nullptr;
  try {
    const json::json_pointer ptr(p["from"].get<std::string>());
    if (c.site.contains(ptr)) from = &c.site.at(ptr);
  } catch (const json::exception&) {
    return;
  }
  if (!from) return;
  const auto [added, depth] = count_values(*from);
  const std::string path = p.value("path", "");
  const auto target_depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  if (target_depth + depth > static_cast<std::size_t>(JsonLimits{}.max_depth))
    throw LimitError(c.scenario.document
                         ->diagnostic(c.op.pointer + "/patch/" + std::to_string(i),
                                      "JSON Patch copy nests the site deeper than the limit of " +
                                          std::to_string(JsonLimits{}.max_depth) + " levels",
                                      &p)
                         .format());
  if (added <= *c.copy_budget) {
    *c.copy_budget -= added;
    return;
  }
  const Diagnostic d = c.scenario.document->diagnostic(
      c.op.pointer + "/patch/" + std::to_string(i),
      "JSON Patch copies grow the site past the limit: this copy adds " + std::to_string(added) +
          " values, " + std::to_string(*c.copy_budget) +
          " remain of what one scenario may copy (as many values as the base site holds, at least " +
          std::to_string(kMinCopyBudget) + ")",
      &p);
  throw LimitError(d.format());
}

} // namespace

std::string apply_json_patch(OpContext& c) {
  const json& patch = c.op.spec.at("patch");
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const json& p = patch[i];
    // An edit inside an unpatchable asset's software state needs an override, as for `patch`.
    for (const char* key : {"path", "from"}) {
      if (!p.contains(key)) continue;
      std::string path = p[key].get<std::string>();
      if (path.rfind("/assets/", 0) != 0) continue;
      json::json_pointer ptr(path);
      std::vector<std::string> tokens;
      for (json::json_pointer q = ptr; !q.empty(); q = q.parent_pointer())
        tokens.insert(tokens.begin(), q.back());
      if (tokens.size() < 2 || !c.site.contains("assets")) continue;
      const json& assets = c.site["assets"];
      auto index = parse_integer<std::size_t>(tokens[1]);
      if (!index || *index >= assets.size()) continue;
      const std::size_t idx = *index;
      bool whole = tokens.size() == 2 && p["op"] == "replace";
      if (whole || (tokens.size() >= 3 && patch_field(tokens[2])))
        require_override(c, assets[idx], "JSON Patch '" + path + "' changes the software state");
    }
    if (p.value("op", "") == "copy" && c.copy_budget) charge_copy(c, p, i);
    try {
      c.site = c.site.patch(json::array({p}));
    } catch (const json::exception& e) {
      std::string what = e.what();
      // nlohmann prefixes "[json.exception.out_of_range.403] "; the rest is the useful part.
      if (auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
      throw ValidationError({c.scenario.document->diagnostic(c.op.pointer + "/patch/" + std::to_string(i),
                                                             "JSON Patch failed: " + what, &p)});
    }
  }
  return "applied JSON Patch (" + std::to_string(patch.size()) + " operation(s))";
}

} // namespace zonepath::scenarios::detail
