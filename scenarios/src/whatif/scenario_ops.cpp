// The typed what-if operations on zones, assets, conduits, countermeasures and threat actors.
#include <algorithm>

#include "scenario_internal.hpp"
#include "zonepath/core/json_checker.hpp"

namespace zonepath::scenarios::detail {

namespace {

std::string str(const json& spec, const char* key) {
  return spec.at(key).get<std::string>();
}

std::string add_object(OpContext& c, const char* section_key, const char* key, const char* what) {
  const json& obj = c.op.spec.at(key);
  std::string id = obj.value("id", std::string());
  if (id.empty() || !obj["id"].is_string()) fail(c, key, std::string("the new ") + what + " needs an 'id'");
  json& list = section(c.site, section_key);
  for (const char* other : {"zones", "assets", "conduits", "threat_actors"})
    if (c.site.contains(other) && c.site[other].is_array() && find_index(c.site[other], id))
      fail(c, key, std::string("id '") + id + "' already exists in the site (" + other + ")",
           std::string("use modify-") + (std::string(what) == "threat actor" ? "" : what) + " to change it");
  list.push_back(obj);
  return std::string("added ") + what + " " + id;
}

// Merge patch (RFC 7396) of `set` onto an object; the id cannot change.
std::string modify_object(OpContext& c, const char* section_key, const char* what) {
  std::size_t i = require_index(c, section_key, "id", what);
  json& obj = c.site[section_key][i];
  const json& set = c.op.spec.at("set");
  if (set.contains("id") && set["id"] != obj["id"])
    fail(c, "set", "modify cannot change an id", "remove the object and add a new one");
  if (std::string(what) == "asset")
    for (const auto& [k, v] : set.items())
      if (patch_field(k)) require_override(c, obj, "changing '" + k + "'");
  obj.merge_patch(set);
  std::string keys;
  for (const auto& [k, v] : set.items()) keys += (keys.empty() ? "" : ", ") + k;
  return std::string("modified ") + what + " " + str(c.op.spec, "id") + " (" + keys + ")";
}

// Drops asset `id` from a list of ids; true when the list held it.
bool drop_id(json& list, const std::string& id) {
  if (!list.is_array()) return false;
  auto before = list.size();
  for (std::size_t i = list.size(); i-- > 0;)
    if (list[i] == id) list.erase(i);
  return list.size() != before;
}

// Removing an asset removes the references to it; a rule that named only this asset as source
// or destination is removed too (an empty list would widen it to every asset).
std::string remove_asset(OpContext& c) {
  std::size_t i = require_index(c, "assets", "id", "asset");
  std::string id = str(c.op.spec, "id");
  c.site["assets"].erase(i);
  std::size_t rules_removed = 0;
  for (auto& a : c.site["assets"])
    if (a.is_object() && a.contains("manages")) drop_id(a["manages"], id);
  auto clean_rules = [&](json& rules) {
    if (!rules.is_array()) return;
    for (std::size_t r = rules.size(); r-- > 0;) {
      bool emptied = false;
      for (const char* key : {"src_assets", "dst_assets"})
        if (rules[r].is_object() && rules[r].contains(key) && drop_id(rules[r][key], id) &&
            rules[r][key].empty())
          emptied = true;
      if (emptied) {
        rules.erase(r);
        ++rules_removed;
      }
    }
  };
  for (auto& o : section(c.site, "conduits"))
    if (o.is_object() && o.contains("rules")) clean_rules(o["rules"]);
  for (auto& o : section(c.site, "zones"))
    if (o.is_object() && o.contains("intra_rules")) clean_rules(o["intra_rules"]);
  for (auto& t : section(c.site, "threat_actors"))
    if (t.is_object() && t.contains("starts")) drop_id(t["starts"], id);
  std::string out = "removed asset " + id;
  if (rules_removed) out += " and " + std::to_string(rules_removed) + " rule(s) that named only it";
  return out;
}

std::string remove_object(OpContext& c, const char* section_key, const char* what) {
  std::size_t i = require_index(c, section_key, "id", what);
  c.site[section_key].erase(i);
  return std::string("removed ") + what + " " + str(c.op.spec, "id");
}

std::string disable_conduit(OpContext& c) {
  std::size_t i = require_index(c, "conduits", "id", "conduit");
  json& conduit = c.site["conduits"][i];
  json deny = {{"priority", 0},
               {"action", "deny"},
               {"from", "*"},
               {"to", "*"},
               {"description", "scenario " + c.scenario.id + ": conduit disabled"}};
  if (!conduit.contains("rules") || !conduit["rules"].is_array()) conduit["rules"] = json::array();
  // Priority 0 and first in the list: evaluated before every other rule, so nothing passes.
  conduit["rules"].insert(conduit["rules"].begin(), deny);
  return "disabled conduit " + str(c.op.spec, "id") + " (deny-all rule first)";
}

// A zone, conduit or asset named by `target`, as (section, index).
std::pair<const char*, std::size_t> find_target(OpContext& c, bool allow_asset) {
  std::string id = str(c.op.spec, "target");
  for (const char* s : {"zones", "conduits", "assets"}) {
    if (!allow_asset && std::string(s) == "assets") continue;
    if (auto i = find_index(section(c.site, s), id)) return {s, *i};
  }
  fail(c, "target",
       "unknown " + std::string(allow_asset ? "zone, conduit or asset" : "zone or conduit") + " '" + id +
           "'");
}

std::string add_countermeasure(OpContext& c) {
  auto [sec, i] = find_target(c, false);
  json& obj = c.site[sec][i];
  if (!obj.contains("countermeasures") || !obj["countermeasures"].is_array())
    obj["countermeasures"] = json::array();
  std::string added;
  for (const auto& r : c.op.spec.at("requirements")) {
    if (std::find(obj["countermeasures"].begin(), obj["countermeasures"].end(), r) !=
        obj["countermeasures"].end())
      continue;
    // A requirement with a record (partial, not-met, ...) becomes met in that record: the site
    // file holds each requirement once, in countermeasures or in requirements.
    bool recorded = false;
    if (obj.contains("requirements") && obj["requirements"].is_array())
      for (auto& rec : obj["requirements"])
        if (rec.is_object() && rec.value("id", json()) == r) {
          if (rec.value("status", "") == "met")
            recorded = true;
          else {
            rec["status"] = "met";
            rec.erase("justification");
            recorded = true;
            added += (added.empty() ? "" : ", ") + r.get<std::string>();
          }
        }
    if (recorded) continue;
    obj["countermeasures"].push_back(r);
    added += (added.empty() ? "" : ", ") + r.get<std::string>();
  }
  return "added countermeasures to " + str(c.op.spec, "target") + ": " +
         (added.empty() ? "(none new)" : added);
}

std::string add_compensating(OpContext& c) {
  auto [sec, i] = find_target(c, true);
  json& obj = c.site[sec][i];
  if (!obj.contains("compensating") || !obj["compensating"].is_array()) obj["compensating"] = json::array();
  const json& s = c.op.spec;
  // Every field but the operation's own is the control as the site file writes it; the site
  // loader checks it (lifecycle, change record, credited level) when the scenario is applied.
  json control = json::object();
  for (auto it = s.begin(); it != s.end(); ++it)
    if (it.key() != "op" && it.key() != "target") control[it.key()] = *it;
  obj["compensating"].push_back(control);
  std::string names = s.contains("requirements") ? s["requirements"].dump() : str(s, "requirement");
  std::string record = s.contains("change_record") ? str(s, "change_record")
                       : s.contains("status")      ? str(s, "status")
                                                   : std::string("no change record");
  return "added compensating control for " + names + " to " + str(s, "target") + " (" + record + ")";
}

// One requirement's assessment record on a zone or conduit: it replaces an earlier record of the
// same id, and the id leaves `countermeasures` (the site file holds each requirement once). The
// site loader checks the record when the scenario is applied (a justification for
// not-applicable, dates, evidence).
std::string set_requirement(OpContext& c) {
  auto [sec, i] = find_target(c, false);
  json& obj = c.site[sec][i];
  const json& s = c.op.spec;
  const json id = s.at("id");
  json record = {{"id", id}};
  for (const char* key : {"status", "justification", "evidence", "owner", "last_verified"})
    if (s.contains(key)) record[key] = s[key];
  if (obj.contains("countermeasures") && obj["countermeasures"].is_array()) {
    json& listed = obj["countermeasures"];
    listed.erase(std::remove(listed.begin(), listed.end(), id), listed.end());
  }
  if (!obj.contains("requirements") || !obj["requirements"].is_array()) obj["requirements"] = json::array();
  json& records = obj["requirements"];
  auto same = std::find_if(records.begin(), records.end(),
                           [&](const json& r) { return r.is_object() && r.value("id", json()) == id; });
  if (same != records.end())
    *same = std::move(record);
  else
    records.push_back(std::move(record));
  return "requirement " + str(s, "id") + " of " + str(s, "target") + " recorded as " + str(s, "status");
}

std::string patch_asset(OpContext& c) {
  std::size_t i = require_index(c, "assets", "asset", "asset");
  json& asset = c.site["assets"][i];
  std::string id = str(c.op.spec, "asset");
  require_override(c, asset, "patching");
  json& vulns = asset["vulnerabilities"];
  if (!vulns.is_array() || vulns.empty()) {
    if (vulns.is_null()) asset.erase("vulnerabilities");
    fail(c, "asset", "asset '" + id + "' has no vulnerabilities to patch");
  }
  if (!c.op.spec.contains("vulnerability")) {
    std::size_t n = vulns.size();
    asset.erase("vulnerabilities");
    return "patched asset " + id + " (" + std::to_string(n) + " vulnerabilities)";
  }
  std::string vid = str(c.op.spec, "vulnerability");
  std::vector<std::string> ids;
  for (std::size_t v = 0; v < vulns.size(); ++v) {
    if (vulns[v].value("id", std::string()) == vid) {
      vulns.erase(v);
      return "patched " + vid + " on asset " + id;
    }
    ids.push_back(vulns[v].value("id", std::string()));
  }
  std::vector<std::string_view> views(ids.begin(), ids.end());
  std::string near = did_you_mean(vid, views);
  fail(c, "vulnerability", "asset '" + id + "' has no vulnerability '" + vid + "'",
       near.empty() ? "" : "did you mean '" + near + "'?");
}

std::string add_start(OpContext& c) {
  std::size_t i = require_index(c, "threat_actors", "threat", "threat actor");
  json& actor = c.site["threat_actors"][i];
  std::string start = str(c.op.spec, "start");
  if (!actor.contains("starts") || !actor["starts"].is_array()) actor["starts"] = json::array();
  if (std::find(actor["starts"].begin(), actor["starts"].end(), start) == actor["starts"].end())
    actor["starts"].push_back(start);
  return "threat actor " + str(c.op.spec, "threat") + " also starts at " + start;
}

} // namespace

std::string apply_operation(OpContext& c) {
  const std::string& op = c.op.op;
  if (op == "add-zone") return add_object(c, "zones", "zone", "zone");
  if (op == "add-asset") return add_object(c, "assets", "asset", "asset");
  if (op == "add-conduit") return add_object(c, "conduits", "conduit", "conduit");
  if (op == "add-threat-actor") return add_object(c, "threat_actors", "actor", "threat actor");
  if (op == "remove-zone") return remove_object(c, "zones", "zone");
  if (op == "remove-conduit") return remove_object(c, "conduits", "conduit");
  if (op == "remove-threat-actor") return remove_object(c, "threat_actors", "threat actor");
  if (op == "remove-asset") return remove_asset(c);
  if (op == "modify-zone") return modify_object(c, "zones", "zone");
  if (op == "modify-asset") return modify_object(c, "assets", "asset");
  if (op == "modify-conduit") return modify_object(c, "conduits", "conduit");
  if (op == "move-asset") {
    std::size_t i = require_index(c, "assets", "id", "asset");
    c.site["assets"][i]["zone"] = c.op.spec.at("zone");
    return "moved asset " + str(c.op.spec, "id") + " to zone " + str(c.op.spec, "zone");
  }
  if (op == "disable-conduit") return disable_conduit(c);
  if (op == "add-countermeasure") return add_countermeasure(c);
  if (op == "add-compensating") return add_compensating(c);
  if (op == "set-requirement") return set_requirement(c);
  if (op == "patch") return patch_asset(c);
  if (op == "add-start") return add_start(c);
  if (op == "json-patch") return apply_json_patch(c);
  return apply_rule_operation(c);
}

} // namespace zonepath::scenarios::detail
