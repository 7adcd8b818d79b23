// libFuzzer target: arbitrary bytes as Nmap XML, merged into a small site with subnets and an
// asset that a scanned host may match (addresses, MACs, host names, ports, guesses).
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_nmap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  static const nlohmann::json site = nlohmann::json::parse(R"({"schema": "zonepath/site/v1", "zones": [
      {"id": "ops", "x-subnets": ["10.10.0.0/24"]}, {"id": "cell", "x-subnets": ["10.20.1.0/24"]}],
    "assets": [{"id": "plc-pump-01", "zone": "cell", "type": "plc", "x-ip": "10.20.1.10",
                "services": [{"protocol": "modbus-tcp"}]}], "conduits": []})");
  static const interchange::ZoneMap zones = interchange::ZoneMap::from_site(site);
  try {
    auto scan =
        interchange::parse_nmap_xml(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xml");
    nlohmann::json copy = site;
    (void)interchange::import_nmap(scan, "fuzz.xml", copy, zones);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
