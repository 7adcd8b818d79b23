// libFuzzer target: arbitrary bytes as a Zeek conn.log (TSV headers and records, or JSON
// lines), streamed into drift against a small site with subnets, addresses, an isolated zone
// and a diode, so that the reader, the judgement of flows and the report all run.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/drift.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  static const nlohmann::json site = nlohmann::json::parse(R"({"schema": "zonepath/site/v1",
    "site": {"id": "fuzz"},
    "zones": [{"id": "internet", "kind": "untrusted", "x-subnets": ["0.0.0.0/0"]},
              {"id": "ops", "x-subnets": ["10.10.0.0/24"]},
              {"id": "cell", "x-subnets": ["10.20.1.0/24"], "intra_zone": "isolated",
               "intra_rules": [{"action": "allow", "protocols": ["modbus-tcp"], "src_assets": ["hmi"]}]}],
    "assets": [{"id": "scada", "zone": "ops", "type": "control-server", "x-ip": "10.10.0.30",
                "services": [{"protocol": "rdp"}]},
               {"id": "hmi", "zone": "cell", "type": "hmi", "x-ip": "10.20.1.11", "services": [{"protocol": "vnc"}]},
               {"id": "plc", "zone": "cell", "type": "plc", "x-ip": "10.20.1.10",
                "services": [{"protocol": "modbus-tcp"}]}],
    "conduits": [{"id": "fw", "zones": ["ops", "cell"], "rules": [
                   {"priority": 10, "action": "allow", "from": "ops", "to": "cell", "protocols": ["modbus-tcp"],
                    "src_assets": ["scada"]},
                   {"priority": 20, "action": "deny", "from": "*", "to": "*"}]},
                 {"id": "diode", "zones": ["ops", "internet"], "kind": "data-diode",
                  "direction": "ops->internet"}]})");
  static const models::SitePtr model = models::load_site_json(site, "fuzz.json");
  static const interchange::ZoneMap zones = interchange::ZoneMap::from_site(site);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  scenarios::DriftOptions options;
  options.max_flows = 1000; // keeps each input small; the bound itself is what is tested
  options.max_listed = 50;
  try {
    auto r = scenarios::run_drift(*model, site, zones, in, "fuzz.log", options);
    (void)scenarios::drift_to_text(r.report);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
