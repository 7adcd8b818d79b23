// A threat actor's likelihood of initiation combined with the simulated likelihood of success
// (NIST SP 800-30 Rev. 1 Table G-5), worked out by hand from models/data/consequence-model.json:
// likelihood bands from 0.05, 0.21, 0.80, 0.96; risk matrix Table I-2; tolerable up to 2.
#include <gtest/gtest.h>

#include <string>

#include "tiny_plant.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/consequence_model.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

// The tiny plant (tiny_plant.hpp): the tier-2 actor reaches the plc with p about 0.305, likelihood
// of success 3 (moderate).
Site plant_with_initiation(const std::string& initiation) {
  return fixture::tiny_plant(
      2, "", initiation.empty() ? "" : R"(, "likelihood_of_initiation": ")" + initiation + "\"");
}

const ZoneResult& cell(const Report& r) {
  return r.zones[2];
}

Report analyze(const Site& site) {
  AnalysisOptions opt;
  opt.samples = 4000;
  opt.seed = 7;
  return analyze_site(site, opt);
}

Consequence safety5() {
  Consequence c;
  c.severity[static_cast<int>(Dimension::Safety)] = 5;
  return c;
}

} // namespace

TEST(Initiation, OverallLikelihoodIsTheNistTable) {
  auto m = load_consequence_model();
  // Table G-5 rows (initiation) x columns (success), very low .. very high.
  EXPECT_EQ(m.combined_likelihood(1, 1), 1);
  EXPECT_EQ(m.combined_likelihood(5, 1), 2);
  EXPECT_EQ(m.combined_likelihood(3, 2), 2);
  EXPECT_EQ(m.combined_likelihood(4, 2), 3);
  EXPECT_EQ(m.combined_likelihood(5, 3), 4);
  EXPECT_EQ(m.combined_likelihood(1, 5), 2);
  EXPECT_EQ(m.combined_likelihood(3, 5), 4);
  EXPECT_EQ(m.combined_likelihood(4, 5), 5);
  // Not stated: the simulated likelihood alone.
  for (int success = 1; success <= 5; ++success) EXPECT_EQ(m.combined_likelihood(success, 0), success);
}

TEST(Initiation, NoRouteStaysVeryLowWhateverTheIntent) {
  auto m = load_consequence_model();
  EXPECT_EQ(m.actor_likelihood(0.0, 5), 1);
  EXPECT_EQ(m.actor_likelihood(0.01, 5), 2); // very low success, very high initiation: low
  EXPECT_EQ(m.actor_likelihood(0.97, 1), 2); // very high success, very low initiation: low
}

TEST(Initiation, MovesTheRiskButNotTheSimulation) {
  const Report none = analyze(plant_with_initiation(""));
  const Report unlikely = analyze(plant_with_initiation("very-low"));
  const Report certain = analyze(plant_with_initiation("very-high"));
  const RiskRating& a = cell(none).risk;
  const RiskRating& b = cell(unlikely).risk;
  const RiskRating& c = cell(certain).risk;
  EXPECT_DOUBLE_EQ(a.probability, b.probability);
  EXPECT_DOUBLE_EQ(a.probability, c.probability);
  EXPECT_EQ(a.success_likelihood, 3);
  EXPECT_EQ(b.success_likelihood, 3);
  // Moderate success: alone 3; very low initiation 2 (low); very high initiation 4 (high).
  EXPECT_EQ(a.likelihood, 3);
  EXPECT_EQ(b.likelihood, 2);
  EXPECT_EQ(c.likelihood, 4);
  EXPECT_EQ(b.initiation, 1);
  // Severity 5: matrix row 3 -> 4 (high), row 2 -> 3 (moderate), row 4 -> 5 (very high).
  EXPECT_EQ(a.level, 4);
  EXPECT_EQ(b.level, 3);
  EXPECT_EQ(c.level, 5);
  EXPECT_FALSE(b.tolerable);
}

TEST(Initiation, DerivedSlTFollowsTheOverallLikelihood) {
  auto m = load_consequence_model();
  auto c = safety5();
  // Tier 4 with p 0.97 (success 5). Alone: risk 5, tolerable only at likelihood 1, reduction 4 ->
  // SL-T 4. Low initiation: overall 3, risk 4, tolerable at 1, reduction 2 -> SL-T 2. Very low:
  // overall 2, risk 3, reduction 1 -> SL-T 1 (the control kind's floor is 1 as well).
  EXPECT_EQ(derive_sl_t(m, c, "control", {4}, {0.97}, {})[0], 4);
  EXPECT_EQ(derive_sl_t(m, c, "control", {4}, {0.97}, {2})[0], 2);
  EXPECT_EQ(derive_sl_t(m, c, "control", {4}, {0.97}, {1})[0], 1);
  // The highest over the actors: an unlikely tier 4 and a certain tier 2 at 0.3 (success 3,
  // very high initiation: overall 4, risk 5, reduction 3, capped by tier 2).
  EXPECT_EQ(derive_sl_t(m, c, "control", {4, 2}, {0.97, 0.3}, {1, 5})[0], 2);
  // Monotone in the initiation.
  int last = 0;
  for (int init = 1; init <= 5; ++init) {
    int level = derive_sl_t(m, c, "control", {4}, {0.5}, {init})[0];
    EXPECT_GE(level, last);
    last = level;
  }
}

TEST(Initiation, UnknownLevelIsALocatedError) {
  try {
    plant_with_initiation("sometimes");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("/threat_actors/0/likelihood_of_initiation"), std::string::npos) << what;
    EXPECT_NE(what.find("sometimes"), std::string::npos) << what;
  }
}

TEST(Initiation, AnOverrideMustNotDecrease) {
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < 5; ++i) rows.push_back({5, 4, 3, 2, 1});
  EXPECT_THROW(load_consequence_model({{"overall_likelihood", {{"levels", rows}}}}), ModelError);
  nlohmann::json flat = nlohmann::json::array();
  for (int i = 0; i < 5; ++i) flat.push_back({1, 2, 3, 4, 5});
  auto m = load_consequence_model({{"overall_likelihood", {{"levels", flat}}}});
  EXPECT_EQ(m.combined_likelihood(4, 1), 4);
}
