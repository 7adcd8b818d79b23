#include "zonepath/scenarios/compare.hpp"

#include <algorithm>
#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"

namespace zonepath::scenarios {

namespace {

template <class T> OnlyInOne only_in_one(const std::vector<T>& a, const std::vector<T>& b) {
  OnlyInOne out;
  auto has = [](const std::vector<T>& v, const std::string& id) {
    return std::any_of(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
  };
  for (const auto& x : a)
    if (!has(b, x.id)) out.a.push_back(x.id);
  for (const auto& x : b)
    if (!has(a, x.id)) out.b.push_back(x.id);
  return out;
}

nlohmann::json only_json(const OnlyInOne& o) {
  return {{"a", o.a}, {"b", o.b}};
}

nlohmann::json cost_json(const DesignCost& c) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : c.lines) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : l.cover.items)
      items.push_back({{"id", i.id}, {"covers", i.covers}, {"cost", i.cost}});
    lines.push_back({{"where", l.where},
                     {"items", items},
                     {"compensating", l.compensating},
                     {"cost", l.cover.cost + l.compensating}});
  }
  return {{"total", c.total}, {"lines", lines}};
}

} // namespace

DesignCost design_cost(const models::Site& site, const CostModel& model) {
  DesignCost out;
  for (const auto& z : site.zones) {
    CostLine line{z.id, cover_requirements(z.countermeasures, model, z.assets.size(), false),
                  model.compensating_sl_c * double(z.compensating.size())};
    for (models::Index a : z.assets)
      line.compensating += model.compensating_sl_c * double(site.assets[a].compensating.size());
    if (line.cover.items.empty() && line.compensating == 0) continue;
    out.total += line.cover.cost + line.compensating;
    out.lines.push_back(std::move(line));
  }
  for (const auto& c : site.conduits) {
    CostLine line{c.id, cover_requirements(c.countermeasures, model, 0, true),
                  model.compensating_sl_c * double(c.compensating.size())};
    if (line.cover.items.empty() && line.compensating == 0) continue;
    out.total += line.cover.cost + line.compensating;
    out.lines.push_back(std::move(line));
  }
  return out;
}

DesignComparison compare_designs(models::SitePtr a, models::SitePtr b, const models::AnalysisOptions& options,
                                 const CostModel& model) {
  DesignComparison c;
  c.a = a;
  c.b = b;
  c.unit = model.unit;
  c.zones = only_in_one(a->zones, b->zones);
  c.assets = only_in_one(a->assets, b->assets);
  c.conduits = only_in_one(a->conduits, b->conduits);
  c.threat_actors = only_in_one(a->threat_actors, b->threat_actors);
  if (!options.threats.empty()) {
    for (const auto& t : options.threats) {
      for (const auto* s : {a.get(), b.get()})
        if (s->threat_index(t) == models::kNone)
          throw ScenarioError(s->file + ": no threat actor '" + t + "' (both designs must define it)");
      c.threats.push_back(t);
    }
  } else {
    for (const auto& t : a->threat_actors)
      if (b->threat_index(t.id) != models::kNone) c.threats.push_back(t.id);
    if (c.threats.empty()) throw ScenarioError("the two designs have no threat actor id in common");
  }
  models::AnalysisOptions opt = options;
  opt.threats = c.threats;
  // Crown jewels may differ; analyse the union present in each design.
  parallel_for_each_index(
      2,
      [&](std::size_t i) {
        if (i == 0)
          c.report_a = models::analyze_site(*a, opt);
        else
          c.report_b = models::analyze_site(*b, opt);
      },
      ParallelOptions{1, 1});
  c.diff = diff_reports(*a, c.report_a, *b, c.report_b);
  c.cost_a = design_cost(*a, model);
  c.cost_b = design_cost(*b, model);
  return c;
}

nlohmann::json comparison_to_json(const DesignComparison& c) {
  return {{"schema", "zonepath/compare/v1"},
          {"a", {{"site", c.a->id}, {"file", c.a->file}}},
          {"b", {{"site", c.b->id}, {"file", c.b->file}}},
          {"threats", c.threats},
          {"samples", c.report_a.samples},
          {"seed", c.report_a.seed},
          {"only_in",
           {{"zones", only_json(c.zones)},
            {"assets", only_json(c.assets)},
            {"conduits", only_json(c.conduits)},
            {"threat_actors", only_json(c.threat_actors)}}},
          {"cost", {{"unit", c.unit}, {"a", cost_json(c.cost_a)}, {"b", cost_json(c.cost_b)}}},
          {"diff", diff_to_json(c.diff, {"a", "b"})}};
}

std::string comparison_to_text(const DesignComparison& c) {
  std::ostringstream out;
  out << "Design A: " << c.a->id << " (" << c.a->file << ")\nDesign B: " << c.b->id << " (" << c.b->file
      << ")\n";
  out << "Threat actors:";
  for (const auto& t : c.threats) out << ' ' << t;
  out << "\n\nOnly in one design:\n";
  auto list = [&](const char* what, const OnlyInOne& o) {
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s.empty() ? std::string("-") : s;
    };
    out << "  " << what << ": A only " << join(o.a) << "; B only " << join(o.b) << '\n';
  };
  list("zones", c.zones);
  list("assets", c.assets);
  list("conduits", c.conduits);
  list("threat actors", c.threat_actors);
  out << "\nCountermeasure cost (" << c.unit << "): A " << c.cost_a.total << ", B " << c.cost_b.total
      << "\n\n";
  out << diff_to_text(c.diff, {"A", "B"}, true);
  return out.str();
}

} // namespace zonepath::scenarios
