// The generator's plan of a site, computed before anything is written: zones, and per asset
// its zone, role, product and flags. Ids are derived from the plan (zone id + role tag +
// number), so the JSON writer can name any asset without storing strings for a million assets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generate_catalog.hpp"
#include "zonepath/core/rng.hpp"
#include "zonepath/scenarios/generate_site.hpp"

namespace zonepath::scenarios::gen {

// Fixed shares of the assets per level (docs/generate.md).
inline constexpr double kVulnerableShare = 0.14; // of assets whose role has a product with CVEs
inline constexpr double kMistakeRate = 0.06;     // per conduit rule set

struct ZonePlan {
  std::string id, name, kind;
  double purdue = -1; // < 0: not on the Purdue ladder (vendor)
  int area = -1;      // supervisory, control and safety zones belong to an area
  bool isolated = false;
  std::uint32_t first = 0, count = 0; // asset range [first, first + count)
  // Address plan: subnet net/prefix (prefix 0: the Internet's catch-all), assets from net + 1.
  std::uint32_t net = 0;
  int prefix = 0;
};

enum AssetFlag : std::uint8_t {
  kVulnerable = 1,
  kDefaultCredentials = 2,
  kCrownJewel = 4,
  kUnpatchable = 8,
};

struct AssetPlan {
  std::uint32_t zone = 0;
  std::uint32_t number = 0; // 1-based within (zone, role)
  Role role = Role::Workstation;
  std::uint8_t product = 0;
  std::uint8_t flags = 0;
};

struct Layout {
  GenerateOptions options;
  std::string site_id;
  std::vector<ZonePlan> zones;
  std::vector<AssetPlan> assets; // grouped by zone, zones in order
  int areas = 0;
  // Zone indices of the fixed levels (-1 when the shape has none).
  int internet = -1, vendor = -1, enterprise = -1, dmz = -1, operations = -1, plant = -1;
  std::vector<int> supervisory, safety, remote; // per area (remote: per site)
  std::vector<std::vector<int>> cells;          // per area

  std::string asset_id(std::uint32_t a) const;
  // Assets of zone z with one of the roles, in order, at most `limit`.
  std::vector<std::uint32_t> find(int z, std::initializer_list<Role> roles, std::size_t limit) const;
};

Layout plan_layout(const GenerateOptions& options);

} // namespace zonepath::scenarios::gen

namespace zonepath::scenarios::gen {

struct ConduitSet {
  std::vector<nlohmann::ordered_json> conduits;
  std::uint64_t rules = 0, misconfigurations = 0;
};

// Conduits with their firewall rules (and the planted mistakes), in file order.
ConduitSet plan_conduits(const Layout& layout);
// The threat actors, from an Internet scanner to a state-sponsored actor and an insider.
nlohmann::ordered_json plan_threat_actors(const Layout& layout);

} // namespace zonepath::scenarios::gen
