// zonepath compare SITE_A SITE_B: two segmentation designs of the same plant side by side.
#include <filesystem>
#include <iostream>
#include <optional>
#include <system_error>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/render/diagram.hpp"
#include "zonepath/render/graphviz.hpp"
#include "zonepath/render/whatif_html.hpp"
#include "zonepath/scenarios/compare.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::compare_command {
namespace {

struct Args {
  std::string a, b, out, cost_model;
  std::vector<std::string> threats;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  std::size_t k = 3;
  bool json = false;
};

std::uint64_t file_bytes(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

void run(const Args& args) {
  // The bytes of both files, counted by load_site_file as they are parsed.
  std::optional<ProgressPhase> load(std::in_place, progress(), "load sites",
                                    file_bytes(args.a) + file_bytes(args.b));
  auto a = interchange::load_site_file(args.a, progress());
  auto b = interchange::load_site_file(args.b, progress());
  load.reset();
  nlohmann::json overrides = "default";
  std::string cost_name = "<cost model>";
  if (!args.cost_model.empty()) {
    overrides = interchange::load_document_file(args.cost_model).root();
    cost_name = args.cost_model;
  }
  scenarios::CostModel costs = scenarios::load_cost_model(overrides, cost_name);
  models::AnalysisOptions opt;
  opt.threats = args.threats;
  opt.samples = args.samples;
  opt.seed = args.seed;
  opt.as_of = args.as_of;
  opt.paths_per_target = args.k;
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  scenarios::DesignComparison c = scenarios::compare_designs(a, b, opt, costs);
  nlohmann::json j = scenarios::comparison_to_json(c);
  if (!args.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(args.out, ec);
    if (ec) throw StoreError("cannot create directory '" + args.out + "': " + ec.message());
    AtomicFileSet files; // all or nothing
    files.add((std::filesystem::path(args.out) / "compare.json").string(), j.dump(2) + "\n");
    // Both diagrams in the zone view with the first common threat's most likely paths, so the
    // two pictures are drawn the same way.
    render::DiagramOptions diagram;
    diagram.view = render::View::Zones;
    diagram.threat = c.threats.empty() ? std::string() : c.threats.front();
    std::string svg_a = render::render_diagram(*c.a, c.report_a, diagram, render::ImageFormat::Svg);
    std::string svg_b = render::render_diagram(*c.b, c.report_b, diagram, render::ImageFormat::Svg);
    files.add((std::filesystem::path(args.out) / "compare.html").string(),
              render::compare_html(j, svg_a, svg_b));
    files.commit();
  }
  if (args.json) {
    print_json(j);
    return;
  }
  std::cout << scenarios::comparison_to_text(c);
}

const bool registered = register_command("compare", 61, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub =
      app.add_subcommand("compare", "Compare two segmentation designs of the same plant: paths, reach, time "
                                    "to compromise, SL gaps, risk, countermeasure cost.");
  sub->add_option("SITE_A", a->a, "first design (site model file)")->required();
  sub->add_option("SITE_B", a->b, "second design (site model file)")->required();
  sub->add_option("--threat", a->threats, "threat actor id (repeatable; default: every id in both designs)");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  add_as_of_option(*sub, a->as_of);
  sub->add_option("-k,--paths", a->k, "most likely paths per threat and target")
      ->check(CLI::Range(std::size_t{0}, kMaxPaths));
  sub->add_option("--cost-model", a->cost_model, "cost model overrides (JSON merge patch onto the defaults)");
  sub->add_option("--out", a->out,
                  "directory for compare.json and compare.html (both diagrams side by side)");
  sub->add_flag("--json", a->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath compare plant-flat.json plant-dmz.json --threat apt --samples 2000");
  sub->callback([a] {
    reuse_freed_memory();
    run(*a);
  });
});

} // namespace
} // namespace zonepath::cli::compare_command
