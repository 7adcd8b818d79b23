// Scenario loading and application: typed operations, JSON Patch, the unpatchable-asset guard,
// and errors that name the file, pointer, line and column and change nothing.
#include <gtest/gtest.h>

#include "tiny_sites.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/scenarios/diff.hpp"
#include "zonepath/scenarios/scenario.hpp"
#include "zonepath/scenarios/scenario_run.hpp"

namespace zonepath::scenarios {
namespace {

Scenario parse(const std::string& text) {
  return load_scenario(std::make_shared<const JsonDocument>(JsonDocument::parse(text, "sc.json")));
}

TEST(Scenario, RemovingTheOnlyRuleCutsEveryPath) {
  auto site = tiny::one_rule_site();
  Scenario sc = parse(R"({"schema": "zonepath/scenario/v1", "id": "cut",
    "operations": [{"op": "remove-rule", "conduit": "fw", "priority": 100}]})");
  models::AnalysisOptions opt;
  opt.samples = 4000;
  WhatifResult r = run_whatif(site, "one-rule.json", {sc}, opt);
  ASSERT_EQ(r.baseline.targets.size(), 1u);
  EXPECT_NEAR(r.baseline.targets[0].reach_probability, 0.9515, 0.02); // by hand, see tiny_sites.hpp
  ASSERT_EQ(r.scenarios[0].diff.targets.size(), 1u);
  EXPECT_EQ(*r.scenarios[0].diff.targets[0].reach.after, 0.0);
  EXPECT_TRUE(r.scenarios[0].diff.targets[0].significant);
  EXPECT_FALSE(r.scenarios[0].diff.paths_disappeared.empty());
  EXPECT_TRUE(r.scenarios[0].diff.paths_appeared.empty());
}

TEST(Scenario, ScenarioIdsMustDifferBeforeAnythingRuns) {
  auto site = tiny::one_rule_site();
  auto load = [](const std::string& text, const std::string& file) {
    return load_scenario(std::make_shared<const JsonDocument>(JsonDocument::parse(text, file)));
  };
  Scenario a = load(R"({"schema": "zonepath/scenario/v1", "id": "cut", "operations": []})", "a.json");
  Scenario b =
      load("{\"schema\": \"zonepath/scenario/v1\",\n \"id\": \"cut\", \"operations\": []}", "b.json");
  models::AnalysisOptions opt;
  opt.samples = 0; // an analysis would throw AnalysisError: the id check comes first
  try {
    run_whatif(site, "one-rule.json", {a, b}, opt);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "b.json");
    EXPECT_EQ(d.pointer, "/id");
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.message, "scenario id 'cut' is also used by a.json");
  }
}

TEST(Scenario, InvalidOperationNamesFilePointerLineAndChangesNothing) {
  auto site = tiny::one_rule_site();
  const auto copy = site;
  Scenario sc = parse("{\"schema\": \"zonepath/scenario/v1\", \"id\": \"bad\",\n"
                      " \"operations\": [\n"
                      "  {\"op\": \"disable-conduit\", \"id\": \"fw\"},\n"
                      "  {\"op\": \"remove-rule\", \"conduit\": \"fw\", \"priority\": 999}]}");
  try {
    apply_scenario(site, sc, "one-rule.json");
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "sc.json");
    EXPECT_EQ(d.pointer, "/operations/1/priority");
    EXPECT_EQ(d.line, 4);
    EXPECT_GT(d.column, 0);
    EXPECT_NE(d.message.find("no rule with priority 999"), std::string::npos) << d.message;
  }
  EXPECT_EQ(site, copy);
}

TEST(Scenario, UnknownOperationAndKeysAreReportedTogether) {
  try {
    parse("{\"schema\": \"zonepath/scenario/v1\", \"id\": \"x\", \"operations\": [\n"
          " {\"op\": \"remove-rul\", \"conduit\": \"fw\"},\n"
          " {\"op\": \"patch\", \"asset\": \"plc\", \"vulnerabilty\": \"CVE-1\"}]}");
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/operations/0/op");
    EXPECT_NE(e.diagnostics()[0].suggestion.find("remove-rule"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].pointer, "/operations/1/vulnerabilty");
    EXPECT_EQ(e.diagnostics()[1].line, 3);
    EXPECT_NE(e.diagnostics()[1].suggestion.find("vulnerability"), std::string::npos);
  }
}

TEST(Scenario, PatchingAnUnpatchableAssetNeedsAnOverride) {
  auto site = tiny::legacy_plc_site();
  Scenario refused = parse(R"({"schema": "zonepath/scenario/v1", "id": "p",
    "operations": [{"op": "patch", "asset": "plc"}]})");
  EXPECT_THROW(apply_scenario(site, refused), ValidationError);
  Scenario also_refused = parse(R"({"schema": "zonepath/scenario/v1", "id": "p",
    "operations": [{"op": "json-patch", "patch": [{"op": "remove", "path": "/assets/1/vulnerabilities"}]}]})");
  EXPECT_THROW(apply_scenario(site, also_refused), ValidationError);
  Scenario allowed = parse(R"({"schema": "zonepath/scenario/v1", "id": "p",
    "operations": [{"op": "patch", "asset": "plc", "override": "vendor firmware 1.2 validated under CC-9"}]})");
  ScenarioResult r = apply_scenario(site, allowed);
  EXPECT_TRUE(r.site->assets[r.site->asset_index("plc")].vulnerabilities.empty());
  EXPECT_EQ(r.applied[0].override_reason, "vendor firmware 1.2 validated under CC-9");
}

TEST(Scenario, TypedOperationsAndJsonPatchProduceAValidSite) {
  auto site = tiny::dmz_design();
  Scenario sc = parse(R"({"schema": "zonepath/scenario/v1", "id": "many", "base": "plant",
    "operations": [
      {"op": "add-zone", "zone": {"id": "ops", "kind": "operations"}},
      {"op": "move-asset", "id": "plc", "zone": "ops"},
      {"op": "modify-rule", "conduit": "fw-inet-dmz", "priority": 100, "set": {"action": "deny"}},
      {"op": "add-countermeasure", "target": "cell", "requirements": ["SR 5.1", "SR 5.2"]},
      {"op": "add-compensating", "target": "plc", "requirement": "SR 3.3", "control": "manual check",
       "change_record": "CR-1"},
      {"op": "add-threat-actor", "actor": {"id": "vendor", "sophistication": 3, "starts": ["dmz"]}},
      {"op": "add-start", "threat": "ext", "start": "hmi"},
      {"op": "remove-asset", "id": "jump"},
      {"op": "json-patch", "patch": [{"op": "add", "path": "/site/name", "value": "Patched"}]}]})");
  ScenarioResult r = apply_scenario(site, sc);
  const models::Site& s = *r.site;
  EXPECT_NE(s.zone_index("ops"), models::kNone);
  EXPECT_EQ(s.asset_index("jump"), models::kNone);
  EXPECT_EQ(s.assets[s.asset_index("plc")].zone, s.zone_index("ops"));
  EXPECT_EQ(s.name, "Patched");
  // The rule that named only the removed jump host went with it.
  EXPECT_TRUE(s.conduits[s.conduit_index("fw-inet-dmz")].rules.empty());
  EXPECT_EQ(s.zones[s.zone_index("cell")].countermeasures.size(), 2u);
  EXPECT_EQ(s.threat_actors[s.threat_index("ext")].starts.size(), 2u);
  EXPECT_EQ(r.applied.size(), 9u);
}

TEST(Scenario, SetRequirementReplacesTheRecordAndLeavesCountermeasures) {
  auto site = tiny::dmz_design();
  Scenario sc = parse(R"({"schema": "zonepath/scenario/v1", "id": "records",
    "operations": [
      {"op": "add-countermeasure", "target": "cell", "requirements": ["SR 5.1", "SR 5.2"]},
      {"op": "set-requirement", "target": "cell", "id": "SR 5.1", "status": "partial", "evidence": ["EV-1"]},
      {"op": "set-requirement", "target": "cell", "id": "SR 1.6", "status": "not-applicable",
       "justification": "no wireless in this zone"},
      {"op": "set-requirement", "target": "cell", "id": "SR 1.6", "status": "not-met"}]})");
  ScenarioResult r = apply_scenario(site, sc);
  const models::Zone& cell = r.site->zones[r.site->zone_index("cell")];
  // SR 5.1 left the shorthand list (each requirement once in the file); the later SR 1.6 record
  // replaced the earlier one instead of adding a second.
  EXPECT_EQ(cell.countermeasures, std::vector<std::string>{"SR 5.2"});
  ASSERT_EQ(cell.requirements.size(), 2u);
  EXPECT_EQ(cell.requirements[0].id, "SR 5.1");
  EXPECT_EQ(cell.requirements[0].status, models::RequirementStatus::Partial);
  EXPECT_EQ(cell.requirements[0].evidence, std::vector<std::string>{"EV-1"});
  EXPECT_EQ(cell.requirements[1].id, "SR 1.6");
  EXPECT_EQ(cell.requirements[1].status, models::RequirementStatus::NotMet);
}

TEST(Scenario, SetRequirementChecksStatusAndJustification) {
  auto site = tiny::dmz_design();
  try {
    parse(R"({"schema": "zonepath/scenario/v1", "id": "s",
      "operations": [{"op": "set-requirement", "target": "cell", "id": "SR 1.6", "status": "n/a"}]})");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/operations/0/status");
  }
  // The site loader rejects a not-applicable record without a justification, at the operation.
  try {
    apply_scenario(site, parse(R"({"schema": "zonepath/scenario/v1", "id": "s",
      "operations": [{"op": "set-requirement", "target": "cell", "id": "SR 1.6", "status": "not-applicable"}]})"));
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/operations/0");
    EXPECT_NE(e.diagnostics()[0].message.find("justification"), std::string::npos);
  }
}

TEST(Scenario, WrongBaseAndInvalidResultAreErrors) {
  auto site = tiny::one_rule_site();
  EXPECT_THROW(apply_scenario(site, parse(R"({"schema": "zonepath/scenario/v1", "id": "b", "base": "other",
    "operations": []})")),
               ValidationError);
  // Moving the PLC into a zone that does not exist leaves the site invalid: reported at the op.
  try {
    apply_scenario(site, parse(R"({"schema": "zonepath/scenario/v1", "id": "m",
      "operations": [{"op": "move-asset", "id": "plc", "zone": "nowhere"}]})"));
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/operations/0");
    EXPECT_NE(e.diagnostics()[0].message.find("/assets/0/zone"), std::string::npos);
  }
}

} // namespace
} // namespace zonepath::scenarios
