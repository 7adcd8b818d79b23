// Report vs report: what changed between a baseline and a scenario (or between two designs),
// matched by ids. Reach and TTC per crown jewel and threat, SL-T/SL-A/gaps and risk per zone,
// conduit SL-A, the listed (k most likely) paths that appear or disappear, findings added or
// removed. Monte Carlo figures carry both 95% intervals; a change counts as significant when
// the intervals do not overlap.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/report.hpp"
#include "zonepath/models/required_flows.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::scenarios {

template <class T> struct Side {
  std::optional<T> before, after; // absent where the object exists on one side only
};

struct TargetDiff {
  std::string id, threat;
  Side<double> reach;
  Side<std::array<double, 2>> ci95;
  Side<double> ttc_p50; // median days to compromise over successful samples
  bool significant = false;
  double delta() const { return reach.after.value_or(0) - reach.before.value_or(0); }
};

struct ZoneDiff {
  std::string id;
  Side<models::SlVector> sl_t, sl_a, gap;
  Side<int> risk_level;
  Side<bool> tolerable;
  Side<double> probability; // likelihood of compromise behind the risk rating
  bool changed = false;
};

struct ConduitDiff {
  std::string id;
  Side<models::SlVector> sl_a, gap;
  bool changed = false;
};

struct PathChange {
  std::string threat, target;
  std::vector<std::string> nodes;
  double probability = 0;
};

struct ReportDiff {
  // The required flows of both sites (docs/model.md#required-flows) and those the change stops:
  // carried before, blocked or gone after. Reports put them first.
  std::size_t required_flows = 0;
  std::vector<models::BrokenFlow> required_flows_broken;
  std::vector<TargetDiff> targets;
  std::vector<ZoneDiff> zones;
  std::vector<ConduitDiff> conduits;
  std::vector<PathChange> paths_appeared, paths_disappeared;
  std::vector<models::Finding> findings_added, findings_removed;
  // Summary: worst crown-jewel reach, zones with intolerable risk, sum of all zone gaps.
  Side<double> max_reach;
  Side<int> intolerable_zones, total_gap;
};

ReportDiff diff_reports(const models::Site& site_before, const models::Report& before,
                        const models::Site& site_after, const models::Report& after);

// `labels` name the two sides in the JSON ("before"/"after", or "a"/"b" for designs).
nlohmann::json diff_to_json(const ReportDiff& diff,
                            const std::array<std::string, 2>& labels = {"before", "after"});
// "Required flows: all N still carried" or "REQUIRED FLOWS STOPPED: k of N: ..." with a newline;
// empty when neither site declares required flows.
std::string required_flows_line(const ReportDiff& diff);
// A readable table of the changes (unchanged zones and targets are left out unless `all`).
// It starts with required_flows_line unless `flows_line` is false (the caller printed it first).
std::string diff_to_text(const ReportDiff& diff,
                         const std::array<std::string, 2>& labels = {"before", "after"}, bool all = false,
                         bool flows_line = true);

} // namespace zonepath::scenarios
