// CSAF 2.0: version ranges, vendor/product matching, and the three CISA advisories of
// tests/data/import against the imported messy inventory.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/models/site.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kCsafDir = std::string(ZONEPATH_TEST_DATA) + "/import/";
}

TEST(ImportCsaf, Names) {
  EXPECT_TRUE(vendors_match("Mitsubishi Electric", "Mitsubishi"));
  EXPECT_TRUE(vendors_match("Rockwell Automation", "Allen-Bradley"));
  EXPECT_FALSE(vendors_match("Siemens", "Schneider Electric"));
  EXPECT_FALSE(vendors_match("", "Siemens"));
  EXPECT_TRUE(products_match("MELSEC iQ-F Series FX5-ENET", "FX5-ENET", "Mitsubishi Electric"));
  EXPECT_FALSE(products_match("MELSEC iQ-F Series FX5-ENET", "FX5-ENET/IP", "Mitsubishi Electric"));
  EXPECT_TRUE(products_match("ControlLogix", "ControlLogix 5580", "Rockwell Automation"));
  // A family with a remark in parentheses covers its members; the remark is not a token.
  EXPECT_TRUE(products_match("SIMATIC S7-300 CPU family (incl. related ET200 CPUs and SIPLUS variants)",
                             "SIMATIC S7-300 CPU 315-2 PN/DP", "Siemens"));
  EXPECT_FALSE(products_match("SIMATIC S7-1200 CPU family (incl. SIPLUS variants)",
                              "SIMATIC S7-300 CPU 315-2 PN/DP", "Siemens"));
  EXPECT_TRUE(products_match("SIMATIC S7-300 CPU 315-2 PN/DP (6ES7315-2EH14-0AB0)",
                             "SIMATIC S7-300 CPU 315-2 PN/DP", "Siemens"));
  EXPECT_FALSE(products_match("SIPLUS S7-300 CPU 315-2 PN/DP (6AG1315-2EH14-7AB0)",
                              "SIMATIC S7-300 CPU 315-2 PN/DP", "Siemens"));
  EXPECT_TRUE(model_number_match("BMEP*", "Modicon M580 BMEP582040"));
  EXPECT_FALSE(model_number_match("BMEP58*S", "Modicon M580 BMEP582040"));
  EXPECT_TRUE(model_number_match("6ES7315-2EH14-0AB0", "6ES7315-2EH14-0AB0"));
  // Jaccard: 3 shared of 7 distinct tokens.
  EXPECT_DOUBLE_EQ(
      product_similarity("SIMATIC S7-300 CPU 314C-2 PN/DP", "SIMATIC S7-1500 CPU 1516-3 PN/DP", "Siemens"),
      3.0 / 7.0);
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

namespace {

struct FieldTrial {
  std::set<std::string> matched, near;
  json report;
  json site;
};

// The field-trial inventory with one advisory of tests/data/import/csaf.
FieldTrial field_trial(const std::vector<std::string>& advisories) {
  const std::string dir = kCsafDir + "csaf/";
  ImportOptions o;
  o.zone_map = kCsafDir + "zone-map.csv";
  std::vector<std::string> files = {dir + "inventory-field-trial.csv"};
  for (const auto& a : advisories) files.push_back(dir + a);
  auto out = import_files(load_site_value(kCsafDir + "plant-base.json"), "out.json", files, o);
  FieldTrial t;
  for (const auto& f : out.report["files"]) {
    if (f["kind"] != "csaf") continue;
    for (const auto& m : f["matches"])
      t.matched.insert(m["asset"].get<std::string>() + " " + m["cve"].get<std::string>() + " " +
                       m["service"].get<std::string>());
    for (const auto& m : f["near_misses"])
      t.near.insert(m["asset"].get<std::string>() + " " + m["product_id"].get<std::string>());
  }
  t.report = out.report;
  t.site = out.site;
  return t;
}

std::string near_reason(const FieldTrial& t, const std::string& asset) {
  for (const auto& f : t.report["files"])
    if (f["kind"] == "csaf")
      for (const auto& m : f["near_misses"])
        if (m["asset"] == asset) return m["reason"];
  return "";
}

} // namespace

// Worked out by hand from the inventory rows and the real advisories' product trees
// (tests/data/import/csaf/README.md).
TEST(ImportCsaf, SiemensFamilyMatchesItsMembers) {
  auto t = field_trial({"icsa-20-315-04.json"});
  // "SIMATIC S7-300 CPU family (incl. related ET200 CPUs and SIPLUS variants)", vers:all/*;
  // the text names port 102 and S7 only.
  EXPECT_EQ(t.matched,
            (std::set<std::string>{"plc-s7-315 CVE-2020-15783 s7comm", "plc-s7-315b CVE-2020-15783 s7comm"}));
  // The order number alone and the S7-1500 are other products: one near miss each, naming
  // the advisory's three products (all of them here).
  EXPECT_EQ(t.near, (std::set<std::string>{"plc-s7-order ", "plc-s7-1500 "}));
}

TEST(ImportCsaf, SiemensWildcardTrainAndModelNumbers) {
  auto t = field_trial({"icsa-20-042-05.json"});
  // V3.2.12 < V3.X.17 (train 3.x, patch 12 < 17); the order number row matches through the
  // product's model number; the text names the web server and S7, so plc-s7-315 (both
  // services) gets every service, plc-s7-order (s7comm only) gets s7comm.
  EXPECT_EQ(t.matched,
            (std::set<std::string>{"plc-s7-315 CVE-2019-13940 ", "plc-s7-order CVE-2019-13940 s7comm"}));
  EXPECT_EQ(t.near, (std::set<std::string>{"plc-s7-315b CSAFPID-0008", "plc-s7-1500 "}));
  EXPECT_NE(near_reason(t, "plc-s7-315b").find("version V3.2.17 outside < V3.X.17"), std::string::npos);
  // 27 products: the three closest to "SIMATIC S7-1500 CPU 1516-3 PN/DP" (3 of 7 tokens
  // shared, first in tree order), the other 24 only counted.
  EXPECT_EQ(
      near_reason(t, "plc-s7-1500"),
      "vendor 'Siemens' matches but product 'SIMATIC S7-1500 CPU 1516-3 PN/DP' is none of the advisory's "
      "products; closest: SIMATIC S7-300 CPU 314C-2 PN/DP (6ES7314-6EH04-0AB0), SIMATIC S7-300 CPU 315-2 "
      "PN/DP (6ES7315-2EH14-0AB0), SIMATIC S7-300 CPU 315F-2 PN/DP (6ES7315-2FJ14-0AB0) (and 24 other "
      "products)");
}

TEST(ImportCsaf, RockwellRangesPerReleaseTrain) {
  auto t = field_trial({"icsa-25-035-02.json"});
  // V34.011 is in train 34 (< V34.014); V35.013 is train 35's fix; V33.016 < V33.017
  // (Allen-Bradley = Rockwell). The text names CIP.
  EXPECT_EQ(t.matched,
            (std::set<std::string>{"sis-guard-1 CVE-2025-24478 enip", "sis-guard-3 CVE-2025-24478 enip"}));
  EXPECT_EQ(t.near, (std::set<std::string>{"sis-guard-2 CSAFPID-0007"}));
  EXPECT_NE(near_reason(t, "sis-guard-2").find("is in train 35, not below V35.013"), std::string::npos);
  std::vector<std::string> deciding; // the product of train 34 decides for V34.011
  for (const auto& f : t.report["files"])
    if (f["kind"] == "csaf")
      for (const auto& m : f["matches"])
        if (m["asset"] == "sis-guard-1") deciding.push_back(m["product_id"]);
  EXPECT_EQ(deciding, (std::vector<std::string>{"CSAFPID-0006"}));
}

TEST(ImportCsaf, FirmwarePrefixAndVersAllWithModelNumbers) {
  auto t = field_trial({"icsa-25-035-01.json", "icsa-25-035-04.json"});
  // WTI: "Firmware 6.58" <= Firmware_6.62, web interface -> https. Schneider: BMEP582040 is a
  // "BMEP*" part, SV4.20 < SV4.30; the fixed SV4.30 product is the near miss.
  EXPECT_EQ(t.matched, (std::set<std::string>{"pdu-1 CVE-2025-0630 https", "plc-m580 CVE-2024-11425 "}));
  EXPECT_EQ(t.near, (std::set<std::string>{"plc-m580 CSAFPID-0002"}));
}

TEST(ImportCsaf, RelationshipsCpeAndPurl) {
  // CSAF 2.0 section 3.2.3.2: a relationship makes a new product of a component on a platform.
  auto doc =
      JsonDocument::parse(R"({"document": {"csaf_version": "2.0", "title": "t", "tracking": {"id": "T-1"}},
    "product_tree": {
      "branches": [{"category": "vendor", "name": "Acme", "branches": [
        {"category": "product_name", "name": "Controller Firmware", "branches": [
          {"category": "product_version_range", "name": "vers:generic/<2.4", "product": {"name": "fw <2.4", "product_id": "FW"}}]},
        {"category": "product_name", "name": "RTU 500", "product": {"name": "RTU 500", "product_id": "HW"}}]}],
      "full_product_names": [{"name": "Gateway X", "product_id": "GW",
        "product_identification_helper": {"cpe": "cpe:2.3:o:beta_systems:gateway_x:3.1:*:*:*:*:*:*:*"}},
        {"name": "lib", "product_id": "LIB", "product_identification_helper": {"purl": "pkg:generic/acme/opc%20stack@1.2.0"}}],
      "relationships": [{"category": "installed_on", "product_reference": "FW", "relates_to_product_reference": "HW",
                         "full_product_name": {"name": "fw <2.4 on RTU 500", "product_id": "FW-ON-HW"}}]},
    "vulnerabilities": [{"cve": "CVE-1", "product_status": {"known_affected": ["FW-ON-HW", "GW", "LIB"]},
      "scores": [{"cvss_v3": {"vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                  "products": ["FW-ON-HW", "GW", "LIB"]}]}]})",
                          "rel.json");
  CsafAdvisory a = parse_csaf(doc);
  ASSERT_EQ(a.products.size(), 5u);
  const CsafProduct& rel = a.products[4];
  EXPECT_EQ(rel.id, "FW-ON-HW");
  EXPECT_EQ(rel.product, "RTU 500");
  EXPECT_EQ(rel.version, "vers:generic/<2.4");
  EXPECT_EQ(a.products[2].vendor, "beta systems");
  EXPECT_EQ(a.products[2].version, "3.1");
  EXPECT_EQ(a.products[3].vendor, "acme");
  EXPECT_EQ(a.products[3].alt_products, (std::vector<std::string>{"opc stack"}));
  json site = {{"assets",
                {{{"id", "rtu"}, {"vendor", "Acme"}, {"product", "RTU 500"}, {"version", "2.3.1"}},
                 {{"id", "rtu-new"}, {"vendor", "Acme"}, {"product", "RTU 500"}, {"version", "2.4"}},
                 {{"id", "gw"}, {"vendor", "Beta Systems"}, {"product", "gateway x"}, {"version", "3.1.0"}},
                 {{"id", "srv"}, {"vendor", "ACME Inc"}, {"product", "OPC Stack"}, {"version", "1.2"}}}}};
  CsafResult r = import_csaf(a, site);
  std::set<std::string> matched;
  for (const auto& m : r.matches)
    matched.insert(m["asset"].get<std::string>() + " " + m["product_id"].get<std::string>());
  // The firmware below 2.4 on an RTU 500; the CPE's vendor, product and version; the purl's.
  EXPECT_EQ(matched, (std::set<std::string>{"rtu FW-ON-HW", "gw GW", "srv LIB"}));
}
