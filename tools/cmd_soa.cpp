// zonepath soa SITE: the ISO/IEC 27001 Statement of Applicability, one row per Annex A control,
// and with --out the files an auditor samples from (soa.csv, soa.xlsx, evidence-register.csv).
#include <cstdio>
#include <iostream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "report_writers.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/soa.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::soa_command {
namespace {

struct Args {
  std::string site, out;
  std::vector<std::string> threats;
  std::uint64_t samples = 1000, seed = 1;
  bool json = false;
  std::optional<models::Date> as_of;
};

void print_table(const std::vector<models::SoaRow>& rows) {
  std::printf("%-7s  %-10s  %-15s  %-18s  %s\n", "control", "applicable", "status", "basis", "title");
  for (const auto& r : rows)
    std::printf("%-7s  %-10s  %-15s  %-18s  %s\n", std::string(r.control->id).c_str(),
                r.applicable ? "yes" : "no", to_string(r.status), to_string(r.basis),
                std::string(r.control->title).c_str());
}

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("soa", "ISO/IEC 27001:2022 Statement of Applicability: one row per Annex A "
                                "control with applicability, justification and status from the model.");
  auto a = std::make_shared<Args>();
  sub->add_option("SITE", a->site, "site model file")->required();
  add_security_level_options(*sub, a->threats, a->samples, a->seed, a->as_of);
  sub->add_option("--out", a->out, "directory for soa.csv, soa.xlsx and evidence-register.csv");
  sub->add_flag("--json", a->json, "print the SoA JSON (zonepath/soa/v1) on stdout");
  sub->footer("Example:\n  zonepath soa scenarios/examples/pharma-batch.json --out out/pharma-soa\n"
              "  zonepath soa site.json --as-of 2026-12-08 --json");
  sub->callback([a] {
    reuse_freed_memory();
    auto site = [&] {
      const ProgressPhase load(progress(), "load site");
      return interchange::load_site_file(a->site, progress());
    }();
    models::AnalysisOptions opt;
    opt.threats = a->threats;
    opt.samples = a->samples;
    opt.seed = a->seed;
    opt.as_of = a->as_of;
    opt.compute_paths = false; // the SoA needs SL-T, records and findings, not the path lists
    opt.targets = {};
    opt.cancel = &global_cancel_token();
    opt.progress = progress();
    const models::Report report = models::analyze_site(*site, opt);
    if (!a->out.empty()) write_reports(*site, report, a->out, {"soa", "xlsx", "evidence"});
    const auto rows = models::build_soa(*site, report);
    if (a->json) {
      print_json(models::soa_to_json(*site, report, rows));
      return;
    }
    print_table(rows);
    if (!a->out.empty()) std::cout << "\nSoA and evidence register written to " << a->out << '\n';
  });
}

const bool registered = register_command("soa", 28, attach);

} // namespace
} // namespace zonepath::cli::soa_command
