// Phase-1 candidates that make a step less likely without stopping any flow: MFA and explicit
// access approval for credential steps (remote services, valid accounts), application
// allow-listing and malicious-code protection for exploit steps, industrial-protocol inspection
// and boundary protection on the conduit a step crosses, and replacing vendor default passwords.
// Each raises the defence the threat model makes the step beat (docs/threat-model.md: the
// target zone's SL-A in the means' FRs, the conduit's SL-A in FR5) by one level, with the
// requirements still missing for that level; the planner keeps one only when re-running the
// analysis shows a lower risk.
#include <algorithm>

#include "plan_internal.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::scenarios::detail {

namespace {

using json = nlohmann::json;
using models::Index;
using models::kNone;

bool uses(const StepOnCut& step, std::initializer_list<const char*> techniques) {
  return std::any_of(techniques.begin(), techniques.end(), [&](const char* t) {
    return std::find(step.techniques.begin(), step.techniques.end(), t) != step.techniques.end();
  });
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// The requirements still missing in `fr` for level `level`, plus `extra` (when missing at any
// level): what raising the defence to `level` takes.
std::vector<std::string> to_level(const models::RequirementAssessment& assessed, int fr, int level,
                                  const std::vector<std::string>& extra) {
  std::vector<std::string> out = assessed.missing_for(fr, level);
  std::vector<std::string> any_level = assessed.missing_for(fr, 4);
  for (const auto& id : extra)
    if (std::find(any_level.begin(), any_level.end(), id) != any_level.end() &&
        std::find(out.begin(), out.end(), id) == out.end())
      out.push_back(id);
  return out;
}

// MFA for untrusted networks, access via untrusted networks and explicit access approval
// (IEC 62443-3-3 SR 1.1 RE 2, SR 1.13, SR 1.13 RE 1): what a remote-access path needs.
const std::vector<std::string> kMfaRequirements = {"SR 1.1 RE 2", "SR 1.13", "SR 1.13 RE 1"};

std::optional<PlanAction> zone_measure(const PlanContext& ctx, const models::Site& site,
                                       const models::SiteContext& sctx, Index asset, ActionKind kind) {
  const Index z = site.assets[asset].zone;
  const models::Zone& zone = site.zones[z];
  const models::SlVector& sl_a = sctx.levels.zones[z].sl_a;
  const bool mfa = kind == ActionKind::MfaAccessApproval;
  // The step beats the strongest of its means' FRs (FR1/FR2 for credentials, FR3 for exploits);
  // raising FR1 (or FR3) one level above that is what makes it harder.
  const int fr = mfa ? 1 : 3;
  const int level = (mfa ? std::max(sl_a[0], sl_a[1]) : sl_a[2]) + 1;
  if (level > 4) return std::nullopt;
  std::vector<std::string> needed =
      to_level(sctx.assessment.zones[z], fr, level, mfa ? kMfaRequirements : std::vector<std::string>{});
  if (needed.empty()) return std::nullopt; // capped by a component's SL-C: requirements cannot help
  Cover cover = cover_requirements(needed, ctx.costs, zone.assets.size(), false);
  PlanAction a;
  a.kind = kind;
  a.phase = PlanPhase::Reach;
  a.where = zone.id;
  const std::string& target = site.assets[asset].id;
  a.description = mfa ? "MFA and explicit access approval for access to " + target + " (zone " + zone.id +
                            ", FR1 to SL " + std::to_string(level) + "): " + joined(needed)
                      : "application allow-listing and malicious-code protection on " + zone.id + " (for " +
                            target + ", FR3 to SL " + std::to_string(level) + "): " + joined(needed);
  a.closes = needed;
  a.cost = cover.cost;
  a.iso27001 = iso_for(needed);
  a.operations = json::array({{{"op", "add-countermeasure"}, {"target", zone.id}, {"requirements", needed}}});
  return a;
}

std::optional<PlanAction> inspection(const PlanContext& ctx, const models::Site& site,
                                     const models::SiteContext& sctx, Index c) {
  const models::Conduit& conduit = site.conduits[c];
  const int fr = sctx.threat_model.conduit_fr; // the FR every crossing must defeat (FR5 by default)
  const int level = sctx.levels.conduits[c].sl_a[fr - 1] + 1;
  if (level > 4) return std::nullopt;
  std::vector<std::string> needed = to_level(sctx.assessment.conduits[c], fr, level, {});
  if (needed.empty() && conduit.inspection) return std::nullopt;
  Cover cover = cover_requirements(needed, ctx.costs, 0, true);
  PlanAction a;
  a.kind = ActionKind::ProtocolInspection;
  a.phase = PlanPhase::Reach;
  a.where = conduit.id;
  a.description = "industrial-protocol inspection on conduit " + conduit.id +
                  " and boundary protection to FR" + std::to_string(fr) + " SL " + std::to_string(level) +
                  (needed.empty() ? "" : ": " + joined(needed));
  a.closes = needed;
  a.cost = cover.cost + (conduit.inspection ? 0 : ctx.costs.protocol_inspection);
  a.iso27001 = iso_for(needed);
  if (a.iso27001.empty()) a.iso27001 = {"A.8.20", "A.8.22"};
  a.operations = json::array();
  if (!conduit.inspection)
    a.operations.push_back({{"op", "modify-conduit"}, {"id", conduit.id}, {"set", {{"inspection", true}}}});
  if (!needed.empty())
    a.operations.push_back({{"op", "add-countermeasure"}, {"target", conduit.id}, {"requirements", needed}});
  return a;
}

std::optional<PlanAction> default_credentials(const PlanContext& ctx, const models::Site& site, Index asset) {
  const models::Asset& a = site.assets[asset];
  json patch =
      json::array({{{"op", "test"}, {"path", "/assets/" + std::to_string(asset) + "/id"}, {"value", a.id}}});
  std::vector<std::string> protocols;
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (!a.services[s].default_credentials) continue;
    patch.push_back({{"op", "replace"},
                     {"path", "/assets/" + std::to_string(asset) + "/services/" + std::to_string(s) +
                                  "/default_credentials"},
                     {"value", false}});
    protocols.push_back(a.services[s].protocol);
  }
  if (protocols.empty()) return std::nullopt;
  PlanAction out;
  out.kind = ActionKind::ChangeDefaultCredentials;
  out.phase = PlanPhase::Reach;
  out.where = a.id;
  out.description = "replace the vendor default password of " + a.id + " (" + joined(protocols) + ")";
  out.closes = {"default credentials on " + a.id};
  out.cost = ctx.costs.credentials * double(protocols.size());
  out.iso27001 = iso_for({"SR 1.5"});
  out.operations = json::array({{{"op", "json-patch"}, {"patch", patch}}});
  return out;
}

} // namespace

std::vector<PlanAction> hardening_candidates(const PlanContext& ctx, const models::Site& site,
                                             const models::SiteContext& sctx, const StepOnCut& step) {
  std::vector<PlanAction> out;
  auto add = [&](std::optional<PlanAction> a) {
    if (a) out.push_back(std::move(*a));
  };
  if (uses(step, {"T0886", "T0822", "T0859"}))
    add(zone_measure(ctx, site, sctx, step.asset, ActionKind::MfaAccessApproval));
  if (uses(step, {"T0866", "T0819"}))
    add(zone_measure(ctx, site, sctx, step.asset, ActionKind::ApplicationAllowList));
  if (uses(step, {"T0812"})) add(default_credentials(ctx, site, step.asset));
  if (step.conduit != kNone && !site.conduits[step.conduit].direction)
    add(inspection(ctx, site, sctx, step.conduit));
  return out;
}

} // namespace zonepath::scenarios::detail
