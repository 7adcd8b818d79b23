// Drift on a four-zone site and a 21-connection log whose every judgement is worked out by hand
// in the comments: which flows the rules deny and by which rule, which hosts the inventory
// lacks, which allow rules carried nothing, which industrial protocol ran off its port, and
// what the tightening scenario removes (applied, the access map loses exactly those flows).
#include <gtest/gtest.h>

#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/drift.hpp"
#include "zonepath/scenarios/scenario.hpp"

using namespace zonepath;
using nlohmann::json;

namespace {

// internet (0.0.0.0/0) - fw-inet-ops - ops (10.1.0.0/24) - fw-ops-cell - cell (10.2.0.0/24, isolated)
//                                        ops - fw-ops-dmz - dmz (10.3.0.0/24)
json site_json() {
  return json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "drift-tiny"},
    "zones": [
      {"id": "internet", "kind": "untrusted", "x-subnets": ["0.0.0.0/0"]},
      {"id": "ops", "kind": "operations", "x-subnets": ["10.1.0.0/24"]},
      {"id": "cell", "kind": "control", "x-subnets": ["10.2.0.0/24"], "intra_zone": "isolated",
       "intra_rules": [{"action": "allow", "protocols": ["modbus-tcp"], "src_assets": ["hmi"], "dst_assets": ["plc"]}]},
      {"id": "dmz", "kind": "dmz", "x-subnets": ["10.3.0.0/24"]}],
    "assets": [
      {"id": "scada", "zone": "ops", "type": "control-server", "x-ip": "10.1.0.10",
       "services": [{"protocol": "opc-ua"}, {"protocol": "rdp"}]},
      {"id": "hist", "zone": "dmz", "type": "historian", "x-ip": "10.3.0.5", "services": [{"protocol": "https"}]},
      {"id": "hmi", "zone": "cell", "type": "hmi", "x-ip": "10.2.0.20", "services": [{"protocol": "vnc"}]},
      {"id": "plc", "zone": "cell", "type": "plc", "x-ip": "10.2.0.10", "services": [{"protocol": "modbus-tcp"}]}],
    "conduits": [
      {"id": "fw-inet-ops", "zones": ["internet", "ops"], "rules": [
        {"priority": 100, "action": "allow", "from": "ops", "to": "internet", "protocols": ["https"], "ports": [443]},
        {"priority": 4096, "action": "deny", "from": "*", "to": "*", "name": "cleanup"}]},
      {"id": "fw-ops-cell", "zones": ["ops", "cell"], "rules": [
        {"priority": 100, "action": "allow", "from": "ops", "to": "cell", "protocols": ["modbus-tcp"], "ports": [502],
         "src_assets": ["scada"], "dst_assets": ["plc"]},
        {"priority": 110, "action": "allow", "from": "ops", "to": "cell", "protocols": ["vnc"], "dst_assets": ["hmi"],
         "name": "hmi-view"},
        {"priority": 120, "action": "allow", "from": "ops", "to": "cell", "protocols": ["enip"], "dst_assets": ["plc"]},
        {"priority": 200, "action": "deny", "from": "ops", "to": "cell", "protocols": ["ssh"]}]},
      {"id": "fw-ops-dmz", "zones": ["ops", "dmz"], "rules": [
        {"priority": 100, "action": "allow", "from": "ops", "to": "dmz", "protocols": ["https"], "dst_assets": ["hist"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}]
  })");
}

// count connections src -> dst:port/proto with Zeek's service and state, one second apart.
std::string conn_log() {
  std::string out = "#separator \\x09\n#unset_field\t-\n#path\tconn\n"
                    "#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tproto\tservice\tconn_state\n";
  double ts = 1710237600;
  auto add = [&](int count, const char* src, const char* dst, int port, const char* proto,
                 const char* service, const char* state) {
    for (int i = 0; i < count; ++i)
      out += std::to_string(ts++) + "\t" + src + "\t" + dst + "\t" + std::to_string(port) + "\t" + proto +
             "\t" + service + "\t" + state + "\n";
  };
  add(3, "10.1.0.10", "10.2.0.10", 502, "tcp", "modbus", "SF");  // 1 allowed: fw-ops-cell rule 0
  add(1, "10.1.0.10", "10.2.0.10", 22, "tcp", "ssh", "S0");      // 2 denied: rule 3 (deny ssh)
  add(2, "10.1.0.99", "10.2.0.10", 502, "tcp", "modbus", "SF");  // 3 denied: not scada, default deny
  add(5, "10.2.0.20", "10.2.0.10", 502, "tcp", "modbus", "SF");  // 4 allowed: cell's intra rule
  add(1, "10.2.0.10", "10.2.0.20", 5900, "tcp", "-", "S0");      // 5 denied: isolated cell, default
  add(2, "10.1.0.10", "10.2.0.10", 5020, "tcp", "modbus", "SF"); // 6 denied: rule 0 has port 502 only
  add(4, "10.1.0.10", "8.8.8.8", 53, "udp", "dns", "SF");        // 7 denied: fw-inet-ops rule 1
  add(1, "10.2.0.10", "224.0.0.251", 5353, "udp", "dns", "S0");  // 8 multicast: not judged
  add(1, "10.2.0.20", "10.2.0.50", 44818, "tcp", "-", "REJ");    // 9 denied: unknown host in cell
  add(1, "10.2.0.20", "10.2.0.255", 2222, "udp", "-", "S0");     // 10 the cell's broadcast address
  return out;
}

scenarios::DriftResult drift(const scenarios::DriftOptions& options = {}, std::string log = conn_log()) {
  static const json value = site_json();
  static const models::SitePtr site = models::load_site_json(value, "tiny.json");
  std::istringstream in(log);
  return scenarios::run_drift(*site, value, interchange::ZoneMap::from_site(value), in, "conn.log", options);
}

std::vector<std::string> column(const json& list, const char* key) {
  std::vector<std::string> out;
  for (const auto& e : list) out.push_back(e[key].is_string() ? e[key].get<std::string>() : e[key].dump());
  return out;
}

} // namespace

TEST(Drift, CountsAndPeriod) {
  json r = drift().report;
  EXPECT_EQ(r["schema"], "zonepath/drift/v1");
  EXPECT_EQ(r["observed"]["connections"], 21);
  EXPECT_EQ(r["observed"]["flows"], 10);
  EXPECT_EQ(r["observed"]["first"], "2024-03-12T10:00:00Z");
  EXPECT_EQ(r["observed"]["last"], "2024-03-12T10:00:20Z");
  EXPECT_EQ(r["observed"]["seconds"], 20.0);
  const json& s = r["summary"];
  EXPECT_EQ(s["flows_judged"], 8);
  EXPECT_EQ(s["flows_allowed"], 2);
  EXPECT_EQ(s["connections_allowed"], 8);         // 3 + 5
  EXPECT_EQ(s["flows_denied"], 6);                // flows 2, 3, 5, 6, 7, 9
  EXPECT_EQ(s["connections_denied"], 11);         // 1 + 2 + 1 + 2 + 4 + 1
  EXPECT_EQ(s["connections_denied_answered"], 8); // SF only: 2 + 2 + 4
  EXPECT_EQ(s["multicast_connections"], 2);
  EXPECT_EQ(s["outside_connections"], 0);
}

TEST(Drift, ViolationsNameTheConduitAndTheDenyingRule) {
  json v = drift().report["violations"];
  ASSERT_EQ(v.size(), 6u);
  // Key order: source address, destination address, transport, port (8.8.8.8 < 10.2.0.10).
  EXPECT_EQ(column(v, "dst"), (std::vector<std::string>{"8.8.8.8", "10.2.0.10", "10.2.0.10", "10.2.0.10",
                                                        "10.2.0.20", "10.2.0.50"}));
  EXPECT_EQ(column(v, "port"), (std::vector<std::string>{"53", "22", "5020", "502", "5900", "44818"}));
  auto only = [&](std::size_t i) -> const json& {
    EXPECT_EQ(v[i]["denied_by"].size(), 1u);
    return v[i]["denied_by"][0];
  };
  EXPECT_EQ(only(0)["via"], "fw-inet-ops");
  EXPECT_EQ(only(0)["rule"]["index"], 1);
  EXPECT_EQ(only(0)["rule"]["name"], "cleanup");
  EXPECT_EQ(only(0)["reason"], "rule");
  EXPECT_EQ(v[0]["dst_zone"], "internet");
  EXPECT_EQ(only(1)["rule"]["priority"], 200); // ssh named by Zeek matches the deny-ssh rule
  EXPECT_EQ(v[1]["protocol"], "ssh");
  EXPECT_FALSE(v[1]["in_model"].get<bool>());
  EXPECT_EQ(v[1]["answered"], 0);
  EXPECT_TRUE(only(2)["rule"].is_null());
  EXPECT_EQ(only(2)["reason"], "default deny");
  EXPECT_EQ(v[2]["protocol"], "modbus-tcp");
  EXPECT_TRUE(v[3]["src_asset"].is_null());
  EXPECT_EQ(v[3]["dst_asset"], "plc");
  EXPECT_TRUE(v[3]["in_model"].get<bool>());
  EXPECT_EQ(only(3)["via"], "fw-ops-cell");
  EXPECT_TRUE(only(3)["rule"].is_null());
  EXPECT_EQ(only(4)["via"], "cell");
  EXPECT_EQ(only(4)["via_kind"], "zone");
  EXPECT_EQ(only(4)["reason"], "default deny");
  EXPECT_EQ(v[5]["protocol"], "enip"); // no Zeek service: the catalog protocol of 44818
  EXPECT_EQ(v[5]["connections"], 1);
}

TEST(Drift, HostsNotInTheInventory) {
  json r = drift().report;
  json h = r["unknown_hosts"];
  ASSERT_EQ(h.size(), 3u); // multicast and the broadcast address are no hosts
  EXPECT_EQ(column(h, "ip"), (std::vector<std::string>{"8.8.8.8", "10.1.0.99", "10.2.0.50"}));
  EXPECT_EQ(column(h, "zone"), (std::vector<std::string>{"internet", "ops", "cell"}));
  EXPECT_EQ(column(h, "external"), (std::vector<std::string>{"true", "false", "false"}));
  EXPECT_EQ(h[0]["connections_in"], 4);
  EXPECT_EQ(h[0]["answered_in"], 4);
  EXPECT_EQ(h[0]["ports"], json::array({"53/udp"}));
  EXPECT_EQ(h[1]["connections_out"], 2);
  EXPECT_EQ(h[1]["subnet"], "10.1.0.0/24");
  EXPECT_EQ(h[2]["ports"], json::array()); // REJ: nothing answered
  EXPECT_EQ(r["summary"]["unknown_hosts"], 2);
  EXPECT_EQ(r["summary"]["external_hosts"], 1);
}

TEST(Drift, AllowRulesUseAndModelFlows) {
  json r = drift().report;
  json a = r["allow_rules"];
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(column(a, "via"), (std::vector<std::string>{"fw-inet-ops", "fw-ops-cell", "fw-ops-cell",
                                                        "fw-ops-cell", "fw-ops-dmz", "cell"}));
  EXPECT_EQ(column(a, "index"), (std::vector<std::string>{"0", "0", "1", "2", "0", "0"}));
  EXPECT_EQ(column(a, "connections"), (std::vector<std::string>{"0", "3", "0", "0", "0", "5"}));
  EXPECT_EQ(column(a, "flows"), (std::vector<std::string>{"0", "1", "0", "0", "0", "1"}));
  // Access-map flows: nothing to allow in the Internet zone; scada->plc; ops->hmi vnc; the PLC
  // has no enip service; ops->hist https; hmi->plc inside the cell.
  EXPECT_EQ(column(a, "model_flows"), (std::vector<std::string>{"0", "1", "1", "0", "1", "1"}));
  EXPECT_EQ(column(a, "model_flows_observed"), (std::vector<std::string>{"0", "1", "0", "0", "0", "1"}));
  EXPECT_EQ(column(a, "seen"), (std::vector<std::string>{"true", "true", "true", "true", "false", "true"}));
  EXPECT_EQ(column(a, "removed"),
            (std::vector<std::string>{"true", "false", "true", "true", "false", "false"}));
  EXPECT_EQ(r["summary"]["allow_rules_unused"], 4);
  EXPECT_EQ(r["summary"]["allow_rules_unused_unseen"], 1);
  EXPECT_EQ(r["summary"]["rules_removed"], 3);
}

TEST(Drift, IndustrialProtocolOnAnUnexpectedPort) {
  json p = drift().report["unexpected_ports"];
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0]["dst_asset"], "plc");
  EXPECT_EQ(p[0]["port"], 5020);
  EXPECT_EQ(p[0]["zeek_service"], "modbus");
  EXPECT_EQ(p[0]["protocol"], "modbus-tcp");
  EXPECT_EQ(p[0]["expected_ports"], json::array({502}));
  EXPECT_EQ(p[0]["connections"], 2);
}

TEST(Drift, TighteningScenarioRemovesTheUnusedRulesHighestIndexFirst) {
  scenarios::DriftResult d = drift();
  const json& ops = d.scenario["operations"];
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(d.scenario["base"], "drift-tiny");
  EXPECT_EQ(column(ops, "conduit"), (std::vector<std::string>{"fw-inet-ops", "fw-ops-cell", "fw-ops-cell"}));
  EXPECT_EQ(column(ops, "index"), (std::vector<std::string>{"0", "2", "1"}));
  auto applied =
      scenarios::apply_scenario(site_json(), scenarios::scenario_from_json(d.scenario, "tighten.json"));
  const auto& cell_rules = applied.site->conduits[1].rules;
  ASSERT_EQ(cell_rules.size(), 2u);
  EXPECT_EQ(cell_rules[0].priority, 100);
  EXPECT_EQ(cell_rules[1].priority, 200);
  // 7 allowed flows before (scada->plc, ops->hmi, ops->hist, two scada services and hist inside
  // their flat zones, hmi->plc); removing the rules takes ops->hmi vnc only.
  auto base = models::load_site_json(site_json(), "tiny.json");
  EXPECT_EQ(models::AccessMap::compute(*base).flows().size(), 7u);
  EXPECT_EQ(models::AccessMap::compute(*applied.site).flows().size(), 6u);

  scenarios::DriftOptions unseen;
  unseen.tighten_unseen = true;
  scenarios::DriftResult all = drift(unseen);
  ASSERT_EQ(all.scenario["operations"].size(), 4u);
  EXPECT_EQ(all.scenario["operations"][3]["conduit"], "fw-ops-dmz");
  auto wider = scenarios::apply_scenario(site_json(), scenarios::scenario_from_json(all.scenario, "t.json"));
  EXPECT_EQ(models::AccessMap::compute(*wider.site).flows().size(), 5u);
}

TEST(Drift, FlowLimitCountsTheRestWithoutJudgingIt) {
  scenarios::DriftOptions o;
  o.max_flows = 3; // flows 1-3 in log order (6 connections); the other 15 are counted only
  json r = drift(o).report;
  EXPECT_EQ(r["observed"]["flows"], 3);
  EXPECT_EQ(r["observed"]["over_limit_connections"], 15);
  EXPECT_EQ(r["summary"]["flows_judged"], 3);
  EXPECT_EQ(r["summary"]["flows_denied"], 2);
}

TEST(Drift, ListsAreCappedAndTheRestCounted) {
  scenarios::DriftOptions o;
  o.max_listed = 2;
  json r = drift(o).report;
  EXPECT_EQ(r["violations"].size(), 2u);
  EXPECT_EQ(r["violations_omitted"], 4);
  EXPECT_EQ(r["unknown_hosts"].size(), 2u);
  EXPECT_EQ(r["unknown_hosts_omitted"], 1);
  EXPECT_EQ(r["summary"]["unknown_hosts"], 2); // counts stay whole
}

TEST(Drift, ALogWithoutConnectionsIsAnError) {
  EXPECT_THROW(
      drift({}, "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tproto\n"),
      AnalysisError);
  EXPECT_THROW(drift({}, "not a log\n"), ParseError);
}
