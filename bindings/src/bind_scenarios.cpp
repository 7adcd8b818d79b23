// What-if scenarios, change impact, design comparison and remediation planning: Site.apply (a
// new, validated Site), Site.whatif, Site.change, compare and plan, each giving the document of
// the CLI command of the same name (`zonepath whatif|change|compare|plan --json`).
#include <tuple>

#include <pybind11/stl.h>

#include "common.hpp"
#include "report_handle.hpp"
#include "site_handle.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/scenarios/change.hpp"
#include "zonepath/scenarios/compare.hpp"
#include "zonepath/scenarios/plan.hpp"
#include "zonepath/scenarios/scenario.hpp"
#include "zonepath/scenarios/scenario_run.hpp"

namespace zonepath::py_bindings {
namespace {

using nlohmann::json;

// A scenario given as a file path (str) or as a dict in the scenario/v1 format.
scenarios::Scenario to_scenario(py::handle spec) {
  if (py::isinstance<py::str>(spec)) return scenarios::load_scenario_file(spec.cast<std::string>());
  return scenarios::scenario_from_json(from_python(spec), "<dict>");
}

// A change request given as a file path (str) or as a dict in the change/v1 format.
scenarios::ChangeRequest to_change(py::handle spec) {
  if (py::isinstance<py::str>(spec)) return scenarios::load_change_file(spec.cast<std::string>());
  // Through the text, so that errors in a dict still carry line and column.
  return scenarios::load_change(
      std::make_shared<const JsonDocument>(JsonDocument::parse(from_python(spec).dump(2), "<dict>")));
}

py::tuple apply(const SiteHandle& base, py::handle spec) {
  base.require();
  scenarios::Scenario scenario = to_scenario(spec);
  scenarios::ScenarioResult r = call_interruptible(
      [&](const CancelToken*) { return scenarios::apply_scenario(base.doc->root(), scenario, base.name); });
  auto h = std::make_shared<SiteHandle>();
  h->name = r.site->file.empty() ? base.name : r.site->file;
  h->text = r.site_json.dump(2);
  h->doc = std::make_shared<const JsonDocument>(JsonDocument::from_value(r.site_json, h->name));
  h->site = r.site;
  py::list applied;
  for (const auto& a : r.applied) {
    py::dict d;
    d["scenario"] = scenario.id;
    d["index"] = a.index;
    d["op"] = a.op;
    d["summary"] = a.summary;
    d["override_reason"] = a.override_reason;
    applied.append(d);
  }
  return py::make_tuple(h, applied);
}

} // namespace

void bind_scenarios(py::module_& m) {
  m.def("apply_scenario", &apply, py::arg("site"), py::arg("scenario"));
  m.def(
      "whatif",
      [](const SiteHandle& base, py::list specs, std::vector<std::string> threats,
         std::vector<std::string> targets, std::uint64_t samples, std::uint64_t seed, std::size_t paths,
         std::optional<std::string> as_of, py::object progress) {
        base.require();
        std::vector<scenarios::Scenario> list;
        for (py::handle s : specs) list.push_back(to_scenario(s));
        models::AnalysisOptions opt =
            analysis_options(std::move(threats), std::move(targets), samples, seed, paths, as_of);
        json out = call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
          models::AnalysisOptions o = opt;
          o.cancel = cancel;
          o.progress = p;
          return scenarios::whatif_to_json(scenarios::run_whatif(base.doc->root(), base.name, list, o));
        });
        return to_python(out);
      },
      py::arg("site"), py::arg("scenarios"), py::arg("threats"), py::arg("targets"), py::arg("samples"),
      py::arg("seed"), py::arg("paths"), py::arg("as_of"), py::arg("progress") = py::none());
  m.def(
      "change",
      [](const SiteHandle& base, py::handle spec, std::vector<std::string> threats, std::uint64_t samples,
         std::uint64_t seed, std::size_t paths, std::optional<std::string> as_of, py::object progress) {
        base.require();
        scenarios::ChangeRequest change = to_change(spec);
        models::AnalysisOptions opt = analysis_options(std::move(threats), {}, samples, seed, paths, as_of);
        json out = call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
          models::AnalysisOptions o = opt;
          o.cancel = cancel;
          o.progress = p;
          return scenarios::change_impact_to_json(
              scenarios::run_change(base.doc->root(), base.name, change, o));
        });
        return to_python(out);
      },
      py::arg("site"), py::arg("change"), py::arg("threats"), py::arg("samples"), py::arg("seed"),
      py::arg("paths"), py::arg("as_of"), py::arg("progress") = py::none());
  m.def(
      "compare",
      [](const SiteHandle& a, const SiteHandle& b, std::vector<std::string> threats, std::uint64_t samples,
         std::uint64_t seed, std::size_t paths, py::handle cost_model, std::string cost_name,
         std::optional<std::string> as_of, py::object progress) {
        a.require();
        b.require();
        models::AnalysisOptions opt = analysis_options(std::move(threats), {}, samples, seed, paths, as_of);
        json overrides = cost_model.is_none() ? json("default") : from_python(cost_model);
        auto out = call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
          scenarios::CostModel costs = scenarios::load_cost_model(overrides, cost_name);
          models::AnalysisOptions o = opt;
          o.cancel = cancel;
          o.progress = p;
          scenarios::DesignComparison c = scenarios::compare_designs(a.site, b.site, o, costs);
          json doc{{"comparison", scenarios::comparison_to_json(c)},
                   {"a", models::report_to_json(*c.a, c.report_a)},
                   {"b", models::report_to_json(*c.b, c.report_b)}};
          return std::make_tuple(std::move(doc), std::make_shared<ReportHandle>(c.a, std::move(c.report_a)),
                                 std::make_shared<ReportHandle>(c.b, std::move(c.report_b)));
        });
        auto& [doc, report_a, report_b] = out;
        return py::make_tuple(to_python(doc), report_a, report_b);
      },
      py::arg("a"), py::arg("b"), py::arg("threats"), py::arg("samples"), py::arg("seed"), py::arg("paths"),
      py::arg("cost_model"), py::arg("cost_name"), py::arg("as_of"), py::arg("progress") = py::none());
  m.def(
      "plan",
      [](const SiteHandle& site, std::vector<std::string> threats, std::optional<double> budget,
         std::optional<double> target, std::uint64_t samples, std::uint64_t seed, std::size_t max_actions,
         bool close_gaps, py::handle cost_model, std::string cost_name, std::optional<std::string> as_of,
         py::handle required_flows, py::object progress) {
        site.require();
        if (samples < 1) throw AnalysisError("samples must be at least 1");
        scenarios::PlanOptions opt;
        opt.threats = std::move(threats);
        if (!required_flows.is_none())
          opt.required_flows = scenarios::required_flows_from_json(from_python(required_flows));
        opt.budget = budget;
        opt.target_probability = target;
        opt.samples = samples;
        opt.seed = seed;
        opt.max_actions = max_actions;
        opt.close_gaps = close_gaps;
        opt.as_of = as_of_option(as_of);
        // As `zonepath plan`: the defaults, then the site's models.cost, then the caller's.
        json overrides = scenarios::load_site_cost_model(*site.doc).source;
        const json& root = site.doc->root();
        opt.cost_model_name = site.name + " (models.cost)";
        if (!cost_model.is_none()) {
          overrides.merge_patch(from_python(cost_model));
          opt.cost_model_name = cost_name;
        }
        opt.cost_model = std::move(overrides);
        json out = call_with_progress(progress, [&](const CancelToken* cancel, ProgressReporter* p) {
          scenarios::PlanOptions o = opt;
          o.cancel = cancel;
          o.progress = p;
          return scenarios::plan_to_json(scenarios::plan_remediation(root, site.name, o));
        });
        return to_python(out);
      },
      py::arg("site"), py::arg("threats"), py::arg("budget"), py::arg("target_probability"),
      py::arg("samples"), py::arg("seed"), py::arg("max_actions"), py::arg("close_gaps"),
      py::arg("cost_model"), py::arg("cost_name"), py::arg("as_of"), py::arg("required_flows"),
      py::arg("progress") = py::none());
}

} // namespace zonepath::py_bindings
