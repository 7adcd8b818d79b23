#include "zonepath/models/required_flows.hpp"

#include <algorithm>

namespace zonepath::models {

const char* to_string(FlowState state) {
  switch (state) {
  case FlowState::Carried:
    return "carried";
  case FlowState::Blocked:
    return "blocked";
  case FlowState::Unresolved:
    return "unresolved";
  }
  return "blocked";
}

FlowState required_flow_state(const Site& site, const AccessMap& access, const RequiredFlow& flow) {
  Index dst = site.asset_index(flow.to);
  Index from_zone = site.zone_index(flow.from), from_asset = site.asset_index(flow.from);
  if (dst == kNone || (from_zone == kNone && from_asset == kNone)) return FlowState::Unresolved;
  const auto& services = site.assets[dst].services;
  if (std::none_of(services.begin(), services.end(),
                   [&](const Service& s) { return s.protocol == flow.protocol; }))
    return FlowState::Unresolved;
  if (from_asset != kNone) from_zone = site.assets[from_asset].zone;
  for (const Flow& f : access.flows()) {
    if (f.dst_asset != dst || services[f.service].protocol != flow.protocol || f.src_zone != from_zone)
      continue;
    // A zone-wide flow serves every host of the zone; a flow for a named host serves that host.
    if (f.src_asset == kNone || f.src_asset == from_asset) return FlowState::Carried;
  }
  return FlowState::Blocked;
}

std::string required_flow_text(const RequiredFlow& flow) {
  return flow.from + " -> " + flow.to + " " + flow.protocol;
}

std::vector<BrokenFlow> broken_required_flows(const std::vector<RequiredFlow>& flows, const Site& before,
                                              const AccessMap& before_access, const Site& after,
                                              const AccessMap& after_access) {
  std::vector<BrokenFlow> out;
  for (const RequiredFlow& f : flows) {
    if (required_flow_state(before, before_access, f) != FlowState::Carried) continue;
    FlowState now = required_flow_state(after, after_access, f);
    if (now != FlowState::Carried) out.push_back({f, now});
  }
  return out;
}

std::vector<RequiredFlow> merged_required_flows(const Site& a, const Site& b) {
  std::vector<RequiredFlow> out;
  auto same = [](const RequiredFlow& x, const RequiredFlow& y) {
    return x.from == y.from && x.to == y.to && x.protocol == y.protocol;
  };
  for (const Site* s : {&a, &b})
    for (const RequiredFlow& f : s->required_flows)
      if (std::none_of(out.begin(), out.end(), [&](const RequiredFlow& g) { return same(f, g); }))
        out.push_back(f);
  return out;
}

nlohmann::json required_flow_to_json(const RequiredFlow& flow) {
  nlohmann::json j = {{"from", flow.from}, {"to", flow.to}, {"protocol", flow.protocol}};
  if (!flow.reason.empty()) j["reason"] = flow.reason;
  if (!flow.owner.empty()) j["owner"] = flow.owner;
  return j;
}

nlohmann::json broken_flows_to_json(const std::vector<BrokenFlow>& broken) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : broken) {
    nlohmann::json j = required_flow_to_json(b.flow);
    j["after"] = to_string(b.after);
    out.push_back(std::move(j));
  }
  return out;
}

} // namespace zonepath::models
