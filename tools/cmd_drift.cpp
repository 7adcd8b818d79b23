// zonepath drift SITE --observed conn.log: the model against the traffic Zeek saw (violations,
// hosts not in the inventory, unused allow rules, industrial protocols on unexpected ports) and
// a what-if scenario that removes the unused allow rules.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/drift.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::drift_command {
namespace {

struct Args {
  std::string site, observed, zone_map, out;
  std::size_t max_flows = 1000000;
  bool json = false, tighten_unseen = false;
  std::optional<models::Date> as_of;
};

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void run(const Args& a) {
  // Inputs are loaded and checked before the log is read.
  ProgressReporter* progress = cli::progress();
  std::optional<ProgressPhase> load(std::in_place, progress, "load site");
  nlohmann::json value = interchange::load_site_value(a.site, progress);
  models::SitePtr site = models::with_as_of(models::load_site_json(value, a.site), a.as_of);
  load.reset();
  interchange::ZoneMap zones = interchange::ZoneMap::from_site(value);
  std::vector<interchange::ImportNote> notes;
  if (!a.zone_map.empty()) zones.add_file(a.zone_map, value, notes);
  scenarios::DriftOptions options;
  options.max_flows = a.max_flows;
  options.tighten_unseen = a.tighten_unseen;
  options.progress = progress;
  scenarios::DriftResult result;
  if (a.observed == "-") {
    result = scenarios::run_drift(*site, value, zones, std::cin, "<stdin>", options, notes);
  } else {
    auto in = open_input_stream(a.observed);
    result = scenarios::run_drift(*site, value, zones, *in, a.observed, options, notes);
  }
  if (!a.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) throw StoreError("cannot create directory '" + a.out + "': " + ec.message());
    namespace fs = std::filesystem;
    AtomicFileSet files; // all or nothing
    files.add((fs::path(a.out) / "drift.json").string(), dump(result.report));
    files.add((fs::path(a.out) / "tighten.json").string(), dump(result.scenario));
    files.commit();
  }
  if (a.json) {
    print_json(result.report);
    return;
  }
  std::cout << scenarios::drift_to_text(result.report);
  if (!a.out.empty())
    std::cout << "\nWrote " << a.out << "/drift.json and " << a.out << "/tighten.json (zonepath whatif "
              << a.site << " " << a.out << "/tighten.json)\n";
}

const bool registered = register_command("drift", 88, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand(
      "drift",
      "Compare the model with the traffic Zeek saw (conn.log, TSV or JSON lines): flows the rules do not "
      "allow, hosts not in the inventory, allow rules nobody used, industrial protocols on unexpected "
      "ports; writes a what-if scenario that removes the unused allow rules.");
  sub->add_option("SITE", a->site, "site model (JSON or YAML) with x-ip on assets and x-subnets on zones")
      ->required();
  sub->add_option("--observed", a->observed, "Zeek conn.log (TSV or JSON lines), '-' for stdin")->required();
  sub->add_option("--zone-map", a->zone_map,
                  "CSV with columns zone and subnet (added to the zones' x-subnets)");
  sub->add_option("--out", a->out, "directory for drift.json (the report) and tighten.json (the scenario)");
  sub->add_option("--max-flows", a->max_flows,
                  "distinct flows kept in memory; connections of further flows are counted only")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_flag("--tighten-unseen", a->tighten_unseen,
                "also remove unused allow rules of conduits on which the capture saw no connection at all");
  sub->add_flag("--json", a->json, "print the report as JSON on stdout");
  add_as_of_option(*sub, a->as_of);
  sub->footer("Examples:\n"
              "  zonepath drift scenarios/examples/water-treatment.json --observed conn.log --out drift-out\n"
              "  zonepath whatif scenarios/examples/water-treatment.json drift-out/tighten.json\n"
              "  zcat conn.*.log.gz | zonepath drift plant.yaml --observed - --zone-map zones.csv --json");
  sub->callback([a] { run(*a); });
});

} // namespace
} // namespace zonepath::cli::drift_command
