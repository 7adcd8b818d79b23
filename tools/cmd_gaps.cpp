// zonepath gaps SITE: SL-T vs SL-A per zone and FR, with the requirements that close each gap.
#include <iostream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/render/report_text.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::gaps_command {
namespace {

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("gaps", "SL-T vs SL-A per zone and foundational requirement, the gap and the "
                                 "missing SRs/REs (SL-T declared, or derived from the simulated risk).");
  struct Args {
    std::string site;
    std::vector<std::string> threats;
    std::uint64_t samples = 1000, seed = 1;
    bool json = false;
    std::optional<models::Date> as_of;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("SITE", a->site, "site model file")->required();
  add_security_level_options(*sub, a->threats, a->samples, a->seed, a->as_of);
  sub->add_flag("--json", a->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath gaps scenarios/examples/pharma-batch.json --json");
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
    opt.compute_paths = false;
    opt.targets = {};
    opt.cancel = &global_cancel_token();
    opt.progress = progress();
    models::Report report = models::analyze_site(*site, opt);
    if (!a->json) {
      render::print_gap_table(std::cout, *site, report);
      for (const auto& z : report.zones)
        if (!z.missing.empty())
          std::cout << site->zones[z.zone].id << ": " << z.missing.size() << " missing requirements\n";
      return;
    }
    auto full = models::report_to_json(*site, report);
    nlohmann::json zones = nlohmann::json::array(), conduits = nlohmann::json::array();
    for (const auto& z : full["zones"])
      zones.push_back({{"id", z["id"]},
                       {"sl_t", z["sl_t"]},
                       {"sl_t_declared", z["sl_t_declared"]},
                       {"sl_t_derived", z["sl_t_derived"]},
                       {"declared_below_derived", z["declared_below_derived"]},
                       {"sl_a", z["sl_a"]},
                       {"gap", z["gap"]},
                       {"missing", z["missing"]},
                       {"iso27001", z["iso27001"]},
                       {"explain", z["explain"]}});
    for (const auto& c : full["conduits"])
      conduits.push_back({{"id", c["id"]},
                          {"sl_t", c["sl_t"]},
                          {"sl_a", c["sl_a"]},
                          {"gap", c["gap"]},
                          {"missing", c["missing"]}});
    print_json({{"site", site->id}, {"threats", full["threats"]}, {"zones", zones}, {"conduits", conduits}});
  });
}

const bool registered = register_command("gaps", 27, attach);

} // namespace
} // namespace zonepath::cli::gaps_command
