// Expected ids from docs/sources.md section 4 (4-2-only and NDR-only CRs) and from the site
// format's example "CR 3.14" (docs/formats.md).
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "zonepath/models/catalog_component_requirements.hpp"

namespace zm = zonepath::models;

TEST(CatalogComponentRequirements, ComponentOnlyRequirementsOfTheReferenceArePresent) {
  for (const char* id : {"CR 1.14", "CR 2.13", "CR 3.10", "CR 3.11", "CR 3.12", "CR 3.13", "CR 3.14"}) {
    EXPECT_NE(zm::find_component_requirement(id), nullptr) << id;
  }
  const zm::ComponentRequirement* boot = zm::find_component_requirement("CR 3.14");
  ASSERT_NE(boot, nullptr);
  EXPECT_EQ(boot->fr, 3);
  EXPECT_EQ(boot->number, 14);
  EXPECT_EQ(boot->title, "Integrity of the boot process");
}

TEST(CatalogComponentRequirements, NetworkDeviceOnlyRequirements) {
  for (const char* id : {"CR 1.6", "CR 1.13", "CR 5.2", "CR 5.3"}) {
    const zm::ComponentRequirement* c = zm::find_component_requirement(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->component_types, "NDR") << id;
  }
}

TEST(CatalogComponentRequirements, TypePrefixedAliases) {
  const zm::ComponentRequirement* cr = zm::find_component_requirement("CR 5.2 RE 1");
  ASSERT_NE(cr, nullptr);
  EXPECT_EQ(zm::find_component_requirement("NDR 5.2 RE 1"), cr);
  EXPECT_EQ(zm::find_component_requirement("NDR 5.2"), zm::find_component_requirement("CR 5.2"));
  EXPECT_EQ(zm::find_component_requirement("EDR 3.14"), zm::find_component_requirement("CR 3.14"));
  // Only types that carry the requirement are accepted.
  EXPECT_EQ(zm::find_component_requirement("EDR 5.2"), nullptr);
  EXPECT_EQ(zm::find_component_requirement("SAR 3.14"), nullptr);
  EXPECT_EQ(zm::find_component_requirement("EDR 1.1"), nullptr); // common CR, no EDR variant
  EXPECT_EQ(zm::find_component_requirement("XDR 1.1"), nullptr);
}

TEST(CatalogComponentRequirements, CommonRequirementsAndEnhancements) {
  const zm::ComponentRequirement* c = zm::find_component_requirement("CR 1.1");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->component_types.empty());
  const zm::ComponentRequirement* re = zm::find_component_requirement("CR 1.1 RE 2");
  ASSERT_NE(re, nullptr);
  EXPECT_EQ(re->parent, "CR 1.1");
  EXPECT_EQ(re->re, 2);
  EXPECT_EQ(zm::find_component_requirement("CR 5.4"), nullptr); // no component-level requirement
  EXPECT_EQ(zm::find_component_requirement("CR 7.5"), nullptr);
  EXPECT_EQ(zm::find_component_requirement("CR 9.1"), nullptr);
  EXPECT_EQ(zm::find_component_requirement("SR 1.1"), nullptr);
}

TEST(CatalogComponentRequirements, IdsAreUniqueAndParentsExist) {
  std::set<std::string> seen;
  for (const auto& c : zm::component_requirements()) {
    EXPECT_TRUE(seen.insert(c.id).second) << c.id;
    EXPECT_GE(c.fr, 1);
    EXPECT_LE(c.fr, 7);
    EXPECT_FALSE(c.flag.empty()) << c.id; // every entry says how far it is verified
    if (c.re != 0) {
      const zm::ComponentRequirement* p = zm::find_component_requirement(c.parent);
      ASSERT_NE(p, nullptr) << c.id;
      // An RE applies to no component type that its base requirement does not apply to.
      if (c.component_types.empty()) {
        EXPECT_TRUE(p->component_types.empty()) << c.id;
      }
      std::istringstream types(c.component_types);
      for (std::string t; types >> t;) {
        EXPECT_NE(p->component_types.find(t), std::string::npos) << c.id;
      }
    }
  }
}

TEST(CatalogComponentRequirements, KnownRequirementIdsCoverBothStandards) {
  EXPECT_TRUE(zm::is_known_requirement_id("SR 5.2 RE 1"));
  EXPECT_TRUE(zm::is_known_requirement_id("CR 3.14"));
  EXPECT_TRUE(zm::is_known_requirement_id("NDR 5.3"));
  EXPECT_FALSE(zm::is_known_requirement_id("SR 9.9"));
  EXPECT_FALSE(zm::is_known_requirement_id("CR 3.15"));
  EXPECT_FALSE(zm::is_known_requirement_id(""));
}
