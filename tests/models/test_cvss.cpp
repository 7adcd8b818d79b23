// CVSS v3 base scores worked out by hand from the formula in docs/sources.md section 7:
//   E = 8.22 x AV x AC x PR x UI;  ISS = 1 - (1-C)(1-I)(1-A)
//   scope U: Impact = 6.42 x ISS,                       Base = Roundup(min(Impact + E, 10))
//   scope C: Impact = 7.52(ISS-0.029) - 3.25(ISS-0.02)^15, Base = Roundup(min(1.08(Impact+E), 10))
// With C/I/A all High: ISS = 1 - 0.44^3 = 0.914816; unchanged Impact = 5.87311872;
// changed Impact = 6.66133632 - 3.25 x 0.894816^15 (= 0.188813) = 6.04773.
// With C:L/I:L/A:N: ISS = 1 - 0.78^2 = 0.3916; changed Impact = 2.726752 - ~0 = 2.72675.
#include <gtest/gtest.h>

#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/models/cvss.hpp"

namespace zm = zonepath::models;

namespace {

double score(const std::string& v) {
  return zm::parse_cvss_v3(v).base_score;
}

// Expects parse_cvss_v3 to throw a ModelError whose message contains `needle`.
void expect_error(const std::string& vector, const std::string& needle) {
  try {
    zm::parse_cvss_v3(vector);
    ADD_FAILURE() << "no error for " << vector;
  } catch (const zonepath::ModelError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
        << "message: " << e.what() << "\nexpected to contain: " << needle;
  }
}

const std::string kCritical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

} // namespace

TEST(Cvss, ReferenceCheckValues) {
  EXPECT_DOUBLE_EQ(score(kCritical), 9.8);
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"), 7.5);
  EXPECT_DOUBLE_EQ(score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0);
}

TEST(Cvss, HandComputedScores) {
  // E = 8.22*.85*.77*.68*.85 = 3.10963; 1.08*(6.04773+3.10963) = 9.88995 -> 9.9
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H"), 9.9);
  // E = 8.22*.85*.77*.50*.85 = 2.28650; 1.08*(6.04773+2.28650) = 9.00097 -> 9.1
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H"), 9.1);
  // E = 8.22*.85*.77*.50*.62 = 1.66780; 1.08*(2.72675+1.66780) = 4.74611 -> 4.8
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N"), 4.8);
  // E = 8.22*.85*.77*.85*.62 = 2.83525; 1.08*(2.72675+2.83525) = 6.00696 -> 6.1
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1);
  // E = 8.22*.20*.77*.85*.85 = 0.91460; 5.87312 + 0.91460 = 6.78772 -> 6.8
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 6.8);
  // E = 8.22*.55*.77*.62*.85 = 1.83458; 5.87312 + 1.83458 = 7.70770 -> 7.8
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"), 7.8);
  // E = 8.22*.85*.44*.85*.85 = 2.22117; 5.87312 + 2.22117 = 8.09429 -> 8.1
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"), 8.1);
  // E = 8.22*.85*.77*.62*.85 = 2.83525; 5.87312 + 2.83525 = 8.70837 -> 8.8
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"), 8.8);
  // E = 8.22*.85*.77*.27*.85 = 1.23471; 5.87312 + 1.23471 = 7.10783 -> 7.2
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"), 7.2);
  // E = 8.22*.62*.44*.85*.62 = 1.18175; ISS = .22, Impact = 1.41240; sum 2.59415 -> 2.6
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"), 2.6);
  // E = 8.22*.55*.44*.27*.62 = 0.33300; 1.41240 + 0.33300 = 1.74540 -> 1.8
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"), 1.8);
}

TEST(Cvss, ZeroImpactGivesZero) {
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), 0.0);
  // Scope changed, ISS = 0: Impact = 7.52*(-0.029) - 3.25*(-0.02)^15 = -0.21808 <= 0 -> 0.0
  const zm::CvssV3 c = zm::parse_cvss_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N");
  EXPECT_DOUBLE_EQ(c.base_score, 0.0);
  EXPECT_NEAR(c.impact, -0.21808, 1e-9);
  EXPECT_EQ(c.severity, "None");
}

TEST(Cvss, FieldsAndWeights) {
  const zm::CvssV3 c = zm::parse_cvss_v3(kCritical);
  EXPECT_EQ(c.version, "3.1");
  EXPECT_EQ(c.vector, kCritical);
  EXPECT_EQ(c.av, 'N');
  EXPECT_EQ(c.pr, 'N');
  EXPECT_EQ(c.a, 'H');
  EXPECT_FALSE(c.scope_changed);
  EXPECT_DOUBLE_EQ(c.av_w, 0.85);
  EXPECT_DOUBLE_EQ(c.ac_w, 0.77);
  EXPECT_DOUBLE_EQ(c.c_w, 0.56);
  EXPECT_NEAR(c.exploitability, 3.88704278, 1e-8); // 8.22*.85*.77*.85*.85
  EXPECT_NEAR(c.iss, 0.914816, 1e-12);
  EXPECT_NEAR(c.impact, 5.87311872, 1e-8);
  EXPECT_EQ(c.severity, "Critical");

  // PR weights depend on scope: L 0.62 -> 0.68, H 0.27 -> 0.50.
  EXPECT_DOUBLE_EQ(zm::parse_cvss_v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H").pr_w, 0.62);
  EXPECT_DOUBLE_EQ(zm::parse_cvss_v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H").pr_w, 0.68);
  EXPECT_DOUBLE_EQ(zm::parse_cvss_v3("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H").pr_w, 0.27);
  EXPECT_DOUBLE_EQ(zm::parse_cvss_v3("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H").pr_w, 0.50);
  EXPECT_EQ(zm::parse_cvss_v3("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").version, "3.0");
}

TEST(Cvss, TemporalAndEnvironmentalMetricsAreIgnored) {
  EXPECT_DOUBLE_EQ(score(kCritical + "/E:P/RL:O/RC:C"), 9.8);
  EXPECT_DOUBLE_EQ(score(kCritical + "/E:X/RL:X/RC:X/CR:H/IR:M/AR:L/MAV:A/MAC:H/MPR:L/MUI:R"
                                     "/MS:C/MC:N/MI:L/MA:H"),
                   9.8);
  // The specification allows any order.
  EXPECT_DOUBLE_EQ(score("CVSS:3.1/E:F/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N"), 9.8);
}

TEST(Cvss, RoundupUsesTheIntegerTrick) {
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(4.0), 4.0);
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(4.02), 4.1);
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(4.000001), 4.0); // round(400000.1) = 400000
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(4.00001), 4.1);  // 400001 is not a multiple of 10000
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(0.1 + 0.2), 0.3);
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(9.99), 10.0);
  EXPECT_DOUBLE_EQ(zm::cvss_roundup(0.0), 0.0);
}

TEST(Cvss, SeverityScale) {
  EXPECT_EQ(zm::cvss_severity(0.0), "None");
  EXPECT_EQ(zm::cvss_severity(0.1), "Low");
  EXPECT_EQ(zm::cvss_severity(3.9), "Low");
  EXPECT_EQ(zm::cvss_severity(4.0), "Medium");
  EXPECT_EQ(zm::cvss_severity(6.9), "Medium");
  EXPECT_EQ(zm::cvss_severity(7.0), "High");
  EXPECT_EQ(zm::cvss_severity(8.9), "High");
  EXPECT_EQ(zm::cvss_severity(9.0), "Critical");
  EXPECT_EQ(zm::cvss_severity(10.0), "Critical");
}

TEST(Cvss, PrefixErrors) {
  const std::string want = "expected prefix CVSS:3.0/ or CVSS:3.1/";
  expect_error("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", want);
  expect_error("CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", want);
  expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", want);
  expect_error("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", want);
  expect_error("CVSS:3.1", want);
  expect_error("", want);
}

TEST(Cvss, MetricErrors) {
  expect_error("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown value 'X' for metric AV");
  expect_error("CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown value 'NN' for metric AV");
  expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H", "unknown value 'X' for metric S");
  expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:M/I:H/A:H", "unknown value 'M' for metric C");
  expect_error("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", "missing metric PR");
  expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "missing metric A");
  expect_error("CVSS:3.1/", "missing metric AV");
  expect_error("CVSS:3.1/AV:N/AC:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "duplicate metric AC");
  expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L", "duplicate metric A");
  expect_error(kCritical + "/XX:N", "unknown metric 'XX'");
  expect_error("CVSS:3.1/Au:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric 'Au'");
  expect_error("CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "malformed metric 'AVN'");
  expect_error("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "malformed metric 'AV:'");
  expect_error("CVSS:3.1/:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "malformed metric ':N'");
  expect_error(kCritical + "/", "empty metric");
  expect_error("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty metric");
}

TEST(Cvss, TemporalAndEnvironmentalErrors) {
  expect_error(kCritical + "/E:Z", "unknown value 'Z' for metric E");
  expect_error(kCritical + "/E:P/E:H", "duplicate metric E");
  expect_error(kCritical + "/MAV:Q", "unknown value 'Q' for metric MAV");
  expect_error(kCritical + "/CR:N", "unknown value 'N' for metric CR");
}

TEST(Cvss, ErrorsAreModelErrorsNamingTheVector) {
  try {
    zm::parse_cvss_v3("CVSS:3.1/AV:Q");
    FAIL();
  } catch (const zonepath::Error& e) {
    EXPECT_NE(std::string(e.what()).find("CVSS:3.1/AV:Q"), std::string::npos);
  }
}
