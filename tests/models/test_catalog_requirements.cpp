// Every expected value below was counted by hand from the table in
// docs/sources.md section 1, not taken from the program's output.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "zonepath/core/error.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zm = zonepath::models;

namespace {

int count_at(int sl) {
  int n = 0;
  for (const auto& r : zm::requirements()) n += r.min_sl <= sl ? 1 : 0;
  return n;
}

std::set<std::string> ids_where(bool (*pred)(const zm::Requirement&)) {
  std::set<std::string> out;
  for (const auto& r : zm::requirements()) {
    if (pred(r)) out.insert(r.id);
  }
  return out;
}

int min_sl(const char* id) {
  const zm::Requirement* r = zm::find_requirement(id);
  EXPECT_NE(r, nullptr) << id;
  return r ? r->min_sl : -1;
}

} // namespace

TEST(CatalogRequirements, CountsPerSecurityLevel) {
  EXPECT_EQ(count_at(1), 37);
  EXPECT_EQ(count_at(2), 60);
  EXPECT_EQ(count_at(3), 90);
  EXPECT_EQ(count_at(4), 100);
  EXPECT_EQ(zm::requirements().size(), 100u);
}

TEST(CatalogRequirements, RequiredForAddsUpToTheSameCounts) {
  const int expected[] = {0, 37, 60, 90, 100};
  for (int sl = 0; sl <= 4; ++sl) {
    std::size_t n = 0;
    for (int fr = 1; fr <= 7; ++fr) n += zm::required_for(fr, sl).size();
    EXPECT_EQ(n, static_cast<std::size_t>(expected[sl])) << "SL" << sl;
  }
}

TEST(CatalogRequirements, SrAndReCounts) {
  int srs = 0, res = 0;
  int sr_per_fr[8] = {}, re_per_fr[8] = {};
  for (const auto& r : zm::requirements()) {
    if (r.is_enhancement()) {
      ++res;
      ++re_per_fr[r.fr];
    } else {
      ++srs;
      ++sr_per_fr[r.fr];
    }
  }
  EXPECT_EQ(srs, 51);
  EXPECT_EQ(res, 49);
  const int srs_expected[8] = {0, 13, 12, 9, 3, 4, 2, 8};
  const int res_expected[8] = {0, 11, 12, 10, 3, 7, 1, 5}; // summed from the REs column
  for (int fr = 1; fr <= 7; ++fr) {
    EXPECT_EQ(sr_per_fr[fr], srs_expected[fr]) << "FR" << fr;
    EXPECT_EQ(re_per_fr[fr], res_expected[fr]) << "FR" << fr;
  }
}

TEST(CatalogRequirements, SpotChecksOfMinSl) {
  EXPECT_EQ(min_sl("SR 3.4"), 2); // COR1:2014
  EXPECT_EQ(min_sl("SR 1.1 RE 3"), 4);
  EXPECT_EQ(min_sl("SR 2.12 RE 1"), 4);
  EXPECT_EQ(min_sl("SR 5.2 RE 3"), 3); // the disputed cell, kept at SL3 with a flag
  EXPECT_EQ(min_sl("SR 1.1"), 1);
  EXPECT_EQ(min_sl("SR 1.2"), 2);
  EXPECT_EQ(min_sl("SR 2.7"), 3);
  EXPECT_EQ(min_sl("SR 2.12"), 3);
  EXPECT_EQ(min_sl("SR 2.1 RE 2"), 2);
  EXPECT_EQ(min_sl("SR 3.2 RE 1"), 2);
  EXPECT_EQ(min_sl("SR 4.1 RE 2"), 4);
  EXPECT_EQ(min_sl("SR 7.8"), 2);
}

TEST(CatalogRequirements, Sl1IsExactlyTheTickedSrs) {
  const std::set<std::string> expected = {
      "SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7", "SR 1.10", "SR 1.11", "SR 1.12", "SR 1.13",
      "SR 2.1", "SR 2.2", "SR 2.3", "SR 2.4", "SR 2.5", "SR 2.8", "SR 2.9",  "SR 2.10", "SR 3.1",  "SR 3.2",
      "SR 3.3", "SR 3.5", "SR 3.6", "SR 4.1", "SR 4.3", "SR 5.1", "SR 5.2",  "SR 5.3",  "SR 5.4",  "SR 6.1",
      "SR 7.1", "SR 7.2", "SR 7.3", "SR 7.4", "SR 7.5", "SR 7.6", "SR 7.7"};
  EXPECT_EQ(expected.size(), 37u);
  EXPECT_EQ(ids_where([](const zm::Requirement& r) { return r.min_sl == 1; }), expected);
}

TEST(CatalogRequirements, EnhancementsSelectedAtSl2AndSl4) {
  const std::set<std::string> sl2 = {"SR 1.1 RE 1", "SR 1.6 RE 1", "SR 1.13 RE 1", "SR 2.1 RE 1",
                                     "SR 2.1 RE 2", "SR 3.2 RE 1", "SR 4.1 RE 1",  "SR 5.1 RE 1",
                                     "SR 5.2 RE 1", "SR 7.1 RE 1", "SR 7.3 RE 1"};
  EXPECT_EQ(ids_where([](const zm::Requirement& r) { return r.re && r.min_sl == 2; }), sl2);
  const std::set<std::string> sl4 = {"SR 1.1 RE 3",  "SR 1.7 RE 2", "SR 2.1 RE 4", "SR 2.11 RE 2",
                                     "SR 2.12 RE 1", "SR 3.3 RE 2", "SR 3.8 RE 3", "SR 3.9 RE 1",
                                     "SR 4.1 RE 2",  "SR 5.1 RE 3"};
  EXPECT_EQ(ids_where([](const zm::Requirement& r) { return r.min_sl == 4; }), sl4);
}

TEST(CatalogRequirements, RequiredForOneFr) {
  std::vector<std::string> got;
  for (const auto* r : zm::required_for(5, 2)) got.push_back(r->id);
  const std::vector<std::string> expected = {"SR 5.1",      "SR 5.1 RE 1", "SR 5.2",
                                             "SR 5.2 RE 1", "SR 5.3",      "SR 5.4"};
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(zm::required_for(3, 0).empty());
  EXPECT_EQ(zm::required_for(6, 4).size(), 3u); // SR 6.1, SR 6.1 RE 1, SR 6.2
}

TEST(CatalogRequirements, RequiredForRejectsOutOfRange) {
  EXPECT_THROW(zm::required_for(0, 1), zonepath::ModelError);
  EXPECT_THROW(zm::required_for(8, 1), zonepath::ModelError);
  EXPECT_THROW(zm::required_for(1, 5), zonepath::ModelError);
  EXPECT_THROW(zm::required_for(1, -1), zonepath::ModelError);
}

TEST(CatalogRequirements, IdsParentsAndInvariants) {
  std::set<std::string> seen;
  for (const auto& r : zm::requirements()) {
    EXPECT_TRUE(seen.insert(r.id).second) << "duplicate " << r.id;
    EXPECT_GE(r.min_sl, 1);
    EXPECT_LE(r.min_sl, 4);
    const std::string prefix = "SR " + std::to_string(r.fr) + "." + std::to_string(r.sr);
    EXPECT_EQ(r.id.rfind(prefix, 0), 0u) << r.id;
    if (r.is_enhancement()) {
      EXPECT_EQ(r.parent, prefix);
      const zm::Requirement* p = zm::find_requirement(r.parent);
      ASSERT_NE(p, nullptr) << r.id;
      // An enhancement is never selected below its base requirement.
      EXPECT_GE(r.min_sl, p->min_sl) << r.id;
    } else {
      EXPECT_TRUE(r.parent.empty()) << r.id;
    }
  }
}

TEST(CatalogRequirements, LookupIsExact) {
  const zm::Requirement* r = zm::find_requirement("SR 5.2 RE 1");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->title, "Deny by default, allow by exception");
  EXPECT_EQ(r->parent, "SR 5.2");
  EXPECT_EQ(r->fr, 5);
  EXPECT_EQ(r->re, 1);
  ASSERT_NE(zm::find_requirement("SR 5.2"), nullptr);
  EXPECT_EQ(zm::find_requirement("SR 5.2")->title, "Zone boundary protection");
  EXPECT_EQ(zm::find_requirement("SR 5.5"), nullptr);
  EXPECT_EQ(zm::find_requirement("SR 5.2 RE 4"), nullptr);
  EXPECT_EQ(zm::find_requirement("SR 1.1 RE 4"), nullptr);
  EXPECT_EQ(zm::find_requirement("sr 5.2"), nullptr);
  EXPECT_EQ(zm::find_requirement("SR 5.2 "), nullptr);
  EXPECT_EQ(zm::find_requirement(""), nullptr);
}

TEST(CatalogRequirements, DisputedCellsCarryAFlag) {
  for (const char* id : {"SR 2.2 RE 1", "SR 2.3 RE 1", "SR 4.1 RE 2", "SR 5.2 RE 3", "SR 5.4"}) {
    const zm::Requirement* r = zm::find_requirement(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_NE(r->flag.find("⚠"), std::string::npos) << id;
  }
}

TEST(CatalogRequirements, FoundationalRequirementNames) {
  const char* abbrevs[] = {"IAC", "UC", "SI", "DC", "RDF", "TRE", "RA"};
  for (int fr = 1; fr <= 7; ++fr) {
    EXPECT_EQ(zm::fr_abbrev(fr), abbrevs[fr - 1]);
    EXPECT_EQ(zm::fr_from_abbrev(abbrevs[fr - 1]), fr);
    EXPECT_EQ(zm::foundational_requirements()[static_cast<std::size_t>(fr - 1)].number, fr);
  }
  EXPECT_EQ(zm::fr_name(1), "Identification and authentication control");
  EXPECT_EQ(zm::fr_name(5), "Restricted data flow");
  EXPECT_EQ(zm::fr_name(6), "Timely response to events");
  EXPECT_EQ(zm::fr_from_abbrev("FR3"), 3);
  EXPECT_EQ(zm::fr_from_abbrev("FR8"), 0);
  EXPECT_EQ(zm::fr_from_abbrev("iac"), 0);
  EXPECT_THROW(zm::fr_abbrev(0), zonepath::ModelError);
  EXPECT_THROW(zm::fr_name(8), zonepath::ModelError);
}
