// Expected values from docs/sources.md section 10.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zm = zonepath::models;
using Ids = std::vector<std::string>;

TEST(CatalogIso27001, SystemRequirements) {
  EXPECT_EQ(zm::iso27001_for("SR 1.1"), (Ids{"A.5.16", "A.8.5"}));
  EXPECT_EQ(zm::iso27001_for("SR 1.4"), (Ids{"A.5.16", "A.5.18"}));
  EXPECT_EQ(zm::iso27001_for("SR 1.11"), (Ids{"A.5.17", "A.8.5"}));
  EXPECT_EQ(zm::iso27001_for("SR 1.13"), (Ids{"A.6.7", "A.8.20"}));
  EXPECT_EQ(zm::iso27001_for("SR 2.1"), (Ids{"A.5.15", "A.8.2", "A.8.3"}));
  EXPECT_EQ(zm::iso27001_for("SR 2.11"), (Ids{"A.8.17"}));
  EXPECT_EQ(zm::iso27001_for("SR 3.4"), (Ids{"A.8.19", "A.8.32"}));
  EXPECT_EQ(zm::iso27001_for("SR 3.9"), (Ids{"A.8.15"}));
  EXPECT_EQ(zm::iso27001_for("SR 4.1"), (Ids{"A.8.24", "A.5.14"}));
  EXPECT_EQ(zm::iso27001_for("SR 5.1"), (Ids{"A.8.22"}));
  EXPECT_EQ(zm::iso27001_for("SR 5.2"), (Ids{"A.8.20", "A.8.22"}));
  EXPECT_EQ(zm::iso27001_for("SR 5.3"), (Ids{"A.5.14", "A.8.23"}));
  EXPECT_EQ(zm::iso27001_for("SR 6.2"), (Ids{"A.8.16"}));
  EXPECT_EQ(zm::iso27001_for("SR 7.4"), (Ids{"A.5.30", "A.8.14"}));
  EXPECT_EQ(zm::iso27001_for("SR 7.5"), (Ids{"A.7.11"}));
  EXPECT_EQ(zm::iso27001_for("SR 7.8"), (Ids{"A.5.9"}));
}

TEST(CatalogIso27001, EnhancementsInheritTheirSr) {
  EXPECT_EQ(zm::iso27001_for("SR 5.2 RE 1"), (Ids{"A.8.20", "A.8.22"}));
  EXPECT_EQ(zm::iso27001_for("SR 1.1 RE 3"), (Ids{"A.5.16", "A.8.5"}));
  for (const auto& r : zm::requirements()) {
    EXPECT_FALSE(zm::iso27001_for(r.id).empty()) << r.id;
    if (r.is_enhancement()) {
      EXPECT_EQ(zm::iso27001_for(r.id), zm::iso27001_for(r.parent));
    }
  }
}

TEST(CatalogIso27001, RemediationTopics) {
  EXPECT_EQ(zm::iso27001_for("patch"), (Ids{"A.8.8"}));
  EXPECT_EQ(zm::iso27001_for("compensating"), (Ids{"A.8.32"}));
  EXPECT_EQ(zm::iso27001_for("supplier-remote-access"), (Ids{"A.5.19", "A.5.20", "A.5.21", "A.5.22"}));
}

TEST(CatalogIso27001, ComponentRequirementsAndUnknownIds) {
  EXPECT_EQ(zm::iso27001_for("CR 3.3"), (Ids{"A.8.29"}));
  EXPECT_EQ(zm::iso27001_for("NDR 5.2 RE 1"), (Ids{"A.8.20", "A.8.22"}));
  EXPECT_TRUE(zm::iso27001_for("CR 3.14").empty()); // no 3-3 counterpart
  EXPECT_TRUE(zm::iso27001_for("SR 9.9").empty());
  EXPECT_TRUE(zm::iso27001_for("1.1").empty()); // internal keys are not ids
  EXPECT_TRUE(zm::iso27001_for("").empty());
}

TEST(CatalogIso27001, EveryControlHasATitle) {
  EXPECT_EQ(zm::iso27001_title("A.8.22"), "Segregation of networks");
  EXPECT_EQ(zm::iso27001_title("A.8.8"), "Management of technical vulnerabilities");
  EXPECT_EQ(zm::iso27001_title("A.8.32"), "Change management");
  EXPECT_EQ(zm::iso27001_title("A.5.9"), "Inventory of information and other associated assets");
  EXPECT_TRUE(zm::iso27001_title("A.9.9").empty());
  for (const auto& r : zm::requirements()) {
    for (const auto& id : zm::iso27001_for(r.id)) {
      EXPECT_FALSE(zm::iso27001_title(id).empty()) << id;
    }
  }
  for (auto topic : zm::iso27001_topics()) {
    for (const auto& id : zm::iso27001_for(topic)) {
      EXPECT_FALSE(zm::iso27001_title(id).empty()) << id;
    }
  }
}

TEST(CatalogIso27001, UnionInAnnexAOrderWithoutRepeats) {
  // supplier-remote-access: A.5.19-A.5.22; compensating: A.8.32; patch: A.8.8; SR 5.1 (network
  // segmentation) includes A.8.22. Numbers, not text, order them: A.5.22 before A.8.8 before
  // A.8.22 before A.8.32, and a control named twice appears once.
  const Ids ids = zm::iso27001_union({"compensating", "SR 5.1", "patch", "supplier-remote-access", "patch"});
  ASSERT_FALSE(ids.empty());
  for (std::size_t i = 1; i < ids.size(); ++i) {
    int c0 = 0, n0 = 0, c1 = 0, n1 = 0;
    ASSERT_EQ(std::sscanf(ids[i - 1].c_str(), "A.%d.%d", &c0, &n0), 2) << ids[i - 1];
    ASSERT_EQ(std::sscanf(ids[i].c_str(), "A.%d.%d", &c1, &n1), 2) << ids[i];
    EXPECT_LT(std::make_pair(c0, n0), std::make_pair(c1, n1)) << ids[i - 1] << " then " << ids[i];
  }
  for (const char* expected : {"A.5.19", "A.5.22", "A.8.8", "A.8.22", "A.8.32"})
    EXPECT_EQ(std::count(ids.begin(), ids.end(), expected), 1) << expected;
  const auto at = [&](const char* id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
  EXPECT_LT(at("A.8.8"), at("A.8.22"));
  EXPECT_LT(at("A.5.22"), at("A.8.8"));
  EXPECT_TRUE(zm::iso27001_union({}).empty());
}
