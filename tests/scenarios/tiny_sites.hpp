// Tiny sites for the scenario, compare and plan tests, as JSON values whose answers are known
// by hand (see the comments at each site).
#pragma once

#include <nlohmann/json.hpp>

namespace zonepath::tiny {

// internet -> cell through one firewall rule (modbus-tcp to the PLC). Tier 2 from the internet:
// unauthenticated Modbus p = 0.95, generic exploit p = 0.03, so reach = 1 - 0.05 x 0.97 = 0.9515.
// Without rule 100 no traffic enters the cell: reach 0.
inline nlohmann::json one_rule_site() {
  return nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "one-rule"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "fw", "zones": ["internet", "cell"],
                  "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "cell",
                             "protocols": ["modbus-tcp"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}]
  })");
}

// An insider standing in a flat cell with an unpatchable legacy PLC (known CVE) and an HMI.
// Nothing crosses a conduit, so only an action on the PLC itself helps; patching is not allowed.
inline nlohmann::json legacy_plc_site() {
  return nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "legacy"},
    "zones": [{"id": "cell", "kind": "control"}],
    "assets": [
      {"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "https"}]},
      {"id": "plc", "zone": "cell", "type": "plc", "legacy": true, "patchable": false,
       "services": [{"protocol": "modbus-tcp"}],
       "vulnerabilities": [{"id": "CVE-2023-6448", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                            "service": "modbus-tcp"}],
       "consequence": {"safety": 5}}],
    "conduits": [],
    "threat_actors": [{"id": "insider", "sophistication": 2, "starts": ["cell"], "kind": "insider"}]
  })");
}

// Design A: RDP from the internet straight to the cell HMI. Design B: the same plant with a
// DMZ jump host in between (one more RDP hop, p about 0.32 each), so B's reach is about a third.
inline nlohmann::json flat_design() {
  return nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "plant"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "rdp"}]},
               {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "fw-inet-cell", "zones": ["internet", "cell"],
                  "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "cell",
                             "protocols": ["rdp"], "dst_assets": ["hmi"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}]
  })");
}

inline nlohmann::json dmz_design() {
  return nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "plant"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "dmz", "kind": "dmz"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "jump", "zone": "dmz", "type": "jump-host", "services": [{"protocol": "rdp"}]},
               {"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "rdp"}]},
               {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "fw-inet-dmz", "zones": ["internet", "dmz"],
                  "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "dmz",
                             "protocols": ["rdp"], "dst_assets": ["jump"]}]},
                 {"id": "fw-dmz-cell", "zones": ["dmz", "cell"],
                  "rules": [{"priority": 100, "action": "allow", "from": "dmz", "to": "cell",
                             "protocols": ["rdp"], "dst_assets": ["hmi"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}]
  })");
}

// The IT zone reaches three operations HMIs over RDP through one firewall, which also carries
// the historian replication that operations initiates towards the IT mirror. From any HMI the
// attacker takes the PLC (flat zone). A data diode ops->it cuts all three entries at once and
// keeps the replication.
inline nlohmann::json replication_site() {
  return nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "replication"},
    "zones": [{"id": "it", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}],
    "assets": [
      {"id": "mirror", "zone": "it", "type": "historian", "services": [{"protocol": "https"}]},
      {"id": "hmi-1", "zone": "ops", "type": "hmi", "services": [{"protocol": "rdp"}]},
      {"id": "hmi-2", "zone": "ops", "type": "hmi", "services": [{"protocol": "rdp"}]},
      {"id": "hmi-3", "zone": "ops", "type": "hmi", "services": [{"protocol": "rdp"}]},
      {"id": "plc", "zone": "ops", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
       "consequence": {"safety": 5}}],
    "conduits": [{"id": "fw-it-ops", "zones": ["it", "ops"], "kind": "firewall",
                  "rules": [{"priority": 100, "action": "allow", "from": "ops", "to": "it",
                             "protocols": ["https"], "dst_assets": ["mirror"]},
                            {"priority": 110, "action": "allow", "from": "it", "to": "ops",
                             "protocols": ["rdp"]}]}],
    "threat_actors": [{"id": "it-attacker", "sophistication": 2, "starts": ["it"]}]
  })");
}

} // namespace zonepath::tiny
