// attack-layer.json: an ATT&CK Navigator layer (domain "ics-attack") that scores each ATT&CK for
// ICS technique by the share of the top attack paths' probability that it carries.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/report.hpp"

namespace zonepath::render {

struct AttackLayerOptions {
  std::string threat; // only this actor's paths; "" = every analysed actor
  std::string generator = "zonepath";
};

// Score of technique T = 100 x (sum of the probabilities of the report's paths that use T at
// least once) / (sum of the probabilities of all the report's paths), rounded to 0.1. Techniques
// on no path are not listed. Entries are ordered by score, then id.
nlohmann::json attack_layer(const models::Report& report, const AttackLayerOptions& options = {});

} // namespace zonepath::render
