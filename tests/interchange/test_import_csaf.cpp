// CSAF 2.0: version ranges, vendor/product matching, and the three CISA advisories of
// tests/data/import against the imported messy inventory.
#include <gtest/gtest.h>

#include "zonepath/models/site.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/interchange/import_site.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kCsafDir = std::string(ZONEPATH_TEST_DATA) + "/import/";
}

TEST(ImportCsaf, Versions) {
  EXPECT_EQ(version_components("V10.006"), (std::vector<long>{10, 6}));
  EXPECT_EQ(version_components("OS 12.20 (build 7)"), (std::vector<long>{12, 20}));
  EXPECT_TRUE(check_version("<9.9.00", true, "9.8.12").affected);
  EXPECT_FALSE(check_version("<9.9.00", true, "9.9").affected); // 9.9 == 9.9.00
  EXPECT_TRUE(check_version(">=1.100|<=1.200", true, "1.200").affected);
  EXPECT_FALSE(check_version(">=1.100|<=1.200", true, "1.210").affected);
  EXPECT_FALSE(check_version(">=1.100|<=1.200", true, "1.99").affected);
  EXPECT_TRUE(check_version("vers:generic/>=2.0|<3.1", true, "3.0.9").affected);
  EXPECT_TRUE(check_version("vers:all/*", true, "").affected);
  EXPECT_TRUE(check_version("V28", false, "28.011").affected);
  EXPECT_FALSE(check_version("V28", false, "2.8").affected);
  EXPECT_FALSE(check_version("<2.0", true, "").understood);
  EXPECT_FALSE(check_version("before the fix", true, "1.0").understood);
}

TEST(ImportCsaf, Names) {
  EXPECT_TRUE(vendors_match("Mitsubishi Electric", "Mitsubishi"));
  EXPECT_TRUE(vendors_match("Rockwell Automation", "Allen-Bradley"));
  EXPECT_FALSE(vendors_match("Siemens", "Schneider Electric"));
  EXPECT_FALSE(vendors_match("", "Siemens"));
  EXPECT_TRUE(products_match("MELSEC iQ-F Series FX5-ENET", "FX5-ENET", "Mitsubishi Electric"));
  EXPECT_FALSE(products_match("MELSEC iQ-F Series FX5-ENET", "FX5-ENET/IP", "Mitsubishi Electric"));
  EXPECT_TRUE(products_match("ControlLogix", "ControlLogix 5580", "Rockwell Automation"));
}

TEST(ImportCsaf, ParsesRealAdvisory) {
  CsafAdvisory a = parse_csaf(JsonDocument::load_file(kCsafDir + "icsa-24-214-09.json"));
  EXPECT_EQ(a.id, "ICSA-24-214-09");
  ASSERT_EQ(a.products.size(), 16u);
  EXPECT_EQ(a.products[0].vendor, "Rockwell Automation");
  EXPECT_EQ(a.products[0].product, "ControlLogix");
  EXPECT_EQ(a.products[0].version, "V28");
  EXPECT_FALSE(a.products[0].range);
  ASSERT_EQ(a.vulnerabilities.size(), 1u);
  EXPECT_EQ(a.vulnerabilities[0].cve, "CVE-2024-6242");
  EXPECT_EQ(a.vulnerabilities[0].affected.size(), 16u);
  EXPECT_EQ(a.vulnerabilities[0].scores[0].vector, "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:L/I:H/A:H");
  CsafAdvisory u = parse_csaf(JsonDocument::load_file(kCsafDir + "icsa-23-348-15.json"));
  EXPECT_TRUE(u.products[1].range);
  EXPECT_EQ(u.products[1].version, "<12.38");
}

TEST(ImportCsaf, RejectsOtherVersions) {
  auto doc = JsonDocument::parse(R"({"document": {"csaf_version": "1.2", "tracking": {"id": "X"}},
                                     "product_tree": {}})",
                                 "old.json");
  try {
    parse_csaf(doc);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/document/csaf_version");
    EXPECT_EQ(e.diagnostics()[0].line, 1);
  }
}

TEST(ImportCsaf, ThreeAdvisoriesOnTheInventory) {
  ImportOptions o;
  o.zone_map = kCsafDir + "zone-map.csv";
  json base = load_site_value(kCsafDir + "plant-base.json");
  auto out = import_files(base, "out.json",
                          {kCsafDir + "icsa-23-348-15.json", kCsafDir + "icsa-24-324-01.json",
                           kCsafDir + "icsa-24-214-09.json", kCsafDir + "inventory-messy.csv"},
                          o);
  // Worked out by hand from the inventory rows and the advisories' product trees.
  std::set<std::string> matched, near;
  for (const auto& f : out.report["files"]) {
    if (f["kind"] != "csaf") continue;
    for (const auto& m : f["matches"])
      matched.insert(m["asset"].get<std::string>() + " " + m["cve"].get<std::string>() + " " +
                     m["service"].get<std::string>());
    for (const auto& m : f["near_misses"])
      near.insert(m["asset"].get<std::string>() + " " + m["product_id"].get<std::string>());
  }
  EXPECT_EQ(matched,
            (std::set<std::string>{"plc-pump-01 CVE-2023-6448 pcom", "plc-press-01 CVE-2024-8403 slmp",
                                   "plc-line1 CVE-2024-6242 enip", "enbt-line1 CVE-2024-6242 enip"}));
  EXPECT_EQ(near, (std::set<std::string>{"hmi-pump-01 CSAFPID-0002", "plc-press-02 CSAFPID-0002",
                                         "enbt-line1 CSAFPID-0004", "enbt-line1 CSAFPID-0012"}));
  EXPECT_EQ(out.report["summary"]["vulnerabilities_attached"], 4);
  // Imported twice: nothing attached again.
  auto again = import_files(out.site, "out.json", {kCsafDir + "icsa-23-348-15.json"}, {});
  EXPECT_EQ(again.report["summary"]["vulnerabilities_attached"], 0);
}
