// Phase-1 candidates that make a step less likely without stopping any flow: MFA and explicit
// access approval for login steps (remote services, valid accounts), application allow-listing
// and malicious-code protection for exploit steps, industrial-protocol inspection on the conduit
// a step crosses, and replacing vendor default passwords. Each raises exactly what the crossing
// reads (docs/threat-model.md): the login means' controls (SR 1.1 RE 2/RE 3, SR 1.13 RE 1) at
// their IEC 62443-3-3 level, the target zone's SL-A in the means' FRs, a read-only rule enforced
// by inspection against command steps, or the conduit's SL-A in FR3 against exploits. The
// planner keeps one only when re-running the analysis shows a lower risk.
#include <algorithm>

#include "plan_internal.hpp"
#include "zonepath/models/catalog_protocols.hpp"
#include "zonepath/models/catalog_requirements.hpp"
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

// The means of the step (by technique) that carry controls: the logins.
std::vector<models::Means> login_means(const models::ThreatModel& model, const StepOnCut& step) {
  std::vector<models::Means> out;
  for (int i = 0; i < models::kMeansCount; ++i) {
    const models::MeansParams& m = model.means[static_cast<std::size_t>(i)];
    if (m.controls.empty()) continue;
    auto used = [&](const std::string& t) {
      return !t.empty() &&
             std::find(step.techniques.begin(), step.techniques.end(), t) != step.techniques.end();
    };
    if (used(m.technique) || used(m.technique_external)) out.push_back(static_cast<models::Means>(i));
  }
  return out;
}

// MFA and access approval in the target zone: the login means' controls that lift the zone's
// defence against the step above what it meets now, each counting at its own IEC 62443-3-3
// level exactly as the crossing reads it (SR 1.13 RE 1 SL2, SR 1.1 RE 2 SL3, SR 1.1 RE 3 SL4),
// up to MFA's level; with the base requirement of each enhancement (an RE extends its SR).
std::optional<PlanAction> mfa_access_approval(const PlanContext& ctx, const models::Site& site,
                                              const models::SiteContext& sctx, const StepOnCut& step) {
  const Index z = site.assets[step.asset].zone;
  const models::Zone& zone = site.zones[z];
  const auto& model = sctx.threat_model;
  const auto means = login_means(model, step);
  if (means.empty()) return std::nullopt;
  int now = 4;
  std::vector<std::string> controls;
  for (models::Means m : means) {
    now = std::min<int>(now, sctx.defence.zones[z][static_cast<std::size_t>(m)]);
    for (const auto& id : model[m].controls)
      if (std::find(controls.begin(), controls.end(), id) == controls.end()) controls.push_back(id);
  }
  // The lowest control level above `now` that is at least MFA's (SR 1.1 RE 2, SL3), else the
  // highest there is: one step to real MFA, then to MFA on all networks.
  int target = 0;
  for (const auto& id : controls)
    if (const models::Requirement* r = models::find_requirement(id); r && r->min_sl > now) {
      int level = std::max(r->min_sl, 3);
      target = target == 0 ? level : std::min(target, level);
    }
  if (target == 0) return std::nullopt;
  int reached = now; // what the crossing will read: the highest control level added
  const models::RequirementAssessment& assessed = sctx.assessment.zones[z];
  std::vector<std::string> needed;
  auto need = [&](const std::string& id, int level) {
    const models::Requirement* r = models::find_requirement(id);
    if (r && assessed.counts_up_to(*r) < level && std::find(needed.begin(), needed.end(), id) == needed.end())
      needed.push_back(id);
  };
  for (const auto& id : controls) {
    const models::Requirement* r = models::find_requirement(id);
    if (!r || r->min_sl <= now || r->min_sl > target) continue;
    need("SR " + std::to_string(r->fr) + "." + std::to_string(r->sr), 1); // the base requirement
    need(id, r->min_sl);
    reached = std::max(reached, r->min_sl);
  }
  if (needed.empty()) return std::nullopt;
  Cover cover = cover_requirements(needed, ctx.costs, zone.assets.size(), false);
  PlanAction a;
  a.kind = ActionKind::MfaAccessApproval;
  a.phase = PlanPhase::Reach;
  a.where = zone.id;
  a.description = "MFA and explicit access approval for logins to " + site.assets[step.asset].id + " (zone " +
                  zone.id + ", login defence to SL " + std::to_string(reached) + "): " + joined(needed);
  a.closes = needed;
  a.cost = cover.cost;
  a.iso27001 = iso_for(needed);
  a.operations = json::array({{{"op", "add-countermeasure"}, {"target", zone.id}, {"requirements", needed}}});
  return a;
}

// Application allow-listing and malicious-code protection: the target zone's FR3 (what exploit
// steps meet) one level up.
std::optional<PlanAction> allow_list(const PlanContext& ctx, const models::Site& site,
                                     const models::SiteContext& sctx, Index asset) {
  const Index z = site.assets[asset].zone;
  const models::Zone& zone = site.zones[z];
  const int level = sctx.levels.zones[z].sl_a[2] + 1;
  if (level > 4) return std::nullopt;
  std::vector<std::string> needed = to_level(sctx.assessment.zones[z], 3, level, {});
  if (needed.empty()) return std::nullopt; // capped by a component's SL-C: requirements cannot help
  Cover cover = cover_requirements(needed, ctx.costs, zone.assets.size(), false);
  PlanAction a;
  a.kind = ActionKind::ApplicationAllowList;
  a.phase = PlanPhase::Reach;
  a.where = zone.id;
  a.description = "application allow-listing and malicious-code protection on " + zone.id + " (for " +
                  site.assets[asset].id + ", FR3 to SL " + std::to_string(level) + "): " + joined(needed);
  a.closes = needed;
  a.cost = cover.cost;
  a.iso27001 = iso_for(needed);
  a.operations = json::array({{{"op", "add-countermeasure"}, {"target", zone.id}, {"requirements", needed}}});
  return a;
}

// Whether turning inspection on enforces a read-only rule of conduit `c` against a command step
// into `asset`: some flow across `c` to it is allowed by a rule restricted to reads, on a
// protocol whose functions the inspecting device can tell apart.
bool enforces_read_only(const models::Site& site, const models::SiteContext& sctx, Index c, Index asset) {
  for (const models::Flow& f : sctx.access.flows()) {
    if (f.conduit != c || f.dst_asset != asset) continue;
    const models::Rule* rule = models::AccessMap::rule_of(site, f);
    if (rule && rule->read_only() &&
        models::protocol_knows_functions(site.assets[asset].services[f.service].protocol))
      return true;
  }
  return false;
}

// Inspection on a conduit acts where the crossing reads it: it enforces the conduit's read-only
// rules against command steps, and as intrusion prevention it is the conduit's FR3, which exploit
// steps meet. A rule that allows the flow already is the FR5 decision, so FR5 is not offered.
std::optional<PlanAction> inspection(const PlanContext& ctx, const models::Site& site,
                                     const models::SiteContext& sctx, const StepOnCut& step) {
  const Index c = step.conduit;
  const models::Conduit& conduit = site.conduits[c];
  const bool read_only = !conduit.inspection && uses(step, {"T0855", "T0812", "T0859", "T0843"}) &&
                         enforces_read_only(site, sctx, c, step.asset);
  // Enforcing a read-only rule is the cheap, decisive measure: offered alone; intrusion
  // prevention comes as the next candidate once the conduit inspects.
  std::vector<std::string> needed;
  int level = 0;
  if (!read_only && uses(step, {"T0866", "T0819"})) {
    level = sctx.levels.conduits[c].sl_a[2] + 1;
    if (level <= 4) needed = to_level(sctx.assessment.conduits[c], 3, level, {});
  }
  if (needed.empty() && !read_only) return std::nullopt;
  Cover cover = cover_requirements(needed, ctx.costs, 0, true);
  PlanAction a;
  a.kind = ActionKind::ProtocolInspection;
  a.phase = PlanPhase::Reach;
  a.where = conduit.id;
  a.description = "industrial-protocol inspection on conduit " + conduit.id;
  if (read_only) a.description += " enforcing its read-only rules against commands";
  if (!needed.empty())
    a.description += " with intrusion prevention to FR3 SL " + std::to_string(level) + ": " + joined(needed);
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
  add(mfa_access_approval(ctx, site, sctx, step));
  if (uses(step, {"T0866", "T0819"})) add(allow_list(ctx, site, sctx, step.asset));
  if (uses(step, {"T0812"})) add(default_credentials(ctx, site, step.asset));
  if (step.conduit != kNone && !site.conduits[step.conduit].direction) add(inspection(ctx, site, sctx, step));
  return out;
}

} // namespace zonepath::scenarios::detail
