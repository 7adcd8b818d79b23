// Time-bound states, risk acceptance and governance findings (docs/governance.md), each case
// worked out by hand from the dates and rules it names.
#include <gtest/gtest.h>

#include <algorithm>

#include "site_fixture.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/governance.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace governance_tests {

Date day(const char* text) {
  return *parse_date(text);
}

Temporary window(const char* from, const char* until) {
  Temporary t;
  bool date_only = false;
  if (from) t.valid_from = *parse_instant(from);
  t.valid_until = *parse_instant(until, &date_only);
  if (date_only) t.valid_until.seconds += 86400; // as the loader reads an end date
  return t;
}

const char* kZones = R"([{"id": "a", "kind": "enterprise"},
  {"id": "b", "kind": "control", "consequence": {"production": 5}}])";
const char* kAssets = R"([
  {"id": "ws", "zone": "a", "type": "workstation", "services": [{"protocol": "smb"}]},
  {"id": "plc", "zone": "b", "type": "plc", "services": [{"protocol": "modbus-tcp"}, {"protocol": "rdp"}]},
  {"id": "laptop", "zone": "b", "type": "workstation", "services": [{"protocol": "ssh"}],
   "temporary": {"kind": "temporary-connection", "valid_from": "2026-12-08", "valid_until": "2026-12-08",
                 "owner": "E. Engineer", "change_record": "MOC-2026-51"}}])";

// Rule 0 (priority 20) allows modbus for good; rule 1 (priority 10, so first after sorting)
// is a vendor session allowing rdp on 8 December from 06:00 to 18:00 UTC.
std::string conduit(const std::string& extra = "") {
  return R"([{"id": "c", "zones": ["a", "b"], "rules": [
    {"priority": 20, "action": "allow", "from": "a", "to": "b", "protocols": ["modbus-tcp"]},
    {"priority": 10, "action": "allow", "from": "a", "to": "b", "protocols": ["rdp", "ssh"],
     "temporary": {"kind": "vendor-session", "valid_from": "2026-12-08T06:00:00Z",
                   "valid_until": "2026-12-08T18:00:00Z", "owner": "OT lead", "change_record": "CC-2026-412"}}
  ])" + extra +
         "}]";
}

// "ws->plc:rdp@1" for the flows that cross the conduit, with the rule's position in the file.
std::vector<std::string> flows(const Site& site, const char* as_of) {
  std::vector<std::string> out;
  const AccessMap map = AccessMap::compute(site, AccessScope::Rules, day(as_of));
  for (const Flow& f : map.flows()) {
    if (f.conduit == kNone) continue;
    const Asset& dst = site.assets[f.dst_asset];
    const Rule* r = AccessMap::rule_of(site, f);
    out.push_back(site.zones[f.src_zone].id + "->" + dst.id + ":" + dst.services[f.service].protocol + "@" +
                  (r ? std::to_string(r->position) : std::string("-")));
  }
  return out;
}

std::string load_error(const std::string& zones, const std::string& assets, const std::string& conduits,
                       const std::string& extra = "") {
  try {
    fixture::make_site(zones, assets, conduits, "[]", extra);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}

} // namespace governance_tests
using namespace governance_tests;

TEST(Temporary, StateOnTheDayBeforeOnAndAfterAWindow) {
  Temporary t = window("2026-12-08T06:00:00Z", "2026-12-08T18:00:00Z");
  EXPECT_EQ(temporal_state(t, day("2026-12-07")), TemporalState::Scheduled);
  EXPECT_EQ(temporal_state(t, day("2026-12-08")), TemporalState::Active);
  EXPECT_EQ(temporal_state(t, day("2026-12-09")), TemporalState::Expired);
  // Without an assessment date nothing can be dated: configured means in force.
  EXPECT_EQ(temporal_state(t, std::nullopt), TemporalState::Active);
}

TEST(Temporary, DatesAloneCoverWholeDaysAndOffsetsMoveTheDay) {
  // valid_until "2026-12-08" lasts to the end of that day.
  Temporary t = window("2026-12-01", "2026-12-08");
  EXPECT_EQ(temporal_state(t, day("2026-11-30")), TemporalState::Scheduled);
  EXPECT_EQ(temporal_state(t, day("2026-12-01")), TemporalState::Active);
  EXPECT_EQ(temporal_state(t, day("2026-12-08")), TemporalState::Active);
  EXPECT_EQ(temporal_state(t, day("2026-12-09")), TemporalState::Expired);
  // 00:30 at +01:00 on the 9th is 23:30 UTC on the 8th: in force on the 8th.
  Temporary late = window("2026-12-09T00:30:00+01:00", "2026-12-09T06:00:00+01:00");
  EXPECT_EQ(temporal_state(late, day("2026-12-08")), TemporalState::Active);
  // Ending exactly at midnight UTC of the 9th: nothing of the 9th is covered.
  Temporary midnight = window(nullptr, "2026-12-09T00:00:00Z");
  EXPECT_EQ(temporal_state(midnight, day("2026-12-08")), TemporalState::Active);
  EXPECT_EQ(temporal_state(midnight, day("2026-12-09")), TemporalState::Expired);
}

TEST(Temporary, RulesAndAssetsInForceOnlyFromTheirWindow) {
  Site site = fixture::make_site(kZones, kAssets, conduit());
  // Before: only the permanent modbus rule (position 0).
  EXPECT_EQ(flows(site, "2026-12-07"), (std::vector<std::string>{"a->plc:modbus-tcp@0"}));
  // During: the session (position 1, first by priority) adds rdp to the PLC and ssh to the laptop
  // that is connected that day.
  EXPECT_EQ(flows(site, "2026-12-08"),
            (std::vector<std::string>{"a->plc:modbus-tcp@0", "a->plc:rdp@1", "a->laptop:ssh@1"}));
  // After: the rule is still in the firewall, the laptop still plugged in (both expired).
  EXPECT_EQ(flows(site, "2026-12-09"), flows(site, "2026-12-08"));
}

TEST(Temporary, ConduitNotYetConnectedPassesNothingEvenAsADiode) {
  std::string diode = R"([{"id": "d", "zones": ["a", "b"], "kind": "data-diode", "direction": "a->b",
    "temporary": {"kind": "temporary-connection", "valid_from": "2026-12-10", "valid_until": "2026-12-20",
                  "owner": "OT lead", "change_record": "MOC-7"}}])";
  Site site = fixture::make_site(kZones, kAssets, diode);
  EXPECT_TRUE(flows(site, "2026-12-09").empty());
  // From the 10th it passes everything in its direction; the laptop of the 8th is still plugged in.
  EXPECT_EQ(flows(site, "2026-12-10"),
            (std::vector<std::string>{"a->plc:modbus-tcp@-", "a->plc:rdp@-", "a->laptop:ssh@-"}));
  auto entries = temporary_elements(site, day("2026-12-21"));
  ASSERT_EQ(entries.size(), 2u); // the conduit, then the laptop
  EXPECT_EQ(entries[0].element, TemporaryElement::Conduit);
  EXPECT_EQ(entries[0].state, TemporalState::Expired);
  EXPECT_EQ(entries[1].id, "laptop");
}

TEST(Temporary, LoaderLocatesBadWindows) {
  auto err = load_error(kZones, R"([{"id": "x", "zone": "a", "type": "workstation", "temporary":
    {"kind": "holiday", "valid_from": "2026-12-09", "valid_until": "2026-12-08", "owner": "o",
     "change_record": "TBD"}}])",
                        "[]");
  EXPECT_NE(err.find("/assets/0/temporary/kind: unknown temporary kind 'holiday'"), std::string::npos) << err;
  EXPECT_NE(err.find("/assets/0/temporary/valid_until: valid_until must be after valid_from"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("/assets/0/temporary/change_record: change_record must name a real record"),
            std::string::npos)
      << err;
  err = load_error(kZones, "[]", R"([{"id": "c", "zones": ["a", "b"], "temporary":
    {"kind": "bypass", "valid_until": "next week", "owner": "o"}}])");
  EXPECT_NE(err.find("/conduits/0/temporary/valid_until: expected an ISO 8601 date or date-time"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("/conduits/0/temporary: missing change_record"), std::string::npos) << err;
}

namespace governance_tests {
const char* kThreat = R"([{"id": "t", "sophistication": 3, "starts": ["a"]}])";

Report analyze(const std::string& extra, const char* as_of) {
  Site site = fixture::make_site(kZones, kAssets, conduit(), kThreat, extra);
  AnalysisOptions opt;
  opt.samples = 200;
  opt.as_of = day(as_of);
  return analyze_site(site, opt);
}

const Finding* find(const Report& r, const std::string& rule) {
  auto it =
      std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.rule == rule; });
  return it == r.findings.end() ? nullptr : &*it;
}

const RegisterRow& row_of(const Report& r, const std::string& zone) {
  return *std::find_if(r.risk_register.begin(), r.risk_register.end(),
                       [&](const RegisterRow& x) { return x.zone == zone; });
}
} // namespace governance_tests
using namespace governance_tests;

TEST(Governance, ExpiredSessionIsAFindingWithOwnerAndChangeRecord) {
  EXPECT_EQ(find(analyze("", "2026-12-08"), "temporary-access-expired"), nullptr);
  Report after = analyze("", "2026-12-09");
  const Finding* f = find(after, "temporary-access-expired");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->conduit, "c");
  EXPECT_EQ(f->severity, Severity::High); // a vendor session
  EXPECT_EQ(f->requirement, "SR 1.13");
  EXPECT_NE(f->message.find("owner OT lead, change record CC-2026-412"), std::string::npos) << f->message;
  EXPECT_NE(std::find(f->iso27001.begin(), f->iso27001.end(), "A.5.19"), f->iso27001.end());
  // The laptop (a temporary connection) expired too: a medium finding on the asset.
  auto laptop = std::find_if(after.findings.begin(), after.findings.end(),
                             [](const Finding& x) { return x.asset == "laptop"; });
  ASSERT_NE(laptop, after.findings.end());
  EXPECT_EQ(laptop->severity, Severity::Medium);
  EXPECT_EQ(laptop->zcr, "ZCR 3.4");
  ASSERT_EQ(after.temporary.size(), 2u);
  EXPECT_EQ(after.temporary[0].state, TemporalState::Expired);
}

TEST(Governance, AcceptedRiskStaysVisibleAndIsReviewed) {
  const std::string acceptance = R"(, "scope": {"id": "suc-1", "name": "Cell", "isms_scope": "ISMS-1"},
    "risk_acceptances": [{"zone": "b", "threat": "*", "accepted_by": "Plant manager", "date": "2026-01-10",
      "review_by": "2026-12-01", "risk_level": 1, "justification": "replacement funded for 2027"}])";
  Report r = analyze(acceptance, "2026-12-08");
  const RegisterRow& row = row_of(r, "b");
  ASSERT_GT(row.risk.level, 1); // the plc is reachable over modbus from the start zone
  EXPECT_EQ(row.treatment, RiskTreatment::Accept);
  EXPECT_EQ(row.target_risk, row.risk.level); // an acceptance keeps the risk where it is
  ASSERT_TRUE(row.acceptance);
  EXPECT_EQ(row.acceptance->accepted_by, "Plant manager");
  EXPECT_TRUE(row.acceptance->overdue);  // 2026-12-01 < 2026-12-08
  EXPECT_TRUE(row.acceptance->exceeded); // signed off at level 1
  ASSERT_NE(find(r, "risk-acceptance-overdue"), nullptr);
  ASSERT_NE(find(r, "risk-acceptance-exceeded"), nullptr);
  EXPECT_EQ(r.scope.isms_scope, "ISMS-1");
  // On the review date itself the decision is still current.
  Report on_time = analyze(acceptance, "2026-12-01");
  EXPECT_FALSE(row_of(on_time, "b").acceptance->overdue);
  EXPECT_EQ(find(on_time, "risk-acceptance-overdue"), nullptr);
}

TEST(Governance, UntreatedRowsAreMitigatedToTheTolerableLine) {
  Report r = analyze("", "2026-12-08");
  const RegisterRow& row = row_of(r, "b");
  if (row.risk.tolerable) {
    EXPECT_EQ(row.treatment, RiskTreatment::Accept);
    EXPECT_EQ(row.target_risk, row.risk.level);
  } else {
    EXPECT_EQ(row.treatment, RiskTreatment::Mitigate);
    EXPECT_EQ(row.target_risk, 2); // the default consequence model's tolerable_max
  }
  EXPECT_FALSE(row.acceptance);
}

TEST(Governance, AcceptanceErrorsAreLocated) {
  auto err = load_error(kZones, "[]", "[]", R"(, "risk_acceptances": [{"zone": "nowhere", "threat": "t",
    "accepted_by": " ", "date": "2026-02-01", "review_by": "2026-01-01", "justification": "x",
    "treatment": "ignore"}])");
  EXPECT_NE(err.find("/risk_acceptances/0/zone: unknown zone 'nowhere'"), std::string::npos) << err;
  EXPECT_NE(err.find("/risk_acceptances/0/threat: unknown threat actor 't'"), std::string::npos) << err;
  EXPECT_NE(err.find("/risk_acceptances/0/accepted_by: accepted_by must not be empty"), std::string::npos)
      << err;
  EXPECT_NE(err.find("/risk_acceptances/0/review_by: review_by is before the date"), std::string::npos)
      << err;
  EXPECT_NE(err.find("/risk_acceptances/0/treatment: unknown treatment 'ignore'"), std::string::npos) << err;
}

TEST(Governance, EvidenceFindingsOnePerLocation) {
  const std::string zones = R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control",
    "requirements": [
      {"id": "SR 1.1", "status": "met", "evidence": ["TBD"]},
      {"id": "SR 1.2", "status": "met"},
      {"id": "SR 2.1", "status": "met", "evidence": ["EV-1"], "last_verified": "2025-12-07"},
      {"id": "SR 2.2", "status": "met", "evidence": ["EV-1"], "last_verified": "2025-12-08"},
      {"id": "SR 3.1", "status": "not-met"}]}])";
  Site site = fixture::make_site(zones, "[]", "[]");
  AnalysisOptions opt;
  opt.samples = 10;
  opt.as_of = day("2026-12-08"); // 366 days after 2025-12-07, 365 after 2025-12-08
  Report r = analyze_site(site, opt);
  const Finding* missing = find(r, "evidence-missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->zone, "b");
  EXPECT_EQ(missing->requirement, "SR 1.1");
  EXPECT_NE(missing->message.find("2 requirement records of zone b"), std::string::npos) << missing->message;
  EXPECT_NE(missing->message.find("SR 1.1 (placeholder), SR 1.2 (none)"), std::string::npos)
      << missing->message;
  const Finding* stale = find(r, "verification-overdue");
  ASSERT_NE(stale, nullptr);
  EXPECT_NE(stale->message.find("1 requirement record of zone b"), std::string::npos) << stale->message;
  EXPECT_NE(stale->message.find("SR 2.1 (2025-12-07)"), std::string::npos) << stale->message;
}
