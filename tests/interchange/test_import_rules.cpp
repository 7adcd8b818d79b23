// Firewall rules: the iptables-save dump and the CSV rule table of tests/data/import.
#include <gtest/gtest.h>

#include "zonepath/interchange/import_rules.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kRulesDir = std::string(ZONEPATH_TEST_DATA) + "/import/";

ImportOutcome import_rule_files(const std::vector<std::string>& files) {
  ImportOptions o;
  o.zone_map = kRulesDir + "zone-map.csv";
  return import_files(load_site_value(kRulesDir + "plant-base.json"), "out.json", files, o);
}

json conduit(const json& site, const std::string& id) {
  for (const auto& c : site["conduits"])
    if (c["id"] == id) return c;
  return nullptr;
}
} // namespace

TEST(ImportRules, IptablesSave) {
  std::vector<ImportNote> notes;
  auto rules = parse_iptables_save(read_text_file(kRulesDir + "iptables-ops-fw.txt"), "ipt", notes);
  // FORWARD: 2 inlined OT_CELL1 rules, SCADA, historian, enterprise DROP, then the policy.
  ASSERT_EQ(rules.size(), 6u);
  EXPECT_EQ(rules[0].priority, 10);
  EXPECT_EQ(rules[0].ports, (std::vector<int>{44818}));
  EXPECT_EQ(rules[1].ports, (std::vector<int>{20256, 502}));
  EXPECT_EQ(rules[0].src_net->str(), "10.10.0.20/32"); // from the jump rule
  EXPECT_EQ(rules[2].description, "SCADA polls press PLC");
  EXPECT_FALSE(rules[4].allow);
  EXPECT_TRUE(rules[5].policy);

  auto out = import_rule_files({kRulesDir + "inventory-messy.csv", kRulesDir + "iptables-ops-fw.txt"});
  json c1 = conduit(out.site, "fw-ops-cell1");
  ASSERT_EQ(c1["rules"].size(), 3u); // the base file's allow-all was replaced
  EXPECT_EQ(c1["rules"][0]["src_assets"], json::array({"ews-eng-01"}));
  EXPECT_FALSE(c1["rules"][0].contains("dst_assets")); // a whole /24 = the whole zone
  EXPECT_EQ(c1["rules"][2]["priority"], 1000000);
  EXPECT_EQ(c1["rules"][2]["action"], "deny");
  json c2 = conduit(out.site, "fw-ops-cell2");
  EXPECT_EQ(c2["rules"][0]["dst_assets"], json::array({"plc-press-01"}));
  EXPECT_EQ(c2["rules"][0]["ports"], json::array({5007}));
  // Access map of the result: the SCADA server reaches the press PLC's SLMP, nothing else in cell-2.
  auto site = load_site_json(out.site, "out.json");
  auto map = AccessMap::compute(*site);
  int into_cell2 = 0;
  for (const auto& f : map.flows()) {
    const auto& dst = site->assets[f.dst_asset];
    if (site->zones[dst.zone].id != "cell-2" || site->zones[f.src_zone].id == "cell-2") continue;
    ++into_cell2;
    EXPECT_EQ(dst.id, "plc-press-01");
    EXPECT_EQ(dst.services[f.service].protocol, "slmp");
  }
  EXPECT_EQ(into_cell2, 1);
}

TEST(ImportRules, CsvTable) {
  auto out = import_rule_files({kRulesDir + "rules-ent-dmz.csv"});
  json c = conduit(out.site, "fw-ent-dmz");
  ASSERT_EQ(c["rules"].size(), 2u);
  EXPECT_EQ(c["rules"][0]["protocols"], json::array({"https"}));
  EXPECT_EQ(c["rules"][1]["from"], "*");
  EXPECT_EQ(c["rules"][1]["priority"], 4096);
  const json& f = out.report["files"][0];
  EXPECT_EQ(f["skipped"].size(), 2u); // no asset in 10.1.5.0/24; unknown protocol 'gopher'
  EXPECT_EQ(f["notes"].size(), 1u);   // the 1000-port range
}

TEST(ImportRules, AppendKeepsExistingRules) {
  ImportOptions o;
  o.rules.append = true;
  auto out = import_files(load_site_value(kRulesDir + "plant-base.json"), "out.json",
                          {kRulesDir + "rules-ent-dmz.csv"}, o);
  EXPECT_EQ(conduit(out.site, "fw-ent-dmz")["rules"].size(), 3u);
}
