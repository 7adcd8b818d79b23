// zonepath whatif SITE SCENARIO...: the baseline and every scenario analysed, each reported as
// changes against the baseline.
#include <filesystem>
#include <iostream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/render/whatif_html.hpp"
#include "zonepath/scenarios/scenario_run.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::whatif_command {
namespace {

struct Args {
  std::string site, out;
  std::vector<std::string> scenarios, threats;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  std::size_t k = 3;
  bool json = false, all = false;
};

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The JSON files, and HTML pages rendered from the same whatif JSON (index.html and one page
// per scenario).
void write_outputs(const scenarios::WhatifResult& r, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create directory '" + dir + "': " + ec.message());
  namespace fs = std::filesystem;
  const nlohmann::json whatif = scenarios::whatif_to_json(r);
  AtomicFileSet files; // all or nothing
  files.add((fs::path(dir) / "whatif.json").string(), dump(whatif));
  files.add((fs::path(dir) / "index.html").string(), render::whatif_summary_html(whatif));
  for (std::size_t i = 0; i < whatif["scenarios"].size(); ++i)
    files.add((fs::path(dir) / render::whatif_page_name(whatif["scenarios"][i].value("id", ""))).string(),
              render::whatif_scenario_html(whatif, i));
  files.add((fs::path(dir) / "baseline.report.json").string(),
            dump(models::report_to_json(*r.base, r.baseline)));
  for (const auto& o : r.scenarios) {
    nlohmann::json j = scenarios::outcome_to_json(o);
    j["report"] = models::report_to_json(*o.result.site, o.report);
    j["site_json"] = o.result.site_json;
    files.add((fs::path(dir) / (o.scenario.id + ".json")).string(), dump(j));
  }
  files.commit();
}

void run(const Args& a) {
  // Everything is loaded and checked before anything runs or is written.
  JsonDocument base = [&] {
    const ProgressPhase load(progress(), "load site");
    return interchange::load_document_file(a.site, {}, progress());
  }();
  std::vector<scenarios::Scenario> list;
  for (const auto& f : a.scenarios) list.push_back(scenarios::load_scenario_file(f));
  models::AnalysisOptions opt;
  opt.threats = a.threats;
  opt.samples = a.samples;
  opt.seed = a.seed;
  opt.as_of = a.as_of;
  opt.paths_per_target = a.k;
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  scenarios::WhatifResult r = scenarios::run_whatif(base.root(), a.site, list, opt);
  if (!a.out.empty()) write_outputs(r, a.out);
  if (a.json) {
    print_json(scenarios::whatif_to_json(r));
    return;
  }
  std::cout << "Site " << (r.baseline.site_name.empty() ? r.baseline.site_id : r.baseline.site_name) << ": "
            << r.scenarios.size() << " scenario(s), " << r.baseline.samples << " samples, seed "
            << r.baseline.seed << "\n";
  for (const auto& o : r.scenarios) {
    std::cout << "\n=== Scenario " << o.scenario.id;
    if (!o.scenario.name.empty()) std::cout << ": " << o.scenario.name;
    std::cout << " (" << o.scenario.file() << ")\n" << scenarios::required_flows_line(o.diff);
    for (const auto& ap : o.result.applied) {
      std::cout << "  " << ap.index + 1 << ". " << ap.summary;
      if (!ap.override_reason.empty()) std::cout << " [override: " << ap.override_reason << "]";
      std::cout << '\n';
    }
    std::cout << '\n' << scenarios::diff_to_text(o.diff, {"baseline", "scenario"}, a.all, false);
  }
  if (!a.out.empty()) std::cout << "\nResults written to " << a.out << '\n';
}

const bool registered = register_command("whatif", 60, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub =
      app.add_subcommand("whatif", "Run what-if scenarios against a site and report the changes against the "
                                   "baseline: reach and TTC per crown jewel, SL-A and gaps, risk, paths, "
                                   "findings.");
  sub->add_option("SITE", a->site, "base site model file")->required();
  sub->add_option("SCENARIO", a->scenarios, "scenario files (zonepath/scenario/v1)")
      ->required()
      ->expected(1, -1);
  sub->add_option("--threat", a->threats, "threat actor id (repeatable; default: all)");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  add_as_of_option(*sub, a->as_of);
  sub->add_option("-k,--paths", a->k, "most likely paths per threat and target")
      ->check(CLI::Range(std::size_t{0}, kMaxPaths));
  sub->add_option("--out", a->out,
                  "directory for whatif.json, baseline.report.json, one <scenario-id>.json each, and the "
                  "HTML pages index.html and scenario-<id>.html");
  sub->add_flag("--all", a->all, "list unchanged zones and targets too");
  sub->add_flag("--json", a->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath whatif scenarios/examples/water-treatment.json \\\n"
              "      scenarios/examples/scenarios/water-vendor-vpn-compromised.json --threat ta-apt\n"
              "  zonepath whatif site.json s1.json s2.json --samples 5000 --seed 7 --out out/whatif --json");
  sub->callback([a] {
    reuse_freed_memory();
    run(*a);
  });
});

} // namespace
} // namespace zonepath::cli::whatif_command
