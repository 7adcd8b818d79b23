// Findings 11-13 (docs/findings.md): a DMZ host with a direct flow to Level 1/0, a safety
// controller programmable from outside its zone, a control controller that can write to the SIS.
// Each case is a three-zone plant whose flows are known by construction.
#include <gtest/gtest.h>

#include "finding_fixture.hpp"
#include "site_fixture.hpp"
#include "zonepath/models/findings.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

using fixture::of_rule;

// Internet -> dmz (https to the web server), dmz -> cell (the rule under test), cell <-> sis
// (the rule under test). The cell holds an EWS and a PLC; the SIS an S7 safety controller.
Site plant(const std::string& dmz_cell_rule, const std::string& cell_sis_rule,
           const std::string& cell_sis_extra = "",
           const std::string& inet_rule = R"({"priority": 1, "action": "allow", "from": "inet", "to": "dmz",
                                               "protocols": ["https"]})") {
  return fixture::make_site(
      R"([{"id": "inet", "kind": "untrusted"}, {"id": "dmz", "kind": "dmz"},
          {"id": "cell", "kind": "control"}, {"id": "sis", "kind": "safety"}])",
      R"([{"id": "web", "zone": "dmz", "type": "server", "services": [{"protocol": "https"}]},
          {"id": "ews", "zone": "cell", "type": "engineering-workstation", "services": [{"protocol": "rdp"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "s7comm"}]},
          {"id": "sis-1", "zone": "sis", "type": "sis", "services": [{"protocol": "s7comm"}, {"protocol": "http"}]}])",
      R"([{"id": "fw-inet", "zones": ["inet", "dmz"], "kind": "firewall", "rules": [)" + inet_rule + R"(]},
          {"id": "fw-dmz", "zones": ["dmz", "cell"], "kind": "firewall", "rules": [)" +
          dmz_cell_rule + R"(]},
          {"id": "fw-sis", "zones": ["cell", "sis"], "kind": "firewall")" +
          cell_sis_extra + R"(, "rules": [)" + cell_sis_rule + R"(]}])");
}

const std::string kNone_ = R"({"priority": 1, "action": "deny", "from": "*", "to": "*"})";

TEST(FindingDmzToFieldLevel, ADirectDmzFlowToAControllerIsCritical) {
  auto f = of_rule(
      plant(R"({"priority": 1, "action": "allow", "from": "dmz", "to": "cell", "protocols": ["s7comm"]})",
            kNone_),
      "dmz-to-field-level");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Critical);
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].conduit, "fw-dmz");
  EXPECT_EQ(f[0].asset, "plc");
  EXPECT_EQ(f[0].requirement, "SR 5.1");
  EXPECT_EQ(f[0].zcr, "ZCR 3");
  EXPECT_NE(f[0].message.find("reachable from external zone inet"), std::string::npos) << f[0].message;
}

TEST(FindingDmzToFieldLevel, SeverityFollowsTheExposureOfTheSource) {
  // RDP to the EWS (no controller) from a DMZ the Internet cannot reach: high, not critical.
  const std::string rdp =
      R"({"priority": 1, "action": "allow", "from": "dmz", "to": "cell", "protocols": ["rdp"]})";
  auto hidden = of_rule(plant(rdp, kNone_, "", kNone_), "dmz-to-field-level");
  ASSERT_EQ(hidden.size(), 1u);
  EXPECT_EQ(hidden[0].severity, Severity::High);
  EXPECT_EQ(hidden[0].message.find("external"), std::string::npos);
  // The same flow from a DMZ whose web server the Internet reaches: one hop from outside.
  auto exposed = of_rule(plant(rdp, kNone_), "dmz-to-field-level");
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].severity, Severity::Critical);
  // Nothing from the DMZ into the cell: no finding.
  EXPECT_TRUE(of_rule(plant(kNone_, kNone_), "dmz-to-field-level").empty());
}

TEST(FindingSisProgrammingReachable, AStandingEngineeringFlowIsCriticalATimeBoundOneHigh) {
  const std::string ews =
      R"({"priority": 1, "action": "allow", "from": "cell", "to": "sis", "src_assets": ["ews"], "protocols": ["s7comm"])";
  auto standing = of_rule(plant(kNone_, ews + "}"), "sis-programming-reachable");
  ASSERT_EQ(standing.size(), 1u);
  EXPECT_EQ(standing[0].severity, Severity::Critical);
  EXPECT_EQ(standing[0].zone, "sis");
  EXPECT_EQ(standing[0].asset, "sis-1");
  EXPECT_EQ(standing[0].zcr, "ZCR 3.3");
  EXPECT_NE(standing[0].message.find("standing"), std::string::npos);
  auto window = of_rule(plant(kNone_, ews + R"(, "temporary": {"kind": "bypass", "valid_until": "2030-01-01",
                                   "owner": "SIS engineer", "change_record": "MOC-7"}})"),
                        "sis-programming-reachable");
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(window[0].severity, Severity::High);
  // The EWS is no controller: nothing for rule 13.
  EXPECT_TRUE(of_rule(plant(kNone_, ews + "}"), "control-writes-to-sis").empty());
}

TEST(FindingSisProgrammingReachable, OnlyWriteCapableIndustrialAccessCounts) {
  // HTTP to the SIS's web page is not its programming service.
  EXPECT_TRUE(of_rule(plant(kNone_, R"({"priority": 1, "action": "allow", "from": "cell", "to": "sis",
                                       "protocols": ["http"]})"),
                      "sis-programming-reachable")
                  .empty());
  const std::string read_only = R"({"priority": 1, "action": "allow", "from": "cell", "to": "sis",
                                    "protocols": ["s7comm"], "functions": ["read"]})";
  // Read-only enforced by an inspecting conduit: no write reaches the SIS.
  EXPECT_TRUE(
      of_rule(plant(kNone_, read_only, R"(, "inspection": true)"), "sis-programming-reachable").empty());
  EXPECT_TRUE(of_rule(plant(kNone_, read_only, R"(, "inspection": true)"), "control-writes-to-sis").empty());
  // The same rule without inspection is intent only: writes pass.
  EXPECT_EQ(of_rule(plant(kNone_, read_only), "sis-programming-reachable").size(), 1u);
  // A data diode out of the SIS carries no engineering session into it.
  EXPECT_TRUE(
      of_rule(plant(kNone_, "", R"(, "direction": "sis->cell")"), "sis-programming-reachable").empty());
}

TEST(FindingControlWritesToSis, AControllerThatCanWriteToTheSisIsNamed) {
  auto f = of_rule(plant(kNone_, R"({"priority": 1, "action": "allow", "from": "cell", "to": "sis",
                                     "src_assets": ["plc"], "protocols": ["s7comm"]})"),
                   "control-writes-to-sis");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "sis");
  EXPECT_EQ(f[0].conduit, "fw-sis");
  EXPECT_NE(f[0].message.find("Control controller plc in zone cell"), std::string::npos) << f[0].message;
  // A zone-wide rule lets every host of the cell write, the PLC among them: both rules fire.
  auto zone_wide = plant(kNone_, R"({"priority": 1, "action": "allow", "from": "cell", "to": "sis",
                                    "protocols": ["s7comm"]})");
  EXPECT_EQ(of_rule(zone_wide, "control-writes-to-sis").size(), 1u);
  EXPECT_EQ(of_rule(zone_wide, "sis-programming-reachable").size(), 1u);
  // The SIS writing down to the PLC is not rule 13's concern.
  EXPECT_TRUE(of_rule(plant(kNone_, R"({"priority": 1, "action": "allow", "from": "sis", "to": "cell",
                                       "protocols": ["s7comm"]})"),
                      "control-writes-to-sis")
                  .empty());
}

} // namespace
