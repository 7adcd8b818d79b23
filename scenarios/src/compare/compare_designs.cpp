#include "zonepath/scenarios/compare.hpp"

#include <algorithm>
#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"

#include "../whatif/parallel_analyses.hpp"

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
  // The two analyses run in parallel: inside the "designs" phase, one phase counts the Monte
  // Carlo samples of both (parallel_analyses.hpp).
  const ProgressPhase phase(options.progress, "designs", 2);
  const ProgressPhase sampling(options.progress, "Monte Carlo",
                               detail::analysis_samples(*a, opt) + detail::analysis_samples(*b, opt));
  // Crown jewels may differ; analyse the union present in each design.
  parallel_for_each_index(
      2,
      [&](std::size_t i) {
        if (i == 0)
          c.report_a = detail::analyze_counting_samples(*a, opt);
        else
          c.report_b = detail::analyze_counting_samples(*b, opt);
      },
      ParallelOptions{1, 1});
  c.diff = diff_reports(*a, c.report_a, *b, c.report_b);
  c.same_zones = c.zones.a.empty() && c.zones.b.empty();
  c.jewels = compare_jewels(*a, *b, c.diff);
  c.asset_levels = compare_asset_levels(*a, c.report_a, *b, c.report_b);
  c.merge_findings = zone_merge_findings(*a, *b);
  c.diff.findings_added.insert(c.diff.findings_added.begin(), c.merge_findings.begin(),
                               c.merge_findings.end());
  c.cost_a = design_cost(*a, model);
  c.cost_b = design_cost(*b, model);
  return c;
}

namespace {

template <class T> nlohmann::json ab(const Side<T>& s) {
  return {{"a", s.before ? nlohmann::json(*s.before) : nlohmann::json(nullptr)},
          {"b", s.after ? nlohmann::json(*s.after) : nlohmann::json(nullptr)}};
}

nlohmann::json sl(const models::SlVector& v) {
  return nlohmann::json(std::vector<int>(v.begin(), v.end()));
}

nlohmann::json jewels_json(const DesignComparison& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& j : c.jewels)
    out.push_back({{"id", j.id},
                   {"threat", j.threat},
                   {"severity", j.severity},
                   {"reach_probability", ab(j.reach)},
                   {"ttc_p50_days", ab(j.ttc_p50)},
                   {"risk", ab(j.risk)}});
  return out;
}

nlohmann::json assets_json(const DesignComparison& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : c.asset_levels)
    out.push_back({{"id", l.id},
                   {"zone", {{"a", l.zone_a}, {"b", l.zone_b}}},
                   {"sl_t", {{"a", sl(l.sl_t_a)}, {"b", sl(l.sl_t_b)}}},
                   {"sl_a", {{"a", sl(l.sl_a_a)}, {"b", sl(l.sl_a_b)}}}});
  return out;
}

int gap_sum(const models::SlVector& t, const models::SlVector& a) {
  int s = 0;
  for (int i = 0; i < models::kFrCount; ++i) s += std::max(0, int(t[i]) - int(a[i]));
  return s;
}

} // namespace

nlohmann::json comparison_to_json(const DesignComparison& c) {
  nlohmann::json merge = nlohmann::json::array();
  for (const auto& f : c.merge_findings) merge.push_back(f);
  return {{"schema", "zonepath/compare/v1"},
          {"crown_jewels", jewels_json(c)},
          {"assets", assets_json(c)},
          {"zone_merge_findings", merge},
          {"zone_totals_comparable", c.same_zones},
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
  char buf[512];
  out << required_flows_line(c.diff);
  out << "Design A: " << c.a->id << " (" << c.a->file << ")\nDesign B: " << c.b->id << " (" << c.b->file
      << ")\n";
  out << "Threat actors:";
  for (const auto& t : c.threats) out << ' ' << t;
  out << "\n\nCrown jewels per threat actor, largest risk increase first (risk = reach x severity):\n";
  std::snprintf(buf, sizeof buf, "  %-24s %-18s %4s %9s %9s %9s %9s %12s\n", "target", "threat", "sev",
                "reach A", "reach B", "risk A", "risk B", "TTC p50 A/B");
  out << buf;
  auto num = [](const std::optional<double>& v, const char* fmt) {
    if (!v) return std::string("-");
    char b[32];
    std::snprintf(b, sizeof b, fmt, *v);
    return std::string(b);
  };
  for (const auto& j : c.jewels) {
    std::snprintf(buf, sizeof buf, "  %-24s %-18s %4d %9s %9s %9s %9s %12s\n", j.id.c_str(), j.threat.c_str(),
                  j.severity, num(j.reach.before, "%.3f").c_str(), num(j.reach.after, "%.3f").c_str(),
                  num(j.risk.before, "%.3f").c_str(), num(j.risk.after, "%.3f").c_str(),
                  (num(j.ttc_p50.before, "%.1f") + "/" + num(j.ttc_p50.after, "%.1f")).c_str());
    out << buf;
  }
  for (const auto& f : c.merge_findings) out << "\nFinding " << f.rule << " (high): " << f.message << '\n';
  std::size_t worse = 0, better = 0;
  std::string worse_ids;
  for (const auto& l : c.asset_levels) {
    int ga = gap_sum(l.sl_t_a, l.sl_a_a), gb = gap_sum(l.sl_t_b, l.sl_a_b);
    if (gb > ga) {
      ++worse;
      if (worse <= 10) worse_ids += (worse_ids.empty() ? "" : ", ") + l.id;
    }
    better += gb < ga;
  }
  out << "\nAssets whose zone's SL gap (SL-T vs SL-A) grows in B: " << worse
      << (worse ? " (" + worse_ids : "")
      << (worse > 10 ? ", ...)"
          : worse    ? ")"
                     : "")
      << "; shrinks: " << better << " of " << c.asset_levels.size() << '\n';
  if (!c.same_zones)
    out << "Zone totals (SL gap sum, intolerable zones) are not comparable: the designs have different "
           "zones.\n";
  out << "\nOnly in one design:\n";
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
  out << diff_to_text(c.diff, {"A", "B"}, true, false);
  return out.str();
}

} // namespace zonepath::scenarios
