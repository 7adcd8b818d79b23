// Site: load from a file, JSON text or a dict; validate; the access map (flows); the full
// analysis (report_to_json, as `zonepath analyze --json`, plus the result the report writers
// take); a threat actor's attack graph.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <pybind11/stl.h>

#include "common.hpp"
#include "graph_handle.hpp"
#include "report_handle.hpp"
#include "site_handle.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/plan_cost_model.hpp"

namespace zonepath::py_bindings {

using nlohmann::json;

std::shared_ptr<SiteHandle> SiteHandle::from_document(JsonDocument doc, std::string text) {
  auto h = std::make_shared<SiteHandle>();
  h->name = doc.name();
  h->text = std::move(text);
  h->doc = std::make_shared<const JsonDocument>(std::move(doc));
  try {
    h->site = std::make_shared<const models::Site>(models::load_site(*h->doc));
    // As `zonepath validate`: the site's models.cost is checked too. The site stays usable
    // for analysis (which does not read costs); plan() reports the same error.
    (void)scenarios::load_site_cost_model(*h->doc);
  } catch (const ValidationError& e) {
    h->errors = e.diagnostics();
  } catch (const ParseError& e) {
    h->errors = {e.diagnostic()};
  }
  return h;
}

const models::Site& SiteHandle::require() const {
  if (!site) throw ValidationError(errors);
  return *site;
}

namespace {

std::string read_text(const std::string& path) {
  return read_input_file(path);
}

models::Index zone_or_throw(const models::Site& site, const std::string& id, const char* what) {
  models::Index z = site.zone_index(id);
  if (z == models::kNone) throw ModelError(site.file + ": " + what + ": unknown zone '" + id + "'");
  return z;
}

// The threat actor's attack graph, as `zonepath paths SITE --threat ID` builds it.
std::shared_ptr<GraphHandle> site_graph(const SiteHandle& h, const std::string& threat) {
  const models::Site& site = h.require();
  models::Index actor = models::kNone;
  if (threat.empty()) {
    if (site.threat_actors.size() != 1)
      throw ModelError(site.file + ": name a threat actor (the site has " +
                       std::to_string(site.threat_actors.size()) + ")");
    actor = 0;
  } else if ((actor = site.threat_index(threat)) == models::kNone) {
    std::vector<std::string_view> names;
    for (const auto& t : site.threat_actors) names.push_back(t.id);
    std::string near = did_you_mean(threat, names);
    throw ModelError(site.file + ": unknown threat actor '" + threat + "'" +
                     (near.empty() ? "" : " (did you mean '" + near + "'?)"));
  }
  auto ctx = models::SiteContext::make(site);
  auto sg = models::build_site_graph(ctx, site.threat_actors[actor]);
  auto g = std::make_shared<GraphHandle>();
  g->name = site.file;
  g->threat = site.threat_actors[actor].id;
  g->sources = sg.sources;
  g->waypoint = std::move(sg.waypoint);
  for (models::Index a : models::crown_jewels(site)) {
    NodeId v = sg.asset_node(a);
    if (std::find(g->sources.begin(), g->sources.end(), v) == g->sources.end())
      g->default_targets.push_back(v);
  }
  g->graph = std::make_shared<const AttackGraph>(std::move(sg.graph));
  return g;
}

} // namespace

std::optional<models::Date> as_of_option(const std::optional<std::string>& as_of) {
  if (!as_of) return std::nullopt;
  auto date = models::parse_date(*as_of);
  if (!date) throw AnalysisError("as_of: '" + *as_of + "' is not a calendar date YYYY-MM-DD");
  return date;
}

models::AnalysisOptions analysis_options(std::vector<std::string> threats, std::vector<std::string> targets,
                                         std::uint64_t samples, std::uint64_t seed, std::size_t paths,
                                         const std::optional<std::string>& as_of) {
  if (samples < 1) throw AnalysisError("samples must be at least 1");
  models::AnalysisOptions opt;
  opt.as_of = as_of_option(as_of);
  opt.threats = std::move(threats);
  opt.targets = std::move(targets);
  opt.samples = samples;
  opt.seed = seed;
  opt.paths_per_target = paths;
  return opt;
}

void bind_site(py::module_& m) {
  py::class_<SiteHandle, std::shared_ptr<SiteHandle>>(m, "SiteHandle")
      .def_static("load",
                  [](const std::string& path) {
                    std::string text = read_text(path);
                    return SiteHandle::from_document(JsonDocument::parse(text, path), text);
                  })
      .def_static("parse",
                  [](std::string text, std::string name) {
                    return SiteHandle::from_document(JsonDocument::parse(text, std::move(name)), text);
                  })
      .def_static("from_value",
                  [](py::handle value, std::string name) {
                    json v = from_python(value);
                    std::string text = v.dump(2);
                    return SiteHandle::from_document(JsonDocument::from_value(std::move(v), std::move(name)),
                                                     std::move(text));
                  })
      .def_property_readonly("name", [](const SiteHandle& h) { return h.name; })
      .def_property_readonly("text", [](const SiteHandle& h) { return py::bytes(h.text); })
      .def_property_readonly("valid", [](const SiteHandle& h) { return bool(h.site); })
      .def("errors",
           [](const SiteHandle& h) {
             py::list out;
             for (const auto& d : h.errors) out.append(diagnostic_to_python(d));
             return out;
           })
      .def("warnings",
           [](const SiteHandle& h) {
             py::list out;
             if (h.site)
               for (const auto& d : h.site->warnings) out.append(diagnostic_to_python(d));
             return out;
           })
      .def("check", [](const SiteHandle& h) { h.require(); })
      .def("to_value", [](const SiteHandle& h) { return to_python(h.doc->root()); })
      .def("summary",
           [](const SiteHandle& h) {
             const models::Site& s = h.require();
             py::dict out;
             out["id"] = s.id;
             out["name"] = s.name;
             py::list zones, assets, conduits, threats;
             for (const auto& z : s.zones) zones.append(z.id);
             for (const auto& a : s.assets) assets.append(a.id);
             for (const auto& c : s.conduits) conduits.append(c.id);
             for (const auto& t : s.threat_actors) threats.append(t.id);
             out["zones"] = zones;
             out["assets"] = assets;
             out["conduits"] = conduits;
             out["threat_actors"] = threats;
             py::list jewels;
             for (models::Index a : models::crown_jewels(s)) jewels.append(s.assets[a].id);
             out["crown_jewels"] = jewels;
             return out;
           })
      .def(
          "flows",
          [](const SiteHandle& h, const std::optional<std::string>& from,
             const std::optional<std::string>& to) {
            const models::Site& site = h.require();
            models::Index zf = from ? zone_or_throw(site, *from, "from_zone") : models::kNone;
            models::Index zt = to ? zone_or_throw(site, *to, "to_zone") : models::kNone;
            json flows = call_interruptible([&](const CancelToken*) {
              auto map = models::AccessMap::compute(site);
              json out = json::array();
              for (const auto& f : map.flows()) {
                if (zf != models::kNone && f.src_zone != zf) continue;
                if (zt != models::kNone && site.assets[f.dst_asset].zone != zt) continue;
                out.push_back(models::flow_to_json(site, f));
              }
              return out;
            });
            return to_python(flows);
          },
          py::arg("from_zone"), py::arg("to_zone"))
      .def(
          "analyze",
          [](const SiteHandle& h, std::vector<std::string> threats, std::vector<std::string> targets,
             std::uint64_t samples, std::uint64_t seed, std::size_t paths, std::optional<std::string> as_of,
             py::object progress) {
            const models::Site& site = h.require();
            const models::AnalysisOptions opt =
                analysis_options(std::move(threats), std::move(targets), samples, seed, paths, as_of);
            // The document (built on the worker too) and the result the report writers take.
            auto [doc, report] =
                call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
                  models::AnalysisOptions o = opt;
                  o.cancel = cancel;
                  o.progress = p;
                  auto r = std::make_shared<ReportHandle>(h.site, models::analyze_site(site, o));
                  return std::make_pair(models::report_to_json(site, r->report), r);
                });
            return py::make_tuple(to_python(doc), report);
          },
          py::arg("threats"), py::arg("targets"), py::arg("samples"), py::arg("seed"), py::arg("paths"),
          py::arg("as_of"), py::arg("progress") = py::none())
      .def("attack_graph", [](const SiteHandle& h, const std::string& threat) {
        return call_interruptible([&](const CancelToken*) { return site_graph(h, threat); });
      });
}

} // namespace zonepath::py_bindings
