// zonepath generate: synthetic Purdue-shaped plants for tests, benchmarks and batch studies.
#include <chrono>
#include <iostream>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/scenarios/generate_site.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::generate_command {
namespace {

struct Args {
  std::uint64_t assets = 1000, seed = 1;
  std::uint32_t zones = 0;
  std::string shape = "segmented", out;
  bool json = false;
};

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand("generate", "Write a synthetic Purdue-shaped site (valid site model v1, "
                                             "deterministic by seed) for tests, benchmarks and batch runs.");
  auto a = std::make_shared<Args>();
  sub->add_option("--assets", a->assets, "number of assets")
      ->required()
      ->check(CLI::Range(scenarios::kMinGeneratedAssets, scenarios::kMaxGeneratedAssets));
  sub->add_option("--zones", a->zones, "number of zones (segmented shape; default: assets / 40, at least 8)")
      ->check(CLI::Range(8u, 1000000u));
  sub->add_option("--shape", a->shape,
                  "segmented (Purdue levels, cells, SIS zones) or flat (one plant network)")
      ->check(CLI::IsMember({"segmented", "flat"}));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  sub->add_option("-o,--output", a->out, "output file ('-' for stdout)")->required();
  sub->add_flag("--json", a->json, "print a summary as JSON on stdout");
  sub->footer("Example:\n  zonepath generate --assets 10000 --seed 7 -o site-10k.json\n"
              "  zonepath generate --assets 1000 --shape flat -o flat.json --json");
  sub->callback([a] {
    scenarios::GenerateOptions opt;
    opt.assets = a->assets;
    opt.zones = a->zones;
    opt.shape = a->shape == "flat" ? scenarios::SiteShape::Flat : scenarios::SiteShape::Segmented;
    opt.seed = a->seed;
    opt.progress = progress();
    if (opt.shape == scenarios::SiteShape::Flat && a->zones != 0)
      throw CLI::ValidationError("--zones", "applies to --shape segmented only");
    if (a->out == "-" && a->json)
      throw CLI::ValidationError("--json", "cannot be combined with -o - (stdout)");
    auto t0 = std::chrono::steady_clock::now();
    auto sum = [&] {
      const ProgressPhase phase(progress(), "generate site");
      return scenarios::generate_site_file(opt, a->out);
    }();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    nlohmann::json j = {{"site", sum.site_id},
                        {"file", a->out},
                        {"zones", sum.zones},
                        {"assets", sum.assets},
                        {"conduits", sum.conduits},
                        {"rules", sum.rules},
                        {"threat_actors", sum.threat_actors},
                        {"vulnerable_assets", sum.vulnerable_assets},
                        {"crown_jewels", sum.crown_jewels},
                        {"misconfigurations", sum.misconfigurations},
                        {"bytes", sum.bytes}};
    if (a->json) {
      print_json(j);
      return;
    }
    if (a->out == "-") return;
    std::cout << "Wrote " << a->out << ": " << sum.site_id << ", " << sum.zones << " zones, " << sum.assets
              << " assets (" << sum.vulnerable_assets << " with CVEs, " << sum.crown_jewels
              << " crown jewels), " << sum.conduits << " conduits, " << sum.rules << " rules ("
              << sum.misconfigurations << " planted mistakes), " << sum.threat_actors << " threat actors, "
              << sum.bytes << " bytes in " << secs << " s\n";
  });
}

const bool registered = register_command("generate", 88, attach);

} // namespace
} // namespace zonepath::cli::generate_command
