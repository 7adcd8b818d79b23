#include "zonepath/models/security_levels.hpp"

#include <algorithm>

#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

namespace {

SlAssessment assess_all(const RequirementAssessment& a) {
  SlAssessment out;
  for (int fr = 1; fr <= kFrCount; ++fr) {
    out.explain[fr - 1] = assess_fr(fr, a);
    out.sl_a[fr - 1] = static_cast<std::uint8_t>(out.explain[fr - 1].level);
  }
  return out;
}

// Whether the asset's credited controls cover requirement `r` at level `sl`: a control naming
// the SR or its IEC 62443-4-2 counterpart (same number), credited up to sl or higher.
bool covered(const std::vector<ControlCredit>& credits, const Requirement& r, int sl) {
  std::string key = requirement_key(r.id);
  for (const auto& c : credits) {
    if (!c.credited || c.control.credited_sl < sl) continue;
    for (const auto& id : c.control.requirements)
      if (requirement_key(id) == key) return true;
  }
  return false;
}

struct Cap {
  int level = 4; // 4: no cap
  std::string reason;
};

// The level the asset lets its zone reach in FR `fr`.
Cap asset_cap(const Asset& asset, const std::vector<ControlCredit>& credits, int fr,
              const CapabilityPolicy& policy) {
  Cap cap;
  int sl_c = 4;
  if (asset.sl_c) {
    sl_c = (*asset.sl_c)[fr - 1];
    cap.reason = "SL-C " + std::to_string(sl_c);
    if (asset.sl_c_source != SlcSource::Unstated)
      cap.reason += std::string(" (") + to_string(asset.sl_c_source) +
                    (asset.sl_c_reference.empty() ? "" : " " + asset.sl_c_reference) + ")";
  } else if (asset.legacy && policy.legacy_sl_c) {
    sl_c = *policy.legacy_sl_c;
    cap.reason = "legacy asset without sl_c: SL-C " + std::to_string(sl_c) + " assumed";
  } else {
    return cap;
  }
  // Above its SL-C, the asset lacks the requirements whose min_sl lies beyond it; each must be
  // covered by a credited control of its own for the zone to count at the higher level.
  int level = sl_c;
  for (int sl = sl_c + 1; sl <= 4; ++sl) {
    bool all = true;
    for (const Requirement* r : required_for(fr, sl))
      if (r->min_sl > sl_c && !covered(credits, *r, sl)) {
        all = false;
        break;
      }
    if (!all) break;
    level = sl;
  }
  if (level > sl_c)
    cap.reason += ", lifted to " + std::to_string(level) + " by its credited compensating controls";
  cap.level = level;
  return cap;
}

} // namespace

FrExplanation assess_fr(int fr, const RequirementAssessment& a) {
  FrExplanation e;
  for (int sl = 1; sl <= 4; ++sl) {
    auto missing = a.missing_for(fr, sl);
    if (!missing.empty()) {
      for (const auto& id : missing) {
        const AssessedRequirement* rec = a.find(id);
        if (rec && rec->status == RequirementStatus::Partial) e.partial_next.push_back(id);
        if (rec && rec->status == RequirementStatus::NotMet) e.not_met_next.push_back(id);
      }
      e.missing_next = std::move(missing);
      break;
    }
    e.uncapped = sl;
  }
  for (const Requirement* r : required_for(fr, std::max(e.uncapped, 1)))
    if (e.uncapped > 0)
      if (const AssessedRequirement* rec = a.find(r->id))
        e.carried.push_back({r->id, r->min_sl, rec->status});
  e.level = e.uncapped;
  return e;
}

SecurityLevels compute_security_levels(const Site& site, const SiteAssessment& assessment,
                                       const CapabilityPolicy& policy) {
  SecurityLevels out;
  out.zones.reserve(site.zones.size());
  for (Index z = 0; z < site.zones.size(); ++z) {
    SlAssessment a = assess_all(assessment.zones[z]);
    // The zone cannot achieve more than its weakest component delivers (IEC 62443-3-3 SL-A
    // <= SL-C), except where that component's shortfall is covered by its own controls.
    for (Index ai : site.zones[z].assets) {
      const Asset& asset = site.assets[ai];
      if (!asset.sl_c) a.capability_unknown.push_back(ai); // legacy ones capped by assumption too
      for (int fr = 1; fr <= kFrCount; ++fr) {
        auto& ex = a.explain[fr - 1];
        if (ex.level == 0) continue;
        Cap cap = asset_cap(asset, assessment.assets[ai], fr, policy);
        if (cap.level < ex.level) {
          ex.level = cap.level;
          ex.capped_by = asset.id;
          ex.cap_reason = cap.reason;
          a.sl_a[fr - 1] = static_cast<std::uint8_t>(cap.level);
        }
      }
    }
    out.zones.push_back(std::move(a));
  }
  out.conduits.reserve(site.conduits.size());
  for (Index c = 0; c < site.conduits.size(); ++c) out.conduits.push_back(assess_all(assessment.conduits[c]));
  return out;
}

SecurityLevels compute_security_levels(const Site& site) {
  return compute_security_levels(site, assess_requirements(site, site.as_of));
}

} // namespace zonepath::models
