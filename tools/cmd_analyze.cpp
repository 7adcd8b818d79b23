// zonepath analyze SITE: the full IEC 62443-3-2 detailed risk assessment, with report files.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "report_writers.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/render/report_text.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::analyze_command {
namespace {

struct Args {
  std::string site, out, formats = "all";
  std::vector<std::string> threats, targets;
  std::uint64_t samples = 1000, seed = 1;
  std::size_t k = 3;
  bool json = false;
  std::optional<models::Date> as_of;
};

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("analyze", "Full analysis: attack paths to the crown jewels, reach and time to "
                                    "compromise by Monte Carlo, SL-A, SL-T, gaps, findings, risk register.");
  auto a = std::make_shared<Args>();
  sub->add_option("SITE", a->site, "site model file")->required();
  sub->add_option("--threat", a->threats, "threat actor id (repeatable; default: all)");
  sub->add_option("--to", a->targets, "target asset or zone ids (default: the crown jewels)");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  add_as_of_option(*sub, a->as_of);
  sub->add_option("-k,--paths", a->k, "most likely paths per threat and target")
      ->check(CLI::Range(std::size_t{0}, kMaxPaths));
  sub->add_option("--out", a->out, "directory for the report files");
  sub->add_option("--format", a->formats,
                  "comma-separated report files to write with --out: all (default) or any of " +
                      known_formats());
  sub->add_flag("--json", a->json, "print the report JSON on stdout");
  sub->footer("Example:\n  zonepath analyze scenarios/examples/water-treatment.json --out out/water\n"
              "  zonepath analyze site.json --out out/site --format html,md,attack-layer\n"
              "  zonepath analyze site.json --threat apt --samples 10000 --seed 7 --json");
  sub->callback([a] {
    reuse_freed_memory();
    auto formats = parse_formats(a->formats);
    auto site = [&] {
      const ProgressPhase load(progress(), "load site");
      return interchange::load_site_file(a->site, progress());
    }();
    models::AnalysisOptions opt;
    opt.threats = a->threats;
    opt.targets = a->targets;
    opt.samples = a->samples;
    opt.seed = a->seed;
    opt.as_of = a->as_of;
    opt.paths_per_target = a->k;
    opt.cancel = &global_cancel_token();
    opt.progress = progress();
    models::Report report = models::analyze_site(*site, opt);
    if (!a->out.empty()) {
      const ProgressPhase write(progress(), "write reports");
      write_reports(*site, report, a->out, formats);
    }
    if (a->json) {
      print_json(models::report_to_json(*site, report));
      return;
    }
    render::print_summary(std::cout, *site, report);
    if (!a->out.empty()) std::cout << "\nReports written to " << a->out << '\n';
  });
}

const bool registered = register_command("analyze", 25, attach);

} // namespace
} // namespace zonepath::cli::analyze_command
