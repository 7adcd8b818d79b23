// Design findings (docs/findings.md): every rule on a tiny plant that triggers it and on a
// near-identical plant that does not, plus the weaknesses planted in the three example plants.
#include <gtest/gtest.h>

#include <algorithm>

#include "finding_fixture.hpp"
#include "site_fixture.hpp"
#include "zonepath/models/findings.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

using fixture::findings_of;
using fixture::of_rule;

bool has_iso(const Finding& f, const std::string& id) {
  return std::find(f.iso27001.begin(), f.iso27001.end(), id) != f.iso27001.end();
}

std::string allow(const std::string& from, const std::string& to, const std::string& extra = "") {
  return R"({"priority": 100, "action": "allow", "from": ")" + from + R"(", "to": ")" + to + "\"" + extra +
         "}";
}

std::string conduit(const std::string& id, const std::string& a, const std::string& b,
                    const std::string& rules, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "zones": [")" + a + R"(", ")" + b + R"("], "rules": [)" + rules + "]" +
         extra + "}";
}

const char* kPlc =
    R"({"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]})";

} // namespace

// ---- 1 business-and-iacs-mixed -------------------------------------------------------------

TEST(Findings, BusinessAndIacsMixedInOneZone) {
  const std::string zones = R"([{"id": "ent", "kind": "enterprise"}, {"id": "cell", "kind": "control"}])";
  auto mixed = findings_of(fixture::make_site(
      zones, std::string("[") + kPlc + R"(, {"id": "ws", "zone": "cell", "type": "workstation"}])", "[]"));
  auto f = of_rule(mixed, "business-and-iacs-mixed");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Critical); // a controller next to business IT
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].asset, "plc");
  EXPECT_EQ(f[0].requirement, "SR 5.1");
  EXPECT_EQ(f[0].zcr, "ZCR 3.2");
  EXPECT_TRUE(has_iso(f[0], "A.8.22"));
  EXPECT_NE(f[0].message.find("ws"), std::string::npos);

  // The workstation in the enterprise zone, an ERP application server next to it: not mixed.
  auto separate = findings_of(fixture::make_site(zones,
                                                 std::string("[") + kPlc +
                                                     R"(, {"id": "ws", "zone": "ent", "type": "workstation"},
                           {"id": "erp", "zone": "ent", "type": "application-server"}])",
                                                 "[]"));
  EXPECT_TRUE(of_rule(separate, "business-and-iacs-mixed").empty());
}

TEST(Findings, EnterpriseZoneHoldingAnHmi) {
  const std::string zones = R"([{"id": "ent", "kind": "enterprise"}, {"id": "sup", "kind": "supervisory"}])";
  auto f = of_rule(
      findings_of(fixture::make_site(zones, R"([{"id": "hmi", "zone": "ent", "type": "hmi"}])", "[]")),
      "business-and-iacs-mixed");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "ent");
  EXPECT_EQ(f[0].asset, "hmi");
  EXPECT_TRUE(of_rule(findings_of(fixture::make_site(
                          zones, R"([{"id": "hmi", "zone": "sup", "type": "hmi"}])", "[]")),
                      "business-and-iacs-mixed")
                  .empty());
}

// ---- 2 safety-not-separated ----------------------------------------------------------------

TEST(Findings, SafetyControllerInTheControlZone) {
  const std::string zones = R"([{"id": "cell", "kind": "control"}, {"id": "sis", "kind": "safety"}])";
  auto f = of_rule(
      findings_of(fixture::make_site(
          zones, std::string("[") + kPlc + R"(, {"id": "esd", "zone": "cell", "type": "sis"}])", "[]")),
      "safety-not-separated");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Critical); // shares the zone with a basic process controller
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].asset, "esd");
  EXPECT_EQ(f[0].requirement, "SR 5.1");
  EXPECT_EQ(f[0].zcr, "ZCR 3.3");

  // Moved into its own safety zone with its engineering station, safety I/O and switch: fine.
  auto own = findings_of(fixture::make_site(zones, std::string("[") + kPlc + R"(,
      {"id": "esd", "zone": "sis", "type": "sis"}, {"id": "sis-io", "zone": "sis", "type": "field-io"},
      {"id": "sis-sw", "zone": "sis", "type": "switch"},
      {"id": "sis-ews", "zone": "sis", "type": "engineering-workstation", "manages": ["esd"]}])",
                                            "[]"));
  EXPECT_TRUE(of_rule(own, "safety-not-separated").empty());
}

TEST(Findings, SafetyZoneSharedWithABasicProcessController) {
  const std::string zones = R"([{"id": "sis", "kind": "safety"}])";
  auto f = of_rule(findings_of(fixture::make_site(zones, R"([{"id": "esd", "zone": "sis", "type": "sis"},
                                                     {"id": "plc", "zone": "sis", "type": "plc"}])",
                                                  "[]")),
                   "safety-not-separated");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "sis");
  EXPECT_NE(f[0].message.find("plc"), std::string::npos);
}

// ---- 3 enterprise-to-control-without-dmz ---------------------------------------------------

namespace {
const std::string kEntDmzCell = R"([{"id": "ent", "kind": "enterprise"}, {"id": "dmz", "kind": "dmz"},
                                    {"id": "cell", "kind": "control"}])";
const std::string kEntAssets = R"([{"id": "ws", "zone": "ent", "type": "workstation"},
    {"id": "jump", "zone": "dmz", "type": "jump-host", "services": [{"protocol": "rdp"}]},)" +
                               std::string(kPlc) + "]";
} // namespace

TEST(Findings, EnterpriseReachesControlDirectly) {
  auto site = fixture::make_site(
      kEntDmzCell, kEntAssets,
      "[" + conduit("ent-cell", "ent", "cell", allow("ent", "cell", R"(, "protocols": ["modbus-tcp"])")) +
          "]");
  auto f = of_rule(findings_of(site), "enterprise-to-control-without-dmz");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Critical);
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].conduit, "ent-cell");
  EXPECT_EQ(f[0].asset, "plc");
  EXPECT_EQ(f[0].requirement, "SR 5.1");
  EXPECT_EQ(f[0].zcr, "ZCR 3");
  EXPECT_TRUE(has_iso(f[0], "A.8.22"));
  EXPECT_TRUE(has_iso(f[0], "A.8.20")); // SR 5.2 boundary protection as well
  EXPECT_NE(f[0].message.find("ent -> plc modbus-tcp"), std::string::npos);

  // The same access through a DMZ: enterprise to the jump host, jump host to the PLC.
  auto via_dmz = fixture::make_site(
      kEntDmzCell, kEntAssets,
      "[" + conduit("ent-dmz", "ent", "dmz", allow("ent", "dmz", R"(, "protocols": ["rdp"])")) + "," +
          conduit("dmz-cell", "dmz", "cell",
                  allow("dmz", "cell", R"(, "src_assets": ["jump"], "protocols": ["modbus-tcp"])")) +
          "]");
  EXPECT_TRUE(of_rule(findings_of(via_dmz), "enterprise-to-control-without-dmz").empty());
}

TEST(Findings, EnterpriseToOperationsIsHigh) {
  auto site = fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise"}, {"id": "ops", "kind": "operations"}])",
      R"([{"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "https"}]}])",
      "[" + conduit("c", "ent", "ops", allow("ent", "ops", R"(, "protocols": ["https"])")) + "]");
  auto f = of_rule(findings_of(site), "enterprise-to-control-without-dmz");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "ops");
  EXPECT_NE(f[0].message.find("no chain of allowed flows leads there from outside"), std::string::npos);
  // The Internet reaches a published host of ent: the source is one crossing from outside, so
  // the same flow to operations is critical.
  auto published = fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "ops", "kind": "operations"}])",
      R"([{"id": "owa", "zone": "ent", "type": "server", "services": [{"protocol": "https"}]},
          {"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "https"}]}])",
      "[" + conduit("i-e", "internet", "ent", allow("internet", "ent", R"(, "protocols": ["https"])")) + "," +
          conduit("c", "ent", "ops", allow("ent", "ops", R"(, "protocols": ["https"])")) + "]");
  auto exposed = of_rule(findings_of(published), "enterprise-to-control-without-dmz");
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].severity, Severity::Critical);
  EXPECT_NE(exposed[0].message.find("the nearest source is 1 conduit crossing from outside"),
            std::string::npos)
      << exposed[0].message;
}

// ---- 4 remote-access-not-through-dmz -------------------------------------------------------

namespace {
const std::string kVendorZones = R"([{"id": "vendor", "kind": "vendor"}, {"id": "dmz", "kind": "dmz"},
                                     {"id": "sup", "kind": "supervisory"}, {"id": "site", "kind": "remote"}])";
const std::string kVendorAssets = R"([{"id": "laptop", "zone": "vendor", "type": "workstation"},
    {"id": "jump", "zone": "dmz", "type": "jump-host", "services": [{"protocol": "rdp"}]},
    {"id": "ews", "zone": "sup", "type": "engineering-workstation", "services": [{"protocol": "rdp"}]},
    {"id": "gw", "zone": "site", "type": "data-gateway", "services": [{"protocol": "https"}]},
    {"id": "rtu", "zone": "site", "type": "rtu", "services": [{"protocol": "dnp3"}]}])";
} // namespace

TEST(Findings, VendorRdpStraightToTheEngineeringWorkstation) {
  auto site = fixture::make_site(
      kVendorZones, kVendorAssets,
      "[" + conduit("vpn", "vendor", "sup", allow("vendor", "sup", R"(, "protocols": ["rdp"])")) + "]");
  auto f = of_rule(findings_of(site), "remote-access-not-through-dmz");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "sup");
  EXPECT_EQ(f[0].conduit, "vpn");
  EXPECT_EQ(f[0].asset, "ews");
  EXPECT_EQ(f[0].requirement, "SR 1.13");
  EXPECT_EQ(f[0].zcr, "ZCR 3.6");
  EXPECT_TRUE(has_iso(f[0], "A.6.7"));
  EXPECT_TRUE(has_iso(f[0], "A.5.19")); // a supplier's access
  EXPECT_NE(f[0].message.find("rdp"), std::string::npos);

  // Through the DMZ: vendor to the jump host, jump host to the EWS.
  auto via_dmz = fixture::make_site(
      kVendorZones, kVendorAssets,
      "[" + conduit("vpn", "vendor", "dmz", allow("vendor", "dmz", R"(, "protocols": ["rdp"])")) + "," +
          conduit("fw", "dmz", "sup",
                  allow("dmz", "sup", R"(, "src_assets": ["jump"], "protocols": ["rdp"])")) +
          "]");
  EXPECT_TRUE(of_rule(findings_of(via_dmz), "remote-access-not-through-dmz").empty());
}

TEST(Findings, RemoteSiteEnteredByAVendorBecomesAnAccessPoint) {
  // The vendor reaches its gateway at the remote site, and the site reaches supervisory: both hops
  // are remote access outside a DMZ; the remote site reaching supervisory alone is ordinary polling.
  const std::string wan = conduit("wan", "sup", "site", allow("site", "sup", R"(, "protocols": ["rdp"])"));
  auto site = fixture::make_site(
      kVendorZones, kVendorAssets,
      "[" + conduit("ewon", "vendor", "site", allow("vendor", "site", R"(, "protocols": ["dnp3"])")) + "," +
          wan + "]");
  auto f = of_rule(findings_of(site), "remote-access-not-through-dmz");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].conduit, "ewon");
  EXPECT_EQ(f[0].severity, Severity::Critical); // reaches the RTU
  EXPECT_EQ(f[0].asset, "rtu");
  EXPECT_EQ(f[1].conduit, "wan");
  EXPECT_EQ(f[1].zone, "sup");
  EXPECT_NE(f[1].message.find("remote-access zone site"), std::string::npos);

  auto plain = fixture::make_site(kVendorZones, kVendorAssets, "[" + wan + "]");
  EXPECT_TRUE(of_rule(findings_of(plain), "remote-access-not-through-dmz").empty());
}

// ---- 5 conduit-sl-gap-without-inspection ---------------------------------------------------

namespace {
// The conduit carries Modbus/TCP from ops to the cell's PLC (no rules: it allows nothing).
Site two_zones(const std::string& conduit_extra, bool rules = true) {
  return fixture::make_site(
      R"([{"id": "ops", "kind": "operations"}, {"id": "cell", "kind": "control", "sl_t": 2}])",
      R"([{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}])",
      "[" + conduit("c", "ops", "cell", rules ? allow("ops", "cell") : "", conduit_extra) + "]");
}
SlVector sl(int v) {
  SlVector out;
  out.fill(static_cast<std::uint8_t>(v));
  return out;
}
} // namespace

TEST(Findings, SlGapWithoutInspection) {
  SlVector cell = sl(3);
  cell[4] = 4; // FR5 RDF 4 against 1 in ops: a step of 3
  auto f = of_rule(findings_of(two_zones(""), {sl(1), cell}), "conduit-sl-gap-without-inspection");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].conduit, "c");
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].requirement, "SR 5.2");
  EXPECT_NE(f[0].message.find("FR5 RDF"), std::string::npos);
  EXPECT_EQ(
      of_rule(findings_of(two_zones(""), {sl(1), sl(3)}), "conduit-sl-gap-without-inspection")[0].severity,
      Severity::Medium);

  EXPECT_TRUE(of_rule(findings_of(two_zones(R"(, "inspection": true)"), {sl(1), sl(3)}),
                      "conduit-sl-gap-without-inspection")
                  .empty());
  EXPECT_TRUE(
      of_rule(findings_of(two_zones(""), {sl(2), sl(3)}), "conduit-sl-gap-without-inspection").empty());
  // Without analysis values the declared SL-T counts; ops declares none, so nothing to compare.
  EXPECT_TRUE(of_rule(findings_of(two_zones("")), "conduit-sl-gap-without-inspection").empty());
  // A data diode needs no inspection, in either direction: its boundary is physics.
  for (const char* direction : {"cell->ops", "ops->cell"})
    EXPECT_TRUE(of_rule(findings_of(two_zones(std::string(R"(, "kind": "data-diode", "direction": ")") +
                                              direction + "\""),
                                    {sl(1), sl(3)}),
                        "conduit-sl-gap-without-inspection")
                    .empty())
        << direction;
  // A conduit that allows nothing carries nothing to inspect.
  EXPECT_TRUE(of_rule(findings_of(two_zones("", false), {sl(1), sl(3)}), "conduit-sl-gap-without-inspection")
                  .empty());
}

// ---- 6 legacy-reachable-from-lower-trust ---------------------------------------------------

namespace {
Site legacy_plant(const std::string& plc_extra, const std::string& from = "ent") {
  return fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"}, {"id": "cell", "kind": "control"}])",
      R"([{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}], "legacy": true)" +
          plc_extra + "}]",
      "[" + conduit("c", from, "cell", allow(from, "cell", R"(, "protocols": ["modbus-tcp"])")) + "]");
}
} // namespace

// internet -> dmz (a web portal) -> ent (a workstation) -> cell (the legacy PLC); `ent_from_internet`
// adds a direct route from the Internet to the workstation.
Site exposure_chain(bool ent_from_internet) {
  const std::string https = R"(, "protocols": ["https"])";
  std::string conduits =
      conduit("i-d", "internet", "dmz", allow("internet", "dmz", https)) + "," +
      conduit("d-e", "dmz", "ent", allow("dmz", "ent", https)) + "," +
      conduit("c", "ent", "cell", allow("ent", "cell", R"(, "protocols": ["modbus-tcp"])"));
  if (ent_from_internet) conduits += "," + conduit("i-e", "internet", "ent", allow("internet", "ent", https));
  return fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "dmz", "kind": "dmz"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "control"}])",
      R"([{"id": "portal", "zone": "dmz", "type": "server", "services": [{"protocol": "https"}]},
          {"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "https"}]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}], "legacy": true,
           "patchable": false}])",
      "[" + conduits + "]");
}

TEST(Findings, LegacySeverityFollowsHowFarTheSourceIsFromOutside) {
  // ent is two crossings from the Internet (via the DMZ portal): high.
  auto far = of_rule(findings_of(exposure_chain(false)), "legacy-reachable-from-lower-trust");
  ASSERT_EQ(far.size(), 1u);
  EXPECT_EQ(far[0].severity, Severity::High);
  EXPECT_NE(far[0].message.find("the nearest source is 2 conduit crossings from outside"), std::string::npos)
      << far[0].message;
  // The Internet reaches a workstation of ent directly: one crossing, as exposed as the DMZ: critical.
  auto near = of_rule(findings_of(exposure_chain(true)), "legacy-reachable-from-lower-trust");
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].severity, Severity::Critical);
  EXPECT_NE(near[0].message.find("1 conduit crossing from outside"), std::string::npos) << near[0].message;
}

TEST(Findings, LegacyUnpatchableReachableFromLowerTrust) {
  auto f = of_rule(findings_of(legacy_plant(R"(, "patchable": false)")), "legacy-reachable-from-lower-trust");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].asset, "plc");
  EXPECT_EQ(f[0].zone, "cell");
  EXPECT_EQ(f[0].conduit, "c");
  EXPECT_EQ(f[0].requirement, "SR 5.2");
  EXPECT_EQ(f[0].zcr, "ZCR 5.2");
  EXPECT_TRUE(has_iso(f[0], "A.8.8"));
  EXPECT_TRUE(has_iso(f[0], "A.8.32"));
  EXPECT_NE(f[0].message.find("no compensating control"), std::string::npos);
  // From the Internet (outside the plant): critical.
  EXPECT_EQ(of_rule(findings_of(legacy_plant(R"(, "patchable": false)", "internet")),
                    "legacy-reachable-from-lower-trust")[0]
                .severity,
            Severity::Critical);

  // A compensating control that does not shield the exposed service (a checksum comparison,
  // SR 3.3) leaves the severity as it is.
  auto other =
      of_rule(findings_of(legacy_plant(R"(, "patchable": false, "compensating": [{"requirement": "SR 3.3",
      "control": "weekly checksum comparison", "change_record": "MOC-2024-0001"}])")),
              "legacy-reachable-from-lower-trust");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].severity, Severity::High);
  EXPECT_NE(other[0].message.find("cover neither"), std::string::npos);
  // One that names the exposed service, or a boundary (FR5) requirement, lowers it one step.
  for (const char* control :
       {R"("requirement": "SR 3.3", "services": ["modbus-tcp"])", R"("requirement": "SR 5.2")"}) {
    auto comp = of_rule(
        findings_of(legacy_plant(std::string(R"(, "patchable": false, "compensating": [{)") + control +
                                 R"(, "control": "protocol gateway", "change_record": "MOC-2024-0001"}])")),
        "legacy-reachable-from-lower-trust");
    ASSERT_EQ(comp.size(), 1u);
    EXPECT_EQ(comp[0].severity, Severity::Medium) << control;
    EXPECT_NE(comp[0].message.find("under MOC-2024-0001), so the severity is one step lower"),
              std::string::npos);
  }
  // A control naming another service (an allow-list for the HMI's RDP) does not.
  auto rdp =
      of_rule(findings_of(legacy_plant(R"(, "patchable": false, "compensating": [{"requirement": "SR 3.2",
      "services": ["rdp"], "control": "allow-list", "change_record": "MOC-1"}])")),
              "legacy-reachable-from-lower-trust");
  ASSERT_EQ(rdp.size(), 1u);
  EXPECT_EQ(rdp[0].severity, Severity::High);

  // Patchable legacy assets are a patching matter, not this finding.
  EXPECT_TRUE(of_rule(findings_of(legacy_plant("")), "legacy-reachable-from-lower-trust").empty());
}

TEST(Findings, LegacyReachedOnlyFromHigherTrustIsNotAFinding) {
  // A legacy RTU at a remote site (trust_rank 2) polled from supervisory (rank 6).
  auto site = fixture::make_site(
      R"([{"id": "sup", "kind": "supervisory"}, {"id": "site", "kind": "remote"}])",
      R"([{"id": "rtu", "zone": "site", "type": "rtu", "services": [{"protocol": "dnp3"}], "legacy": true, "patchable": false}])",
      "[" + conduit("wan", "sup", "site", allow("sup", "site", R"(, "protocols": ["dnp3"])")) + "]");
  EXPECT_TRUE(of_rule(findings_of(site), "legacy-reachable-from-lower-trust").empty());
}

// ---- 7 diode-bypassed ----------------------------------------------------------------------

namespace {
Site diode_plant(const std::string& fw_from, const std::string& fw_to,
                 const std::string& ops_kind = "operations") {
  return fixture::make_site(
      R"([{"id": "ops", "kind": ")" + ops_kind + R"("}, {"id": "dmz", "kind": "dmz"}])",
      R"([{"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "https"}]},
          {"id": "mirror", "zone": "dmz", "type": "historian", "services": [{"protocol": "https"}]}])",
      R"([{"id": "diode", "zones": ["ops", "dmz"], "kind": "data-diode", "direction": "ops->dmz"},)" +
          conduit("fw", "dmz", "ops", allow(fw_from, fw_to, R"(, "protocols": ["https"])")) + "]");
}
} // namespace

TEST(Findings, DiodeBypassedByAParallelFirewall) {
  auto f = of_rule(findings_of(diode_plant("dmz", "ops")), "diode-bypassed");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].zone, "ops");
  EXPECT_EQ(f[0].conduit, "fw");
  EXPECT_EQ(f[0].requirement, "SR 5.2");
  EXPECT_NE(f[0].message.find("diode"), std::string::npos);
  EXPECT_EQ(of_rule(findings_of(diode_plant("dmz", "ops", "control")), "diode-bypassed")[0].severity,
            Severity::Critical);
  // The firewall only carries traffic in the diode's own direction: the diode holds.
  EXPECT_TRUE(of_rule(findings_of(diode_plant("ops", "dmz")), "diode-bypassed").empty());
}

// ---- 8 any-any-allow -----------------------------------------------------------------------

TEST(Findings, AnyAnyAllowRules) {
  auto site_with = [](const std::string& rule) {
    return fixture::make_site(R"([{"id": "sup", "kind": "supervisory"}, {"id": "cell", "kind": "control"}])",
                              std::string("[") + kPlc + "]", "[" + conduit("c", "sup", "cell", rule) + "]");
  };
  auto f = of_rule(findings_of(site_with(allow("*", "*"))), "any-any-allow");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::High);
  EXPECT_EQ(f[0].conduit, "c");
  EXPECT_EQ(f[0].requirement, "SR 5.2 RE 1");
  EXPECT_NE(f[0].message.find("rule 100"), std::string::npos);
  // Both ways to every host, narrowed by service only: medium.
  EXPECT_EQ(of_rule(findings_of(site_with(allow("*", "*", R"(, "protocols": ["rdp", "modbus-tcp"])"))),
                    "any-any-allow")[0]
                .severity,
            Severity::Medium);
  EXPECT_TRUE(of_rule(findings_of(site_with(
                          allow("sup", "cell", R"(, "protocols": ["modbus-tcp"], "dst_assets": ["plc"])"))),
                      "any-any-allow")
                  .empty());
  EXPECT_TRUE(of_rule(findings_of(site_with(R"({"priority": 1, "action": "deny", "from": "*", "to": "*"})")),
                      "any-any-allow")
                  .empty());
}

// ---- order and determinism -----------------------------------------------------------------

TEST(Findings, OrderedByRuleThenLocationAndDeterministic) {
  auto site = fixture::make_site(
      kEntDmzCell, std::string("[") + kPlc + R"(, {"id": "ws", "zone": "cell", "type": "workstation"},
      {"id": "ws2", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]}])",
      "[" + conduit("ent-cell", "ent", "cell", allow("*", "*")) + "," +
          conduit("ent-dmz", "ent", "dmz", allow("*", "*")) + "]");
  auto a = findings_of(site), b = findings_of(site);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].message, b[i].message);
  std::vector<std::string> rules;
  for (const auto& f : a) rules.push_back(f.rule + "@" + f.zone + "/" + f.conduit);
  EXPECT_EQ(rules, (std::vector<std::string>{"business-and-iacs-mixed@cell/",
                                             "enterprise-to-control-without-dmz@cell/ent-cell",
                                             "any-any-allow@/ent-cell", "any-any-allow@/ent-dmz"}));
}
