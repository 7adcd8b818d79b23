// Internal pieces of the change impact assessment, shared by the change_*.cpp files.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/site.hpp"
#include "zonepath/scenarios/change.hpp"

namespace zonepath::scenarios::detail {

// The zones, conduits and assets the change touches, found by comparing the site documents
// before and after it (so JSON Patch operations count too): an element added, removed or
// modified; the zones at both ends of a touched conduit; the zone of a touched asset (both
// zones when it moved); the assets a changed rule names. Zones first, then conduits, then
// assets, each in the order found.
std::vector<TouchedElement> touched_elements(const nlohmann::json& before, const nlohmann::json& after);

// The requirement records and compensating controls of the touched elements that still exist
// after the change, in the order of `touched`, records before controls.
std::vector<Reverification> evidence_to_reverify(const models::Site& after,
                                                 const std::vector<TouchedElement>& touched);

// The Annex A controls the change concerns: through the crosswalk of the requirements of the
// evidence to re-verify, and through the catalogue's applicability of what the change adds
// (temporary elements by kind, conduits, patches, compensating controls). Annex A order.
std::vector<AffectedControl> affected_controls(const ChangeImpact& impact);

} // namespace zonepath::scenarios::detail
