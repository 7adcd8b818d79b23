// zonepath change SITE CHANGE: the impact of a change request for the Management of Change
// board, the site assessed before and after the change on one date (during its window).
#include <filesystem>
#include <iostream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/render/change_report.hpp"
#include "zonepath/scenarios/change.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::change_command {
namespace {

struct Args {
  std::string site, change, out;
  std::vector<std::string> threats;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  std::optional<scenarios::FailOn> fail_on;
  std::size_t k = 3;
  bool json = false;
};

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// change-impact.json and the Markdown and HTML pages rendered from it, all or nothing.
void write_outputs(const nlohmann::json& impact, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create directory '" + dir + "': " + ec.message());
  AtomicFileSet files;
  files.add((fs::path(dir) / "change-impact.json").string(), dump(impact));
  files.add((fs::path(dir) / "change-impact.md").string(), render::change_impact_markdown(impact));
  files.add((fs::path(dir) / "change-impact.html").string(), render::change_impact_html(impact));
  files.commit();
}

void run(const Args& a) {
  // Everything is loaded and checked before anything runs or is written.
  JsonDocument base = [&] {
    const ProgressPhase load(progress(), "load site");
    return interchange::load_document_file(a.site, {}, progress());
  }();
  scenarios::ChangeRequest change = scenarios::load_change_file(a.change);
  models::AnalysisOptions opt;
  opt.threats = a.threats;
  opt.samples = a.samples;
  opt.seed = a.seed;
  opt.as_of = a.as_of;
  opt.paths_per_target = a.k;
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  const scenarios::ChangeImpact impact = scenarios::run_change(base.root(), a.site, change, opt);
  const nlohmann::json j = scenarios::change_impact_to_json(impact);
  if (!a.out.empty()) write_outputs(j, a.out);
  if (a.json)
    print_json(j);
  else
    std::cout << scenarios::change_impact_text(impact);
  if (!a.out.empty() && !a.json) std::cout << "\nResults written to " << a.out << '\n';
  if (a.fail_on) {
    const auto hits = scenarios::gate_violations(impact, *a.fail_on);
    if (hits.empty()) return;
    std::cerr << "zonepath: change " << change.id << " fails --fail-on " << scenarios::to_string(*a.fail_on)
              << ": " << hits.size() << " zone/threat rating(s), first " << hits.front()->zone << " / "
              << hits.front()->threat << '\n';
    throw ExitCode{2};
  }
}

const bool registered = register_command("change", 62, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand(
      "change",
      "Assess a change request (zonepath/change/v1) for the Management of Change board: risk per zone "
      "and threat actor, SL-A and gaps, findings and attack paths before and after, evidence to "
      "re-verify and the ISO 27001 Annex A controls concerned.");
  sub->add_option("SITE", a->site, "site model file")->required();
  sub->add_option("CHANGE", a->change, "change request file (zonepath/change/v1)")->required();
  sub->add_option("--threat", a->threats, "threat actor id (repeatable; default: all)");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  add_as_of_option(*sub, a->as_of)
      ->description("assessment date YYYY-MM-DD of both sides (default: the first day of the change window, "
                    "else the site's site.as_of)");
  sub->add_option("-k,--paths", a->k, "most likely paths per threat and target")
      ->check(CLI::Range(std::size_t{0}, kMaxPaths));
  sub->add_option_function<std::string>(
         "--fail-on",
         [a](const std::string& text) {
           a->fail_on = scenarios::parse_fail_on(text);
           if (!a->fail_on)
             throw CLI::ValidationError("--fail-on",
                                        "'" + text + "' is not intolerable, high or any-increase");
         },
         "exit 2 when the change raises a zone/threat risk rating to intolerable, to high or above, or at "
         "all "
         "(intolerable|high|any-increase)")
      ->type_name("LEVEL");
  sub->add_option("--out", a->out,
                  "directory for change-impact.json, change-impact.md and change-impact.html");
  sub->add_flag("--json", a->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath change scenarios/examples/pharma-batch.json \\\n"
              "      scenarios/examples/changes/pharma-vendor-session.json --out out/moc\n"
              "  zonepath change site.json change.json --as-of 2026-12-09 --fail-on intolerable --json");
  sub->callback([a] {
    reuse_freed_memory();
    run(*a);
  });
});

} // namespace
} // namespace zonepath::cli::change_command
