// zonepath plan SITE [--threat ID]...: the cheapest ordered remediation plan against every threat
// actor (or the ones named) that stops no required flow, verified by re-running it as a scenario.
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
#include "zonepath/scenarios/plan.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::plan_command {
namespace {

struct Args {
  std::string site, out, cost_model, required_flows;
  std::vector<std::string> threats;
  std::optional<double> budget, target;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  std::size_t max_actions = 40;
  bool json = false, no_gaps = false;
};

void run(const Args& a) {
  JsonDocument doc = [&] {
    const ProgressPhase load(progress(), "load site");
    return interchange::load_document_file(a.site, {}, progress());
  }();
  scenarios::PlanOptions opt;
  opt.threats = a.threats;
  if (!a.required_flows.empty())
    opt.required_flows = scenarios::required_flows_from_json(
        interchange::load_document_file(a.required_flows).root(), a.required_flows);
  opt.budget = a.budget;
  opt.target_probability = a.target;
  opt.samples = a.samples;
  opt.seed = a.seed;
  opt.as_of = a.as_of;
  opt.max_actions = a.max_actions;
  opt.close_gaps = !a.no_gaps;
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  // Cost model: the defaults, then the site's models.cost (checked there, so that its errors
  // carry the site file's line and column), then --cost-model.
  nlohmann::json overrides = scenarios::load_site_cost_model(doc).source;
  opt.cost_model_name = a.site + " (models.cost)";
  if (!a.cost_model.empty()) {
    overrides.merge_patch(interchange::load_document_file(a.cost_model).root());
    opt.cost_model_name = a.cost_model;
  }
  opt.cost_model = overrides;
  scenarios::Plan plan = scenarios::plan_remediation(doc.root(), a.site, opt);
  nlohmann::json j = scenarios::plan_to_json(plan);
  if (!a.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) throw StoreError("cannot create directory '" + a.out + "': " + ec.message());
    namespace fs = std::filesystem;
    AtomicFileSet files; // all or nothing
    files.add((fs::path(a.out) / "plan.json").string(), j.dump(2) + "\n");
    files.add((fs::path(a.out) / "plan.scenario.json").string(), plan.scenario.dump(2) + "\n");
    files.commit();
  }
  if (a.json)
    print_json(j);
  else
    std::cout << scenarios::plan_to_text(plan);
  if (!plan.verified) {
    std::cerr << "zonepath: error: the plan re-run as a scenario does not give the promised figures\n";
    throw ExitCode{1};
  }
}

const bool registered = register_command("plan", 62, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand(
      "plan", "Cheapest ordered remediation plan that brings crown-jewel reach under the "
              "tolerable line for every threat actor and closes SL gaps, without stopping a "
              "required flow (verified by re-running it).");
  sub->add_option("SITE", a->site, "site model file")->required();
  sub->add_option("--threat", a->threats,
                  "threat actor id (repeatable; default: every threat actor of the site)");
  sub->add_option("--required-flows", a->required_flows,
                  "JSON file of flows the plant needs, besides the site's required_flows");
  sub->add_option("--budget", a->budget, "spend at most this much (cost-model units)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--target-probability", a->target,
                  "reach probability every crown jewel must end below (default: its tolerable line)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--samples", a->samples, "Monte Carlo samples per evaluation")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same plan");
  add_as_of_option(*sub, a->as_of);
  sub->add_option("--max-actions", a->max_actions, "at most this many path-blocking actions")
      ->check(CLI::Range(std::size_t{0}, kMaxPlanActions));
  sub->add_option("--cost-model", a->cost_model, "cost model overrides (JSON merge patch onto the defaults)");
  sub->add_flag("--no-gaps", a->no_gaps, "only bring reach under the line; leave SL gaps");
  sub->add_option("--out", a->out, "directory for plan.json and plan.scenario.json");
  sub->add_flag("--json", a->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath plan scenarios/examples/water-treatment.json --budget 60\n"
              "  zonepath plan scenarios/examples/water-treatment.json --threat ta-hacktivist --budget 60\n"
              "  zonepath plan site.json --threat apt --target-probability 0.01 --out out/plan --json");
  sub->callback([a] {
    reuse_freed_memory();
    run(*a);
  });
});

} // namespace
} // namespace zonepath::cli::plan_command
