// libFuzzer target: arbitrary bytes as a pfSense / OPNsense config.xml, read against a small
// site with subnets and interfaces, then placed on its conduits (aliases, interfaces, rules).
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_pfsense.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  static const nlohmann::json site = nlohmann::json::parse(R"({"schema": "zonepath/site/v1", "zones": [
      {"id": "internet", "x-interfaces": ["wan"]}, {"id": "dmz", "x-subnets": ["192.168.90.0/24"]},
      {"id": "ics", "x-subnets": ["192.168.95.0/24"], "x-vlans": [201]}],
    "assets": [{"id": "plc", "zone": "ics", "type": "plc", "x-ip": "192.168.95.2",
                "services": [{"protocol": "modbus-tcp"}]}], "conduits": []})");
  static const interchange::ZoneMap zones = interchange::ZoneMap::from_site(site);
  std::vector<interchange::ImportNote> notes;
  try {
    auto cfg = interchange::parse_pfsense_config(std::string(reinterpret_cast<const char*>(data), size),
                                                 "fuzz.xml", zones, notes);
    nlohmann::json copy = site;
    interchange::RuleImportOptions options;
    options.scope = cfg.zones;
    (void)interchange::import_rules(cfg.rules, copy, zones, options);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
