// zonepath simulate (SITE --threat ID | GRAPH --from ID...) [--to ID]... [--samples N]
// [--horizon-days D]: Monte Carlo time to compromise of each target, and the critical edges.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/result_json.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/core/ttc_simulation.hpp"
#include "zonepath/interchange/attack_input.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::simulate_command {
namespace {

struct Args {
  std::string input, threat;
  std::vector<std::string> from, to;
  std::uint64_t samples = 1000, seed = 1;
  double horizon = 0.0;
  std::size_t top = 20;
  bool json = false;
  std::optional<models::Date> as_of;
};

std::string days(double x) {
  if (std::isnan(x)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

// Node names, techniques and via labels come from the input file: C stdio bypasses the escaping
// of std::cout (terminal_output.hpp), so each is escaped here before printf sees it.
std::string shown(std::string_view text) {
  return terminal_escape(text);
}

void print_text(const interchange::AttackInput& in, const TtcSimulationResult& r) {
  std::printf("time to compromise: %llu samples, seed %llu\n", (unsigned long long)r.samples,
              (unsigned long long)r.seed);
  int width = 6;
  for (const auto& t : r.targets) width = std::max(width, int(shown(in.graph.name(t.node)).size()));
  std::printf("%-*s  %7s  %-17s  %9s  %9s  %9s  %9s", width, "target", "reach", "95% interval", "mean d",
              "p10 d", "p50 d", "p90 d");
  if (r.horizon_days) std::printf("  within %g d", *r.horizon_days);
  std::printf("\n");
  for (const auto& t : r.targets) {
    std::printf("%-*s  %7.4f  [%.4f, %.4f]  %9s  %9s  %9s  %9s", width, shown(in.graph.name(t.node)).c_str(),
                t.reach_probability, t.ci95.lo, t.ci95.hi, days(t.ttc_days.mean).c_str(),
                days(t.ttc_days.p10).c_str(), days(t.ttc_days.p50).c_str(), days(t.ttc_days.p90).c_str());
    if (r.horizon_days) std::printf("  %.4f", t.within_horizon);
    std::printf("\n");
  }
  if (!r.critical_edges.empty()) {
    std::printf("\ncritical edges (share of samples on the winning path):\n");
    for (const auto& c : r.critical_edges) {
      std::printf("  %6.4f  %s -> %s", c.criticality, shown(in.graph.name(in.graph.from(c.edge))).c_str(),
                  shown(in.graph.name(in.graph.to(c.edge))).c_str());
      if (!in.graph.technique(c.edge).empty()) std::printf("  %s", shown(in.graph.technique(c.edge)).c_str());
      if (!in.graph.via(c.edge).empty()) std::printf("  via %s", shown(in.graph.via(c.edge)).c_str());
      std::printf("\n");
    }
  }
  std::fflush(stdout);
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "simulate", "Monte Carlo time to compromise: per target the reach probability, TTC mean and "
                  "p10/p50/p90 in days, the chance within a horizon, and the most critical edges.");
  auto args = std::make_shared<Args>();
  sub->add_option("INPUT", args->input, "site model (with --threat) or raw attack graph (with --from)")
      ->required();
  sub->add_option("--threat", args->threat, "threat actor of a site");
  sub->add_option("--from", args->from, "source nodes of a raw graph")->expected(1, -1);
  sub->add_option("--to", args->to, "target nodes (default: the input's default targets)")->expected(1, -1);
  sub->add_option("--samples", args->samples, "Monte Carlo samples")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples))
      ->capture_default_str();
  sub->add_option("--horizon-days", args->horizon, "also report P(compromised within D days)")
      ->check(CLI::Range(0.0, 1e12));
  sub->add_option("--seed", args->seed, "random seed")->capture_default_str();
  sub->add_option("--critical-edges", args->top, "how many critical edges to list (0: all)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1'000'000}))
      ->capture_default_str();
  add_as_of_option(*sub, args->as_of);
  sub->add_flag("--json", args->json, "print JSON on stdout");
  sub->footer(
      "Example:\n  zonepath simulate graph.json --from D --to A --samples 10000 --horizon-days 30 --json");
  sub->callback([args, sub] {
    interchange::AttackInput in = [&] {
      const ProgressPhase load(progress(), "load and build graph");
      return interchange::load_attack_input(args->input, args->threat, args->from, args->as_of, progress());
    }();
    std::vector<NodeId> targets = interchange::resolve_targets(in, args->to);
    TtcSimulationOptions opt;
    opt.samples = args->samples;
    opt.seed = args->seed;
    if (sub->count("--horizon-days")) opt.horizon_days = args->horizon;
    opt.top_critical_edges = args->top;
    opt.cancel = &global_cancel_token();
    opt.progress = progress();
    TtcSimulationResult r = [&] {
      const ProgressPhase phase(opt.progress, "Monte Carlo", opt.samples);
      return simulate_ttc(in.graph, in.sources, targets, opt);
    }();
    if (args->json)
      print_json(ttc_simulation_to_json(in.graph, r, in.threat));
    else
      print_text(in, r);
  });
}

const bool registered = register_command("simulate", 45, attach);

} // namespace
} // namespace zonepath::cli::simulate_command
