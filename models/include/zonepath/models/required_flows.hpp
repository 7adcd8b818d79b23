// Whether the flows a plant needs (site.required_flows, docs/model.md#required-flows) are carried
// by a site's access map, and which ones a change stops. A flow from a zone is carried when a
// host of that zone that no rule singles out may open a connection to a service of the
// destination speaking the protocol; a flow from an asset when that asset may (as a host of its
// zone or named in src_assets).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

enum class FlowState : std::uint8_t {
  Carried,   // the access map allows it
  Blocked,   // every end exists, no rule lets it through
  Unresolved // an end (zone, asset or service) does not exist in this site
};
const char* to_string(FlowState state); // "carried", "blocked", "unresolved"

FlowState required_flow_state(const Site& site, const AccessMap& access, const RequiredFlow& flow);

// "from -> to protocol" as reports print it.
std::string required_flow_text(const RequiredFlow& flow);

struct BrokenFlow {
  RequiredFlow flow;
  FlowState after = FlowState::Blocked; // Blocked, or Unresolved when the change removed an end
};

// The flows of `flows` carried in `before` but not in `after`, in list order.
std::vector<BrokenFlow> broken_required_flows(const std::vector<RequiredFlow>& flows, const Site& before,
                                              const AccessMap& before_access, const Site& after,
                                              const AccessMap& after_access);

// Both sites' required flows, `a`'s first, each (from, to, protocol) once.
std::vector<RequiredFlow> merged_required_flows(const Site& a, const Site& b);

nlohmann::json required_flow_to_json(const RequiredFlow& flow);
nlohmann::json broken_flows_to_json(const std::vector<BrokenFlow>& broken);

} // namespace zonepath::models
