// Denials of service an attacker can cause but that give no foothold (ATT&CK for ICS T0814): a
// vulnerability whose CVSS impact is availability only stops the service it is reached through,
// so it is a consequence for the asset, not a step of the attack graph (docs/threat-model.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct DosExposure {
  std::string asset, zone, vulnerability;
  std::string service;    // the protocol the attacker sends to
  std::uint16_t port = 0; // the service's port (0: none known)
  std::string threat;
  // The highest chance, over the zones an allowed flow to the service comes from, that the actor
  // holds a position in that zone (the Monte Carlo zone probability): a lower bound of the chance
  // that it can send the packet that stops the service.
  double probability = 0;
};

// One entry per (asset, availability-only vulnerability, service, threat) the actor can reach
// with a probability above 0, in asset, vulnerability, service and threat order.
// `zone_probability[z][t]` is threat `threats[t]`'s probability for zone z.
std::vector<DosExposure> denial_of_service(const Site& site, const AccessMap& access,
                                           const std::vector<Index>& threats,
                                           const std::vector<std::vector<double>>& zone_probability);

} // namespace zonepath::models
