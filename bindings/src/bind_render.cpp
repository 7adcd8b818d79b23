// Rendering and report files through zonepath::render, the library the CLI uses: render (the
// diagram of `zonepath render`) and ReportHandle, the analysis result behind a Python Report,
// whose writers give the files of `zonepath analyze --out DIR`. Same inputs, same bytes.
#include <optional>

#include <pybind11/stl.h>

#include "common.hpp"
#include "report_handle.hpp"
#include "site_handle.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/models/soa.hpp"
#include "zonepath/render/attack_layer.hpp"
#include "zonepath/render/report_files.hpp"
#include "zonepath/render/site_diagram.hpp"

namespace zonepath::py_bindings {
namespace {

// The generator string the CLI writes into report.html, report.md and attack-layer.json.
constexpr const char* kGenerator = "zonepath " ZONEPATH_VERSION;

render::ImageFormat image_format(const std::string& name) {
  for (auto f : {render::ImageFormat::Dot, render::ImageFormat::Svg, render::ImageFormat::Png,
                 render::ImageFormat::Pdf})
    if (render::format_name(f) == name) return f;
  throw RenderError("unknown image format '" + name + "' (expected dot, svg, png or pdf)");
}

// DOT and SVG are text (str); PNG and PDF are bytes.
py::object image_object(std::string image, render::ImageFormat format) {
  if (format == render::ImageFormat::Dot || format == render::ImageFormat::Svg)
    return py::str(image.data(), image.size());
  return py::bytes(image);
}

struct RenderArgs {
  std::string threat, view, format; // format "": from the output file's extension, else svg
  std::optional<std::string> output;
  std::size_t paths = 3, auto_threshold = 40;
  std::uint64_t samples = 1000, seed = 1;
  unsigned dpi = 0;
  std::optional<models::Date> as_of;
};

// `zonepath render SITE -o FILE` (render::draw_site_diagram, as tools/cmd_render.cpp).
py::object render_site(const SiteHandle& h, const RenderArgs& a, py::handle progress) {
  const models::Site& site = h.require();
  render::SiteDiagramOptions o;
  o.format = !a.format.empty() ? image_format(a.format)
             : a.output        ? render::format_for_path(*a.output)
                               : render::ImageFormat::Svg;
  if (a.dpi != 0 && o.format != render::ImageFormat::Png)
    throw py::value_error("dpi applies to PNG output only");
  o.diagram.view = render::parse_view(a.view);
  o.diagram.threat = a.threat;
  o.diagram.paths = a.paths;
  o.diagram.auto_threshold = a.auto_threshold;
  o.diagram.dpi = a.dpi;
  o.samples = a.samples;
  o.seed = a.seed;
  o.as_of = a.as_of;
  std::string image = call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
    render::SiteDiagramOptions with_cancel = o;
    with_cancel.cancel = cancel;
    with_cancel.progress = p;
    std::string bytes = render::draw_site_diagram(site, h.name, with_cancel).image;
    if (a.output) write_file_atomic(*a.output, bytes);
    return bytes;
  });
  return image_object(std::move(image), o.format);
}

} // namespace

void bind_render(py::module_& m) {
  py::class_<ReportHandle, std::shared_ptr<ReportHandle>>(m, "ReportHandle")
      .def("to_value",
           [](const ReportHandle& r) {
             nlohmann::json doc = call_interruptible(
                 [&](const CancelToken*) { return models::report_to_json(*r.site, r.report); });
             return to_python(doc);
           })
      .def("risk_register_csv", [](const ReportHandle& r) { return models::risk_register_csv(r.report); })
      .def("soa",
           [](const ReportHandle& r) {
             return to_python(models::soa_to_json(*r.site, r.report, models::build_soa(*r.site, r.report)));
           })
      .def("soa_csv",
           [](const ReportHandle& r) { return models::soa_csv(models::build_soa(*r.site, r.report)); })
      .def(
          "attack_layer",
          [](const ReportHandle& r, std::string threat) {
            render::AttackLayerOptions o;
            o.threat = std::move(threat);
            o.generator = kGenerator;
            return to_python(render::attack_layer(r.report, o));
          },
          py::arg("threat"))
      .def(
          "write",
          [](const ReportHandle& r, const std::string& dir, const std::vector<std::string>& formats) {
            // As `zonepath analyze --out DIR --format ...` (tools/cmd_analyze.cpp).
            render::ReportFilesOptions o;
            o.generator = kGenerator;
            return call_interruptible([&](const CancelToken*) {
              return render::write_report_files(*r.site, r.report, dir, formats, o);
            });
          },
          py::arg("directory"), py::arg("formats"));
  m.def("report_formats", [] {
    py::list out;
    for (const auto& f : render::report_formats()) out.append(py::make_tuple(f.name, f.file, f.description));
    return out;
  });
  m.def(
      "render",
      [](const SiteHandle& h, std::string threat, std::size_t paths, std::string view, std::string format,
         std::optional<std::string> output, std::uint64_t samples, std::uint64_t seed,
         std::size_t auto_threshold, unsigned dpi, std::optional<std::string> as_of, py::object progress) {
        RenderArgs a;
        a.threat = std::move(threat);
        a.view = std::move(view);
        a.format = std::move(format);
        a.output = std::move(output);
        a.paths = paths;
        a.auto_threshold = auto_threshold;
        a.samples = samples;
        a.seed = seed;
        a.dpi = dpi;
        a.as_of = as_of_option(as_of);
        return render_site(h, a, progress);
      },
      py::arg("site"), py::arg("threat"), py::arg("paths"), py::arg("view"), py::arg("format"),
      py::arg("output"), py::arg("samples"), py::arg("seed"), py::arg("auto_threshold"), py::arg("dpi"),
      py::arg("as_of"), py::arg("progress") = py::none());
}

} // namespace zonepath::py_bindings
