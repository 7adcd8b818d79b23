#include "zonepath/render/report_files.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/warnings.hpp"
#include "zonepath/render/attack_layer.hpp"
#include "zonepath/render/report_html.hpp"
#include "zonepath/render/report_markdown.hpp"
#include "zonepath/render/soa_workbook.hpp"

namespace zonepath::render {

const std::vector<ReportFormat>& report_formats() {
  static const std::vector<ReportFormat> formats = {
      {"json", "report.json", "the report JSON (zonepath/report/v1)"},
      {"csv", "risk-register.csv", "the risk register, one row per zone and threat actor"},
      {"html", "report.html", "self-contained HTML report with embedded diagrams"},
      {"md", "report.md", "Markdown report for review in Git"},
      {"attack-layer", "attack-layer.json", "ATT&CK Navigator layer (ics-attack)"},
      {"soa", "soa.csv", "ISO/IEC 27001 Statement of Applicability, one row per Annex A control"},
      {"xlsx", "soa.xlsx", "workbook: Statement of Applicability and evidence register sheets"},
      {"evidence", "evidence-register.csv",
       "evidence register: requirement records and compensating controls"},
      {"svg", "", "diagram.svg and paths-<n>.svg, one per threat actor"},
  };
  return formats;
}

namespace {

struct Diagram {
  std::string title, file, svg;
};

// The zone/gap picture, then one per threat actor with its top paths. Graphviz runs once per
// picture; html and svg share the result.
std::vector<Diagram> diagrams(const models::Site& site, const models::Report& report,
                              const DiagramOptions& base) {
  std::vector<Diagram> out;
  DiagramOptions opt = base;
  opt.threat.clear();
  // A site too large to lay out still gets its report, without pictures.
  const DotGraph zones = build_diagram(site, report, opt);
  if (zones.nodes.size() + zones.clusters.size() > kMaxDiagramNodes) {
    Diagnostic d;
    d.file = site.file;
    d.message = "report written without diagrams: the diagram has " +
                std::to_string(zones.nodes.size() + zones.clusters.size()) +
                " nodes and clusters, more than the " + std::to_string(kMaxDiagramNodes) +
                " Graphviz lays out in reasonable time";
    emit_warning(d);
    return out;
  }
  out.push_back(
      {"Zones, conduits and SL gaps", "diagram.svg", render_diagram(site, report, opt, ImageFormat::Svg)});
  for (std::size_t i = 0; i < report.threats.size(); ++i) {
    global_cancel_token().throw_if_cancelled(); // between layouts, which cannot be interrupted
    opt.threat = report.threats[i].id;
    out.push_back({"Top " + std::to_string(opt.paths) + " attack paths of " + opt.threat,
                   "paths-" + std::to_string(i + 1) + ".svg",
                   render_diagram(site, report, opt, ImageFormat::Svg)});
  }
  return out;
}

bool wants(const std::vector<std::string>& formats, const char* name) {
  return std::find(formats.begin(), formats.end(), name) != formats.end();
}

// Writes each requested file through `write(file name, content)`.
void stage(const models::Site& site, const models::Report& report, const std::vector<std::string>& formats,
           const ReportFilesOptions& options, const std::vector<Diagram>& pictures,
           const std::function<void(const std::string&, const std::string&)>& write);

} // namespace

std::vector<std::string> write_report_files(const models::Site& site, const models::Report& report,
                                            const std::string& dir, const std::vector<std::string>& formats,
                                            const ReportFilesOptions& options) {
  for (const auto& f : formats)
    if (std::none_of(report_formats().begin(), report_formats().end(),
                     [&](const auto& k) { return k.name == f; }))
      throw RenderError("unknown report format '" + f + "'");
  if (formats.empty()) throw RenderError("no report format given");
  auto path = [&](const std::string& file) { return (std::filesystem::path(dir) / file).string(); };

  // Everything is computed before the directory is touched, and every file is staged before
  // the first one replaces its predecessor: a failure or Ctrl-C leaves the old set whole.
  std::vector<Diagram> pictures;
  if (wants(formats, "html") || wants(formats, "svg")) {
    const ProgressPhase layout(options.progress, "diagrams");
    pictures = diagrams(site, report, options.diagram);
  }
  global_cancel_token().throw_if_cancelled();

  std::error_code ec;
  const bool existed = std::filesystem::exists(dir, ec);
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create output directory '" + dir + "': " + ec.message());
  AtomicFileSet files;
  const ProgressPhase staging(options.progress, "report files");
  auto write = [&](const std::string& file, const std::string& content) {
    files.add(path(file), content);
    staging.advance();
  };
  try {
    stage(site, report, formats, options, pictures, write);
    files.commit();
  } catch (...) {
    if (!existed) std::filesystem::remove(dir, ec); // only when we created it and it is still empty
    throw;
  }
  return files.paths();
}

namespace {

void stage(const models::Site& site, const models::Report& report, const std::vector<std::string>& formats,
           const ReportFilesOptions& options, const std::vector<Diagram>& pictures,
           const std::function<void(const std::string&, const std::string&)>& write) {
  for (const auto& format : report_formats()) {
    if (!wants(formats, format.name.c_str())) continue;
    if (format.name == "json") {
      write(format.file, models::report_to_json(site, report).dump(2) + "\n");
    } else if (format.name == "csv") {
      write(format.file, models::risk_register_csv(report));
    } else if (format.name == "html") {
      HtmlReportOptions html;
      for (const auto& d : pictures) html.diagrams.push_back({d.title, d.svg});
      html.paths_per_threat = options.paths_per_threat;
      html.generator = options.generator;
      write(format.file, report_html(site, report, html));
    } else if (format.name == "md") {
      MarkdownReportOptions md;
      // Link the pictures only when they are written beside the report.
      if (wants(formats, "svg"))
        for (const auto& d : pictures) md.diagrams.push_back({d.title, d.file});
      md.paths_per_threat = options.paths_per_threat;
      md.generator = options.generator;
      write(format.file, report_markdown(site, report, md));
    } else if (format.name == "attack-layer") {
      AttackLayerOptions layer;
      layer.generator = options.generator;
      write(format.file, attack_layer(report, layer).dump(2) + "\n");
    } else if (format.name == "soa") {
      write(format.file, models::soa_csv(models::build_soa(site, report)));
    } else if (format.name == "xlsx") {
      write(format.file,
            soa_workbook(models::build_soa(site, report), models::build_evidence_register(site, report),
                         {report.site_name, options.generator, report.as_of}));
    } else if (format.name == "evidence") {
      write(format.file, models::evidence_register_csv(models::build_evidence_register(site, report)));
    } else if (format.name == "svg") {
      for (const auto& d : pictures) write(d.file, d.svg);
    }
  }
}

} // namespace

} // namespace zonepath::render
