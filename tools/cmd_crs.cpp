// zonepath crs SITE: the cybersecurity requirements specification of each zone (IEC 62443-3-2
// ZCR 6) as Markdown on stdout, or crs-<zone>.md and crs-<zone>.html files with --out.
#include <cctype>
#include <filesystem>
#include <iostream>

#include "allocator.hpp"
#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/render/crs.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::crs_command {
namespace {

struct Args {
  std::string site, zone, out;
  std::vector<std::string> threats;
  std::uint64_t samples = 1000, seed = 1;
  std::optional<models::Date> as_of;
  bool json = false;
};

// Zone ids may hold characters a file name cannot: anything but letters, digits, '-', '_' and
// '.' becomes '_'.
std::string file_stem(const std::string& id) {
  std::string out = "crs-";
  for (char c : id)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  return out;
}

void write_files(const models::Site& site, const models::Report& report,
                 const std::vector<models::Index>& zones, const std::string& dir,
                 const render::CrsOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create output directory '" + dir + "': " + ec.message());
  AtomicFileSet files;
  for (models::Index z : zones) {
    const auto stem = (std::filesystem::path(dir) / file_stem(site.zones[z].id)).string();
    files.add(stem + ".md", render::crs_markdown(site, report, z, options));
    files.add(stem + ".html", render::crs_html(site, report, z, options));
  }
  files.commit();
}

void run(const Args& a) {
  auto site = [&] {
    const ProgressPhase load(progress(), "load site");
    return interchange::load_site_file(a.site, progress());
  }();
  std::vector<models::Index> zones;
  if (!a.zone.empty()) {
    const models::Index z = site->zone_index(a.zone);
    if (z == models::kNone) throw Error(a.site + ": --zone: unknown zone '" + a.zone + "'");
    zones.push_back(z);
  } else {
    for (models::Index z = 0; z < site->zones.size(); ++z) zones.push_back(z);
  }
  models::AnalysisOptions opt;
  opt.threats = a.threats;
  opt.samples = a.samples;
  opt.seed = a.seed;
  opt.as_of = a.as_of;
  opt.compute_paths = false;
  opt.targets = {};
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  const models::Report report = models::analyze_site(*site, opt);
  render::CrsOptions options;
  options.generator = "zonepath " ZONEPATH_VERSION;
  if (!a.out.empty()) write_files(*site, report, zones, a.out, options);
  if (a.json) {
    nlohmann::json list = nlohmann::json::array();
    for (models::Index z : zones) list.push_back(render::crs_json(*site, report, z));
    print_json({{"schema", "zonepath/crs/v1"}, {"site", site->id}, {"zones", list}});
  } else if (a.out.empty()) {
    for (std::size_t i = 0; i < zones.size(); ++i)
      std::cout << (i ? "\n" : "") << render::crs_markdown(*site, report, zones[i], options);
  } else {
    std::cout << "Requirements specifications of " << zones.size() << " zone(s) written to " << a.out << '\n';
  }
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand("crs", "Cybersecurity requirements specification per zone (IEC 62443-3-2 "
                                        "ZCR 6): SL-T, requirements and their records, controls, boundary.");
  auto a = std::make_shared<Args>();
  sub->add_option("SITE", a->site, "site model file")->required();
  sub->add_option("--zone", a->zone, "only this zone (default: every zone)");
  add_security_level_options(*sub, a->threats, a->samples, a->seed, a->as_of);
  sub->add_option("--out", a->out,
                  "directory for crs-<zone>.md and crs-<zone>.html (default: Markdown on stdout)");
  sub->add_flag("--json", a->json, "print the specifications as JSON (zonepath/crs/v1) on stdout");
  sub->footer("Example:\n  zonepath crs scenarios/examples/pharma-batch.json --zone batch-sup\n"
              "  zonepath crs site.json --out out/crs");
  sub->callback([a] {
    reuse_freed_memory();
    run(*a);
  });
}

const bool registered = register_command("crs", 29, attach);

} // namespace
} // namespace zonepath::cli::crs_command
