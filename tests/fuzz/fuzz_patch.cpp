// libFuzzer target: arbitrary bytes as a what-if scenario applied to a small plant: the typed
// operations and JSON Patch (copy bombs are bounded by kMinCopyBudget and the nesting limit).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace {

const char* kBase = R"json({
  "schema": "zonepath/site/v1",
  "site": {"id": "small-plant", "name": "Small Plant"},
  "zones": [
    {"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise", "sl_t": 1},
    {"id": "dmz", "kind": "dmz", "sl_t": 2}, {"id": "cell", "kind": "control", "sl_t": 3}],
  "assets": [
    {"id": "pc-1", "zone": "ent", "type": "workstation", "services": [{"protocol": "smb"}]},
    {"id": "web-1", "zone": "dmz", "type": "application-server", "services": [{"protocol": "https"}]},
    {"id": "plc-1", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
     "consequence": {"safety": 5}}],
  "conduits": [
    {"id": "fw-inet-dmz", "zones": ["internet", "dmz"], "kind": "firewall",
     "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "dmz", "protocols": ["https"]}]},
    {"id": "fw-ent-dmz", "zones": ["ent", "dmz"], "kind": "firewall",
     "rules": [{"priority": 100, "action": "allow", "from": "ent", "to": "dmz", "protocols": ["https"]},
               {"priority": 300, "action": "allow", "from": "dmz", "to": "ent", "protocols": ["smb"]}]},
    {"id": "fw-dmz-cell", "zones": ["dmz", "cell"], "kind": "firewall"}],
  "threat_actors": [{"id": "apt", "sophistication": 3, "starts": ["internet"]}]
})json";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  static const nlohmann::json base = nlohmann::json::parse(kBase);
  try {
    auto doc = std::make_shared<const JsonDocument>(
        JsonDocument::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"));
    const scenarios::Scenario scenario = scenarios::load_scenario(doc);
    (void)scenarios::apply_scenario(base, scenario, "base.json");
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
