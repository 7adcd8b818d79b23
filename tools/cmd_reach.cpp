// zonepath reach (SITE --threat ID | GRAPH --from ID...) --to ID... [--exact | --samples N]:
// probability that each target is reached, exact when small enough, else Monte Carlo.
#include <cstdio>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/reach_probability.hpp"
#include "zonepath/core/result_json.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/interchange/attack_input.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::reach_command {
namespace {

struct Args {
  std::string input, threat;
  std::vector<std::string> from, to;
  bool exact = false, json = false;
  std::uint64_t samples = 10000, seed = 1;
  std::size_t exact_limit = 30;
  std::optional<models::Date> as_of;
};

void print_text(const interchange::AttackInput& in, const ReachResult& r, const nlohmann::json& detail) {
  if (r.method == ReachMethod::Exact) {
    std::cout << "method: exact (largest relevant subgraph " << detail["max_relevant_edges"] << " edges, "
              << detail["max_uncertain_edges"] << " uncertain after reductions, " << detail["factoring_steps"]
              << " factoring steps)\n";
  } else {
    std::cout << "method: monte-carlo, " << r.samples << " samples, seed " << r.seed;
    if (!r.fallback_reason.empty()) std::cout << " (exact declined: " << r.fallback_reason << ")";
    std::cout << '\n';
  }
  // Names come from the input; C stdio bypasses std::cout's escaping (terminal_output.hpp).
  std::size_t width = 6;
  for (const auto& t : r.targets) width = std::max(width, terminal_escape(in.graph.name(t.node)).size());
  std::printf("%-*s  %11s  %s\n", int(width), "target", "probability", "95% interval");
  for (const auto& t : r.targets)
    std::printf("%-*s  %11.6f  [%.6f, %.6f]\n", int(width), terminal_escape(in.graph.name(t.node)).c_str(),
                t.probability, t.ci95.lo, t.ci95.hi);
  std::fflush(stdout);
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "reach", "Probability that each target is reached: exact (pruning, series-parallel reductions, "
               "factoring) when small enough, else Monte Carlo with a Wilson 95% interval.");
  auto args = std::make_shared<Args>();
  sub->add_option("INPUT", args->input, "site model (with --threat) or raw attack graph (with --from)")
      ->required();
  sub->add_option("--threat", args->threat, "threat actor of a site");
  sub->add_option("--from", args->from, "source nodes of a raw graph")->expected(1, -1);
  sub->add_option("--to", args->to, "target nodes")->required()->expected(1, -1);
  auto* exact = sub->add_flag("--exact", args->exact, "exact method only (exit 1 when too large)");
  sub->add_option("--samples", args->samples,
                  "Monte Carlo samples (forces Monte Carlo; when exact declines, auto mode uses 10000)")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples))
      ->excludes(exact);
  sub->add_option("--seed", args->seed, "random seed")->capture_default_str();
  sub->add_option("--exact-limit", args->exact_limit,
                  "largest number of uncertain edges (after reductions) the exact method accepts")
      ->check(CLI::Range(std::size_t{0}, kMaxExactUncertainEdges))
      ->capture_default_str();
  add_as_of_option(*sub, args->as_of);
  sub->add_flag("--json", args->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath reach graph.json --from D --to A --json");
  sub->callback([args, sub] {
    interchange::AttackInput in = [&] {
      const ProgressPhase load(progress(), "load and build graph");
      return interchange::load_attack_input(args->input, args->threat, args->from, args->as_of, progress());
    }();
    std::vector<NodeId> targets = interchange::resolve_targets(in, args->to);
    ReachOptions opt;
    opt.method = args->exact               ? ReachMethod::Exact
                 : sub->count("--samples") ? ReachMethod::MonteCarlo
                                           : ReachMethod::Auto;
    opt.samples = args->samples;
    opt.seed = args->seed;
    opt.exact.max_uncertain_edges = args->exact_limit;
    opt.cancel = &global_cancel_token();
    opt.progress = progress(); // phases "exact reach" (targets) or "Monte Carlo reach" (samples)
    ReachResult r = reach_probability(in.graph, in.sources, targets, opt);

    nlohmann::json detail = reach_detail_to_json(r);
    if (!args->json) {
      print_text(in, r, detail);
      return;
    }
    print_json(reach_to_json(in.graph, r, in.threat));
  });
}

const bool registered = register_command("reach", 40, attach);

} // namespace
} // namespace zonepath::cli::reach_command
