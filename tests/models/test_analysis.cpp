// Derived SL-T and residual risk, worked out by hand from models/data/consequence-model.json
// (NIST SP 800-30 bands: likelihood levels start at 0.05, 0.21, 0.80, 0.96; matrix rows
// likelihood, columns severity; tolerable up to level 2) and threat-model.json.
#include <gtest/gtest.h>

#include "site_fixture.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/consequence_model.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

Consequence safety5_confidentiality2() {
  Consequence c;
  c.severity[static_cast<int>(Dimension::Safety)] = 5;
  c.severity[static_cast<int>(Dimension::Confidentiality)] = 2;
  return c;
}

// internet -> ws (RDP, T0822 p 0.3, or a generic exploit) -> plc (unauthenticated Modbus 0.95 or
// a generic exploit). Generic exploit p by tier 0.01, 0.03, 0.1, 0.25, so the plc is reached with
// (1 - 0.7 (1 - g)) (1 - 0.05 (1 - g)): tier 1 0.2918, tier 2 0.3054, tier 3 0.3534, all
// "moderate" likelihood; x safety 5 = risk level 4 (high), above the tolerable line.
Site tiny_plant(int tier, const std::string& cell_extra = "") {
  return fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "control")" + cell_extra + "}]",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "consequence": {"safety": 5}}])",
      R"([{"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow",
           "from": "internet", "to": "ent"}]},
          {"id": "ent-cell", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "ent",
           "to": "cell"}]}])",
      R"([{"id": "t", "sophistication": )" + std::to_string(tier) + R"(, "starts": ["internet"]}])");
}

Report analyze(const Site& site) {
  AnalysisOptions opt;
  opt.samples = 4000;
  opt.seed = 7;
  return analyze_site(site, opt);
}

} // namespace

TEST(DeriveSlT, TierOfTheMostCapableActorAboveTheTolerableLinePerFr) {
  auto model = load_consequence_model();
  auto c = safety5_confidentiality2();
  // Tier 2 at 0.3 (moderate): FRs protecting safety -> level 4, not tolerable -> 2. FR4 (DC) and
  // FR6 (TRE) protect confidentiality/financial/regulatory and production/financial/regulatory:
  // severity 2 and 0 -> level 2 or none, tolerable. Tier 4 at 0.01 (very low) x 5 -> level 2.
  EXPECT_EQ(derive_sl_t(model, c, {2, 4}, {0.3, 0.01}), (SlVector{2, 2, 2, 0, 2, 0, 2}));
  // Tier 4 at 0.85 (high) x 5 -> level 5: it now sets the target where safety counts.
  EXPECT_EQ(derive_sl_t(model, c, {2, 4}, {0.3, 0.85}), (SlVector{4, 4, 4, 0, 4, 0, 4}));
  // Nothing reaches the zone: no target.
  EXPECT_EQ(derive_sl_t(model, c, {4}, {0.0}), (SlVector{0, 0, 0, 0, 0, 0, 0}));
  // Very low likelihood (0.04) x severity 5 -> level 2: tolerable, no target. Low (0.1) x 5 is
  // already moderate (3): tier 3 sets the target.
  EXPECT_EQ(derive_sl_t(model, c, {3}, {0.04}), (SlVector{0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(derive_sl_t(model, c, {3}, {0.1}), (SlVector{3, 3, 3, 0, 3, 0, 3}));
}

TEST(DeriveSlT, ChangesWithTheThreatActorsTier) {
  for (int tier = 1; tier <= 3; ++tier) {
    auto report = analyze(tiny_plant(tier));
    const ZoneResult& cell = report.zones[2];
    auto t = static_cast<std::uint8_t>(tier);
    EXPECT_EQ(cell.sl_t_derived, (SlVector{t, t, t, 0, t, 0, t})) << "tier " << tier;
    EXPECT_EQ(cell.sl_t, cell.sl_t_derived);
    EXPECT_EQ(cell.risk.likelihood, 3);
    EXPECT_EQ(cell.risk.severity, 5);
    EXPECT_EQ(cell.risk.level, 4);
    EXPECT_FALSE(cell.risk.tolerable);
    // The enterprise zone has no consequence: no target, no rated risk.
    EXPECT_EQ(report.zones[1].sl_t, (SlVector{0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(report.zones[1].risk.level, 0);
  }
}

TEST(DeriveSlT, DeclaredTargetBelowTheSimulationIsFlagged) {
  auto report = analyze(tiny_plant(3, R"(, "sl_t": [1, 3, 3, 0, 3, 0, 3])"));
  const ZoneResult& cell = report.zones[2];
  EXPECT_EQ(cell.sl_t, (SlVector{1, 3, 3, 0, 3, 0, 3})); // the declared target is used
  EXPECT_EQ(cell.sl_t_derived, (SlVector{3, 3, 3, 0, 3, 0, 3}));
  EXPECT_EQ(cell.declared_below_derived, (std::vector<int>{1}));
}

TEST(DeriveSlT, CountermeasuresDoNotLowerTheTarget) {
  // SL-T comes from the unmitigated network; countermeasures only change SL-A and residual risk.
  auto bare = analyze(tiny_plant(2));
  auto defended = analyze(tiny_plant(2, R"(, "countermeasures": ["SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5",
      "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11", "SR 1.12", "SR 1.13"])"));
  EXPECT_EQ(defended.zones[2].sl_t, bare.zones[2].sl_t);
  EXPECT_EQ(defended.zones[2].sl_a[0], 1);
  EXPECT_EQ(defended.zones[2].gap[0], 1);
  // FR1 SL-A 1 against tier 2 multiplies the Modbus step by 0.8: residual likelihood drops.
  EXPECT_LT(defended.zones[2].risk.probability, bare.zones[2].risk.probability);
}

TEST(Analysis, TargetsAndPathsForTheCrownJewel) {
  auto report = analyze(tiny_plant(2));
  ASSERT_EQ(report.crown_jewels, (std::vector<std::string>{"plc"}));
  ASSERT_EQ(report.targets.size(), 1u);
  const TargetResult& t = report.targets[0];
  // Exact: 0.321 x 0.9515 = 0.3054315; the 95% interval of 4000 samples must contain it.
  EXPECT_LE(t.ci95[0], 0.3054315);
  EXPECT_GE(t.ci95[1], 0.3054315);
  ASSERT_FALSE(report.paths.empty());
  EXPECT_EQ(report.paths[0].path["nodes"], nlohmann::json::array({"internet", "ws", "plc"}));
  EXPECT_DOUBLE_EQ(report.paths[0].path["probability"].get<double>(), 0.3 * 0.95);
}

TEST(Analysis, SameSeedSameReport) {
  auto site = tiny_plant(2);
  auto a = report_to_json(site, analyze(site)).dump();
  auto b = report_to_json(site, analyze(site)).dump();
  EXPECT_EQ(a, b);
}
