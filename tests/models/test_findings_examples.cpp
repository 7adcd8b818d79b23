// Design findings (docs/findings.md) on the three example plants: the weaknesses planted in
// them are found, and what they do right stays quiet.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "site_fixture.hpp"
#include "zonepath/models/findings.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

// The example plants with the SL-T each zone declares (0 where it declares none).
std::vector<Finding> example(const std::string& name) {
  auto site = load_site_json_file(std::string(ZONEPATH_SOURCE_DIR) + "/scenarios/examples/" + name);
  std::vector<SlVector> sl_t;
  for (const auto& z : site->zones) sl_t.push_back(z.sl_t.value_or(SlVector{}));
  return find_design_issues(*site, AccessMap::compute(*site), sl_t);
}

// The finding of `rule` at a location (conduit or asset id, "" to skip), or nullptr.
const Finding* find(const std::vector<Finding>& all, const std::string& rule, const std::string& conduit,
                    const std::string& asset = "") {
  for (const auto& f : all)
    if (f.rule == rule && (conduit.empty() || f.conduit == conduit) && (asset.empty() || f.asset == asset))
      return &f;
  return nullptr;
}

std::string listing(const std::vector<Finding>& all) {
  std::string out;
  for (const auto& f : all)
    out += to_string(f.severity) + " " + f.rule + " " + f.zone + "/" + f.conduit + "/" + f.asset + "\n";
  return out;
}

} // namespace

TEST(FindingsExamples, WaterTreatment) {
  auto all = example("water-treatment.json");
  SCOPED_TRACE(listing(all));
  // 1: the port forward exposes the booster PLC to the Internet, outside any DMZ.
  const Finding* exposed = find(all, "remote-access-not-through-dmz", "rtr-inet-ps3", "ps3-plc");
  ASSERT_NE(exposed, nullptr);
  EXPECT_EQ(exposed->severity, Severity::Critical);
  EXPECT_NE(exposed->message.find("pcom"), std::string::npos);
  ASSERT_NE(find(all, "enterprise-to-control-without-dmz", "rtr-inet-ps3", "ps3-plc"), nullptr);
  // 6: the carrier template any/any over the WAN.
  ASSERT_NE(find(all, "any-any-allow", "wan-pump-stations"), nullptr);
  // 2 and 7: the unpatchable Windows 7 HMI reached by VNC from the DMZ, whose VPN appliance the
  // Internet reaches directly (one crossing from outside: critical); its application allow-list
  // (SR 3.2) does not shield the exposed remote services, so the severity stays.
  const Finding* legacy = find(all, "legacy-reachable-from-lower-trust", "", "hmi-op-legacy");
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->severity, Severity::Critical);
  EXPECT_NE(legacy->message.find("1 conduit crossing from outside"), std::string::npos);
  EXPECT_NE(legacy->message.find("cover neither"), std::string::npos);
  EXPECT_EQ(legacy->conduit, "fw-dmz-scada");
  // What is done right stays quiet: the chlorine SIS has its own zone.
  EXPECT_EQ(find(all, "safety-not-separated", ""), nullptr);
}

TEST(FindingsExamples, PharmaBatch) {
  auto all = example("pharma-batch.json");
  SCOPED_TRACE(listing(all));
  // 1: the portal calls the MES API against the diode.
  const Finding* diode = find(all, "diode-bypassed", "fw-dmz-ops");
  ASSERT_NE(diode, nullptr);
  EXPECT_EQ(diode->zone, "mes-ops");
  EXPECT_NE(diode->message.find("diode-ops-dmz"), std::string::npos);
  // 3 and 6: unpatchable ControlLogix controllers reachable from every supervisory host; the
  // weekly program checksum of one (SR 3.4) detects a change but does not shield its EtherNet/IP
  // service, so both are high.
  const Finding* ctl2 = find(all, "legacy-reachable-from-lower-trust", "rtr-sup-upstream", "up-ctl-02");
  ASSERT_NE(ctl2, nullptr);
  EXPECT_EQ(ctl2->severity, Severity::High);
  const Finding* ctl1 = find(all, "legacy-reachable-from-lower-trust", "rtr-sup-upstream", "up-ctl-01");
  ASSERT_NE(ctl1, nullptr);
  EXPECT_EQ(ctl1->severity, Severity::High);
  // Vendors come in through the DMZ only.
  EXPECT_EQ(find(all, "remote-access-not-through-dmz", ""), nullptr);
}

TEST(FindingsExamples, OilGasUnit) {
  auto all = example("oil-gas-unit.json");
  SCOPED_TRACE(listing(all));
  // 2: the OEM's Ewon routes it straight to the compressor PLCs.
  const Finding* oem = find(all, "remote-access-not-through-dmz", "rtr-oem-cs7");
  ASSERT_NE(oem, nullptr);
  EXPECT_EQ(oem->severity, Severity::Critical);
  EXPECT_EQ(oem->zone, "cs7");
  EXPECT_NE(std::find(oem->iso27001.begin(), oem->iso27001.end(), "A.5.19"), oem->iso27001.end());
  // 3: the WAN any/any lets the station (now a vendor access point) into the control room.
  ASSERT_NE(find(all, "any-any-allow", "wan-cs7"), nullptr);
  const Finding* wan = find(all, "remote-access-not-through-dmz", "wan-cs7");
  ASSERT_NE(wan, nullptr);
  EXPECT_EQ(wan->zone, "ccr");
  // 5: engineering any/any from the TIA Portal station.
  ASSERT_NE(find(all, "any-any-allow", "rtr-ccr-process"), nullptr);
}
