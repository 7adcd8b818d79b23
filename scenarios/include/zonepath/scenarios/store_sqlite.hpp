// The SQLite results store of `zonepath batch` (schema in docs/batch.md): runs, jobs with their
// input hash, status and error, and per job the zone gaps, reach of targets and likely paths.
// WAL mode; one writer (the batch's main thread, or MPI rank 0).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "zonepath/scenarios/batch_jobs.hpp"
#include "zonepath/scenarios/batch_result.hpp"

struct sqlite3;

namespace zonepath::scenarios {

inline constexpr int kStoreSchemaVersion = 2; // 2: jobs.as_of

struct RunInfo {
  std::string zonepath_version, inputs; // inputs: JSON array of the arguments
  std::uint64_t seed = 0, samples = 0;
  std::size_t threads = 0;
  int ranks = 1;
};

struct RunCounts {
  std::size_t total = 0, skipped = 0, ok = 0, failed = 0;
  bool interrupted = false;
  double elapsed_s = 0;
};

class ResultStore {
public:
  // Opens or creates the database; throws StoreError (also for a newer schema version).
  explicit ResultStore(const std::string& path);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  // Input hashes of the jobs that finished with status 'ok'.
  std::unordered_set<std::string> done_hashes();
  // Also marks runs left 'running' by a process that no longer exists (killed with SIGKILL, or
  // its machine lost power) as 'interrupted': each running process holds a lock for its run.
  std::int64_t begin_run(const RunInfo& info);
  // Inserts (or resets to 'pending') a row per job, in order; returns their job ids.
  std::vector<std::int64_t> register_jobs(std::int64_t run_id, const std::vector<BatchJob>& jobs);
  void begin();
  void commit();
  // Replaces the job's rows with the result (call between begin() and commit()).
  void write_result(std::int64_t job_id, const JobResult& result);
  void finish_run(std::int64_t run_id, const RunCounts& counts);

private:
  void exec(const char* sql);
  void reclaim_dead_runs();
  sqlite3* db_ = nullptr;
  std::string path_;
  int run_lock_fd_ = -1; // open file description holding this process's run lock
};

} // namespace zonepath::scenarios
