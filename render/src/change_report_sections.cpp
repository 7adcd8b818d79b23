// The sections of the change-impact page, read from the change-impact JSON: the request and the
// date assessed, the verdict, then what changed, then what the board must have re-verified.
#include <algorithm>
#include <cstdio>
#include <map>

#include "change_report_internal.hpp"
#include "text_util.hpp"

namespace zonepath::render::detail {

namespace {

using json = nlohmann::json;

std::string str(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return number(v.get<double>(), 3);
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + str(x);
    return out.empty() ? "-" : out;
  }
  return v.dump();
}

std::string pair(const json& side) {
  return str(side.value("before", json())) + " → " + str(side.value("after", json()));
}

std::string level_pair(const json& side) {
  auto name = [](const json& v) {
    return v.is_number_integer() ? std::string(kRiskNames[v.get<int>() % 6]) : "-";
  };
  return name(side.value("before", json())) + " → " + name(side.value("after", json()));
}

std::string date_text(const json& j) {
  if (j.value("as_of", json()).is_null()) return "no date: every temporary element counts as in force";
  std::string src = j.value("as_of_source", "");
  std::string why = src == "window"    ? "first day of the change window"
                    : src == "--as-of" ? "--as-of"
                                       : "the site's as_of";
  return j["as_of"].get<std::string>() + " (" + why + ")";
}

ChangeSection section(std::string title, std::vector<std::string> head, std::string empty = "none") {
  ChangeSection s;
  s.title = std::move(title);
  s.head = std::move(head);
  s.empty = std::move(empty);
  return s;
}

ChangeSection request(const json& j) {
  const json& c = j["change"];
  ChangeSection s = section("Change request", {"Field", "Value"});
  auto row = [&](const char* k, const std::string& v) { s.rows.push_back({{k, v}, ""}); };
  row("Change", str(c["id"]) + ": " + str(c["title"]));
  row("Requested by", str(c["requested_by"]));
  if (!c["description"].get<std::string>().empty()) row("Description", str(c["description"]));
  if (c["window"].is_object())
    row("Window", str(c["window"]["valid_from"]) + " to " + str(c["window"]["valid_until"]));
  row("Assessed as of", date_text(j));
  row("Site", str(j["site"]["name"]) + " (" + str(j["site"]["id"]) + ", " + str(j["site"]["file"]) + ")");
  row("Change file", str(c["file"]));
  row("Monte Carlo", str(j["samples"]) + " samples per threat actor, seed " + str(j["seed"]));
  for (const auto& op : j["operations"])
    row(("Operation " + std::to_string(op["index"].get<int>() + 1)).c_str(), str(op["summary"]));
  return s;
}

ChangeSection verdict(const json& j) {
  const json& v = j["verdict"];
  ChangeSection s = section("Verdict", {"--fail-on", "Met"});
  int raised = v["ratings_raised"].get<int>(), lowered = v["ratings_lowered"].get<int>();
  s.paragraphs.push_back(raised
                             ? "Risk RISES: " + std::to_string(raised) + " zone/threat rating(s) raised, " +
                                   std::to_string(lowered) + " lowered."
                             : "No zone/threat risk rating rises (" + std::to_string(lowered) + " lowered).");
  const json& flows = j["diff"]["required_flows"];
  if (!flows["broken"].empty())
    s.paragraphs.push_back("REQUIRED FLOWS STOPPED: " + std::to_string(flows["broken"].size()) + " of " +
                           str(flows["count"]) + ".");
  for (const auto& [k, met] : v["fail_on"].items())
    s.rows.push_back({{k, str(met)}, met.get<bool>() ? "worse" : ""});
  return s;
}

ChangeSection risks(const json& j) {
  ChangeSection s{"Risk per zone and threat actor",
                  {},
                  {"Zone", "Threat actor", "Risk", "Tolerable", "Likelihood"},
                  {},
                  "no rating changed"};
  int unchanged = 0;
  for (const auto& r : j["risk"]) {
    std::string change = r["change"];
    if (change == "unchanged") {
      ++unchanged;
      continue;
    }
    s.rows.push_back({{str(r["zone"]), str(r["threat"]), level_pair(r["level"]), pair(r["tolerable"]),
                       pair(r["probability"])},
                      change == "raised" ? "worse" : "better"});
  }
  s.paragraphs.push_back(std::to_string(unchanged) + " other rating(s) unchanged.");
  return s;
}

ChangeSection levels(const json& j) {
  ChangeSection s = section("SL-A and SL gap per zone and FR", {"Where", "FR", "SL-A", "Gap"});
  for (const auto& e : j["security_levels"]) {
    const json& gap = e["gap"];
    bool worse = gap["after"].is_number() && (!gap["before"].is_number() || gap["after"] > gap["before"]);
    s.rows.push_back(
        {{str(e["kind"]) + " " + str(e["id"]), kFrNames[e["fr"].get<int>() - 1], pair(e["sl_a"]), pair(gap)},
         worse ? "worse" : "better"});
  }
  return s;
}

ChangeSection findings(const json& j, const char* title, const char* key, const char* mark) {
  ChangeSection s = section(title, {"Severity", "Rule", "Where", "Finding"});
  for (const auto& f : j["diff"][key]) {
    std::string where;
    for (const char* k : {"zone", "conduit", "asset"})
      if (!f.value(k, "").empty())
        where += (where.empty() ? "" : ", ") + std::string(k) + " " + f.value(k, "");
    s.rows.push_back({{str(f["severity"]), str(f["rule"]), where, str(f["message"])}, mark});
  }
  return s;
}

// The most likely path of each threat actor and crown jewel, most likely first.
ChangeSection paths(const json& j, const char* title, const char* key, const char* mark) {
  ChangeSection s = section(title, {"Threat actor", "Crown jewel", "Probability", "Path"});
  std::map<std::pair<std::string, std::string>, const json*> best;
  for (const auto& p : j["diff"][key]) {
    const json*& b = best[{p["threat"].get<std::string>(), p["target"].get<std::string>()}];
    if (!b || p["probability"].get<double>() > (*b)["probability"].get<double>()) b = &p;
  }
  std::vector<const json*> top;
  for (const auto& [k, p] : best) top.push_back(p);
  std::stable_sort(top.begin(), top.end(), [](const json* a, const json* b) {
    return (*a)["probability"].get<double>() > (*b)["probability"].get<double>();
  });
  s.paragraphs.push_back(
      std::to_string(j["diff"][key].size()) +
      " path(s) among the most likely per threat actor and crown jewel; the most likely of "
      "each pair below, all in change-impact.json.");
  for (const json* p : top)
    s.rows.push_back(
        {{str((*p)["threat"]), str((*p)["target"]), str((*p)["probability"]), join_nodes(*p)}, mark});
  return s;
}

ChangeSection touched(const json& j) {
  ChangeSection s = section("Touched by the change", {"Element", "Why"});
  for (const auto& e : j["touched"]) {
    std::string why;
    for (const auto& r : e["reasons"]) why += (why.empty() ? "" : "; ") + r.get<std::string>();
    s.rows.push_back({{str(e["kind"]) + " " + str(e["id"]), why}, ""});
  }
  return s;
}

ChangeSection reverify(const json& j) {
  ChangeSection s = section("Evidence to re-verify",
                            {"Where", "Record", "Requirements", "Status", "Owner", "Evidence",
                             "Change record", "Last verified / review by", "Re-verified (date, name)"});
  s.paragraphs.push_back(
      "Requirement records and compensating controls of the zones, conduits and assets the "
      "change touches: their evidence must be re-verified before the change is closed.");
  for (const auto& r : j["reverify"]) {
    std::string what = str(r["kind"]) == "compensating" ? "compensating: " + str(r["id"]) : str(r["id"]);
    std::string when = str(r["last_verified"]) + " / " + str(r["review_by"]);
    s.rows.push_back(
        {{str(r["where"]["kind"]) + " " + str(r["where"]["id"]), what, str(r["requirements"]),
          str(r["status"]), str(r["owner"]) + (r["owner_source"] == "asset-owner" ? " (asset owner)" : ""),
          str(r["evidence"]), str(r["change_record"]), when, ""},
         ""});
  }
  return s;
}

ChangeSection controls(const json& j) {
  ChangeSection s =
      section("ISO/IEC 27001 Annex A controls concerned", {"Control", "Title", "Requirements", "Why"});
  for (const auto& c : j["iso27001"]) {
    std::string why;
    for (const auto& a : c["applicability"]) why += (why.empty() ? "" : "; ") + a.get<std::string>();
    s.rows.push_back({{str(c["id"]), str(c["title"]), str(c["requirements"]), why.empty() ? "-" : why}, ""});
  }
  return s;
}

} // namespace

ChangePage change_page(const json& j) {
  ChangePage page;
  page.title = "Change impact " + str(j["change"]["id"]) + ": " + str(j["change"]["title"]) + " (as of " +
               (j["as_of"].is_null() ? std::string("no date") : j["as_of"].get<std::string>()) + ")";
  page.sections = {request(j),
                   verdict(j),
                   risks(j),
                   levels(j),
                   findings(j, "New findings", "findings_added", "worse"),
                   findings(j, "Resolved findings", "findings_removed", "better"),
                   paths(j, "Attack paths appearing", "paths_appeared", "worse"),
                   paths(j, "Attack paths no longer among the most likely", "paths_disappeared", "better"),
                   touched(j),
                   reverify(j),
                   controls(j)};
  return page;
}

} // namespace zonepath::render::detail
