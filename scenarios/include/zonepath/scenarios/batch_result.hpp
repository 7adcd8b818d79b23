// Running one batch job and what it yields: rows for the results store (zone gaps, targets,
// paths), or the error that stopped it. Results convert to and from JSON so that MPI ranks
// can ship them to rank 0 unchanged (doubles round-trip exactly).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/scenarios/batch_jobs.hpp"

namespace zonepath::scenarios {

struct ZoneRow {
  std::string zone;
  std::array<int, 7> sl_t{}, sl_a{}, gap{};
  std::vector<std::string> missing;
  int likelihood = 0, severity = 0, level = 0;
  bool tolerable = true;
};

struct TargetRow {
  std::string target;
  double probability = 0, ci_lo = 0, ci_hi = 0;
  std::optional<std::array<double, 4>> ttc; // mean, p10, p50, p90 (days)
  std::optional<double> within_budget;
};

struct PathRow {
  std::string target;
  int rank = 0;
  double probability = 0;
  std::optional<double> ttc_mean_days;
  int hops = 0;
  std::string nodes, steps; // JSON arrays as text
};

enum class JobStatus { Ok, Failed, Cancelled };

struct JobResult {
  std::size_t index = 0;
  JobStatus status = JobStatus::Failed;
  std::string error_kind, error; // "ValidationError", message
  std::string site_id, scenario_id;
  std::string as_of; // the assessment day the analysis used (YYYY-MM-DD); empty: none
  double elapsed_ms = 0;
  int rank = 0;
  std::vector<ZoneRow> zones;
  std::vector<TargetRow> targets;
  std::vector<PathRow> paths;
};

// Results as JSON, the message an MPI worker sends rank 0. Rows are positional arrays (many
// per job); a NaN double travels as null and comes back as NaN, so stored bits are the
// worker's.
void to_json(nlohmann::json& j, const ZoneRow& z);
void from_json(const nlohmann::json& j, ZoneRow& z);
void to_json(nlohmann::json& j, const TargetRow& t);
void from_json(const nlohmann::json& j, TargetRow& t);
void to_json(nlohmann::json& j, const PathRow& p);
void from_json(const nlohmann::json& j, PathRow& p);
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(JobResult, index, status, error_kind, error, site_id, scenario_id, as_of,
                                   elapsed_ms, rank, zones, targets, paths)

// Loaded sites and scenarios shared by the jobs of one process, a few at a time.
class JobInputCache {
public:
  explicit JobInputCache(std::size_t capacity);
  ~JobInputCache();
  JobInputCache(const JobInputCache&) = delete;
  JobInputCache& operator=(const JobInputCache&) = delete;

  struct Impl;
  struct Loaded; // one loaded input or its error

private:
  friend JobResult run_batch_job(const BatchJob&, JobInputCache&, const CancelToken*);
  std::unique_ptr<Impl> impl_;
};

// Never throws for a job's own failure: it is returned as status Failed with the message.
JobResult run_batch_job(const BatchJob& job, JobInputCache& cache, const CancelToken* cancel);

} // namespace zonepath::scenarios
