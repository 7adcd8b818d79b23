// The planner keeps the plant running: required flows are never stopped, measures that lower a
// step's probability without cutting a flow are candidates (and win when cheaper), nothing is
// proposed that buys nothing, and one actor named or all actors give the same plan when the
// site has one actor.
#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "tiny_sites.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/required_flows.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/compare.hpp"
#include "zonepath/scenarios/diff.hpp"
#include "zonepath/scenarios/generate_site.hpp"
#include "zonepath/scenarios/plan.hpp"

namespace zonepath::scenarios {
namespace {

using json = nlohmann::json;

PlanOptions quiet(std::uint64_t samples = 4000) {
  PlanOptions o;
  o.samples = samples;
  o.close_gaps = false;
  return o;
}

void expect_all_carried(const Plan& p) {
  ASSERT_EQ(p.flows_after.size(), p.required_flows.size());
  for (std::size_t i = 0; i < p.required_flows.size(); ++i) {
    if (p.flows_before[i] != models::FlowState::Carried) continue;
    EXPECT_EQ(p.flows_after[i], models::FlowState::Carried)
        << models::required_flow_text(p.required_flows[i]);
  }
}

// internet -> plc Modbus/TCP telemetry is the only path and the plant needs it: neither the deny
// (1 day) nor the restriction (2) may be taken. The rule allows reads only, but fw does not
// inspect: protocol inspection on fw (5 days, nothing else) enforces it, so the Modbus command
// step (T0855, 0.95) is gone and only the tier-2 generic exploit (0.03, no FR3 defence) is left:
// reach 1 - 0.05 x 0.97 = 0.9515 -> 0.03.
TEST(PlanFlows, RequiredFlowIsNeverCutInspectionInstead) {
  json site = tiny::one_rule_site();
  site["conduits"][0]["rules"][0]["functions"] = json::array({"read"});
  site["required_flows"] = json::parse(
      R"([{"from": "internet", "to": "plc", "protocol": "modbus-tcp", "reason": "telemetry", "owner": "ops"}])");
  PlanOptions o = quiet();
  o.max_actions = 1;
  Plan p = plan_remediation(site, "one-rule.json", o);
  ASSERT_EQ(p.actions.size(), 1u);
  const PlanAction& a = p.actions[0];
  EXPECT_EQ(a.kind, ActionKind::ProtocolInspection);
  EXPECT_EQ(a.where, "fw");
  EXPECT_FALSE(a.cuts_flows);
  EXPECT_DOUBLE_EQ(a.cost, 5.0);
  EXPECT_TRUE(a.closes.empty());
  ASSERT_EQ(p.targets.size(), 1u);
  EXPECT_NEAR(p.targets[0].before, 0.9515, 0.015);
  EXPECT_NEAR(p.targets[0].achieved, 0.03, 0.01);
  EXPECT_TRUE(p.verified);
  expect_all_carried(p);
  // The cuts were considered and ruled out, each naming the flow it would stop.
  auto ruled_out = [&](ActionKind k) {
    return std::any_of(p.rejected.begin(), p.rejected.end(), [&](const RejectedAction& r) {
      return r.kind == k && r.breaks.size() == 1 && r.breaks[0].to == "plc";
    });
  };
  EXPECT_TRUE(ruled_out(ActionKind::BlockFlow));
  EXPECT_TRUE(ruled_out(ActionKind::RestrictAccess));

  // A rule that allows writes too: inspection enforces nothing, and the conduit's FR5 is never
  // offered, since the allow rule already is the FR5 decision a crossing meets.
  json writes = tiny::one_rule_site();
  writes["required_flows"] = site["required_flows"];
  for (const auto& action : plan_remediation(writes, "one-rule.json", o).actions)
    for (const auto& r : action.closes) EXPECT_NE(r.rfind("SR 5.", 0), 0u) << action.description;

  // Without the required flow the 1-day deny is the plan, as before.
  Plan free = plan_remediation(tiny::one_rule_site(), "one-rule.json", quiet(500));
  ASSERT_EQ(free.actions.size(), 1u);
  EXPECT_EQ(free.actions[0].kind, ActionKind::BlockFlow);
}

// Vendor RDP into a DMZ jump host, the jump host's Modbus to the PLC: both required. The cuts
// are ruled out; MFA and access approval on the jump host's zone (the RDP step meets MFA's
// level 3, SR 1.1 RE 2: 0.3 -> 0.3 x 0.15) and inspection with intrusion prevention on either
// conduit (the generic exploit meets its FR3: 0.03 -> 0.03 x 0.8) compete on risk reduction
// per cost, so the cheaper one wins.
json remote_site() {
  return json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "remote"},
    "zones": [{"id": "vendor", "kind": "vendor"}, {"id": "dmz", "kind": "dmz"},
              {"id": "cell", "kind": "control"}],
    "assets": [{"id": "jump", "zone": "dmz", "type": "jump-host", "services": [{"protocol": "rdp"}]},
               {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "vpn", "zones": ["vendor", "dmz"],
                  "rules": [{"priority": 1, "action": "allow", "from": "vendor", "to": "dmz", "protocols": ["rdp"]}]},
                 {"id": "fw", "zones": ["dmz", "cell"],
                  "rules": [{"priority": 1, "action": "allow", "from": "dmz", "to": "cell", "src_assets": ["jump"],
                             "protocols": ["modbus-tcp"]}]}],
    "threat_actors": [{"id": "oem", "sophistication": 2, "starts": ["vendor"]}],
    "required_flows": [
      {"from": "vendor", "to": "jump", "protocol": "rdp", "reason": "remote support", "owner": "ops"},
      {"from": "jump", "to": "plc", "protocol": "modbus-tcp", "reason": "remote support", "owner": "ops"}]
  })");
}

TEST(PlanFlows, MfaWhenCheaperThanInspection) {
  PlanOptions o = quiet();
  o.max_actions = 1;
  o.cost_model = {{"protocol_inspection", {{"cost", 500}}},
                  {"conduit_requirement", {{"sr", 500}, {"re", 500}}}};
  Plan mfa = plan_remediation(remote_site(), "remote.json", o);
  ASSERT_EQ(mfa.actions.size(), 1u);
  EXPECT_EQ(mfa.actions[0].kind, ActionKind::MfaAccessApproval);
  EXPECT_EQ(mfa.actions[0].where, "dmz");
  EXPECT_FALSE(mfa.actions[0].cuts_flows);
  for (const char* r : {"SR 1.1", "SR 1.1 RE 2", "SR 1.13", "SR 1.13 RE 1"})
    EXPECT_NE(std::find(mfa.actions[0].closes.begin(), mfa.actions[0].closes.end(), r),
              mfa.actions[0].closes.end())
        << r;
  EXPECT_LT(mfa.targets[0].achieved, mfa.targets[0].before);
  expect_all_carried(mfa);

  o.cost_model = {{"protocol_inspection", {{"cost", 0}}},
                  {"conduit_requirement", {{"sr", 0.1}, {"re", 0.1}}},
                  {"requirement", {{"sr", 500}, {"re", 500}}},
                  {"packages", json::array()}};
  Plan insp = plan_remediation(remote_site(), "remote.json", o);
  ASSERT_EQ(insp.actions.size(), 1u);
  EXPECT_EQ(insp.actions[0].kind, ActionKind::ProtocolInspection);
  expect_all_carried(insp);
}

// Every action taken buys something: a lower risk or a closed gap. The SL-C shortfall control is
// proposed (no credit until verified) and adding requirements to a zone capped by its PLC's
// SL-C moves nothing: neither is proposed.
TEST(PlanFlows, NoActionWithoutVerifiedBenefit) {
  json site = tiny::legacy_plc_site();
  site["zones"][0]["sl_t"] = 2;
  site["assets"][1]["sl_c"] = 0;
  PlanOptions o = quiet(500);
  o.close_gaps = true;
  Plan p = plan_remediation(site, "legacy.json", o);
  ASSERT_FALSE(p.actions.empty());
  for (const auto& a : p.actions) {
    EXPECT_TRUE(a.risk_before - a.risk_after > 1e-12 || a.gap_reduction > 0) << a.description;
    EXPECT_NE(a.kind, ActionKind::CompensateSlC);
    EXPECT_NE(a.kind, ActionKind::AddRequirements) << a.description; // SL-C 0 caps every FR
  }
  EXPECT_FALSE(p.dropped.empty());
  EXPECT_TRUE(p.verified);
}

TEST(PlanFlows, OneActorNamedOrAllGiveTheSamePlan) {
  PlanOptions all = quiet(500), one = quiet(500);
  one.threats = {"oem"};
  all.close_gaps = one.close_gaps = true;
  EXPECT_EQ(plan_to_json(plan_remediation(remote_site(), "remote.json", all)),
            plan_to_json(plan_remediation(remote_site(), "remote.json", one)));
  PlanOptions bad = quiet(10);
  bad.threats = {"nobody"};
  EXPECT_THROW(plan_remediation(remote_site(), "remote.json", bad), ModelError);
}

TEST(PlanFlows, OptionFlowsNamingWhatTheSiteLacksAreAnError) {
  PlanOptions o = quiet(10);
  o.required_flows = required_flows_from_json(
      json::parse(R"({"required_flows": [{"from": "vendor", "to": "plc", "protocol": "s7comm"}]})"));
  EXPECT_THROW(plan_remediation(remote_site(), "remote.json", o), ModelError);
  EXPECT_THROW(required_flows_from_json(json::parse(R"([{"from": "vendor", "to": 3}])"), "f.json"),
               ValidationError);
}

// Property: on generated plants with a share of their conduit flows declared required, no plan
// stops one of them.
TEST(PlanFlows, GeneratedSitesKeepEveryRequiredFlow) {
  for (std::uint64_t seed : {3u, 8u}) {
    GenerateOptions g;
    g.assets = 100;
    g.seed = seed;
    std::ostringstream text;
    generate_site(g, text);
    json site = json::parse(text.str());
    auto loaded = models::load_site_json(site, "generated.json");
    models::AccessMap access = models::AccessMap::compute(*loaded);
    json flows = json::array();
    std::size_t n = 0;
    for (const auto& f : access.flows()) {
      if (f.conduit == models::kNone || n++ % 3 != 0) continue;
      const auto& dst = loaded->assets[f.dst_asset];
      std::string from =
          f.src_asset != models::kNone ? loaded->assets[f.src_asset].id : loaded->zones[f.src_zone].id;
      flows.push_back({{"from", from}, {"to", dst.id}, {"protocol", dst.services[f.service].protocol}});
    }
    ASSERT_GT(flows.size(), 5u);
    site["required_flows"] = flows;
    PlanOptions o = quiet(100);
    o.threats = {loaded->threat_actors.front().id};
    o.max_actions = 4;
    Plan p = plan_remediation(site, "generated.json", o);
    EXPECT_EQ(p.required_flows.size(), flows.size());
    expect_all_carried(p);
    for (const auto& a : p.actions) EXPECT_GT(a.risk_before - a.risk_after, 1e-12) << a.description;
  }
}

} // namespace
} // namespace zonepath::scenarios

namespace zonepath::scenarios {
namespace {

// A what-if that denies the vendor's RDP stops one of the two required flows; the diff says so
// (JSON and the first line of the text), and a change that keeps both says that too.
TEST(RequiredFlowsDiff, WhatifReportsTheFlowItStops) {
  auto base = models::load_site_json(remote_site(), "remote.json");
  json changed = remote_site();
  changed["conduits"][0]["rules"][0]["action"] = "deny";
  auto after = models::load_site_json(changed, "remote.json");
  models::AnalysisOptions opt;
  opt.samples = 50;
  ReportDiff d =
      diff_reports(*base, models::analyze_site(*base, opt), *after, models::analyze_site(*after, opt));
  EXPECT_EQ(d.required_flows, 2u);
  ASSERT_EQ(d.required_flows_broken.size(), 1u);
  EXPECT_EQ(d.required_flows_broken[0].flow.to, "jump");
  EXPECT_EQ(d.required_flows_broken[0].after, models::FlowState::Blocked);
  EXPECT_EQ(diff_to_json(d)["required_flows"]["broken"][0]["reason"], "remote support");
  std::string text = diff_to_text(d);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "REQUIRED FLOWS STOPPED: 1 of 2: vendor -> jump rdp [remote support]");

  ReportDiff same =
      diff_reports(*base, models::analyze_site(*base, opt), *base, models::analyze_site(*base, opt));
  EXPECT_TRUE(same.required_flows_broken.empty());
  EXPECT_EQ(required_flows_line(same), "Required flows: all 2 still carried\n");
}

} // namespace
} // namespace zonepath::scenarios

namespace zonepath::scenarios {
namespace {

// Design A keeps the SIS behind a deny-all conduit; design B merges the enterprise and SIS
// zones into one flat zone. B has fewer zones, so zone totals are not compared; the SIS reach
// rises from 0 and is listed first; the merge is a finding of its own: ws -> sis Modbus and
// sis -> ws RDP now run inside one zone with no conduit and no rule (2 flows).
TEST(CompareInvariants, MergedZonesShowSisReachFirstAndTheMergeFinding) {
  json a = json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "plant"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
              {"id": "sis", "kind": "safety"}],
    "assets": [{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}],
                "consequence": {"production": 2}},
               {"id": "sis-1", "zone": "sis", "type": "sis", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "inet-ent", "zones": ["internet", "ent"],
                  "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "ent"}]},
                 {"id": "ent-sis", "zones": ["ent", "sis"],
                  "rules": [{"priority": 1, "action": "deny", "from": "*", "to": "*"}]}],
    "threat_actors": [{"id": "apt", "sophistication": 4, "starts": ["internet"]}]
  })");
  json b = a;
  b["zones"] =
      json::parse(R"([{"id": "internet", "kind": "untrusted"}, {"id": "plant", "kind": "enterprise"}])");
  b["assets"][0]["zone"] = "plant";
  b["assets"][1]["zone"] = "plant";
  b["conduits"] = json::parse(R"([{"id": "inet-ent", "zones": ["internet", "plant"],
      "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "plant"}]}])");
  auto sa = models::load_site_json(a, "a.json"), sb = models::load_site_json(b, "b.json");
  models::AnalysisOptions opt;
  opt.samples = 2000;
  DesignComparison c = compare_designs(sa, sb, opt, load_cost_model());
  EXPECT_FALSE(c.same_zones);
  ASSERT_FALSE(c.jewels.empty());
  EXPECT_EQ(c.jewels[0].id, "sis-1");
  EXPECT_EQ(*c.jewels[0].reach.before, 0.0);
  EXPECT_GT(*c.jewels[0].reach.after, 0.2); // RDP (0.3) then unauthenticated Modbus (0.95)
  ASSERT_EQ(c.merge_findings.size(), 1u);
  EXPECT_EQ(c.merge_findings[0].rule, "zone-merge-uncontrolled-flows");
  EXPECT_EQ(c.merge_findings[0].zone, "plant");
  EXPECT_NE(c.merge_findings[0].message.find(" 2 host-to-service flows"), std::string::npos)
      << c.merge_findings[0].message;
  EXPECT_EQ(c.diff.findings_added.front().rule, "zone-merge-uncontrolled-flows");
  std::string text = comparison_to_text(c);
  EXPECT_NE(text.find("not comparable"), std::string::npos);
  json j = comparison_to_json(c);
  EXPECT_EQ(j["crown_jewels"][0]["id"], "sis-1");
  EXPECT_EQ(j["zone_totals_comparable"], false);
  // The same design against itself: nothing merged, zones comparable.
  DesignComparison same = compare_designs(sa, sa, opt, load_cost_model());
  EXPECT_TRUE(same.same_zones);
  EXPECT_TRUE(same.merge_findings.empty());
}

} // namespace
} // namespace zonepath::scenarios
