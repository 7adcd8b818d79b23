// Nmap XML: hosts of tests/data/import/nmap-plant.xml read, placed by the zone map, typed by
// guess, and merged into the plant's inventory without overwriting what was set by hand.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_nmap.hpp"
#include "zonepath/interchange/import_site.hpp"

using namespace zonepath;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kNmapDir = std::string(ZONEPATH_TEST_DATA) + "/import/";

ImportOutcome import_scan(const json& site, std::vector<std::string> files,
                          const std::string& default_zone = "") {
  ImportOptions o;
  o.zone_map = kNmapDir + "zone-map.csv";
  o.inventory.default_zone = default_zone;
  for (auto& f : files) f = kNmapDir + f;
  return import_files(site, "out.json", files, o);
}

const json& asset(const json& site, const std::string& id) {
  for (const auto& a : site["assets"])
    if (a["id"] == id) return a;
  static const json none;
  return none;
}

std::vector<std::string> services(const json& a) {
  std::vector<std::string> out;
  for (const auto& s : a["services"])
    out.push_back(s["protocol"].get<std::string>() + "/" + std::to_string(s.value("port", 0)) + "/" +
                  s.value("transport", "tcp"));
  return out;
}
} // namespace

TEST(ImportNmap, ReadsHosts) {
  NmapScan scan = parse_nmap_xml(read_text_file(kNmapDir + "nmap-plant.xml"), "scan.xml");
  EXPECT_EQ(scan.version, "7.93");
  EXPECT_EQ(scan.started, "Tue Mar 12 10:02:11 2024");
  ASSERT_EQ(scan.hosts.size(), 10u);
  const NmapHost& plc = scan.hosts[2];
  EXPECT_EQ(plc.ipv4, "10.20.1.50");
  EXPECT_EQ(plc.mac_vendor, "Rockwell Automation");
  EXPECT_EQ(plc.line, 40);
  ASSERT_EQ(plc.ports.size(), 3u);
  EXPECT_EQ(plc.ports[0].name, "EtherNetIP-2");
  EXPECT_EQ(plc.ports[1].state, "open|filtered");
  EXPECT_EQ(scan.hosts[4].os, "Microsoft Windows Server 2016"); // the most accurate of two matches
  EXPECT_EQ(scan.hosts[3].status, "down");
  EXPECT_EQ(scan.hosts[9].ipv6, "fe80::20c:29ff:fe4a:1b2c");
  EXPECT_THROW(parse_nmap_xml("<pfsense/>", "x.xml"), ParseError);
  EXPECT_THROW(parse_nmap_xml("<nmaprun><host>", "x.xml"), ParseError);
}

TEST(ImportNmap, NewHostsAreGuessedAndMarked) {
  ImportOutcome out =
      import_scan(load_site_value(kNmapDir + "plant-base.json"), {"inventory-messy.csv", "nmap-plant.xml"});
  const json& f = out.report["files"][1];
  EXPECT_EQ(f["kind"], "nmap");
  EXPECT_EQ(f["hosts"], 9);   // up, of which one IPv6-only
  EXPECT_EQ(f["added"], 3);   // 10.20.1.50, the switch, the laptop
  EXPECT_EQ(f["updated"], 4); // two pump devices, the SCADA server, the historian mirror
  EXPECT_EQ(f["unplaced"].size(), 2u);
  const json& plc = asset(out.site, "ip-10-20-1-50");
  EXPECT_EQ(plc["zone"], "cell-1");
  EXPECT_EQ(plc["type"], "plc");
  EXPECT_EQ(plc["vendor"], "Rockwell Automation");
  EXPECT_EQ(plc["product"], "Rockwell Automation 1769-L33ER/B LOGIX5333ER");
  EXPECT_EQ(plc["version"], "31.011");
  for (const char* field : {"type", "vendor", "product", "version"})
    EXPECT_TRUE(plc["x-guess"].contains(field)) << field;
  EXPECT_EQ(services(plc), (std::vector<std::string>{"enip/44818/tcp"})); // UDP 2222 only open|filtered
  EXPECT_EQ(plc["x-mac"], "00:00:BC:5E:77:A1");
  EXPECT_EQ(plc["x-nmap"]["os"], "Rockwell Automation CompactLogix 5370 PLC");
  const json& sw = asset(out.site, "sw-ops-core");
  EXPECT_EQ(sw["type"], "switch");
  EXPECT_EQ(sw["name"], "sw-ops-core.plant.example");
  EXPECT_EQ(services(sw),
            (std::vector<std::string>{"ssh/22/tcp", "http/80/tcp", "https/443/tcp", "snmp/161/udp"}));
  const json& laptop = asset(out.site, "eng-laptop-07");
  EXPECT_EQ(laptop["type"], "workstation");
  EXPECT_EQ(services(laptop), (std::vector<std::string>{"smb/139/tcp", "smb/445/tcp", "rdp/3389/tcp"}));
}

TEST(ImportNmap, ExistingAssetsAreCompletedNotOverwritten) {
  json base = load_site_value(kNmapDir + "plant-base.json");
  ImportOutcome inv = import_scan(base, {"inventory-messy.csv"});
  ImportOutcome out = import_scan(base, {"inventory-messy.csv", "nmap-plant.xml"});
  const json& hist_before = asset(inv.site, "hist-1");
  const json& hist = asset(out.site, "hist-1");
  for (const char* field : {"type", "product", "version", "vendor", "zone"})
    EXPECT_EQ(hist[field], hist_before[field]) << field;
  EXPECT_FALSE(hist.contains("x-guess"));
  EXPECT_EQ(services(hist).size(), services(hist_before).size() + 1); // 5450/tcp, unknown to the catalog
  const json& scada = asset(out.site, "scada-srv");
  auto s = services(scada);
  EXPECT_EQ(s.size(), services(asset(inv.site, "scada-srv")).size() + 1);
  EXPECT_EQ(s.back(), "smb/445/tcp");
  EXPECT_EQ(asset(out.site, "plc-pump-01")["x-mac"], "00:1A:8E:3C:51:0A");
  EXPECT_EQ(services(asset(out.site, "hmi-pump-01")).back(), "vnc/5900/tcp");
  EXPECT_EQ(asset(out.site, "hmi-pump-01")["type"], "hmi"); // the inventory's, though the scan guesses plc
  // The same scan again adds nothing and keeps the guesses of the first.
  ImportOutcome again = import_files(out.site, "out.json", {kNmapDir + "nmap-plant.xml"}, {});
  EXPECT_EQ(again.report["files"][0]["added"], 0);
  EXPECT_EQ(again.report["files"][0]["updated"], 7);
  for (const auto& p : again.report["files"][0]["placed"]) EXPECT_EQ(p["services_added"], 0) << p.dump();
  EXPECT_EQ(asset(again.site, "ip-10-20-1-50")["type"], "plc");
}

TEST(ImportNmap, DefaultZonePlacesTheRest) {
  ImportOutcome out =
      import_scan(load_site_value(kNmapDir + "plant-base.json"), {"nmap-plant.xml"}, "enterprise");
  EXPECT_EQ(asset(out.site, "ip-192-168-1-20")["zone"], "enterprise");
  EXPECT_EQ(out.report["files"][0]["unplaced"].size(), 1u); // the IPv6-only host
}
