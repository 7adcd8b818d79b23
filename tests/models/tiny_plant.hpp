// The tiny plant of docs/threat-model.md#worked-example, shared by the analysis tests:
// internet -> ws (RDP, T0822 p 0.3, or a generic exploit) -> plc (unauthenticated Modbus 0.95 or
// a generic exploit). Generic exploit p by tier 0.01, 0.03, 0.1, 0.25, so the plc is reached with
// (1 - 0.7 (1 - g)) (1 - 0.05 (1 - g)): tier 1 0.2918, tier 2 0.3054, tier 3 0.3534, all
// "moderate" likelihood; x safety 5 = risk level 4 (high), above the tolerable line.
#pragma once

#include <string>

#include "site_fixture.hpp"

namespace zonepath::fixture {

// `cell_extra` and `actor_extra` are appended inside the cell zone's and the actor's objects.
inline models::Site tiny_plant(int tier, const std::string& cell_extra = "",
                               const std::string& actor_extra = "") {
  return make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "control")" +
          cell_extra + "}]",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "consequence": {"safety": 5}}])",
      R"([{"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow",
           "from": "internet", "to": "ent"}]},
          {"id": "ent-cell", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "ent",
           "to": "cell"}]}])",
      R"([{"id": "t", "sophistication": )" + std::to_string(tier) + R"(, "starts": ["internet"])" +
          actor_extra + "}]");
}

} // namespace zonepath::fixture
