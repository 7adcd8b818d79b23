// Remediation planner and design comparison on tiny sites with hand-known answers.
#include <algorithm>

#include <gtest/gtest.h>

#include "tiny_sites.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/compare.hpp"
#include "zonepath/scenarios/plan.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios {
namespace {

PlanOptions options(const std::string& threat) {
  PlanOptions o;
  o.threats = {threat};
  o.samples = 500;
  o.close_gaps = false;
  return o;
}

TEST(Plan, SingleRuleIsBlockedAtTheFirewall) {
  Plan p = plan_remediation(tiny::one_rule_site(), "one-rule.json", options("ext"));
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].kind, scenarios::ActionKind::BlockFlow); // 1 day beats restricting the PLC (2 days)
  EXPECT_EQ(p.actions[0].where, "fw");
  EXPECT_DOUBLE_EQ(p.total_cost, 1.0);
  ASSERT_EQ(p.targets.size(), 1u);
  EXPECT_EQ(p.targets[0].achieved, 0.0);
  EXPECT_EQ(p.targets[0].promised, p.targets[0].achieved);
  EXPECT_TRUE(p.targets[0].met);
  EXPECT_TRUE(p.verified);
}

TEST(Plan, LegacyPlcGetsACompensatingControlNotAPatch) {
  Plan p = plan_remediation(tiny::legacy_plc_site(), "legacy.json", options("insider"));
  ASSERT_FALSE(p.actions.empty());
  for (const auto& a : p.actions) EXPECT_NE(a.kind, scenarios::ActionKind::Patch);
  EXPECT_EQ(p.actions[0].kind, scenarios::ActionKind::CompensatingControl);
  EXPECT_EQ(p.actions[0].where, "plc");
  EXPECT_NE(std::find(p.actions[0].closes.begin(), p.actions[0].closes.end(), "CVE-2023-6448"),
            p.actions[0].closes.end());
  EXPECT_NE(std::find(p.actions[0].iso27001.begin(), p.actions[0].iso27001.end(), "A.8.32"),
            p.actions[0].iso27001.end());
  EXPECT_EQ(p.targets[0].achieved, 0.0);
  EXPECT_TRUE(p.verified);
}

TEST(Plan, BudgetTooSmallLeavesTargetsOpen) {
  PlanOptions o = options("insider");
  o.budget = 1.0; // the compensating control costs 4
  Plan p = plan_remediation(tiny::legacy_plc_site(), "legacy.json", o);
  EXPECT_TRUE(p.actions.empty());
  EXPECT_FALSE(p.targets[0].met);
  EXPECT_FALSE(p.unmet.empty());
}

// With the default costs restricting the PLC (2 days) beats three rule changes (3) and a diode
// (15). When restrictions cost 50, rule changes 5 and the diode 6, one diode (6) beats three
// denies (15) and keeps the replication ops -> it.
TEST(Plan, DataDiodeWhenItIsCheaperThanBlockingEveryEntry) {
  Plan cheap = plan_remediation(tiny::replication_site(), "replication.json", options("it-attacker"));
  ASSERT_EQ(cheap.actions.size(), 1u);
  EXPECT_EQ(cheap.actions[0].kind, scenarios::ActionKind::RestrictAccess);
  EXPECT_EQ(cheap.actions[0].where, "plc");
  EXPECT_DOUBLE_EQ(cheap.total_cost, 2.0);
  EXPECT_TRUE(cheap.verified);

  PlanOptions o = options("it-attacker");
  o.cost_model = {{"rule_change", {{"deny", 5}}},
                  {"restrict_access", {{"cost", 50}}},
                  {"compensating_control", {{"cost", 50}}},
                  {"data_diode", {{"cost", 6}}}};
  Plan p = plan_remediation(tiny::replication_site(), "replication.json", o);
  ASSERT_EQ(p.actions.size(), 1u);
  const PlanAction& diode = p.actions[0];
  EXPECT_EQ(diode.kind, scenarios::ActionKind::DataDiode);
  EXPECT_EQ(diode.where, "fw-it-ops");
  EXPECT_DOUBLE_EQ(p.total_cost, 6.0);
  EXPECT_EQ(diode.operations, nlohmann::json::parse(R"([{"op": "modify-conduit", "id": "fw-it-ops",
      "set": {"kind": "data-diode", "direction": "ops->it"}}])"));
  EXPECT_EQ(p.targets[0].achieved, 0.0);
  EXPECT_TRUE(p.verified);

  // Applied as a scenario: the only flow left on the conduit is the replication.
  auto doc = std::make_shared<const JsonDocument>(JsonDocument::from_value(p.scenario, "plan.json"));
  ScenarioResult after = apply_scenario(tiny::replication_site(), load_scenario(doc), "replication.json");
  auto ctx = models::SiteContext::make(*after.site);
  std::vector<std::string> flows;
  for (const auto& f : ctx.access.flows())
    if (f.conduit != models::kNone)
      flows.push_back(after.site->zones[f.src_zone].id + "->" + after.site->assets[f.dst_asset].id);
  EXPECT_EQ(flows, std::vector<std::string>{"ops->mirror"});
}

TEST(CostModel, SiteOverridesAreCheckedWithTheSiteFilesPosition) {
  auto doc = JsonDocument::parse(R"({"schema": "zonepath/site/v1",
  "models": {"cost": {"rule_change": {"deny": 2},
                      "patch": {"cost": -1}}}})",
                                 "site.json");
  try {
    (void)load_site_cost_model(doc);
    FAIL() << "a negative cost was accepted";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "site.json");
    EXPECT_EQ(d.pointer, "/models/cost/patch/cost");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.value, "-1");
  }
  auto fine = JsonDocument::parse(R"({"models": {"cost": {"rule_change": {"deny": 2}}}})", "ok.json");
  EXPECT_DOUBLE_EQ(load_site_cost_model(fine).rule_deny, 2.0);
  EXPECT_DOUBLE_EQ(load_site_cost_model(JsonDocument::parse("{}", "none.json")).rule_deny, 1.0);
}

TEST(CostModel, ExactCoverPrefersAPackageOverSingles) {
  CostModel m = load_cost_model();
  // SR 5.1 + SR 5.2 + SR 5.2 RE 1 one by one on an empty zone: 5 + 5 + 3 = 13 > package 12.
  Cover c = cover_requirements({"SR 5.1", "SR 5.2", "SR 5.2 RE 1"}, m, 0, false);
  ASSERT_EQ(c.items.size(), 1u);
  EXPECT_EQ(c.items[0].id, "segmentation-firewall");
  EXPECT_DOUBLE_EQ(c.cost, 12.0);
  EXPECT_TRUE(c.exact);
  // One requirement alone is cheaper single (5 < 12).
  Cover one = cover_requirements({"SR 5.1"}, m, 0, false);
  EXPECT_DOUBLE_EQ(one.cost, 5.0);
  EXPECT_THROW(load_cost_model(nlohmann::json{{"patch", {{"cost", -1}}}}), ValidationError);
}

TEST(Compare, DmzDesignAddsOneZoneAndLowersReach) {
  auto a = models::load_site_json(tiny::flat_design(), "flat.json");
  auto b = models::load_site_json(tiny::dmz_design(), "dmz.json");
  models::AnalysisOptions opt;
  opt.samples = 4000;
  DesignComparison c = compare_designs(a, b, opt, load_cost_model());
  EXPECT_TRUE(c.zones.a.empty());
  EXPECT_EQ(c.zones.b, std::vector<std::string>{"dmz"});
  EXPECT_EQ(c.assets.b, std::vector<std::string>{"jump"});
  EXPECT_EQ(c.conduits.a, std::vector<std::string>{"fw-inet-cell"});
  EXPECT_EQ(c.conduits.b, (std::vector<std::string>{"fw-inet-dmz", "fw-dmz-cell"}));
  ASSERT_EQ(c.diff.targets.size(), 1u);
  double ra = *c.diff.targets[0].reach.before, rb = *c.diff.targets[0].reach.after;
  EXPECT_GT(ra, 0.2);
  EXPECT_LT(rb, ra * 0.5); // one more RDP hop of p ~0.32
  EXPECT_TRUE(c.diff.targets[0].significant);
}

} // namespace
} // namespace zonepath::scenarios
