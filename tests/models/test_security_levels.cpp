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

const std::string kFr1Sl1 =
    R"("SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11",
                               "SR 1.12", "SR 1.13")";
const std::vector<std::string> kFr1Sl2Only = {"SR 1.1 RE 1", "SR 1.2", "SR 1.6 RE 1",
                                              "SR 1.8",      "SR 1.9", "SR 1.13 RE 1"};

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

const std::string kFr1Sl1WithoutSr113 =
    R"("SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11", "SR 1.12")";

std::string control(const std::string& names, const std::string& extra) {
  return R"({"requirements": [)" + names + R"(], "control": "vendor access only via escorted session", )" +
         R"("change_record": "MOC-2026-014")" + extra + "}";
}

TEST(SecurityLevels, VerifiedCompensatingControlCountsUpToItsCreditedLevel) {
  auto levels = compute_security_levels(
      one_zone(R"(, "countermeasures": [)" + kFr1Sl1WithoutSr113 + R"(], "compensating": [)" +
               control(R"("SR 1.13")", R"(, "status": "verified", "credited_sl": 1)") + "]"));
  EXPECT_EQ(levels.zones[0].sl_a[0], 1);
}

TEST(SecurityLevels, CreditIsLimitedToTheNamedRequirementAndLevel) {
  // Every FR1 requirement up to SL2 but SR 1.13, which a control stands in for.
  std::string sl2 = kFr1Sl1WithoutSr113;
  for (const auto& id : kFr1Sl2Only) sl2 += ", \"" + id + "\"";
  auto up_to = [&](int credited) {
    return compute_security_levels(one_zone(
        R"(, "countermeasures": [)" + sl2 + R"(], "compensating": [)" +
        control(R"("SR 1.13")", R"(, "status": "validated", "credited_sl": )" + std::to_string(credited)) +
        "]"));
  };
  // Credited to SL1: SR 1.13 counts at SL1 only, so FR1 stops at 1 and SR 1.13 is what SL2 lacks.
  auto one = up_to(1);
  EXPECT_EQ(one.zones[0].sl_a[0], 1);
  EXPECT_EQ(one.zones[0].explain[0].missing_next, (std::vector<std::string>{"SR 1.13"}));
  EXPECT_EQ(up_to(2).zones[0].sl_a[0], 2);
  // The same control does nothing for a requirement it does not name (SR 1.12 taken away).
  std::string without_112 =
      R"("SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11")";
  auto other = compute_security_levels(
      one_zone(R"(, "countermeasures": [)" + without_112 + R"(], "compensating": [)" +
               control(R"("SR 1.13")", R"(, "status": "verified", "credited_sl": 4)") + "]"));
  EXPECT_EQ(other.zones[0].sl_a[0], 0);
  EXPECT_EQ(other.zones[0].explain[0].missing_next, (std::vector<std::string>{"SR 1.12"}));
}

TEST(SecurityLevels, ProposedOrImplementedControlsEarnNothingAndSayWhy) {
  for (const char* status : {"proposed", "implemented"}) {
    auto site = one_zone(
        R"(, "countermeasures": [)" + kFr1Sl1WithoutSr113 + R"(], "compensating": [)" +
        control(R"("SR 1.13")", std::string(R"(, "status": ")") + status + R"(", "credited_sl": 2)") + "]");
    auto assessment = assess_requirements(site, std::nullopt);
    auto levels = compute_security_levels(site, assessment);
    EXPECT_EQ(levels.zones[0].sl_a[0], 0) << status;
    ASSERT_EQ(assessment.zones[0].controls.size(), 1u);
    EXPECT_FALSE(assessment.zones[0].controls[0].credited);
    EXPECT_NE(assessment.zones[0].controls[0].reason.find(status), std::string::npos);
  }
  // A v1 control (single requirement, no status) loads as implemented: no credit.
  auto v1 = compute_security_levels(one_zone(
      R"(, "countermeasures": [)" + kFr1Sl1WithoutSr113 +
      R"(], "compensating": [{"requirement": "SR 1.13", "control": "escorted sessions", "change_record": "CR-7"}])"));
  EXPECT_EQ(v1.zones[0].sl_a[0], 0);
}

TEST(SecurityLevels, AnOverdueReviewEarnsNothingOnTheAssessmentDate) {
  auto site = one_zone(
      R"(, "countermeasures": [)" + kFr1Sl1WithoutSr113 + R"(], "compensating": [)" +
      control(R"("SR 1.13")", R"(, "status": "verified", "credited_sl": 1, "review_by": "2026-06-30")") +
      "]");
  auto on = [&](const char* date) {
    return compute_security_levels(site, assess_requirements(site, parse_date(date))).zones[0].sl_a[0];
  };
  EXPECT_EQ(on("2026-06-30"), 1); // the review day itself still counts
  EXPECT_EQ(on("2026-07-01"), 0);
  auto late = assess_requirements(site, parse_date("2026-07-01"));
  EXPECT_NE(late.zones[0].controls[0].reason.find("review overdue"), std::string::npos);
}

TEST(SecurityLevels, SiteAsOfIsTheDefaultAssessmentDate) {
  auto site = fixture::make_site(
      R"([{"id": "cell", "kind": "control", "countermeasures": [)" + kFr1Sl1WithoutSr113 +
          R"(], "compensating": [)" +
          control(R"("SR 1.13")", R"(, "status": "verified", "credited_sl": 1, "review_by": "2026-06-30")") +
          "]}]",
      "[]", "[]", "[]");
  EXPECT_EQ(compute_security_levels(site).zones[0].sl_a[0], 1); // no date: review dates are not checked
  auto dated = fixture::make_site(
      R"([{"id": "cell", "kind": "control", "countermeasures": [)" + kFr1Sl1WithoutSr113 +
          R"(], "compensating": [)" +
          control(R"("SR 1.13")", R"(, "status": "verified", "credited_sl": 1, "review_by": "2026-06-30")") +
          "]}]",
      "[]", "[]", "[]");
  dated.as_of = parse_date("2026-12-01");
  EXPECT_EQ(compute_security_levels(dated).zones[0].sl_a[0], 0);
}

TEST(SecurityLevels, PlaceholderChangeRecordIsRejected) {
  for (const char* record : {"TBD", "TBD - ask Bob", "CR-XXXX", "", "n/a"}) {
    try {
      one_zone(
          R"(, "compensating": [{"requirements": ["SR 1.13"], "control": "escorted sessions", "change_record": ")" +
          std::string(record) + R"("}])");
      FAIL() << "expected a validation error for '" << record << "'";
    } catch (const Error& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("/zones/0/compensating/0/change_record"), std::string::npos) << what;
    }
  }
  // A proposal needs none.
  EXPECT_NO_THROW(one_zone(R"(, "compensating": [{"requirements": ["SR 1.13"], "control": "escorted sessions",
      "status": "proposed"}])"));
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

TEST(SecurityLevels, NamingAnSrAndItsComponentCounterpartCountsOnce) {
  auto site =
      one_zone(R"(, "countermeasures": [)" + kFr1Sl1WithoutSr113 + R"(], "compensating": [)" +
               control(R"("SR 1.13", "CR 1.13")", R"(, "status": "verified", "credited_sl": 1)") + "]");
  auto assessment = assess_requirements(site, std::nullopt);
  const AssessedRequirement* r = assessment.zones[0].find("SR 1.13");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->controls.size(), 1u);
  EXPECT_EQ(r->counts_up_to, 1);
  EXPECT_EQ(r->status, RequirementStatus::Compensated);
}

TEST(SecurityLevels, ComponentCapabilityCapsTheZoneUnlessEachLackingRequirementIsCompensated) {
  const std::string zone = R"(, "countermeasures": [)" + kFr1Sl1 + "]";
  auto capped = compute_security_levels(one_zone(zone, R"(, "sl_c": [0, 2, 2, 2, 2, 2, 2])"));
  EXPECT_EQ(capped.zones[0].sl_a[0], 0);
  EXPECT_EQ(capped.zones[0].explain[0].uncapped, 1);
  EXPECT_EQ(capped.zones[0].explain[0].capped_by, "plc");
  // One control for CR 1.1 does not lift the PLC's whole FR1 cap: the other nine SL1
  // requirements it lacks are still uncovered.
  auto one = compute_security_levels(
      one_zone(zone, R"(, "sl_c": [0, 2, 2, 2, 2, 2, 2], "compensating": [)" +
                         control(R"("CR 1.1")", R"(, "status": "verified", "credited_sl": 1)") + "]"));
  EXPECT_EQ(one.zones[0].sl_a[0], 0);
  // Controls naming all ten (as 4-2 CRs) lift it to their credited level.
  auto all = compute_security_levels(one_zone(
      zone,
      R"(, "sl_c": [0, 2, 2, 2, 2, 2, 2], "compensating": [)" +
          control(
              R"("CR 1.1", "CR 1.3", "CR 1.4", "CR 1.5", "CR 1.6", "CR 1.7", "CR 1.10", "CR 1.11", "CR 1.12", "CR 1.13")",
              R"(, "status": "verified", "credited_sl": 1)") +
          "]"));
  EXPECT_EQ(all.zones[0].sl_a[0], 1);
  EXPECT_EQ(all.zones[0].explain[0].capped_by, "");
  // A capability at or above the requirement level does not cap.
  auto able = compute_security_levels(one_zone(zone, R"(, "sl_c": 1)"));
  EXPECT_EQ(able.zones[0].sl_a[0], 1);
}

TEST(SecurityLevels, LegacyAssetWithoutSlCCapsAtOneByAssumption) {
  std::string sl2;
  for (const auto& r : requirements())
    if (r.fr == 1 && r.min_sl <= 2) sl2 += std::string(sl2.empty() ? "" : ", ") + "\"" + r.id + "\"";
  const std::string zone = R"(, "countermeasures": [)" + sl2 + "]";
  auto legacy = compute_security_levels(one_zone(zone, R"(, "legacy": true)"));
  EXPECT_EQ(legacy.zones[0].sl_a[0], 1);
  EXPECT_EQ(legacy.zones[0].explain[0].capped_by, "plc");
  EXPECT_NE(legacy.zones[0].explain[0].cap_reason.find("assumed"), std::string::npos);
  // Listed as unknown too: the cap is an assumption, not a known capability.
  EXPECT_EQ(legacy.zones[0].capability_unknown, (std::vector<Index>{0}));
  // Not legacy: listed, no cap.
  auto modern = compute_security_levels(one_zone(zone));
  EXPECT_EQ(modern.zones[0].sl_a[0], 2);
  EXPECT_EQ(modern.zones[0].capability_unknown, (std::vector<Index>{0}));
  // The owner may drop the assumption (legacy_sl_c null in the consequence model).
  auto site = one_zone(zone, R"(, "legacy": true)");
  CapabilityPolicy none;
  none.legacy_sl_c.reset();
  EXPECT_EQ(compute_security_levels(site, assess_requirements(site, std::nullopt), none).zones[0].sl_a[0], 2);
}

TEST(SecurityLevels, NotApplicableWithJustificationLiftsTheFr) {
  std::string without_16 =
      R"("SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.7", "SR 1.10", "SR 1.11", "SR 1.12", "SR 1.13")";
  auto na =
      compute_security_levels(one_zone(R"(, "countermeasures": [)" + without_16 + R"(], "requirements": [
      {"id": "SR 1.6", "status": "not-applicable", "justification": "no wireless in this zone", "evidence": ["EV-17"]}])"));
  EXPECT_EQ(na.zones[0].sl_a[0], 1);
  const auto& carried = na.zones[0].explain[0].carried;
  auto it = std::find_if(carried.begin(), carried.end(), [](const auto& c) { return c.id == "SR 1.6"; });
  ASSERT_NE(it, carried.end());
  EXPECT_EQ(it->status, RequirementStatus::NotApplicable);
  EXPECT_EQ(carried.size(), 10u);
  // Partial and not-met count as missing and are told apart.
  for (const char* status : {"partial", "not-met"}) {
    auto p =
        compute_security_levels(one_zone(R"(, "countermeasures": [)" + without_16 + R"(], "requirements": [
        {"id": "SR 1.6", "status": ")" + std::string(status) +
                                         R"("}])"));
    EXPECT_EQ(p.zones[0].sl_a[0], 0) << status;
    EXPECT_EQ(p.zones[0].explain[0].missing_next, (std::vector<std::string>{"SR 1.6"}));
    const auto& list = std::string(status) == "partial" ? p.zones[0].explain[0].partial_next
                                                        : p.zones[0].explain[0].not_met_next;
    EXPECT_EQ(list, (std::vector<std::string>{"SR 1.6"})) << status;
  }
}

TEST(SecurityLevels, NotApplicableWithoutJustificationIsRejected) {
  try {
    one_zone(R"(, "requirements": [{"id": "SR 1.6", "status": "not-applicable"}])");
    FAIL() << "expected a validation error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("/zones/0/requirements/0"), std::string::npos) << what;
    EXPECT_NE(what.find("justification"), std::string::npos) << what;
  }
}

TEST(SecurityLevels, ConduitRecordsCountLikeZoneRecords) {
  auto site = fixture::make_site(
      R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control"}])", "[]",
      R"([{"id": "c", "zones": ["a", "b"], "countermeasures": ["SR 5.1", "SR 5.2", "SR 5.3"],
                                     "requirements": [{"id": "SR 5.4", "status": "not-applicable",
                                     "justification": "no application partitioning on a point-to-point link"}]}])");
  EXPECT_EQ(compute_security_levels(site).conduits[0].sl_a, (SlVector{0, 0, 0, 0, 1, 0, 0}));
}

TEST(SecurityLevels, ConduitLevelsComeFromTheConduitsOwnCountermeasures) {
  auto site =
      fixture::make_site(R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control"}])", "[]",
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
