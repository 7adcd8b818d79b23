// Enforceable rule sets from the model: zone and host addresses, protocols as ports with
// per-host rules where a port alone would pass another service, and refusals.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/export_rules.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {

json export_site() {
  return json::parse(R"({"schema": "zonepath/site/v1",
    "zones": [{"id": "internet", "x-subnets": ["0.0.0.0/0"], "x-interfaces": ["wan0"]},
              {"id": "ops", "x-subnets": ["10.1.0.0/24"]}, {"id": "cell", "x-subnets": ["10.2.0.0/24"]}],
    "assets": [
      {"id": "ews", "zone": "ops", "type": "engineering-workstation", "x-ip": "10.1.0.5", "services": [{"protocol": "rdp"}]},
      {"id": "plc", "zone": "cell", "type": "plc", "x-ip": "10.2.0.10", "services": [{"protocol": "modbus-tcp"}]},
      {"id": "gw", "zone": "cell", "type": "data-gateway", "x-ip": "10.2.0.11",
       "services": [{"protocol": "vendor-api", "port": 502}, {"protocol": "bacnet"}]}],
    "conduits": [
      {"id": "fw-ops-cell", "zones": ["ops", "cell"], "rules": [
        {"priority": 10, "action": "allow", "from": "ops", "to": "cell", "protocols": ["modbus-tcp"], "src_assets": ["ews"]},
        {"priority": 20, "action": "allow", "from": "ops", "to": "cell", "protocols": ["bacnet"]},
        {"priority": 30, "action": "deny", "from": "*", "to": "*"}]},
      {"id": "fw-inet-ops", "zones": ["internet", "ops"], "rules": [
        {"priority": 10, "action": "allow", "from": "ops", "to": "internet", "ports": [443]}]}]})");
}

std::vector<ConduitRuleSet> plan(const json& value, const std::string& conduit = "") {
  auto site = models::load_site_json(value, "site.json");
  RuleExportOptions o;
  o.conduit = conduit;
  return plan_rule_sets(*site, value, o);
}

} // namespace

TEST(ExportRules, ProtocolsBecomePortsWithHostsWherePortsClash) {
  auto sets = plan(export_site(), "fw-ops-cell");
  ASSERT_EQ(sets.size(), 1u);
  const auto& r = sets[0].rules;
  // modbus-tcp on 502 would also pass the gateway's vendor-api on 502: the PLC is named.
  ASSERT_GE(r.size(), 3u);
  EXPECT_EQ(r[0].src.nets.at(0).str(), "10.1.0.5/32");
  EXPECT_EQ(r[0].dst.nets.size(), 1u);
  EXPECT_EQ(r[0].dst.nets[0].str(), "10.2.0.10/32");
  EXPECT_EQ(r[0].l4, L4::Tcp);
  EXPECT_EQ(r[0].ports, (std::vector<std::pair<int, int>>{{502, 502}}));
  // bacnet: UDP 47808, nothing else listens there, so the whole cell subnet.
  EXPECT_EQ(r[1].dst.nets.at(0).str(), "10.2.0.0/24");
  EXPECT_EQ(r[1].l4, L4::Udp);
  EXPECT_EQ(r[1].ports, (std::vector<std::pair<int, int>>{{47808, 47808}}));
  // "* -> *" deny: both directions, no ports.
  ASSERT_EQ(r.size(), 4u);
  EXPECT_FALSE(r[2].allow);
  EXPECT_EQ(r[2].src.nets.at(0).str(), "10.1.0.0/24");
  EXPECT_EQ(r[3].src.nets.at(0).str(), "10.2.0.0/24");
  std::string text = iptables_rule_sets(sets, "s");
  EXPECT_NE(
      text.find("-A FORWARD -s 10.1.0.5/32 -d 10.2.0.10/32 -p tcp -m tcp --dport 502 -m comment --comment "
                "\"zonepath fw-ops-cell rule 0\" -j ACCEPT"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(":FORWARD DROP"), std::string::npos);
  EXPECT_NE(text.find("--ctstate ESTABLISHED,RELATED"), std::string::npos);
}

TEST(ExportRules, CatchAllZoneUsesItsInterfaces) {
  auto sets = plan(export_site(), "fw-inet-ops");
  ASSERT_EQ(sets[0].rules.size(), 2u); // 443 over TCP and UDP: a port-only rule says no transport
  EXPECT_TRUE(sets[0].rules[0].dst.nets.empty());
  EXPECT_EQ(sets[0].rules[0].dst.interfaces, (std::vector<std::string>{"wan0"}));
  json nft = nftables_rule_sets(sets);
  const json& items = nft["nftables"];
  EXPECT_EQ(items[1]["table"]["name"], "zonepath_fw_inet_ops");
  EXPECT_EQ(items[2]["chain"]["policy"], "drop");
  const json& expr = items[4]["rule"]["expr"];
  EXPECT_EQ(expr[0]["match"]["right"], json({{"prefix", {{"addr", "10.1.0.0"}, {"len", 24}}}}));
  EXPECT_EQ(expr[1]["match"]["left"]["meta"]["key"], "oifname");
  EXPECT_EQ(expr[1]["match"]["right"], "wan0");
}

TEST(ExportRules, MissingAddressesAreAllListed) {
  json site = export_site();
  site["zones"][2].erase("x-subnets");
  site["assets"][0].erase("x-ip");
  try {
    plan(site);
    FAIL() << "exported without addresses";
  } catch (const ModelError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("zone cell has neither x-subnets nor x-interfaces"), std::string::npos) << what;
    EXPECT_NE(what.find("asset ews has no x-ip"), std::string::npos) << what;
  }
  EXPECT_THROW(plan(export_site(), "nope"), ModelError);
}
