// Batch inputs and jobs: every site x scenario x threat actor combination found in the
// directories and list files given to `zonepath batch` (docs/batch.md). Job order, input hashes
// and per-job seeds depend only on the inputs and options, never on scheduling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/calendar.hpp"

namespace zonepath::scenarios {

struct BatchInputs {
  std::vector<std::string> sites;     // sorted, as found
  std::vector<std::string> scenarios; // sorted, as found
  std::vector<std::string> skipped;   // JSON files of other zonepath schemas (reports, graphs)
};

// Each argument is a directory (its *.json files, not recursive), a list file (one path per
// line, relative to the list's directory; blank lines and '#' comments ignored) or a JSON
// file. JSON files are sorted into sites and scenarios by their "schema"; a file that cannot
// be read or parsed counts as a site, so that its failure is recorded as a job.
// Throws StoreError when an argument does not exist.
BatchInputs collect_batch_inputs(const std::vector<std::string>& args);

struct BatchJobOptions {
  std::uint64_t samples = 1000;
  std::uint64_t seed = 1;
  std::size_t paths_per_target = 3;
  // The assessment day of every job (`batch --as-of`); nullopt: each site's own as_of.
  std::optional<models::Date> as_of;
};

struct BatchJob {
  std::size_t index = 0; // position in job order
  std::string site_file, site_sha256;
  std::string scenario_file, scenario_sha256; // empty: the baseline
  std::string threat;                         // empty: the site could not be read (the job fails)
  std::string load_error;                     // why the site could not be enumerated
  std::uint64_t samples = 0, seed = 0;        // seed: this job's own, < 2^63
  std::size_t paths_per_target = 3;
  std::string as_of;      // YYYY-MM-DD from --as-of; empty: the site's as_of
  std::string input_hash; // SHA-256 over everything the job reads and every option
};

// The message rank 0 sends an MPI worker.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BatchJob, index, site_file, site_sha256, scenario_file, scenario_sha256,
                                   threat, load_error, samples, seed, paths_per_target, as_of, input_hash)

// Jobs in a fixed order: sites in input order; per site the baseline, then each scenario
// whose base is empty or the site's id; per (site, scenario) the site's threat actors in file
// order.
std::vector<BatchJob> plan_batch_jobs(const BatchInputs& inputs, const BatchJobOptions& options);

// The seed of one job: derived from the batch seed and a hash of the site's content and the
// threat id, so that it depends neither on job order nor on scheduling; the scenario jobs of a
// site share their baseline's seed (common random numbers).
std::uint64_t derive_job_seed(std::uint64_t batch_seed, const std::string& identity_sha256);

} // namespace zonepath::scenarios
