// Change requests: the window and the change id filled into the temporary elements the
// operations add (and nowhere else), located errors, and the --fail-on gate on ratings set by
// hand.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/scenarios/change.hpp"

namespace zonepath::scenarios {
namespace {

ChangeRequest parse_change(const std::string& text) {
  return load_change(std::make_shared<const JsonDocument>(JsonDocument::parse(text, "moc.json")));
}

const char* kChangeHead =
    R"({"schema": "zonepath/change/v1", "id": "MOC-1", "title": "t", "requested_by": "r",)";

TEST(Change, WindowAndIdFillOnlyWhatTheTemporaryObjectLeavesOut) {
  ChangeRequest c = parse_change(std::string(kChangeHead) + R"(
    "window": {"valid_from": "2026-12-08T06:00:00+01:00", "valid_until": "2026-12-09"},
    "operations": [
      {"op": "add-rule", "conduit": "fw", "rule": {"priority": 1, "action": "allow",
        "temporary": {"kind": "vendor-session", "owner": "o"}}},
      {"op": "add-asset", "asset": {"id": "a", "zone": "z", "temporary": {"kind": "temporary-connection",
        "owner": "o", "valid_until": "2026-12-08", "change_record": "CR-9"}}},
      {"op": "add-rule", "conduit": "fw", "rule": {"priority": 2, "action": "allow"}}]})");
  ASSERT_EQ(c.window_applied.size(), 2u);
  EXPECT_EQ(c.window_applied[0], "/operations/0/rule/temporary");
  EXPECT_EQ(c.window_applied[1], "/operations/1/asset/temporary");
  const auto& t0 = c.scenario.operations[0].spec["rule"]["temporary"];
  EXPECT_EQ(t0["valid_from"], "2026-12-08T06:00:00+01:00");
  EXPECT_EQ(t0["valid_until"], "2026-12-09");
  EXPECT_EQ(t0["change_record"], "MOC-1");
  // Stated values stay: only valid_from was missing.
  const auto& t1 = c.scenario.operations[1].spec["asset"]["temporary"];
  EXPECT_EQ(t1["valid_until"], "2026-12-08");
  EXPECT_EQ(t1["change_record"], "CR-9");
  EXPECT_EQ(t1["valid_from"], "2026-12-08T06:00:00+01:00");
  // A permanent rule stays permanent.
  EXPECT_FALSE(c.scenario.operations[2].spec["rule"].contains("temporary"));
  // 06:00 at +01:00 is 05:00 UTC on the 8th: the window's first day; a date alone as the end
  // lasts to the end of that day.
  EXPECT_EQ(c.window->valid_from.date().text(), "2026-12-08");
  EXPECT_EQ(c.window->valid_until.seconds -
                models::Instant::start_of(*models::parse_date("2026-12-10")).seconds,
            0);
}

TEST(Change, EveryProblemIsReportedWithItsPlace) {
  try {
    parse_change(std::string(kChangeHead) + R"(
    "window": {"valid_from": "2026-12-08", "valid_until": "2026-12-07"},
    "operations": [{"op": "add-rul", "conduit": "fw"}]})");
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/window/valid_until");
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_EQ(e.diagnostics()[1].pointer, "/operations/0/op");
    EXPECT_EQ(e.diagnostics()[1].suggestion, "did you mean 'add-rule'?");
    EXPECT_EQ(e.diagnostics()[1].line, 3);
  }
}

ZoneThreatRisk rating_row(std::optional<int> before, std::optional<int> after, bool tol_before,
                          bool tol_after) {
  ZoneThreatRisk r{"z", "t", {}};
  if (before) r.risk.before = models::RiskRating{0.1, 1, 5, *before, tol_before, "t"};
  if (after) r.risk.after = models::RiskRating{0.9, 5, 5, *after, tol_after, "t"};
  return r;
}

std::size_t gate_hits(const std::vector<ZoneThreatRisk>& rows, FailOn level) {
  ChangeImpact impact;
  impact.risks = rows;
  return gate_violations(impact, level).size();
}

TEST(Change, FailOnJudgesWhatTheChangeRaises) {
  // moderate -> moderate (already intolerable, unchanged): no gate trips.
  EXPECT_EQ(gate_hits({rating_row(3, 3, false, false)}, FailOn::Intolerable), 0u);
  EXPECT_EQ(gate_hits({rating_row(3, 3, false, false)}, FailOn::AnyIncrease), 0u);
  // low -> moderate, still tolerable: any-increase only.
  EXPECT_EQ(gate_hits({rating_row(2, 3, true, true)}, FailOn::AnyIncrease), 1u);
  EXPECT_EQ(gate_hits({rating_row(2, 3, true, true)}, FailOn::High), 0u);
  EXPECT_EQ(gate_hits({rating_row(2, 3, true, true)}, FailOn::Intolerable), 0u);
  // moderate -> high and intolerable: all three.
  for (FailOn f : {FailOn::Intolerable, FailOn::High, FailOn::AnyIncrease})
    EXPECT_EQ(gate_hits({rating_row(3, 4, true, false)}, f), 1u) << to_string(f);
  // A zone rated only after the change (new zone) at high, tolerable: high and any-increase.
  EXPECT_EQ(gate_hits({rating_row(std::nullopt, 4, true, true)}, FailOn::High), 1u);
  EXPECT_EQ(gate_hits({rating_row(std::nullopt, 4, true, true)}, FailOn::Intolerable), 0u);
  // Lowered: nothing.
  EXPECT_EQ(gate_hits({rating_row(5, 2, false, true)}, FailOn::AnyIncrease), 0u);
  EXPECT_EQ(parse_fail_on("any-increase"), FailOn::AnyIncrease);
  EXPECT_FALSE(parse_fail_on("medium"));
}

} // namespace
} // namespace zonepath::scenarios
