// Advisory version ranges: VERS and the vendor notations of CISA's CSAF files. Every expected
// value is worked out by hand from the notation's meaning (docs/import.md).
#include <gtest/gtest.h>

#include "zonepath/interchange/csaf_versions.hpp"

using namespace zonepath::interchange;

namespace {

// affected? for a range (true) or a product_version (false); fails the test when not understood.
bool in(const std::string& range, const std::string& version, bool is_range = true) {
  VersionCheck c = check_version(range, is_range, version);
  EXPECT_TRUE(c.understood) << range << " / " << version << ": " << c.explanation;
  return c.affected;
}

bool understood(const std::string& range, const std::string& version) {
  return check_version(range, true, version).understood;
}

int cmp(const std::string& a, const std::string& b) {
  return compare_versions(*parse_version(a), *parse_version(b));
}

} // namespace

TEST(CsafVersions, Parsing) {
  EXPECT_EQ(version_components("V10.006"), (std::vector<long>{10, 6}));
  EXPECT_EQ(version_components("OS 12.20 (build 7)"), (std::vector<long>{12, 20}));
  EXPECT_EQ(version_text(*parse_version("Firmware__14.2s0")), "14.2s.0");
  EXPECT_EQ(version_text(*parse_version("SV1.70IR26")), "1.70ir.26");
  EXPECT_EQ(version_text(*parse_version("V3.X.17")), "3.X.17");
  EXPECT_FALSE(parse_version("<=Firmware_6.62")); // a comparator is no version
  EXPECT_FALSE(parse_version("before the fix"));
  EXPECT_FALSE(parse_version(""));
}

TEST(CsafVersions, Ordering) {
  EXPECT_EQ(cmp("9.9", "9.9.00"), 0);
  EXPECT_LT(cmp("1.0rc1", "1.0"), 0); // pre-release before the release
  EXPECT_LT(cmp("1.0", "1.0.1"), 0);
  EXPECT_LT(cmp("4.2", "4.2a"), 0); // a letter suffix after the plain version
  EXPECT_LT(cmp("4.2a", "4.2.1"), 0);
  EXPECT_LT(cmp("V1.99", "v1.100"), 0); // numerically, not as text
  EXPECT_LT(cmp("SV1.70IR25", "SV1.70IR26"), 0);
  EXPECT_EQ(cmp("3.2.17", "3.X.17"), 0); // X: any minor
}

TEST(CsafVersions, WildcardTrain) {
  // ICSA-20-042-05: "< V3.X.17" = below patch 17 of whatever 3.x line the device runs.
  EXPECT_TRUE(in("< V3.X.17", "V3.2.12"));
  EXPECT_TRUE(in("< V3.X.17", "V3.3.16"));
  EXPECT_FALSE(in("< V3.X.17", "V3.2.17"));
  EXPECT_TRUE(in("< V3.X.17", "V2.9.20"));
  EXPECT_FALSE(in("< V3.X.17", "V4.0"));
}

TEST(CsafVersions, RockwellPerTrainLists) {
  const std::string up = "<V33.017_V34.014_V35.013_V36.011", down = "<v36.011_v35.013_v34.014";
  EXPECT_TRUE(in(up, "V34.011"));  // train 34, below 34.014
  EXPECT_FALSE(in(up, "V34.014")); // the fix of train 34
  EXPECT_FALSE(in(up, "V35.013"));
  EXPECT_TRUE(in(up, "V36.010"));
  EXPECT_TRUE(in(up, "V32.5"));  // older than every listed train
  EXPECT_FALSE(in(up, "V37.1")); // newer than every listed train
  EXPECT_FALSE(in(down, "V35.013"));
  EXPECT_TRUE(in(down, "V35.012"));
  EXPECT_TRUE(in(down, "V33.2"));
  // A train missing between listed ones is not guessed.
  EXPECT_FALSE(understood("<V33.017_V35.013", "V34.5"));
  EXPECT_EQ(parse_version_range(up, true).form, VersionRange::Form::Trains);
}

TEST(CsafVersions, VendorNotations) {
  EXPECT_TRUE(in("<=Firmware_6.62", "6.62"));
  EXPECT_TRUE(in("<=Firmware_6.62", "Firmware 6.5"));
  EXPECT_FALSE(in("<=Firmware_6.62", "6.63"));
  EXPECT_TRUE(in("Firmware__14.2s0", "14.2s0", false));
  EXPECT_FALSE(in("Firmware__14.2s0", "14.2s1", false));
  EXPECT_TRUE(in("vers:all/<SV4.30", "SV4.21"));
  EXPECT_FALSE(in("vers:all/<SV4.30", "SV4.30"));
  EXPECT_TRUE(in("<SV1.70IR26", "SV1.70IR25"));
  EXPECT_FALSE(in("<SV1.70IR26", "SV1.70IR26"));
  EXPECT_TRUE(in("V28", "28.011", false));
  EXPECT_FALSE(in("V28", "2.8", false));
}

TEST(CsafVersions, Words) {
  for (const char* all : {"All versions", "vers:all/*", "*", "all"}) EXPECT_TRUE(in(all, "0.1")) << all;
  EXPECT_TRUE(check_version("vers:all/*", true, "").affected); // no version needed
  EXPECT_TRUE(in("All versions prior to 2.1", "2.0.9"));
  EXPECT_FALSE(in("All versions prior to 2.1", "2.1"));
  EXPECT_TRUE(in("before V2.1", "2.0"));
  EXPECT_TRUE(in("1.4 and earlier", "1.4.0"));
  EXPECT_FALSE(in("1.4 and prior", "1.4.1"));
  EXPECT_TRUE(in("V2.0 and later", "v2.3"));
  EXPECT_FALSE(in("V2.0 and later", "1.9"));
  EXPECT_TRUE(in("1.0 through 1.5", "1.5"));
  EXPECT_FALSE(in("1.0 through 1.5", "1.5.1"));
  EXPECT_FALSE(in("1.0 through 1.5", "0.9"));
}

TEST(CsafVersions, VersConstraints) {
  // purl-spec VERS: constraints sorted, =/!= first, then ranges opened by > / >= and closed by
  // < / <=; an open lower bound at the end reaches every later version.
  const std::string two = "vers:generic/>=1.0|<2.0|>=3.0";
  EXPECT_TRUE(in(two, "1.5"));
  EXPECT_FALSE(in(two, "2.5"));
  EXPECT_TRUE(in(two, "3.5"));
  EXPECT_FALSE(in(two, "0.9"));
  EXPECT_TRUE(in("vers:generic/1.0|2.0", "2.0"));
  EXPECT_FALSE(in("vers:generic/1.0|2.0", "1.5"));
  EXPECT_FALSE(in("vers:generic/!=1.5", "1.5"));
  EXPECT_TRUE(in("vers:generic/!=1.5", "1.6"));
  EXPECT_FALSE(in(">=1.100|<=1.200|!=1.150", "1.150"));
  EXPECT_TRUE(in(">=1.100|<=1.200|!=1.150", "1.149"));
  EXPECT_FALSE(in(">=1.100|<=1.200", "1.210"));
  EXPECT_TRUE(in("<2.0|>=1.0", "1.5")); // unsorted as written: sorted before evaluation
  EXPECT_TRUE(in("vers:semver/>=2.0.0-rc1|<2.0.1", "2.0.0"));
}

TEST(CsafVersions, NotUnderstoodIsReportedWithItsText) {
  for (const char* bad :
       {"before the fix", "see the vendor advisory", "<", "vers:generic", "<V33.017_V34.014|>=1.0"}) {
    VersionCheck c = check_version(bad, true, "1.0");
    EXPECT_FALSE(c.understood) << bad;
    EXPECT_FALSE(c.affected) << bad;
    EXPECT_NE(c.explanation.find(bad), std::string::npos) << c.explanation;
  }
  EXPECT_FALSE(check_version("<2.0", true, "").understood); // version unknown
  EXPECT_EQ(check_version("<2.0", true, "").explanation, "asset version unknown");
}
