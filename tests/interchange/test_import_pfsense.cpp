// pfSense / OPNsense config.xml: the ICS lab topologies and an OT firewall with aliases, VLAN
// interfaces and every construct the importer reports instead of translating.
#include <gtest/gtest.h>

#include <set>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_pfsense.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kPfDir = std::string(ZONEPATH_TEST_DATA) + "/import/";

using Crossing = std::tuple<std::string, std::string, std::string, int>; // from, to, protocol, port

// Flows that cross a conduit, from the access map of the imported site.
std::set<Crossing> crossings(const json& site_value) {
  auto site = models::load_site_json(site_value, "out.json");
  std::set<Crossing> out;
  const auto map = models::AccessMap::compute(*site);
  for (const auto& f : map.flows()) {
    if (f.conduit == models::kNone) continue;
    const auto& dst = site->assets[f.dst_asset];
    out.insert({f.src_asset == models::kNone ? site->zones[f.src_zone].id : site->assets[f.src_asset].id,
                dst.id, dst.services[f.service].protocol, dst.services[f.service].port});
  }
  return out;
}

// What the lab's topology implies, read off the site file itself: the ICS LAN reaches every
// service of every other zone, the DMZ and the Internet reach nothing outside themselves.
std::set<Crossing> lab_topology(const json& site) {
  std::set<Crossing> out;
  for (const auto& a : site["assets"]) {
    if (a["zone"] == "ics") continue;
    for (const auto& s : a["services"]) {
      int port = s.contains("port") ? s["port"].get<int>() : s["protocol"] == "https" ? 443 : 22;
      out.insert({"ics", a["id"], s["protocol"], port});
    }
  }
  return out;
}

ImportOutcome import_lab(const std::string& file) {
  return import_files(load_site_value(kPfDir + "ics-lab-site.json"), "out.json", {kPfDir + file}, {});
}

bool has_note(const json& notes, const std::string& level, const std::string& part) {
  for (const auto& n : notes)
    if (n["level"] == level && n["message"].get<std::string>().find(part) != std::string::npos) return true;
  return false;
}
} // namespace

TEST(ImportPfsense, IcsLabImportsTheAccessMapItsTopologyImplies) {
  json site = load_site_value(kPfDir + "ics-lab-site.json");
  for (const char* file : {"pfsense-ics-lab.xml", "opnsense-ics-lab.xml"}) {
    SCOPED_TRACE(file);
    ImportOutcome out = import_lab(file);
    EXPECT_EQ(out.report["files"][0]["kind"], "pfsense");
    std::set<Crossing> got = crossings(out.site);
    std::set<Crossing> want = lab_topology(site);
    EXPECT_EQ(want.size(), 4u); // historian HTTPS and SQL, jump host SSH, update server HTTPS
    EXPECT_EQ(got, want);
  }
}

TEST(ImportPfsense, IcsLabRulesAndNotes) {
  std::vector<ImportNote> notes;
  ZoneMap zones = ZoneMap::from_site(load_site_value(kPfDir + "ics-lab-site.json"));
  PfsenseConfig cfg =
      parse_pfsense_config(read_text_file(kPfDir + "pfsense-ics-lab.xml"), "lab.xml", zones, notes);
  EXPECT_EQ(cfg.product, "pfSense");
  EXPECT_EQ(cfg.zones, (std::vector<std::string>{"internet", "ics", "dmz"}));
  ASSERT_EQ(cfg.rules.size(), 3u); // LAN to any, DMZ into itself, default deny
  EXPECT_EQ(cfg.rules[0].src_zone, "ics");
  EXPECT_EQ(cfg.rules[0].dst_zone, "*");
  EXPECT_TRUE(cfg.rules[0].allow);
  EXPECT_EQ(cfg.rules[0].line, 41);
  EXPECT_EQ(cfg.rules[1].src_zone, "dmz"); // "any" entering on the DMZ interface
  EXPECT_EQ(cfg.rules[1].dst_zone, "dmz");
  EXPECT_EQ(cfg.rules[0].transport, ""); // no protocol: any
  EXPECT_EQ(cfg.rules[1].transport, "tcp");
  EXPECT_TRUE(cfg.rules[2].policy);
  EXPECT_FALSE(cfg.rules[2].allow);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].line, 65);
  EXPECT_NE(notes[0].message.find("IPv6"), std::string::npos);
}

TEST(ImportPfsense, OpnsenseAliasesAndDisabledRules) {
  ImportOutcome out = import_lab("opnsense-ics-lab.xml");
  const json& f = out.report["files"][0];
  EXPECT_EQ(f["product"], "OPNsense");
  EXPECT_TRUE(has_note(f["notes"], "info", "disabled rule skipped"));
  // The HISTORIANS host alias and the HISTORIAN_PORTS port alias of the MVC alias table.
  const json& first = f["rules"][0];
  EXPECT_EQ(first["dst_assets"], json::array({"dmz-historian"}));
  EXPECT_EQ(first["ports"], json::array({443, 1433}));
}

TEST(ImportPfsense, OtFirewallWithAliasesVlansAndUntranslatable) {
  ImportOptions o;
  o.zone_map = kPfDir + "zone-map.csv";
  ImportOutcome out = import_files(load_site_value(kPfDir + "plant-base.json"), "out.json",
                                   {kPfDir + "inventory-messy.csv", kPfDir + "pfsense-ops-fw.xml"}, o);
  const json& f = out.report["files"][1];
  std::map<std::string, std::string> zone_of;
  for (const auto& i : f["interfaces"])
    zone_of[i["name"]] = i["zone"].get<std::string>() + "|" + i["by"].get<std::string>();
  EXPECT_EQ(zone_of["lan"], "ops|subnet 10.10.0.0/24");
  EXPECT_EQ(zone_of["opt1"], "dmz|subnet 10.2.0.0/24");
  EXPECT_EQ(zone_of["opt2"], "cell-1|VLAN 201"); // no address, a VLAN the zone map knows
  EXPECT_EQ(zone_of["wan"], "|");
  auto rule = [&](int line, const std::string& conduit) {
    for (const auto& r : f["rules"])
      if (r["line"] == line && r["conduit"] == conduit) return r;
    return json();
  };
  // SCADA_HOSTS -> PRESS_PLCS on the SLMP_PORTS alias (5006:5007).
  json polls = rule(136, "fw-ops-cell2");
  EXPECT_EQ(polls["src_assets"], json::array({"ews-eng-01", "scada-srv"}));
  EXPECT_EQ(polls["dst_assets"], json::array({"plc-press-01", "plc-press-02"}));
  EXPECT_EQ(polls["ports"], json::array({5006, 5007}));
  // EWS_RANGE 10.10.0.20-10.10.0.23 -> OT_CELLS (nested CELL1_NET + 10.20.2.0/24): both whole cells,
  // on the nested ICS_PORTS alias.
  for (const char* c : {"fw-ops-cell1", "fw-ops-cell2"}) {
    json ews = rule(152, c);
    EXPECT_EQ(ews["src_assets"], json::array({"ews-eng-01"})) << c;
    EXPECT_FALSE(ews.contains("dst_assets")) << c;
    EXPECT_EQ(ews["ports"], json::array({502, 20256, 44818, 5006, 5007})) << c;
    EXPECT_EQ(rule(168, c)["action"], "deny") << c;
  }
  // reject 1024-65535 from the DMZ: the service ports of the site in that range.
  std::set<int> high;
  for (const auto& a : out.site["assets"])
    for (const auto& s : a["services"])
      if (s.value("port", 0) >= 1024) high.insert(s["port"].get<int>());
  json reject = rule(227, "fw-dmz-ops");
  EXPECT_EQ(reject["action"], "deny");
  EXPECT_EQ(reject["ports"].get<std::set<int>>(), high);
  EXPECT_TRUE(rule(320, "fw-cell-2-dmz").is_object()); // allow between unjoined zones: a new conduit
  const json& notes = f["notes"];
  EXPECT_TRUE(has_note(notes, "warning", "NAT port forward not translated"));
  EXPECT_TRUE(has_note(notes, "warning", "outbound NAT rule not translated"));
  EXPECT_TRUE(has_note(notes, "warning", "floating rule"));
  EXPECT_TRUE(has_note(notes, "warning", "schedule 'maintenance-window' ignored"));
  EXPECT_TRUE(has_note(notes, "warning", "historian.corp.example"));
  EXPECT_TRUE(has_note(notes, "error", "negated destination"));
  EXPECT_TRUE(has_note(notes, "error", "urltable"));
  EXPECT_TRUE(has_note(notes, "info", "disabled rule skipped"));
  EXPECT_TRUE(has_note(notes, "info", "protocol icmp"));
  for (const auto& n : notes) EXPECT_GT(n["line"].get<int>(), 0) << n.dump();
}

TEST(ImportPfsense, AliasLoopsAndBadXml) {
  ZoneMap zones =
      ZoneMap::from_site(json::parse(R"({"zones": [{"id": "lan", "x-subnets": ["10.0.0.0/24"]}]})"));
  std::vector<ImportNote> notes;
  std::string loop =
      R"(<pfsense><interfaces><lan><enable/><ipaddr>10.0.0.1</ipaddr><subnet>24</subnet></lan></interfaces>
<aliases><alias><name>A</name><type>host</type><address>B</address></alias>
<alias><name>B</name><type>host</type><address>A 10.0.0.5</address></alias></aliases>
<filter><rule><type>pass</type><interface>lan</interface><source><any/></source>
<destination><address>A</address></destination></rule></filter></pfsense>)";
  auto cfg = parse_pfsense_config(loop, "loop.xml", zones, notes);
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const ImportNote& n) {
    return n.level == "error" && n.message.find("nested deeper") != std::string::npos;
  }));
  try {
    parse_pfsense_config("<pfsense>\n<filter><rule>\n</pfsense>", "bad.xml", zones, notes);
    FAIL() << "malformed XML accepted";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().line, 3);
    EXPECT_NE(e.diagnostic().message.find("malformed XML"), std::string::npos);
  }
  EXPECT_THROW(parse_pfsense_config("<nmaprun/>", "x.xml", zones, notes), ParseError);
}

TEST(ImportPfsense, RangeToSubnets) {
  auto nets = ipv4_range_nets(*parse_ipv4("10.0.0.1"), *parse_ipv4("10.0.0.6"));
  std::vector<std::string> got;
  for (const auto& n : nets) got.push_back(n.str());
  EXPECT_EQ(got, (std::vector<std::string>{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}));
  EXPECT_EQ(ipv4_range_nets(0, 0xFFFFFFFFu).front().str(), "0.0.0.0/0");
}
