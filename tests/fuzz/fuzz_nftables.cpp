// libFuzzer target: arbitrary bytes as `nft -j list ruleset` JSON (chains, sets, jumps), then
// placed on the conduits of a small site with subnets and interfaces.
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_nftables.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  static const nlohmann::json site = nlohmann::json::parse(R"({"schema": "zonepath/site/v1", "zones": [
      {"id": "internet", "x-interfaces": ["eth0"]}, {"id": "dmz", "x-subnets": ["10.2.0.0/24"]},
      {"id": "ops", "x-subnets": ["10.10.0.0/24"]}],
    "assets": [{"id": "scada", "zone": "ops", "type": "control-server", "x-ip": "10.10.0.30",
                "services": [{"protocol": "rdp"}]}], "conduits": []})");
  static const interchange::ZoneMap zones = interchange::ZoneMap::from_site(site);
  std::vector<interchange::ImportNote> notes;
  interchange::NftablesOptions options;
  options.max_inlined_rules = 5000; // keeps each input fast; the bound itself is what is tested
  try {
    auto rules = interchange::parse_nftables_json(std::string(reinterpret_cast<const char*>(data), size),
                                                  "fuzz.json", notes, options);
    nlohmann::json copy = site;
    (void)interchange::import_rules(rules, copy, zones);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
