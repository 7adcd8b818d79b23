// zonepath batch: every site x scenario x threat job into a SQLite results database, in
// parallel (TBB), across MPI ranks when started by mpirun/srun (builds with ZONEPATH_MPI=ON).
#include <iostream>
#include <limits>
#include <thread>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/scenarios/batch_run.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::batch_command {
namespace {

struct Args {
  std::vector<std::string> inputs;
  std::string db;
  std::size_t k = 3;
  std::uint64_t samples = 1000, seed = 1;
  bool json = false;
  std::optional<models::Date> as_of;
};

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("batch", "Analyse every site x scenario x threat actor into a SQLite database, "
                                  "in parallel; reruns skip finished jobs.");
  auto a = std::make_shared<Args>();
  sub->add_option("INPUT", a->inputs,
                  "directories of site (and scenario) JSON files, list files, or JSON files")
      ->required();
  sub->add_option("--db", a->db, "SQLite results database (created if missing)")->required();
  add_threads_option(*sub, "--threads,--jobs");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per job")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "batch seed; each job derives its own from it and its inputs")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t(std::numeric_limits<std::int64_t>::max())));
  sub->add_option("-k,--paths", a->k, "most likely paths per target stored per job")
      ->check(CLI::Range(0, 100));
  add_as_of_option(*sub, a->as_of);
  sub->add_flag("--json", a->json, "print the run summary as JSON on stdout");
  sub->footer("Example:\n  zonepath batch sites/ --db results.sqlite --threads 2 --samples 1000 --seed 7\n"
              "  mpirun -np 4 zonepath batch sites.txt --db results.sqlite   # ZONEPATH_MPI=ON builds\n"
              "Schema, resume semantics and Slurm usage: docs/batch.md");
  sub->callback([a] {
    reuse_freed_memory();
    scenarios::BatchOptions opt;
    opt.inputs = a->inputs;
    opt.db = a->db;
    opt.job.samples = a->samples;
    opt.job.seed = a->seed;
    opt.job.paths_per_target = a->k;
    opt.job.as_of = a->as_of;
    opt.threads = requested_threads();
    // Batch keeps its own bar (jobs, failures, rate): drawn wherever a text progress line would be.
    // JSON lines and --timings come from the run's reporter, as for every other command.
    opt.progress = progress_mode() == ProgressMode::text;
    if (!opt.progress) opt.reporter = progress();
    opt.version = ZONEPATH_VERSION;
    opt.cancel = &global_cancel_token();
    const bool mpi = scenarios::batch_mpi_available() && scenarios::batch_mpi_launched();
    scenarios::BatchSummary s = mpi ? scenarios::run_batch_mpi(opt) : scenarios::run_batch(opt);
    if (!s.is_root) return; // MPI worker rank: rank 0 reports
    for (const auto& f : s.skipped_inputs)
      std::cerr << "zonepath: note: skipped " << f << " (not a site or scenario)\n";
    const auto& c = s.counts;
    const std::size_t ran = c.ok + c.failed;
    const double rate = c.elapsed_s > 0 ? ran / c.elapsed_s : 0;
    const std::size_t threads = opt.threads ? opt.threads : std::thread::hardware_concurrency();
    if (a->json) {
      nlohmann::json failed = nlohmann::json::array();
      for (const auto& f : s.failed)
        failed.push_back({{"site_file", f.site_file},
                          {"scenario_file", f.scenario_file},
                          {"threat", f.threat},
                          {"error_kind", f.error_kind},
                          {"error", f.error}});
      print_json({{"db", a->db},
                  {"run_id", s.run_id},
                  {"jobs", c.total},
                  {"skipped", c.skipped},
                  {"ok", c.ok},
                  {"failed", c.failed},
                  {"interrupted", c.interrupted},
                  {"elapsed_s", c.elapsed_s},
                  {"jobs_per_second", rate},
                  {"ranks", s.ranks},
                  {"threads", threads},
                  {"failed_jobs", failed},
                  {"skipped_inputs", s.skipped_inputs}});
    } else {
      std::cout << "Batch run " << s.run_id << " into " << a->db << ": " << c.total << " jobs (" << c.skipped
                << " already done, " << c.ok << " ok, " << c.failed << " failed) in " << c.elapsed_s << " s, "
                << rate << " jobs/s, " << s.ranks << " rank(s) x " << threads << " thread(s)\n";
      for (const auto& f : s.failed)
        std::cout << "  failed: " << f.site_file << (f.scenario_file.empty() ? "" : " + " + f.scenario_file)
                  << " [" << (f.threat.empty() ? "site" : f.threat) << "] " << f.error_kind << ": "
                  << first_line(f.error) << '\n';
    }
    if (c.interrupted) throw CancelledError("batch interrupted; rerun the same command to resume");
    if (c.failed > 0) throw ExitCode{1};
  });
}

const bool registered = register_command("batch", 80, attach);

} // namespace
} // namespace zonepath::cli::batch_command
