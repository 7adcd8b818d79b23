// Expected values from the site vocabulary (docs/formats.md), ATT&CK asset ids and Purdue levels
// (docs/sources.md section 5) and component types (docs/sources.md section 4).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "zonepath/models/catalog_asset_types.hpp"

namespace zm = zonepath::models;

TEST(CatalogAssetTypes, AttackAssetIdsOfTheDesign) {
  const std::pair<const char*, const char*> ics[] = {{"engineering-workstation", "A0001"},
                                                     {"hmi", "A0002"},
                                                     {"plc", "A0003"},
                                                     {"rtu", "A0004"},
                                                     {"ied", "A0005"},
                                                     {"historian", "A0006"},
                                                     {"control-server", "A0007"},
                                                     {"application-server", "A0008"},
                                                     {"data-gateway", "A0009"},
                                                     {"sis", "A0010"},
                                                     {"vpn-server", "A0011"},
                                                     {"jump-host", "A0012"},
                                                     {"field-io", "A0013"},
                                                     {"router", "A0014"},
                                                     {"switch", "A0015"},
                                                     {"firewall", "A0016"},
                                                     {"dcs-controller", "A0017"},
                                                     {"pac", "A0018"}};
  for (const auto& [name, id] : ics) {
    const zm::AssetType* a = zm::find_asset_type(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_EQ(a->attack_asset_id, id) << name;
    EXPECT_TRUE(a->iacs) << name;
  }
  for (const char* name : {"workstation", "server", "domain-controller", "wireless-ap", "mobile", "other"}) {
    const zm::AssetType* a = zm::find_asset_type(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_TRUE(a->attack_asset_id.empty()) << name;
    EXPECT_FALSE(a->iacs) << name;
  }
  EXPECT_EQ(zm::asset_types().size(), 24u);
  EXPECT_EQ(zm::find_asset_type("PLC"), nullptr);
}

TEST(CatalogAssetTypes, ControllersAndSafety) {
  std::set<std::string> controllers, safety;
  for (const auto& a : zm::asset_types()) {
    if (a.controller) controllers.emplace(a.name);
    if (a.safety) safety.emplace(a.name);
  }
  EXPECT_EQ(controllers,
            (std::set<std::string>{"plc", "rtu", "ied", "dcs-controller", "pac", "sis", "field-io"}));
  EXPECT_EQ(safety, (std::set<std::string>{"sis"}));
}

TEST(CatalogAssetTypes, PurdueLevelsAndComponentTypes) {
  auto level = [](const char* n) { return zm::find_asset_type(n)->purdue; };
  EXPECT_EQ(level("field-io"), 0.0);
  EXPECT_EQ(level("plc"), 1.0);
  EXPECT_EQ(level("sis"), 1.0);
  EXPECT_EQ(level("hmi"), 2.0);
  EXPECT_EQ(level("engineering-workstation"), 2.0);
  EXPECT_EQ(level("domain-controller"), 3.0);
  EXPECT_EQ(level("jump-host"), 3.5);
  EXPECT_EQ(level("vpn-server"), 3.5);
  EXPECT_FALSE(level("switch").has_value());

  auto type = [](const char* n) { return zm::find_asset_type(n)->component; };
  EXPECT_EQ(type("plc"), zm::ComponentType::EDR);
  EXPECT_EQ(type("ied"), zm::ComponentType::EDR);
  EXPECT_EQ(type("hmi"), zm::ComponentType::SAR);
  EXPECT_EQ(type("historian"), zm::ComponentType::SAR);
  EXPECT_EQ(type("engineering-workstation"), zm::ComponentType::HDR);
  EXPECT_EQ(type("server"), zm::ComponentType::HDR);
  EXPECT_EQ(type("firewall"), zm::ComponentType::NDR);
  EXPECT_EQ(type("wireless-ap"), zm::ComponentType::NDR);
  EXPECT_EQ(zm::to_string(zm::ComponentType::NDR), "NDR");
}

TEST(CatalogZoneKinds, VocabularyLevelsAndTrustOrder) {
  const char* in_trust_order[] = {"untrusted",   "enterprise", "dmz",   "operations",
                                  "supervisory", "control",    "safety"};
  int previous = -1;
  for (const char* name : in_trust_order) {
    const zm::ZoneKind* k = zm::find_zone_kind(name);
    ASSERT_NE(k, nullptr) << name;
    EXPECT_GT(k->trust_rank, previous) << name;
    previous = k->trust_rank;
  }
  for (const char* name : {"remote", "vendor"}) {
    const zm::ZoneKind* k = zm::find_zone_kind(name);
    ASSERT_NE(k, nullptr) << name;
    EXPECT_LT(k->trust_rank, zm::find_zone_kind("enterprise")->trust_rank) << name;
  }
  EXPECT_EQ(zm::zone_kinds().size(), 9u);
  EXPECT_EQ(zm::find_zone_kind("dmz")->purdue, 3.5);
  EXPECT_EQ(zm::find_zone_kind("enterprise")->purdue, 4.0);
  EXPECT_EQ(zm::find_zone_kind("operations")->purdue, 3.0);
  EXPECT_EQ(zm::find_zone_kind("supervisory")->purdue, 2.0);
  EXPECT_EQ(zm::find_zone_kind("control")->purdue, 1.0);
  EXPECT_EQ(zm::find_zone_kind("untrusted")->purdue, 5.0);
  EXPECT_EQ(zm::find_zone_kind("DMZ"), nullptr);

  std::set<std::string> external;
  for (const auto& k : zm::zone_kinds()) {
    if (k.external) external.emplace(k.name);
  }
  EXPECT_EQ(external, (std::set<std::string>{"untrusted", "remote", "vendor"}));
}
