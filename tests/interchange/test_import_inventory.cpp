// The messy inventory of tests/data/import against the bottling-plant base site.
#include <gtest/gtest.h>

#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kInventoryDir = std::string(ZONEPATH_TEST_DATA) + "/import/";

json find_asset(const json& site, const std::string& id) {
  for (const auto& a : site["assets"])
    if (a["id"] == id) return a;
  return nullptr;
}
} // namespace

TEST(ImportInventory, MessyFile) {
  json site = load_site_value(kInventoryDir + "plant-base.json");
  ZoneMap zones = ZoneMap::from_site(site);
  std::vector<ImportNote> notes;
  zones.add_file(kInventoryDir + "zone-map.csv", site, notes);
  EXPECT_TRUE(notes.empty());
  CsvTable t = load_csv_file(kInventoryDir + "inventory-messy.csv");
  InventoryResult r = import_inventory(t, site, zones);
  EXPECT_EQ(r.columns["ip"], "IP Address");
  EXPECT_EQ(r.columns["ports"], "Open Ports / Protocols");
  EXPECT_EQ(r.columns["firmware"], "Firmware Version");
  EXPECT_EQ(r.rows, 16u); // one row spans two lines; the blank line is dropped
  EXPECT_EQ(r.added, 11u);
  EXPECT_EQ(r.updated, 1u);
  // Lines counted by hand in the file: bad IP, no zone, duplicate IP, nothing to name it by.
  std::vector<int> lines;
  for (const auto& u : r.unplaced) lines.push_back(u["line"]);
  EXPECT_EQ(lines, (std::vector<int>{13, 14, 15, 18}));
  EXPECT_NE(r.unplaced[1]["reason"].get<std::string>().find("VLAN 999"), std::string::npos);

  json plc = find_asset(site, "plc-pump-01");
  EXPECT_EQ(plc["zone"], "cell-1");
  EXPECT_EQ(plc["type"], "plc");
  EXPECT_EQ(plc["version"], "OS 12.20");
  EXPECT_EQ(plc["services"],
            json::parse(R"([{"protocol":"pcom","port":20256},{"protocol":"modbus-tcp","port":502}])"));
  EXPECT_EQ(find_asset(site, "sw-cell1")["zone"], "cell-1"); // no IP: placed by VLAN 201
  EXPECT_EQ(find_asset(site, "sw-cell1")["type"], "switch");
  EXPECT_EQ(find_asset(site, "scada-srv")["type"], "control-server");
  EXPECT_EQ(find_asset(site, "hist-01")["product"], "PI Server;\n2023");
  // The historian mirror row updates the asset already known by its address.
  EXPECT_EQ(find_asset(site, "hist-1")["vendor"], "OSIsoft");
  EXPECT_TRUE(find_asset(site, "hist-mirror").is_null());
  EXPECT_NO_THROW(load_site_json(site, "out.json"));
}

TEST(ImportInventory, ColumnOverrideAndDefaultZone) {
  json site = load_site_value(kInventoryDir + "plant-base.json");
  CsvTable t = parse_csv("Addr,Box,Kind\n10.99.0.1,plc-x,PLC\n", "inv.csv");
  InventoryOptions o;
  o.columns = {{"ip", "Addr"}, {"hostname", "Box"}, {"type", "Kind"}};
  InventoryResult none = import_inventory(t, site, ZoneMap::from_site(site), o);
  EXPECT_EQ(none.unplaced.size(), 1u);
  o.default_zone = "ops";
  json site2 = load_site_value(kInventoryDir + "plant-base.json");
  InventoryResult r = import_inventory(t, site2, ZoneMap::from_site(site2), o);
  ASSERT_EQ(r.added, 1u);
  EXPECT_EQ(r.placed[0]["zone"], "ops");
  EXPECT_EQ(r.placed[0]["by"], "default zone");
}
