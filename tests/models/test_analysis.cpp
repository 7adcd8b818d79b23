// Derived SL-T and residual risk, worked out by hand from models/data/consequence-model.json
// (NIST SP 800-30 bands: likelihood levels start at 0.05, 0.21, 0.80, 0.96; matrix rows
// likelihood, columns severity; tolerable up to level 2) and threat-model.json.
#include <gtest/gtest.h>

#include "tiny_plant.hpp"
#include "zonepath/core/error.hpp"
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

using fixture::tiny_plant;

Report analyze(const Site& site) {
  AnalysisOptions opt;
  opt.samples = 4000;
  opt.seed = 7;
  return analyze_site(site, opt);
}

} // namespace

TEST(DeriveSlT, GradedByTheRequiredRiskReductionCappedByTier) {
  auto model = load_consequence_model();
  auto c = safety5_confidentiality2();
  // FR severities: FR1, FR2, FR3, FR5, FR6, FR7 protect safety (5); FR4 only confidentiality,
  // financial, regulatory (2). Severity 5 is tolerable only at likelihood 1 (risk 2), so the
  // required reduction is L - 1: likelihood 3 (0.3) -> 2, likelihood 4 (0.85) -> 3, 5 -> 4.
  // Severity 2 is tolerable at every likelihood. Floor of a control zone: 1 where severity >= 3.
  EXPECT_EQ(derive_sl_t(model, c, "control", {2, 4}, {0.3, 0.01}), (SlVector{2, 2, 2, 0, 2, 2, 2}));
  EXPECT_EQ(derive_sl_t(model, c, "control", {2, 4}, {0.3, 0.85}), (SlVector{3, 3, 3, 0, 3, 3, 3}));
  EXPECT_EQ(derive_sl_t(model, c, "control", {4}, {0.97}), (SlVector{4, 4, 4, 0, 4, 4, 4}));
  // The tier caps: a casual actor never sets more than SL1.
  EXPECT_EQ(derive_sl_t(model, c, "control", {1}, {0.97}), (SlVector{1, 1, 1, 0, 1, 1, 1}));
  // Nothing reaches the zone: the floor of its kind remains (safety 2, untrusted 0).
  EXPECT_EQ(derive_sl_t(model, c, "control", {4}, {0.0}), (SlVector{1, 1, 1, 0, 1, 1, 1}));
  EXPECT_EQ(derive_sl_t(model, c, "safety", {4}, {0.0}), (SlVector{2, 2, 2, 0, 2, 2, 2}));
  EXPECT_EQ(derive_sl_t(model, c, "untrusted", {4}, {0.0}), (SlVector{0, 0, 0, 0, 0, 0, 0}));
  // Very low likelihood (0.04) x 5 -> risk 2, tolerable; low (0.1) x 5 -> risk 3, one level to drop.
  EXPECT_EQ(derive_sl_t(model, c, "untrusted", {3}, {0.04}), (SlVector{0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(derive_sl_t(model, c, "untrusted", {3}, {0.1}), (SlVector{1, 1, 1, 0, 1, 1, 1}));
}

TEST(DeriveSlT, MonotoneInConsequence) {
  auto model = load_consequence_model();
  // Likelihood 4 (0.85): severity 3 -> risk 3, tolerable at 2 -> reduction 2; severity 4 ->
  // risk 4, tolerable at 2 -> 2; severity 5 -> risk 5, tolerable at 1 -> 3.
  std::array<int, 6> expected{0, 0, 0, 2, 2, 3};
  int previous = 0;
  for (int severity = 1; severity <= 5; ++severity) {
    Consequence c;
    c.severity[static_cast<int>(Dimension::Production)] = static_cast<std::uint8_t>(severity);
    int level = derive_sl_t(model, c, "untrusted", {4}, {0.85})[0];
    EXPECT_EQ(level, expected[severity]) << "severity " << severity;
    EXPECT_GE(level, previous);
    previous = level;
  }
}

TEST(DeriveSlT, OwnerOverridesTheMappingAndTheFloor) {
  auto model = load_consequence_model(nlohmann::json::parse(
      R"({"sl_t_by_reduction": [0, 1, 1, 2, 2], "sl_t_floor": {"by_zone_kind": {"safety": 3}}})"));
  auto c = safety5_confidentiality2();
  EXPECT_EQ(derive_sl_t(model, c, "control", {4}, {0.97})[0], 2);
  EXPECT_EQ(derive_sl_t(model, c, "safety", {4}, {0.0})[0], 3);
  EXPECT_THROW(load_consequence_model(nlohmann::json::parse(R"({"sl_t_by_reduction": [0, 2, 1, 3, 4]})")),
               Error);
  EXPECT_THROW(load_consequence_model(nlohmann::json::parse(R"({"sl_t_floor": {"by_kind": {}}})")), Error);
}

TEST(DeriveSlT, ChangesWithTheThreatActorsTier) {
  for (int tier = 1; tier <= 3; ++tier) {
    auto report = analyze(tiny_plant(tier));
    const ZoneResult& cell = report.zones[2];
    // Reach 0.29..0.35: likelihood 3 x safety 5 -> two levels to drop -> SL2, capped by the tier.
    auto t = static_cast<std::uint8_t>(std::min(tier, 2));
    EXPECT_EQ(cell.sl_t_derived, (SlVector{t, t, t, 0, t, t, t})) << "tier " << tier;
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
  auto report = analyze(tiny_plant(3, R"(, "sl_t": [1, 2, 2, 0, 2, 0, 2])"));
  const ZoneResult& cell = report.zones[2];
  EXPECT_EQ(cell.sl_t, (SlVector{1, 2, 2, 0, 2, 0, 2})); // the declared target is used
  EXPECT_EQ(cell.sl_t_derived, (SlVector{2, 2, 2, 0, 2, 2, 2}));
  EXPECT_EQ(cell.declared_below_derived, (std::vector<int>{1, 6}));
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

// The tiny plant with the enterprise -> cell conduit given `rules`.
Site tiny_plant_rules(const std::string& cell_rules, const std::string& threats) {
  return fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "control"}, {"id": "lab", "kind": "supervisory"}])",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "consequence": {"safety": 5}},
          {"id": "lab-pc", "zone": "lab", "type": "workstation", "services": [{"protocol": "smb"}]}])",
      R"([{"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow",
           "from": "internet", "to": "ent"}]},
          {"id": "ent-cell", "zones": ["ent", "cell"], "rules": )" +
          cell_rules + "}]",
      threats);
}

TEST(DeriveSlT, NoRuleChangeChangesTheDerivedTarget) {
  const std::string actor = R"([{"id": "t", "sophistication": 3, "starts": ["internet"]}])";
  auto open = analyze(
      tiny_plant_rules(R"([{"priority": 1, "action": "allow", "from": "ent", "to": "cell"}])", actor));
  auto closed = analyze(tiny_plant_rules("[]", actor));
  auto narrow = analyze(tiny_plant_rules(
      R"([{"priority": 1, "action": "allow", "from": "ent", "to": "cell", "protocols": ["s7comm"]}])",
      actor));
  for (std::size_t z = 0; z < open.zones.size(); ++z) {
    EXPECT_EQ(closed.zones[z].sl_t_derived, open.zones[z].sl_t_derived) << z;
    EXPECT_EQ(narrow.zones[z].sl_t_derived, open.zones[z].sl_t_derived) << z;
  }
  // ...while the residual risk does follow the rules.
  EXPECT_EQ(closed.zones[2].risk.probability, 0.0);
  EXPECT_GT(open.zones[2].risk.probability, 0.2);
}

TEST(DeriveSlT, AnActorThatCannotReachTheZoneChangesNothingThere) {
  const std::string rules = R"([{"priority": 1, "action": "allow", "from": "ent", "to": "cell"}])";
  auto one =
      analyze(tiny_plant_rules(rules, R"([{"id": "t", "sophistication": 2, "starts": ["internet"]}])"));
  // A tier-4 actor standing in the lab, which no conduit joins to the cell.
  auto two = analyze(tiny_plant_rules(rules, R"([{"id": "t", "sophistication": 2, "starts": ["internet"]},
      {"id": "apt", "sophistication": 4, "starts": ["lab"]}])"));
  EXPECT_EQ(two.zones[2].sl_t_derived, one.zones[2].sl_t_derived);
  EXPECT_EQ(two.zones[2].unmitigated_probability[1], 0.0);
}

TEST(DeriveSlT, IsAPropertyOfTheSiteWhateverThreatIsSelected) {
  const std::string rules = R"([{"priority": 1, "action": "allow", "from": "ent", "to": "cell"}])";
  auto site = tiny_plant_rules(rules, R"([{"id": "casual", "sophistication": 1, "starts": ["internet"]},
      {"id": "apt", "sophistication": 4, "starts": ["internet"]}])");
  AnalysisOptions all, casual;
  all.samples = casual.samples = 2000;
  casual.threats = {"casual"};
  auto a = analyze_site(site, all), c = analyze_site(site, casual);
  EXPECT_EQ(c.zones[2].sl_t_derived, a.zones[2].sl_t_derived);
  EXPECT_EQ(a.zones[2].sl_t_derived[0], 2);
}

TEST(DeriveSlT, RemovableMediaKeepsATargetBehindADiode) {
  // The cell behind a data diode (cell -> ent only): no network actor reaches it unmitigated,
  // but a contractor (tier 1) brings USB sticks to its HMI. T0847 p 0.5 x defeat(1, SL-A 0) = 1
  // -> reach 0.5: likelihood 3 x safety 5 -> two levels -> capped by tier 1: SL1.
  auto site = fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "untrusted", "consequence": {"safety": 5}}])",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
          {"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "vnc"}]}])",
      R"([{"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow",
           "from": "internet", "to": "ent"}]},
          {"id": "diode", "zones": ["cell", "ent"], "direction": "cell->ent"}])",
      R"([{"id": "apt", "sophistication": 4, "starts": ["internet"]},
          {"id": "contractor", "sophistication": 1, "removable_media": ["cell"]}])");
  AnalysisOptions opt;
  opt.samples = 4000;
  auto report = analyze_site(site, opt);
  const ZoneResult& cell = report.zones[2];
  EXPECT_EQ(cell.unmitigated_probability[0], 0.0);
  EXPECT_NEAR(cell.unmitigated_probability[1], 0.5, 0.03);
  // The zone kind "untrusted" has no floor, so the SL1 comes from the media vector alone.
  EXPECT_EQ(cell.sl_t_derived, (SlVector{1, 1, 1, 0, 1, 1, 1}));
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
