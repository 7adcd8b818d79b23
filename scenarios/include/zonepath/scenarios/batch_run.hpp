// `zonepath batch`: every site x scenario x threat job, run in parallel (TBB on one machine,
// optionally MPI across nodes with rank 0 handing out jobs and writing), results into SQLite.
// A failing job is recorded and the batch goes on; jobs already done (same input hash) are
// skipped, so an interrupted batch resumes where it stopped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/scenarios/batch_jobs.hpp"
#include "zonepath/scenarios/store_sqlite.hpp"

namespace zonepath::scenarios {

struct BatchOptions {
  std::vector<std::string> inputs; // directories, list files, JSON files
  std::string db;                  // SQLite file
  BatchJobOptions job;
  std::size_t threads = 0; // 0: all cores
  bool progress = false;   // progress bar on stderr (the caller checks for a terminal)
  // A phase "jobs": jobs done of those this run has to do (skipped ones are not counted), for
  // progress events other than the bar (JSON lines, --timings). Driven by the calling thread.
  ProgressReporter* reporter = nullptr;
  std::string version; // recorded in runs.zonepath_version
  const CancelToken* cancel = nullptr;
};

struct FailedJob {
  std::string site_file, scenario_file, threat, error_kind, error;
};

struct BatchSummary {
  std::int64_t run_id = 0;
  RunCounts counts;
  int ranks = 1;
  bool is_root = true; // false on MPI worker ranks (they have no summary)
  std::vector<std::string> skipped_inputs;
  std::vector<FailedJob> failed; // this run's failures, in job order
};

// Runs in this process only.
BatchSummary run_batch(const BatchOptions& options);

// Whether this binary was built with MPI (ZONEPATH_MPI=ON).
bool batch_mpi_available();
// Whether the process was started by an MPI launcher (mpirun, mpiexec, srun with PMI).
bool batch_mpi_launched();
// Runs across the ranks of MPI_COMM_WORLD (initialises and finalises MPI). Only rank 0 reads
// the inputs and writes the database; every rank returns, workers with is_root = false.
// Without MPI support it throws Error.
BatchSummary run_batch_mpi(const BatchOptions& options);

} // namespace zonepath::scenarios
