// SL-A, gaps and missing requirements on tiny plants, worked out by hand from the IEC 62443-3-3
// SR/RE table (catalog `zonepath catalog requirements`): FR1 needs SR 1.1, 1.3, 1.4, 1.5, 1.6,
// 1.7, 1.10, 1.11, 1.12, 1.13 for SL1 and adds SR 1.1 RE 1, SR 1.2, SR 1.6 RE 1, SR 1.8, SR 1.9,
// SR 1.13 RE 1 for SL2.
#include <gtest/gtest.h>

#include <algorithm>

#include "site_fixture.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/catalog_requirements.hpp"
#include "zonepath/models/security_levels.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

const std::string kFr1Sl1 = R"("SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11",
                               "SR 1.12", "SR 1.13")";
const std::vector<std::string> kFr1Sl2Only = {"SR 1.1 RE 1", "SR 1.2",  "SR 1.6 RE 1",
                                              "SR 1.8",      "SR 1.9",  "SR 1.13 RE 1"};

Site one_zone(const std::string& zone_extra, const std::string& asset_extra = "") {
  return fixture::make_site(R"([{"id": "cell", "kind": "control")" + zone_extra + "}]",
                            R"([{"id": "plc", "zone": "cell", "type": "plc")" + asset_extra + "}]", "[]");
}

std::vector<std::string> ids_up_to(int sl) {
  std::vector<std::string> out;
  for (const auto& r : requirements())
    if (r.min_sl <= sl) out.push_back(r.id);
  return out;
}

} // namespace

TEST(SecurityLevels, NoCountermeasuresAchieveNothing) {
  auto levels = compute_security_levels(one_zone(""));
  EXPECT_EQ(levels.zones[0].sl_a, (SlVector{0, 0, 0, 0, 0, 0, 0}));
  // Explanation: the whole SL1 set of FR1 is what is missing for level 1.
  EXPECT_EQ(levels.zones[0].explain[0].missing_next.size(), 10u);
}

TEST(SecurityLevels, FullSl1SetOfOneFrGivesLevelOneThere) {
  auto levels = compute_security_levels(one_zone(R"(, "countermeasures": [)" + kFr1Sl1 + "]"));
  EXPECT_EQ(levels.zones[0].sl_a, (SlVector{1, 0, 0, 0, 0, 0, 0}));
  auto next = levels.zones[0].explain[0].missing_next;
  std::sort(next.begin(), next.end());
  auto expected = kFr1Sl2Only;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(next, expected);
}

TEST(SecurityLevels, OneMissingRequirementDropsTheLevel) {
  // Without SR 1.13 the SL1 set is incomplete; an SL2 RE alone does not help.
  auto levels = compute_security_levels(one_zone(
      R"(, "countermeasures": ["SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11",
          "SR 1.12", "SR 1.1 RE 1", "SR 1.2"])"));
  EXPECT_EQ(levels.zones[0].sl_a[0], 0);
  EXPECT_EQ(levels.zones[0].explain[0].missing_next, (std::vector<std::string>{"SR 1.13"}));
}

TEST(SecurityLevels, CompensatingControlWithChangeRecordCounts) {
  auto levels = compute_security_levels(one_zone(
      R"(, "countermeasures": ["SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11",
          "SR 1.12"], "compensating": [{"requirement": "SR 1.13", "control": "vendor access only via escorted session", "change_record": "CR-7"}])"));
  EXPECT_EQ(levels.zones[0].sl_a[0], 1);
}

TEST(SecurityLevels, CompensatingControlWithoutChangeRecordIsRejected) {
  try {
    one_zone(R"(, "compensating": [{"requirement": "SR 1.13", "control": "escorted sessions"}])");
    FAIL() << "expected a validation error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("/zones/0/compensating/0"), std::string::npos) << what;
    EXPECT_NE(what.find("change_record"), std::string::npos) << what;
  }
}

TEST(SecurityLevels, ComponentCapabilityCapsTheZoneUnlessCompensated) {
  const std::string zone = R"(, "countermeasures": [)" + kFr1Sl1 + "]";
  auto capped = compute_security_levels(one_zone(zone, R"(, "sl_c": [0, 2, 2, 2, 2, 2, 2])"));
  EXPECT_EQ(capped.zones[0].sl_a[0], 0);
  EXPECT_EQ(capped.zones[0].explain[0].uncapped, 1);
  EXPECT_EQ(capped.zones[0].explain[0].capped_by, "plc");
  auto compensated = compute_security_levels(one_zone(
      zone, R"(, "sl_c": [0, 2, 2, 2, 2, 2, 2], "compensating": [{"requirement": "CR 1.1", "control": "jump host with MFA in front of the PLC", "change_record": "CR-12"}])"));
  EXPECT_EQ(compensated.zones[0].sl_a[0], 1);
  EXPECT_EQ(compensated.zones[0].explain[0].capped_by, "");
  // A capability at or above the requirement level does not cap.
  auto able = compute_security_levels(one_zone(zone, R"(, "sl_c": 1)"));
  EXPECT_EQ(able.zones[0].sl_a[0], 1);
}

TEST(SecurityLevels, ConduitLevelsComeFromTheConduitsOwnCountermeasures) {
  auto site = fixture::make_site(R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control"}])", "[]",
                                 R"([{"id": "c", "zones": ["a", "b"], "countermeasures": ["SR 5.1", "SR 5.2",
                                     "SR 5.3", "SR 5.4"]}])");
  auto levels = compute_security_levels(site);
  EXPECT_EQ(levels.conduits[0].sl_a, (SlVector{0, 0, 0, 0, 1, 0, 0}));
}

TEST(Gaps, DeclaredSlTwoWithoutCountermeasuresMissesExactlyTheSixtySl2Requirements) {
  auto site = one_zone(R"(, "sl_t": 2)");
  AnalysisOptions opt;
  opt.samples = 10;
  auto report = analyze_site(site, opt);
  ASSERT_EQ(report.zones.size(), 1u);
  const auto& z = report.zones[0];
  EXPECT_EQ(z.gap, (SlVector{2, 2, 2, 2, 2, 2, 2}));
  EXPECT_EQ(z.missing.size(), 60u);
  EXPECT_EQ(z.missing, ids_up_to(2)); // catalog order
  EXPECT_FALSE(z.iso27001.empty());
}

TEST(Gaps, PerFrMissingListIsTheDifferenceToTheTarget) {
  auto site = one_zone(R"(, "sl_t": [2, 0, 0, 0, 0, 0, 0], "countermeasures": [)" + kFr1Sl1 + "]");
  AnalysisOptions opt;
  opt.samples = 10;
  auto report = analyze_site(site, opt);
  const auto& z = report.zones[0];
  EXPECT_EQ(z.sl_a, (SlVector{1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(z.gap, (SlVector{1, 0, 0, 0, 0, 0, 0}));
  auto missing = z.missing;
  std::sort(missing.begin(), missing.end());
  auto expected = kFr1Sl2Only;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(missing, expected);
}

TEST(Gaps, AchievedAboveTargetIsNoGap) {
  auto site = one_zone(R"(, "sl_t": [0, 0, 0, 0, 0, 0, 0], "countermeasures": [)" + kFr1Sl1 + "]");
  AnalysisOptions opt;
  opt.samples = 10;
  auto report = analyze_site(site, opt);
  EXPECT_EQ(report.zones[0].gap, (SlVector{0, 0, 0, 0, 0, 0, 0}));
  EXPECT_TRUE(report.zones[0].missing.empty());
}
