// Site model v1 loading and validation.
#include <gtest/gtest.h>

#include "site_fixture.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

std::vector<Diagnostic> errors_of(const std::string& text) {
  try {
    load_site(JsonDocument::parse(text, "s.json"));
  } catch (const ValidationError& e) {
    return e.diagnostics();
  }
  return {};
}

bool has_error(const std::vector<Diagnostic>& ds, const std::string& pointer, const std::string& fragment) {
  for (const auto& d : ds)
    if (d.pointer == pointer && d.format().find(fragment) != std::string::npos) return true;
  return false;
}

} // namespace

TEST(SiteLoader, LoadsAndResolvesReferences) {
  auto site = fixture::make_site(
      R"([{"id": "ent", "kind": "enterprise", "purdue": 4}, {"id": "cell", "kind": "control", "sl_t": 2,
          "consequence": {"safety": 4}}])",
      R"([{"id": "ews", "zone": "cell", "type": "engineering-workstation", "manages": ["plc"],
           "services": [{"protocol": "rdp"}], "sl_c": [2,2,1,1,1,1,1]},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "vulnerabilities": [{"id": "CVE-X", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
           "consequence": {"safety": 5}}])",
      R"([{"id": "fw", "zones": ["ent", "cell"], "rules": [
           {"priority": 10, "action": "allow", "from": "ent", "to": "cell", "protocols": ["rdp"]}]}])",
      R"([{"id": "apt", "sophistication": 4, "starts": ["ent", "ews"]}])");
  ASSERT_EQ(site.zones.size(), 2u);
  EXPECT_EQ(site.asset_index("plc"), 1u);
  EXPECT_EQ(site.assets[0].manages, (std::vector<Index>{1}));
  EXPECT_EQ(site.assets[1].services[0].port, 502); // default port from the protocol catalog
  EXPECT_EQ(site.assets[0].services[0].port, 3389);
  EXPECT_DOUBLE_EQ(site.assets[1].vulnerabilities[0].base_score, 9.8);
  EXPECT_EQ(*site.zones[1].sl_t, (SlVector{2, 2, 2, 2, 2, 2, 2}));
  EXPECT_EQ(site.zones[1].assets, (std::vector<Index>{0, 1}));
  EXPECT_EQ(site.effective_consequence(1)[Dimension::Safety], 5);
  EXPECT_EQ(site.effective_consequence(0)[Dimension::Safety], 4); // inherited from the zone
  ASSERT_EQ(site.threat_actors[0].starts.size(), 2u);
  EXPECT_TRUE(site.threat_actors[0].starts[1].is_asset);
}

TEST(SiteLoader, CollectsEveryErrorWithLocation) {
  std::string text = R"({"schema": "zonepath/site/v1",
 "zones": [{"id": "a", "kind": "dmzz", "countermeasure": []},
           {"id": "a", "kind": "control", "sl_t": [1,2,3,4,5,1]}],
 "assets": [{"id": "p 1", "zone": "nowhere", "type": "plc",
             "services": [{"protocol": "modbus-tcp", "port": 70000}, {"protocol": "custom"}]}],
 "conduits": [{"id": "c", "zones": ["a", "a"], "rules": [{"priority": 1, "action": "permit", "from": "a", "to": "*"}]}],
 "threat_actors": [{"id": "t", "sophistication": 5, "starts": ["mars"]}]})";
  auto ds = errors_of(text);
  EXPECT_TRUE(has_error(ds, "/zones/0/kind", "did you mean 'dmz'"));
  EXPECT_TRUE(has_error(ds, "/zones/0/countermeasure", "did you mean 'countermeasures'"));
  EXPECT_TRUE(has_error(ds, "/zones/1/id", "duplicate id 'a'"));
  EXPECT_TRUE(has_error(ds, "/zones/1/sl_t", "exactly 7 entries"));
  EXPECT_TRUE(has_error(ds, "/assets/0/id", "invalid id"));
  EXPECT_TRUE(has_error(ds, "/assets/0/zone", "unknown zone 'nowhere'"));
  EXPECT_TRUE(has_error(ds, "/assets/0/services/0/port", "port must be 1..65535"));
  EXPECT_TRUE(has_error(ds, "/assets/0/services/1/protocol", "unknown protocol 'custom'"));
  EXPECT_TRUE(has_error(ds, "/conduits/0/zones", "two different zones"));
  EXPECT_TRUE(has_error(ds, "/conduits/0/rules/0/action", "unknown action 'permit'"));
  EXPECT_TRUE(has_error(ds, "/threat_actors/0/sophistication", "1..4"));
  EXPECT_TRUE(has_error(ds, "/threat_actors/0/starts/0", "unknown zone or asset 'mars'"));
  for (const auto& d : ds) {
    EXPECT_EQ(d.file, "s.json");
    EXPECT_GT(d.line, 0) << d.format();
  }
  // The kind error sits on line 2 at the value "dmzz".
  for (const auto& d : ds)
    if (d.pointer == "/zones/0/kind") {
      EXPECT_EQ(d.line, 2);
      EXPECT_EQ(d.column, 32);
      EXPECT_EQ(d.value, "\"dmzz\"");
    }
}

TEST(SiteLoader, RejectsModelRuleViolations) {
  auto base = [](const std::string& zone_extra, const std::string& asset_extra, const std::string& conduit) {
    return std::string(R"({"schema": "zonepath/site/v1", "zones": [{"id": "a")") + zone_extra +
           R"(}, {"id": "b"}], "assets": [{"id": "x", "zone": "a", "type": "plc", "services": [{"protocol": "pcom"}])" +
           asset_extra + "}], \"conduits\": [" + conduit + "]}";
  };
  EXPECT_TRUE(has_error(errors_of(base(R"(, "countermeasures": ["SR 9.9"])", "", "")),
                        "/zones/0/countermeasures/0", "unknown requirement 'SR 9.9'"));
  EXPECT_TRUE(has_error(
      errors_of(base(R"(, "compensating": [{"requirement": "SR 3.3", "control": "manual"}])", "", "")),
      "/zones/0/compensating/0", "change_record"));
  EXPECT_TRUE(has_error(errors_of(base(R"(, "consequence": {"safety": 6})", "", "")),
                        "/zones/0/consequence/safety", "severity must be 1..5"));
  EXPECT_TRUE(
      has_error(errors_of(base("", R"(, "vulnerabilities": [{"id": "v", "cvss": "CVSS:3.1/AV:Q"}])", "")),
                "/assets/0/vulnerabilities/0/cvss", "CVSS"));
  EXPECT_TRUE(has_error(errors_of(base("", R"(, "manages": ["ghost"])", "")), "/assets/0/manages/0",
                        "unknown asset 'ghost'"));
  EXPECT_TRUE(has_error(
      errors_of(
          base("", "", R"({"id": "d", "zones": ["a", "b"], "kind": "data-diode", "direction": "a->c"})")),
      "/conduits/0/direction", "direction"));
  EXPECT_TRUE(has_error(
      errors_of(base("", "", R"({"id": "d", "zones": ["a", "b"], "rules": [{"priority": 1, "action": "allow",
      "from": "a", "to": "b", "src_assets": ["nope"]}]})")),
      "/conduits/0/rules/0/src_assets/0", "unknown asset 'nope'"));
  EXPECT_TRUE(has_error(errors_of(R"({"schema": "zonepath/site/v2", "zones": []})"), "/schema",
                        "unsupported schema"));
  EXPECT_TRUE(
      has_error(errors_of(base("", R"(, "sl_c": 9)", "")), "/assets/0/sl_c", "security level must be 0..4"));
  EXPECT_TRUE(errors_of(base(R"(, "x-owner": {"any": "thing"})", "", "")).empty());
}

TEST(SiteLoader, EmptyListsAndZonesWithoutAssetsAreValid) {
  auto site = fixture::make_site(R"([{"id": "planned", "kind": "control"}])", "[]", "[]");
  EXPECT_EQ(site.zones[0].assets.size(), 0u);
}
