// How OT boundaries shape attack steps (docs/threat-model.md, "Boundaries"): data diodes pass
// only one-way means over UDP, inspected read-only rules stop command means, credential steps
// meet MFA and access approval on the conduit, a dual-homed host bridges its zones, every
// critical dimension makes a crown jewel and denial-of-service-only vulnerabilities give no
// foothold. Every probability is worked out by hand from models/data/threat-model.json: tier 2
// generic exploit 0.03, tier 4 0.25; remote service 0.3; unauthenticated protocol 0.95; tier 2
// against defence levels 0..4: 1, 0.8, 0.5, 0.15, 0.05.
#include <gtest/gtest.h>

#include <map>

#include "finding_fixture.hpp"
#include "site_fixture.hpp"
#include "zonepath/core/reach_probability.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/findings.hpp"
#include "zonepath/models/site_graph.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

std::multimap<std::string, double> edges_between(const SiteGraph& sg, const std::string& from,
                                                 const std::string& to) {
  std::multimap<std::string, double> out;
  NodeId u = sg.graph.find(from), v = sg.graph.find(to);
  if (u == kNoNode || v == kNoNode) return out;
  for (EdgeId e = sg.graph.out_begin(u); e < sg.graph.out_end(u); ++e)
    if (sg.graph.to(e) == v) out.emplace(std::string(sg.graph.technique(e)), sg.graph.p(e));
  return out;
}

SiteGraph graph_of(const Site& site, std::size_t actor = 0) {
  auto ctx = SiteContext::make(site);
  return build_site_graph(ctx, site.threat_actors[actor]);
}

double reach(const Site& site, const std::string& target, std::size_t actor = 0) {
  auto sg = graph_of(site, actor);
  NodeId t = sg.graph.find(target);
  ReachOptions opt;
  opt.method = ReachMethod::Exact;
  return reach_probability(sg.graph, sg.sources, std::span<const NodeId>(&t, 1), opt).targets[0].probability;
}

using fixture::of_rule;

// A cell that sends data up to the enterprise network through a diode; the enterprise side
// has an RDP/SSH host and a BACnet/IP (UDP, unauthenticated) receiver with a critical bug.
Site diode_plant(const std::string& start, int tier, const std::string& diode_extra = "") {
  return fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise"}, {"id": "cell", "kind": "control"}])",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}, {"protocol": "ssh"}]},
          {"id": "rx", "zone": "ent", "type": "server", "services": [{"protocol": "bacnet"}],
           "vulnerabilities": [{"id": "CVE-X", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}, {"protocol": "bacnet"}]},
          {"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "rdp"}]}])",
      R"([{"id": "diode", "zones": ["ent", "cell"], "kind": "data-diode", "direction": "cell->ent")" +
          diode_extra + "}]",
      R"([{"id": "t", "sophistication": )" + std::to_string(tier) + R"(, "starts": [")" + start + R"("]}])");
}

} // namespace

TEST(Boundaries, NothingInteractiveCrossesADiode) {
  // Above the diode (its destination side): nothing at all reaches the cell.
  auto up = graph_of(diode_plant("ent", 4));
  for (const char* target : {"plc", "hmi"}) EXPECT_TRUE(edges_between(up, "ent", target).empty()) << target;
  EXPECT_DOUBLE_EQ(reach(diode_plant("ent", 4), "plc"), 0.0);
  // In the diode's own direction: no RDP or SSH session, no exploit over TCP.
  auto down = graph_of(diode_plant("cell", 4));
  EXPECT_TRUE(edges_between(down, "cell", "ws").empty());
  // Only the one-way means against the UDP receiver: the critical bug (exploitability 3.887,
  // p 1), the unauthenticated BACnet write (0.95) and the generic exploit of tier 4 (0.25).
  auto rx = edges_between(down, "cell", "rx");
  ASSERT_EQ(rx.size(), 3u);
  EXPECT_DOUBLE_EQ(rx.find("T0866")->second + std::next(rx.find("T0866"))->second, 1.0 + 0.25);
  EXPECT_DOUBLE_EQ(rx.find("T0855")->second, 0.95);
}

TEST(Boundaries, FiveIsCountedOnceARuleLessDiodeMeetsItsFr5) {
  // FR5 SL-A 1 on the diode (SR 5.1..5.4). The bare diode's crossing is decided by no rule, so
  // it meets conduit_fr (FR5): tier 2 against level 1 = 0.8; the BACnet write 0.95 x 0.8.
  const std::string fr5 = R"(, "countermeasures": ["SR 5.1", "SR 5.2", "SR 5.3", "SR 5.4"])";
  auto bare = edges_between(graph_of(diode_plant("cell", 2, fr5)), "cell", "rx");
  EXPECT_DOUBLE_EQ(bare.find("T0855")->second, 0.95 * 0.8);
  // The same diode with an explicit allow rule: the rule is the FR5 decision, not counted again.
  auto ruled = edges_between(
      graph_of(diode_plant(
          "cell", 2,
          fr5 + R"(, "rules": [{"priority": 1, "action": "allow", "from": "cell", "to": "ent"}])")),
      "cell", "rx");
  EXPECT_DOUBLE_EQ(ruled.find("T0855")->second, 0.95);
}

namespace {

// A control zone writing into the SIS over Modbus/TCP under a read-only rule; the engineering
// workstation is allowed to write.
Site sis_plant(bool inspection) {
  return fixture::make_site(
      R"([{"id": "ctl", "kind": "control"}, {"id": "sis", "kind": "safety"}])",
      R"([{"id": "ews", "zone": "ctl", "type": "engineering-workstation"},
          {"id": "sis-plc", "zone": "sis", "type": "sis", "services": [{"protocol": "modbus-tcp"}]}])",
      R"([{"id": "ctl-sis", "zones": ["ctl", "sis"], "inspection": )" +
          std::string(inspection ? "true" : "false") +
          R"(, "rules": [
            {"priority": 1, "action": "allow", "from": "ctl", "to": "sis", "src_assets": ["ews"], "protocols": ["modbus-tcp"]},
            {"priority": 2, "action": "allow", "from": "ctl", "to": "sis", "protocols": ["modbus-tcp"], "functions": ["read"]}]}])",
      R"([{"id": "t", "sophistication": 2, "starts": ["ctl"]}, {"id": "e", "sophistication": 2, "starts": ["ews"]}])");
}

} // namespace

TEST(Boundaries, InspectedReadOnlyRuleStopsCommandMeans) {
  // Inspected: from the control network only the generic exploit (0.03) passes; no T0855.
  auto enforced = edges_between(graph_of(sis_plant(true)), "ctl", "sis-plc");
  ASSERT_EQ(enforced.size(), 1u);
  EXPECT_DOUBLE_EQ(enforced.find("T0866")->second, 0.03);
  EXPECT_NEAR(reach(sis_plant(true), "sis-plc"), 0.03, 1e-12);
  // The workstation's own write rule keeps its command step.
  EXPECT_DOUBLE_EQ(edges_between(graph_of(sis_plant(true), 1), "ews", "sis-plc").find("T0855")->second, 0.95);
  EXPECT_TRUE(of_rule(sis_plant(true), "read-only-not-enforced").empty());
  // Not inspected: the rule is intent only; Modbus writes pass: 1 - 0.05 x 0.97 = 0.9515.
  auto open = edges_between(graph_of(sis_plant(false)), "ctl", "sis-plc");
  EXPECT_DOUBLE_EQ(open.find("T0855")->second, 0.95);
  EXPECT_NEAR(reach(sis_plant(false), "sis-plc"), 0.9515, 1e-12);
  auto f = of_rule(sis_plant(false), "read-only-not-enforced");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].conduit, "ctl-sis");
  EXPECT_EQ(f[0].severity, Severity::High); // the SIS side
  EXPECT_NE(f[0].message.find("read-only intent not enforced"), std::string::npos);
}

TEST(Boundaries, NoReadOnlyFindingOnAConduitThatCarriesNothing) {
  // The same conduit disabled as a what-if does it: a deny-all rule evaluated first.
  auto disabled = fixture::make_site(
      R"([{"id": "ctl", "kind": "control"}, {"id": "sis", "kind": "safety"}])",
      R"([{"id": "sis-plc", "zone": "sis", "type": "sis", "services": [{"protocol": "modbus-tcp"}]}])",
      R"([{"id": "ctl-sis", "zones": ["ctl", "sis"], "rules": [
            {"priority": 0, "action": "deny", "from": "*", "to": "*"},
            {"priority": 2, "action": "allow", "from": "ctl", "to": "sis", "protocols": ["modbus-tcp"], "functions": ["read"]}]}])",
      R"([{"id": "t", "sophistication": 2, "starts": ["ctl"]}])");
  EXPECT_TRUE(of_rule(disabled, "read-only-not-enforced").empty());
  EXPECT_EQ(of_rule(sis_plant(false), "read-only-not-enforced").size(), 1u);
}

TEST(Boundaries, FunctionsNeedAProtocolThatHasThem) {
  auto bad = [](const std::string& rule) {
    return [rule] {
      fixture::make_site(R"([{"id": "a", "kind": "control"}, {"id": "b", "kind": "safety"}])", "[]",
                         R"([{"id": "c", "zones": ["a", "b"], "rules": [)" + rule + "]}]");
    };
  };
  EXPECT_THROW(
      bad(R"({"priority": 1, "action": "allow", "from": "a", "to": "b", "protocols": ["http"], "functions": ["read"]})")(),
      ValidationError);
  EXPECT_THROW(bad(R"({"priority": 1, "action": "allow", "from": "a", "to": "b", "functions": ["read"]})")(),
               ValidationError);
  EXPECT_THROW(
      bad(R"({"priority": 1, "action": "allow", "from": "a", "to": "b", "protocols": ["s7comm"], "functions": ["rea"]})")(),
      ValidationError);
  EXPECT_NO_THROW(bad(
      R"({"priority": 1, "action": "allow", "from": "a", "to": "b", "protocols": ["s7comm", "opc-ua"], "functions": ["read"]})")());
}

namespace {

// The vendor reaches a jump host over the remote-access conduit.
Site vendor_plant(const std::string& vpn_requirements) {
  return fixture::make_site(
      R"([{"id": "vendor", "kind": "vendor"}, {"id": "ops", "kind": "operations"}])",
      R"([{"id": "jump", "zone": "ops", "type": "jump-host", "services": [{"protocol": "rdp"}]}])",
      R"([{"id": "vpn", "zones": ["vendor", "ops"], "kind": "vpn")" + vpn_requirements +
          R"(, "rules": [{"priority": 1, "action": "allow", "from": "vendor", "to": "ops", "protocols": ["rdp"]}]}])",
      R"([{"id": "v", "sophistication": 2, "starts": ["vendor"]}])");
}

} // namespace

TEST(Boundaries, MfaAndApprovalOnTheRemoteAccessConduitLowerTheVendorsReach) {
  // Nothing on the conduit: RDP from an external zone 0.3 and generic exploit 0.03:
  // 1 - 0.7 x 0.97 = 0.321.
  double none = reach(vendor_plant(""), "jump");
  EXPECT_NEAR(none, 0.321, 1e-12);
  // MFA for untrusted networks (SR 1.1 RE 2, an SL3 enhancement): tier 2 against level 3 =
  // 0.15, RDP 0.3 x 0.15 = 0.045; the exploit does not meet a login: 1 - 0.955 x 0.97.
  double mfa = reach(vendor_plant(R"(, "countermeasures": ["SR 1.1 RE 2"])"), "jump");
  EXPECT_NEAR(mfa, 1 - 0.955 * 0.97, 1e-12);
  // Per-session approval (SR 1.13 RE 1, SL2): 0.3 x 0.5 = 0.15: 1 - 0.85 x 0.97.
  double approval = reach(vendor_plant(R"(, "countermeasures": ["SR 1.13 RE 1"])"), "jump");
  EXPECT_NEAR(approval, 1 - 0.85 * 0.97, 1e-12);
  EXPECT_LT(mfa, approval);
  EXPECT_LT(approval, none);
  // A proposed control earns no credit: no change.
  double proposed = reach(
      vendor_plant(
          R"(, "compensating": [{"requirement": "SR 1.1 RE 2", "control": "MFA", "status": "proposed"}])"),
      "jump");
  EXPECT_NEAR(proposed, none, 1e-12);
  // FR5 SL-A 1 on the conduit does not count again on the flow its rule allows.
  double fr5 =
      reach(vendor_plant(R"(, "countermeasures": ["SR 5.1", "SR 5.2", "SR 5.3", "SR 5.4"])"), "jump");
  EXPECT_NEAR(fr5, none, 1e-12);
}

namespace {

Site dual_homed_plant(const std::string& laptop_extra) {
  return fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise"}, {"id": "cell", "kind": "control"}])",
      R"([{"id": "laptop", "zone": "ent", "type": "engineering-workstation", "services": [{"protocol": "rdp"}])" +
          laptop_extra + R"(},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}])",
      R"([{"id": "fw", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "deny", "from": "*", "to": "*"}]}])",
      R"([{"id": "t", "sophistication": 2, "starts": ["ent"]}])");
}

} // namespace

TEST(Boundaries, DualHomedHostBridgesZonesPastTheConduit) {
  // Single-homed: the firewall denies everything, the PLC is out of reach.
  EXPECT_DOUBLE_EQ(reach(dual_homed_plant(""), "plc"), 0.0);
  EXPECT_TRUE(of_rule(dual_homed_plant(""), "dual-homed-bypasses-conduit").empty());
  // With an interface in the cell: RDP inside the enterprise zone (T0886 0.3, exploit 0.03)
  // takes the laptop, which gives the cell network; Modbus 0.95 or exploit 0.03 the PLC:
  // (1 - 0.7 x 0.97) x (1 - 0.05 x 0.97) = 0.321 x 0.9515 = 0.3054315.
  auto site = dual_homed_plant(R"(, "extra_zones": ["cell"])");
  EXPECT_NEAR(reach(site, "plc"), 0.3054315, 1e-12);
  auto sg = graph_of(site);
  EXPECT_DOUBLE_EQ(edges_between(sg, "laptop", "cell").find("T0846")->second, 1.0);
  EXPECT_DOUBLE_EQ(edges_between(sg, "cell", "laptop").find("T0886")->second,
                   0.3); // reachable from the cell too
  auto flows = AccessMap::compute(site).flows();
  bool from_cell = false;
  for (const auto& f : flows)
    from_cell =
        from_cell || (site.assets[f.dst_asset].id == "laptop" && f.conduit == kNone && f.dst_zone == 1);
  EXPECT_TRUE(from_cell);
  auto f = of_rule(site, "dual-homed-bypasses-conduit");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].asset, "laptop");
  EXPECT_EQ(f[0].conduit, "fw");
  EXPECT_EQ(f[0].severity, Severity::Critical);
  EXPECT_EQ(f[0].requirement, "SR 5.1");
  EXPECT_EQ(f[0].zcr, "ZCR 3");
  EXPECT_NE(f[0].message.find("ent, cell"), std::string::npos);
  EXPECT_NE(f[0].message.find("fw (no allow rule)"), std::string::npos);
  // Its own zone listed again is an error.
  EXPECT_THROW(dual_homed_plant(R"(, "extra_zones": ["ent"])"), ValidationError);
}

TEST(Boundaries, EveryCriticalDimensionMakesACrownJewel) {
  auto site = [](const std::string& models) {
    return fixture::make_site(
        R"([{"id": "lab", "kind": "operations"}])",
        R"([{"id": "lims", "zone": "lab", "type": "server", "consequence": {"regulatory": 5}},
            {"id": "erp", "zone": "lab", "type": "server", "consequence": {"financial": 3, "confidentiality": 4}},
            {"id": "pc", "zone": "lab", "type": "workstation", "consequence": {"production": 3}}])",
        "[]", "[]", models);
  };
  auto plain = site("");
  EXPECT_EQ(crown_jewels(plain), (std::vector<Index>{0, 1}));
  EXPECT_EQ(crown_jewel_reason(plain, 0), "regulatory 5");
  EXPECT_EQ(crown_jewel_reason(plain, 1), "confidentiality 4");
  EXPECT_EQ(crown_jewel_reason(plain, 2), "");
  // The owner's consequence model decides which dimensions are critical.
  auto owner =
      site(R"(, "models": {"consequence": {"crown_jewels": {"regulatory": null, "production": 3}}})");
  EXPECT_EQ(crown_jewels(owner), (std::vector<Index>{1, 2}));
}

TEST(Boundaries, AvailabilityOnlyVulnerabilityGivesNoFoothold) {
  auto site = [](const std::string& cvss) {
    return fixture::make_site(
        R"([{"id": "ent", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}])",
        R"([{"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "opc-ua"}],
             "vulnerabilities": [{"id": "CVE-DOS", "cvss": ")" +
            cvss + R"("}]}])",
        R"([{"id": "c", "zones": ["ent", "ops"], "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "ops"}]}])",
        R"([{"id": "t", "sophistication": 2, "starts": ["ent"]}])");
  };
  // OPC UA login (valid accounts 0.2) and the generic exploit (0.03); the DoS adds nothing.
  auto dos = edges_between(graph_of(site("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")), "ent", "hist");
  EXPECT_EQ(dos.size(), 2u);
  EXPECT_NEAR(reach(site("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"), "hist"), 1 - 0.8 * 0.97, 1e-12);
  // The same vector with integrity impact is a foothold (p 1).
  auto rce = edges_between(graph_of(site("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H")), "ent", "hist");
  EXPECT_EQ(rce.size(), 3u);
  EXPECT_DOUBLE_EQ(reach(site("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H"), "hist"), 1.0);
}

TEST(Boundaries, EveryStepNamesWhatItUses) {
  auto site = fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}])",
      R"([{"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "rdp"},
           {"protocol": "opc-ua", "port": 4841}],
           "vulnerabilities": [{"id": "CVE-2019-0708", "service": "rdp",
                                "cvss": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}])",
      R"([{"id": "c", "zones": ["ent", "ops"], "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "ops"}]}])",
      R"([{"id": "t", "sophistication": 2, "starts": ["ent"]}])");
  auto sg = graph_of(site);
  NodeId u = sg.graph.find("ent"), v = sg.graph.find("hist");
  std::multimap<std::string, std::string> used; // means -> "service/port vulnerability"
  for (EdgeId e = sg.graph.out_begin(u); e < sg.graph.out_end(u); ++e)
    if (sg.graph.to(e) == v) {
      const StepDetail& d = sg.graph.detail(e);
      used.emplace(d.means, d.service + "/" + std::to_string(d.port) + " " + d.vulnerability);
    }
  // RDP on its catalog port 3389 (the exploit, the remote login, the generic exploit), OPC UA on
  // the declared 4841 (a login, the generic exploit).
  const std::multimap<std::string, std::string> expected = {{"known-vulnerability", "rdp/3389 CVE-2019-0708"},
                                                            {"remote-service", "rdp/3389 "},
                                                            {"generic-exploit", "rdp/3389 "},
                                                            {"valid-accounts", "opc-ua/4841 "},
                                                            {"generic-exploit", "opc-ua/4841 "}};
  EXPECT_EQ(used, expected);
}

TEST(Boundaries, UserInteractionNeedsAUserAndATierThatCraftsALure) {
  auto site = [](int tier, const std::string& type) {
    return fixture::make_site(
        R"([{"id": "ent", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}])",
        R"([{"id": "host", "zone": "ops", "type": ")" + type + R"(", "services": [{"protocol": "https"}],
             "vulnerabilities": [{"id": "CVE-UI", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"}]}])",
        R"([{"id": "c", "zones": ["ent", "ops"], "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "ops"}]}])",
        R"([{"id": "t", "sophistication": )" + std::to_string(tier) + R"(, "starts": ["ent"]}])");
  };
  // CVSS v3.1 exploitability 8.22 x 0.85 x 0.77 x 0.85 x 0.62 (UI:R), over 3.887; the lure
  // succeeds 0 / 0.3 / 0.6 / 0.9 of the time by tier (threat-model.json).
  const double ratio = 8.22 * 0.85 * 0.77 * 0.85 * 0.62 / 3.887;
  EXPECT_EQ(edges_between(graph_of(site(1, "workstation")), "ent", "host").count("T0863"), 0u);
  auto tier3 = edges_between(graph_of(site(3, "workstation")), "ent", "host");
  ASSERT_EQ(tier3.count("T0863"), 1u);
  EXPECT_NEAR(tier3.find("T0863")->second, ratio * 0.6, 1e-6);
  EXPECT_EQ(tier3.count("T0866"), 1u); // the generic exploit stays
  // Nobody at a historian opens the lure.
  EXPECT_EQ(edges_between(graph_of(site(4, "historian")), "ent", "host").count("T0863"), 0u);
}

TEST(Boundaries, AvailabilityOnlyVulnerabilityIsADenialOfServiceConsequence) {
  auto site = fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}, {"id": "cell", "kind": "control"}])",
      R"([{"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "opc-ua"}],
           "vulnerabilities": [{"id": "CVE-DOS", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},
                               {"id": "CVE-RCE", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "vulnerabilities": [{"id": "CVE-PLC-DOS", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}]}])",
      R"([{"id": "c", "zones": ["ent", "ops"], "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "ops"}]}])",
      R"([{"id": "t", "sophistication": 2, "starts": ["ent"]}])");
  AnalysisOptions opt;
  opt.samples = 200;
  const Report r = analyze_site(site, opt);
  // The actor stands in ent (probability 1), which reaches the historian's OPC UA: one entry,
  // the DoS only (the RCE is an attack step). The PLC's cell is reached by no flow: none.
  ASSERT_EQ(r.denial_of_service.size(), 1u);
  const DosExposure& d = r.denial_of_service[0];
  EXPECT_EQ(d.asset, "hist");
  EXPECT_EQ(d.vulnerability, "CVE-DOS");
  EXPECT_EQ(d.service, "opc-ua");
  EXPECT_EQ(d.port, 4840);
  EXPECT_EQ(d.threat, "t");
  EXPECT_DOUBLE_EQ(d.probability, 1.0);
}
