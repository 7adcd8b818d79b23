// Access map semantics (DESIGN.md "Traffic"), each case worked out by hand.
#include <gtest/gtest.h>

#include "site_fixture.hpp"
#include "zonepath/models/access_map.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

const char* kZones = R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control"}])";
const char* kAssets = R"([
  {"id": "ws", "zone": "a", "type": "workstation", "services": [{"protocol": "smb"}]},
  {"id": "ews", "zone": "a", "type": "engineering-workstation", "services": [{"protocol": "rdp"}]},
  {"id": "plc", "zone": "b", "type": "plc", "services": [{"protocol": "modbus-tcp"}, {"protocol": "https"}]},
  {"id": "hmi", "zone": "b", "type": "hmi", "services": [{"protocol": "vnc"}]}])";

std::string conduit(const std::string& rules, const std::string& extra = "") {
  return R"([{"id": "c", "zones": ["a", "b"], "rules": )" + rules + extra + "}]";
}

// "from->to protocol via rule" strings of all cross-zone flows, for compact assertions.
std::vector<std::string> describe(const Site& site, bool only_conduits = true) {
  std::vector<std::string> out;
  const AccessMap map = AccessMap::compute(site);
  for (const auto& f : map.flows()) {
    if (only_conduits && f.conduit == kNone) continue;
    const auto& dst = site.assets[f.dst_asset];
    std::string from = f.src_asset == kNone ? site.zones[f.src_zone].id : site.assets[f.src_asset].id;
    const Rule* r = AccessMap::rule_of(site, f);
    out.push_back(from + "->" + dst.id + ":" + dst.services[f.service].protocol + "@" +
                  (r ? std::to_string(r->position) : std::string("-")));
  }
  return out;
}

using V = std::vector<std::string>;

} // namespace

TEST(AccessMap, DenyAtLowerPriorityNumberShadowsLaterAllow) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 20, "action": "allow", "from": "a", "to": "b"},
    {"priority": 10, "action": "deny", "from": "a", "to": "b", "protocols": ["modbus-tcp"]}])"));
  // modbus to the PLC hits the deny (priority 10) first; everything else the allow (file position 0).
  EXPECT_EQ(describe(site), (V{"a->plc:https@0", "a->hmi:vnc@0"}));
}

TEST(AccessMap, AllowAllShadowsLaterDenies) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "*", "to": "*"},
    {"priority": 2, "action": "deny", "from": "a", "to": "b"}])"));
  EXPECT_EQ(describe(site), (V{"a->plc:modbus-tcp@0", "a->plc:https@0", "a->hmi:vnc@0", "b->ws:smb@0", "b->ews:rdp@0"}));
}

TEST(AccessMap, StatefulRuleLetsOnlyFromInitiate) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "b", "to": "a", "protocols": ["rdp"]}])"));
  // b may open RDP to a; replies flow back, but a gets no new connection into b.
  EXPECT_EQ(describe(site), (V{"b->ews:rdp@0"}));
}

TEST(AccessMap, DefaultDenyWhenNoRuleMatches) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "a", "to": "b", "ports": [8443]}])"));
  EXPECT_TRUE(describe(site).empty());
}

TEST(AccessMap, PriorityNotFileOrderDecides) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 200, "action": "allow", "from": "a", "to": "b"},
    {"priority": 100, "action": "deny", "from": "*", "to": "*"}])"));
  EXPECT_TRUE(describe(site).empty());
}

TEST(AccessMap, DataDiodePassesOnlyItsDirection) {
  auto bare = fixture::make_site(kZones, kAssets,
                                 R"([{"id": "c", "zones": ["a", "b"], "kind": "data-diode", "direction": "b->a"}])");
  EXPECT_EQ(describe(bare), (V{"b->ws:smb@-", "b->ews:rdp@-"}));
  // Even an allow-all rule cannot open the reverse direction of a diode.
  auto ruled = fixture::make_site(kZones, kAssets, conduit(R"([{"priority": 1, "action": "allow", "from": "*", "to": "*",
                                                              "protocols": ["smb", "modbus-tcp"]}])",
                                                           R"(, "kind": "data-diode", "direction": "b->a")"));
  EXPECT_EQ(describe(ruled), (V{"b->ws:smb@0"}));
}

TEST(AccessMap, SourceDestinationProtocolAndPortNarrowing) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "a", "to": "b", "src_assets": ["ews"], "dst_assets": ["plc"],
     "protocols": ["modbus-tcp"]},
    {"priority": 2, "action": "allow", "from": "a", "to": "b", "ports": [443]}])"));
  // Only the EWS may speak Modbus to the PLC; any host of a reaches port 443.
  EXPECT_EQ(describe(site), (V{"ews->plc:modbus-tcp@0", "a->plc:https@1"}));
}

TEST(AccessMap, FlatZoneReachesEveryServiceIsolatedNone) {
  auto flat = fixture::make_site(kZones, kAssets, "[]");
  EXPECT_EQ(describe(flat, false), (V{"a->ws:smb@-", "a->ews:rdp@-", "b->plc:modbus-tcp@-", "b->plc:https@-", "b->hmi:vnc@-"}));
  auto isolated = fixture::make_site(
      R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control", "intra_zone": "isolated",
          "intra_rules": [{"priority": 5, "action": "allow", "src_assets": ["hmi"], "dst_assets": ["plc"],
                           "protocols": ["modbus-tcp"]}]}])",
      kAssets, "[]");
  EXPECT_EQ(describe(isolated, false), (V{"a->ws:smb@-", "a->ews:rdp@-", "hmi->plc:modbus-tcp@0"}));
}

TEST(AccessMap, EvaluateRulesReportsDecidingRule) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 5, "action": "deny", "from": "a", "to": "b", "dst_assets": ["hmi"]},
    {"priority": 9, "action": "allow", "from": "a", "to": "b"}])"));
  const auto& rules = site.conduits[0].rules;
  Index hmi = site.asset_index("hmi"), plc = site.asset_index("plc");
  auto d1 = evaluate_rules(rules, 0, kNone, 1, hmi, site.assets[hmi].services[0]);
  EXPECT_FALSE(d1.allowed);
  EXPECT_EQ(d1.rule, 0);
  auto d2 = evaluate_rules(rules, 0, kNone, 1, plc, site.assets[plc].services[0]);
  EXPECT_TRUE(d2.allowed);
  EXPECT_EQ(d2.rule, 1);
  auto d3 = evaluate_rules(rules, 1, kNone, 0, site.asset_index("ws"), site.assets[site.asset_index("ws")].services[0]);
  EXPECT_FALSE(d3.allowed);
  EXPECT_EQ(d3.rule, -1);
}
