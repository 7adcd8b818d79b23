// zonepath render SITE -o FILE: the zone-and-conduit diagram (or the asset view) with SL gaps and
// the top attack paths of one threat actor, drawn in process by Graphviz.
#include <iostream>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/render/site_diagram.hpp"
#include "zonepath/render/top_paths.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::render_command {
namespace {

struct Args {
  std::string site, out, threat, view = "auto";
  std::size_t paths = 3, auto_threshold = 40;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  unsigned dpi = 0;
  bool json = false;
};

void run(const Args& a) {
  const render::ImageFormat format = render::format_for_path(a.out);
  if (a.dpi != 0 && format != render::ImageFormat::Png)
    throw CLI::ValidationError("--dpi", "applies to PNG output (-o FILE.png) only");
  auto site = [&] {
    const ProgressPhase load(progress(), "load site");
    return interchange::load_site_file(a.site, progress());
  }();
  render::SiteDiagramOptions o;
  o.diagram.view = render::parse_view(a.view);
  o.diagram.threat = a.threat;
  o.diagram.paths = a.paths;
  o.diagram.auto_threshold = a.auto_threshold;
  o.diagram.dpi = a.dpi;
  o.format = format;
  o.samples = a.samples;
  o.seed = a.seed;
  o.as_of = a.as_of;
  o.cancel = &global_cancel_token();
  o.progress = progress();
  const render::SiteDiagram drawn = render::draw_site_diagram(*site, a.site, o);
  write_file_atomic(a.out, drawn.image);

  const auto shown = a.threat.empty() ? std::vector<const models::PathResult*>{}
                                      : render::top_paths(drawn.report, a.threat, a.paths);
  const char* view_name = drawn.view == render::View::Assets ? "assets" : "zones";
  if (a.json) {
    nlohmann::json paths = nlohmann::json::array();
    for (std::size_t i = 0; i < shown.size(); ++i)
      paths.push_back({{"number", i + 1},
                       {"target", shown[i]->target},
                       {"nodes", shown[i]->path["nodes"]},
                       {"probability", shown[i]->path["probability"]}});
    print_json({{"file", a.out},
                {"format", std::string(render::format_name(format))},
                {"view", view_name},
                {"threat", a.threat.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.threat)},
                {"paths", paths},
                {"bytes", drawn.image.size()}});
    return;
  }
  std::cout << "Wrote " << a.out << " (" << render::format_name(format) << ", " << view_name << " view, "
            << site->zones.size() << " zones";
  if (!a.threat.empty()) std::cout << ", " << shown.size() << " paths of " << a.threat;
  std::cout << ")\n";
}

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("render", "Draw the zones and conduits with their SL gaps and the top attack paths "
                                   "of a threat actor (Graphviz, in process): DOT, SVG, PNG or PDF.");
  auto a = std::make_shared<Args>();
  sub->add_option("SITE", a->site, "site model file")->required();
  sub->add_option("-o,--output", a->out, "output file; its extension picks the format: .dot .svg .png .pdf")
      ->required()
      ->check([](const std::string& path) {
        try {
          render::format_for_path(path);
          return std::string();
        } catch (const Error& e) {
          return std::string(e.what());
        }
      });
  sub->add_option("--threat", a->threat, "overlay the most likely paths of this threat actor");
  sub->add_option("--paths", a->paths, "how many of its paths to draw")
      ->check(CLI::Range(std::size_t{0}, kMaxDiagramPaths));
  sub->add_option("--view", a->view, "zones, assets, or auto (assets up to --auto-threshold assets)")
      ->check(CLI::IsMember({"zones", "assets", "auto"}));
  sub->add_option("--auto-threshold", a->auto_threshold,
                  "largest site (in assets) that auto draws asset by asset");
  sub->add_option("--samples", a->samples, "Monte Carlo samples per threat actor (for derived SL-T)")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  sub->add_option("--seed", a->seed, "random seed; the same seed gives the same bytes");
  add_as_of_option(*sub, a->as_of);
  sub->add_option("--dpi", a->dpi, "resolution of a PNG (default 96; the layout stays the same)")
      ->check(CLI::Range(10, 1200));
  sub->add_flag("--json", a->json, "print what was drawn as JSON");
  sub->footer("Example:\n  zonepath render scenarios/examples/water-treatment.json --threat ta-ransomware -o "
              "water.svg\n"
              "  zonepath render site.json --view assets --threat apt --paths 5 -o site.png\n"
              "  zonepath render site.json --threat apt --dpi 48 -o site-small.png");
  sub->callback([a] { run(*a); });
}

const bool registered = register_command("render", 26, attach);

} // namespace
} // namespace zonepath::cli::render_command
