// Synthetic Purdue-shaped plants for tests, benchmarks and batch studies: zones from the
// Internet down to control cells, safety zones and remote sites, realistic asset mixes with
// real products and CVEs, firewall rules with occasional planted mistakes, several threat
// actors. Valid site model v1 by construction and deterministic by seed; the JSON is streamed
// so that a 1,000,000-asset plant needs little memory (docs/generate.md).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "zonepath/core/progress.hpp"

namespace zonepath::scenarios {

enum class SiteShape : std::uint8_t {
  Segmented, // enterprise, DMZ, operations, per area a supervisory zone, control cells, a SIS zone
  Flat,      // one flat plant network behind the enterprise firewall
};

inline constexpr std::uint64_t kMinGeneratedAssets = 100;
inline constexpr std::uint64_t kMaxGeneratedAssets = 1'000'000;

struct GenerateOptions {
  std::uint64_t assets = 1000;
  std::uint32_t zones = 0; // 0: default_zone_count(assets); segmented shape only
  SiteShape shape = SiteShape::Segmented;
  std::uint64_t seed = 1;
  // Phases "plan layout", then "write site" counting the zones, assets and conduits written.
  ProgressReporter* progress = nullptr;
};

struct GenerateSummary {
  std::string site_id;
  std::uint64_t zones = 0, assets = 0, conduits = 0, rules = 0, threat_actors = 0;
  std::uint64_t vulnerable_assets = 0; // assets with at least one CVE
  std::uint64_t crown_jewels = 0;      // assets with severity 4+ in safety, environment or production
  std::uint64_t misconfigurations = 0; // planted rule mistakes (descriptions start "MISCONFIGURATION")
  std::uint64_t bytes = 0;
};

// About 40 assets per zone, at least 8 zones (the fixed upper levels plus one area).
std::uint32_t default_zone_count(std::uint64_t assets);

// Writes the site JSON to `out`. Throws LimitError when the options are out of range.
GenerateSummary generate_site(const GenerateOptions& options, std::ostream& out);

// Writes to `path` through a temporary file renamed into place (never a partial file);
// "-" writes to stdout. Throws StoreError when the file cannot be written.
GenerateSummary generate_site_file(const GenerateOptions& options, const std::string& path);

} // namespace zonepath::scenarios
