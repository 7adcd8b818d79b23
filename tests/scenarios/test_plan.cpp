// Remediation planner and design comparison on tiny sites with hand-known answers.
#include <algorithm>

#include <gtest/gtest.h>

#include "tiny_sites.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/compare.hpp"
#include "zonepath/scenarios/plan.hpp"

namespace zonepath::scenarios {
namespace {

PlanOptions options(const std::string& threat) {
  PlanOptions o;
  o.threat = threat;
  o.samples = 500;
  o.close_gaps = false;
  return o;
}

TEST(Plan, SingleRuleIsBlockedAtTheFirewall) {
  Plan p = plan_remediation(tiny::one_rule_site(), "one-rule.json", options("ext"));
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].kind, "block-flow"); // 1 day beats restricting the PLC (2 days)
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
  for (const auto& a : p.actions) EXPECT_NE(a.kind, "patch");
  EXPECT_EQ(p.actions[0].kind, "compensating-control");
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
