#include "zonepath/models/security_levels.hpp"

#include <algorithm>

#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

namespace {

bool has(const std::vector<std::string>& met, const std::string& id) {
  return std::binary_search(met.begin(), met.end(), id);
}

int fr_of(const std::string& requirement) {
  // Component compensating controls usually cite IEC 62443-4-2 CRs, zone ones 3-3 SRs.
  if (const Requirement* r = find_requirement(requirement)) return r->fr;
  if (const ComponentRequirement* c = find_component_requirement(requirement)) return c->fr;
  return 0;
}

SlAssessment assess(const std::vector<std::string>& met) {
  SlAssessment out;
  for (int fr = 1; fr <= kFrCount; ++fr) {
    out.explain[fr - 1] = assess_fr(fr, met);
    out.sl_a[fr - 1] = static_cast<std::uint8_t>(out.explain[fr - 1].level);
  }
  return out;
}

} // namespace

std::vector<std::string> met_requirements(const std::vector<std::string>& countermeasures,
                                          const std::vector<CompensatingControl>& compensating) {
  std::vector<std::string> met = countermeasures;
  for (const auto& c : compensating)
    if (!c.change_record.empty()) met.push_back(c.requirement);
  std::sort(met.begin(), met.end());
  met.erase(std::unique(met.begin(), met.end()), met.end());
  return met;
}

std::vector<std::string> missing_for(int fr, int sl, const std::vector<std::string>& met) {
  std::vector<std::string> out;
  if (sl <= 0) return out;
  for (const Requirement* r : required_for(fr, sl))
    if (!has(met, r->id)) out.push_back(r->id);
  return out;
}

FrExplanation assess_fr(int fr, const std::vector<std::string>& met) {
  FrExplanation e;
  for (int sl = 1; sl <= 4; ++sl) {
    auto missing = missing_for(fr, sl, met);
    if (!missing.empty()) {
      e.missing_next = std::move(missing);
      break;
    }
    e.uncapped = sl;
  }
  e.level = e.uncapped;
  return e;
}

SecurityLevels compute_security_levels(const Site& site) {
  SecurityLevels out;
  out.zones.reserve(site.zones.size());
  for (const Zone& zone : site.zones) {
    SlAssessment a = assess(met_requirements(zone.countermeasures, zone.compensating));
    // The zone cannot achieve more than its weakest component can deliver, unless that
    // component's shortfall is covered by its own compensating control in the same FR.
    for (Index ai : zone.assets) {
      const Asset& asset = site.assets[ai];
      if (!asset.sl_c) continue;
      for (int fr = 1; fr <= kFrCount; ++fr) {
        bool compensated = std::any_of(asset.compensating.begin(), asset.compensating.end(),
                                       [&](const CompensatingControl& c) { return fr_of(c.requirement) == fr; });
        auto& ex = a.explain[fr - 1];
        int cap = (*asset.sl_c)[fr - 1];
        if (!compensated && cap < ex.level) {
          ex.level = cap;
          ex.capped_by = asset.id;
          a.sl_a[fr - 1] = static_cast<std::uint8_t>(cap);
        }
      }
    }
    out.zones.push_back(std::move(a));
  }
  out.conduits.reserve(site.conduits.size());
  for (const Conduit& c : site.conduits) out.conduits.push_back(assess(met_requirements(c.countermeasures, c.compensating)));
  return out;
}

} // namespace zonepath::models
