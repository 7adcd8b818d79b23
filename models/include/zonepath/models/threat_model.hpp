// The threat sophistication model: how likely and how fast each kind of attack step succeeds
// for an attacker tier (1..4) against the achieved security level of the defence on the step.
// Defaults come from models/data/threat-model.json (each number with its source); a site may
// override any part under models.threat (JSON merge patch).
#pragma once

#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/core/ttc.hpp"

namespace zonepath::models {

enum class Means : std::uint8_t {
  NetworkAccess,
  UnauthenticatedProtocol,
  DefaultCredentials,
  KnownVulnerability,
  RemoteService,
  ValidAccounts,
  GenericExploit,
  ProgramDownload,
  PhysicalAccess, // T0848 Rogue Master: a device brought into the zone's network
  RemovableMedia, // T0847 Replication Through Removable Media into the zone's hosts
};
inline constexpr int kMeansCount = 10;
const char* means_name(Means m); // "unauthenticated-protocol", ...

struct MeansParams {
  std::string technique;
  std::string technique_external; // used when the step starts in an external zone; may be empty
  double base_p = 1.0;
  std::array<double, 4> base_p_by_tier{}; // generic exploit only
  double exploitability_full = 3.887;     // known vulnerability only
  // Known vulnerability only: the chance per tier that the actor gets a user of the host to open,
  // click or run the lure a UI:R vulnerability needs (ATT&CK for ICS T0863 User Execution).
  std::array<double, 4> user_interaction_by_tier{0.0, 0.3, 0.6, 0.9};
  std::vector<int> frs; // FRs (1..7) of the target zone (and crossed conduit) to defeat
  // IEC 62443-3-3 requirements that stop the means wherever they count (zone or conduit), each
  // as a defence of its own level: MFA (SR 1.1 RE 2) and access approval (SR 1.13 RE 1) for logins.
  std::vector<std::string> controls;
  bool one_way = false; // needs no reply: may cross a data diode (UDP services only)
  bool command = false; // uses write/command functions: stopped by an inspected read-only rule
  TtcDistribution ttc;
};

struct ThreatModel {
  std::array<std::array<double, 5>, 4> tier_vs_sl{}; // [tier-1][defence level]
  int conduit_fr = 5; // the conduit FR a crossing that no rule decides (a bare diode) must defeat
  double max_time_scale = 1000;
  std::array<MeansParams, kMeansCount> means;
  nlohmann::json source; // the merged JSON, for reports and `catalog threat-model`

  const MeansParams& operator[](Means m) const { return means[static_cast<int>(m)]; }
  // Chance that a tier-`tier` attacker defeats a defence of achieved level `level`.
  double defeat(int tier, int level) const { return tier_vs_sl[tier - 1][level]; }
};

// The default model merged with `overrides` ("default" or an object); throws ModelError on
// a malformed or non-monotone model, naming the JSON pointer.
ThreatModel load_threat_model(const nlohmann::json& overrides = "default");
const nlohmann::json& default_threat_model_json();

// A distribution stretched in time by factor k >= 1 (harder defence, longer to break).
TtcDistribution scale_ttc(const TtcDistribution& d, double k);

} // namespace zonepath::models
