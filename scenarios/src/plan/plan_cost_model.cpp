#include "zonepath/scenarios/plan_cost_model.hpp"

#include <algorithm>
#include <limits>

#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::scenarios {

namespace data {
extern const char* const kCostModelJson;
}

namespace {

using json = nlohmann::json;

double positive(JsonChecker& check, const json& obj, const std::string& ptr, const char* key,
                double fallback) {
  auto v = check.get_number(obj, ptr, key);
  if (!v) return fallback;
  if (*v < 0) {
    check.error(ptr + "/" + key, "a cost must be >= 0", &obj.at(key));
    return fallback;
  }
  return *v;
}

} // namespace

const nlohmann::json& default_cost_model_json() {
  static const json j = json::parse(data::kCostModelJson);
  return j;
}

double CostModel::zone_requirement(const std::string& id, std::size_t assets) const {
  const models::Requirement* r = models::find_requirement(id);
  return (r && r->is_enhancement() ? re : sr) + per_asset * double(assets);
}

double CostModel::conduit_requirement(const std::string& id) const {
  const models::Requirement* r = models::find_requirement(id);
  return r && r->is_enhancement() ? conduit_re : conduit_sr;
}

CostModel load_cost_model(const nlohmann::json& overrides, const std::string& name) {
  json merged = default_cost_model_json();
  if (overrides.is_object())
    merged.merge_patch(overrides);
  else if (!(overrides.is_string() && overrides == "default"))
    throw ValidationError({Diagnostic{name, "", 0, 0, abbreviate(overrides),
                                      "expected \"default\" or an object of overrides", ""}});
  JsonDocument doc = JsonDocument::from_value(merged, name);
  JsonChecker check(doc);
  const json& m = doc.root();
  check.check_keys(m, "",
                   {"schema", "unit", "requirement", "conduit_requirement", "rule_change", "restrict_access",
                    "compensating_control", "compensating_sl_c", "data_diode", "protocol_inspection",
                    "credentials", "patch", "packages"});
  CostModel out;
  out.source = merged;
  if (auto u = check.get_string(m, "", "unit")) out.unit = *u;
  if (const json* r = check.get_object(m, "", "requirement")) {
    check.check_keys(*r, "/requirement", {"sr", "re", "per_asset"});
    out.sr = positive(check, *r, "/requirement", "sr", out.sr);
    out.re = positive(check, *r, "/requirement", "re", out.re);
    out.per_asset = positive(check, *r, "/requirement", "per_asset", out.per_asset);
  }
  if (const json* r = check.get_object(m, "", "conduit_requirement")) {
    check.check_keys(*r, "/conduit_requirement", {"sr", "re"});
    out.conduit_sr = positive(check, *r, "/conduit_requirement", "sr", out.conduit_sr);
    out.conduit_re = positive(check, *r, "/conduit_requirement", "re", out.conduit_re);
  }
  if (const json* r = check.get_object(m, "", "rule_change")) {
    check.check_keys(*r, "/rule_change", {"deny"});
    out.rule_deny = positive(check, *r, "/rule_change", "deny", out.rule_deny);
  }
  for (auto [key, field] :
       {std::pair{"restrict_access", &out.restrict_access},
        std::pair{"compensating_control", &out.compensating_control},
        std::pair{"compensating_sl_c", &out.compensating_sl_c}, std::pair{"data_diode", &out.data_diode},
        std::pair{"protocol_inspection", &out.protocol_inspection},
        std::pair{"credentials", &out.credentials}}) {
    if (const json* r = check.get_object(m, "", key)) {
      check.check_keys(*r, std::string("/") + key, {"cost"});
      *field = positive(check, *r, std::string("/") + key, "cost", *field);
    }
  }
  if (const json* r = check.get_object(m, "", "patch")) {
    check.check_keys(*r, "/patch", {"cost", "legacy_factor"});
    out.patch = positive(check, *r, "/patch", "cost", out.patch);
    out.legacy_factor = positive(check, *r, "/patch", "legacy_factor", out.legacy_factor);
  }
  if (const json* list = check.get_array(m, "", "packages")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string p = "/packages/" + std::to_string(i);
      const json& pk = (*list)[i];
      if (!check.expect_object(pk, p)) continue;
      check.check_keys(pk, p, {"id", "title", "covers", "cost"});
      CostPackage package;
      if (auto id = check.get_string(pk, p, "id", true)) package.id = *id;
      if (auto t = check.get_string(pk, p, "title")) package.title = *t;
      package.covers = check.get_string_list(pk, p, "covers");
      for (std::size_t c = 0; c < package.covers.size(); ++c)
        if (!models::find_requirement(package.covers[c]))
          check.error(p + "/covers/" + std::to_string(c), "unknown requirement '" + package.covers[c] + "'");
      package.cost = positive(check, pk, p, "cost", 0);
      out.packages.push_back(std::move(package));
    }
  }
  check.throw_if_errors();
  return out;
}

CostModel load_site_cost_model(const JsonDocument& site_doc) {
  const json& root = site_doc.root();
  const json* overrides = nullptr;
  if (root.is_object() && root.contains("models") && root["models"].is_object() &&
      root["models"].contains("cost"))
    overrides = &root["models"]["cost"];
  if (!overrides) return load_cost_model();
  try {
    return load_cost_model(*overrides, site_doc.name());
  } catch (const ValidationError& e) {
    std::vector<Diagnostic> located = e.diagnostics();
    for (auto& d : located) {
      d.file = site_doc.name();
      d.pointer = "/models/cost" + d.pointer;
    }
    site_doc.locate(located);
    throw ValidationError(std::move(located));
  }
}

Cover cover_requirements(const std::vector<std::string>& needed_in, const CostModel& model,
                         std::size_t assets, bool conduit) {
  std::vector<std::string> needed = needed_in;
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  Cover out;
  if (needed.empty()) {
    out.exact = true;
    return out;
  }
  // Candidates: every package that covers something needed (zones only), then each single.
  struct Candidate {
    CoverItem item;
    std::uint32_t mask = 0;
    std::vector<std::size_t> elements;
  };
  std::vector<Candidate> cands;
  auto index_of = [&](const std::string& id) {
    return std::size_t(std::lower_bound(needed.begin(), needed.end(), id) - needed.begin());
  };
  if (!conduit) {
    for (const auto& p : model.packages) {
      Candidate c;
      for (const auto& r : p.covers)
        if (std::binary_search(needed.begin(), needed.end(), r)) {
          c.elements.push_back(index_of(r));
          c.item.covers.push_back(r);
        }
      if (c.elements.empty()) continue;
      c.item.id = p.id;
      c.item.title = p.title;
      c.item.cost = p.cost + model.per_asset * double(assets);
      cands.push_back(std::move(c));
    }
  }
  for (std::size_t i = 0; i < needed.size(); ++i) {
    Candidate c;
    c.item.id = needed[i];
    c.item.covers = {needed[i]};
    const models::Requirement* r = models::find_requirement(needed[i]);
    c.item.title = r ? r->title : std::string();
    c.item.cost = conduit ? model.conduit_requirement(needed[i]) : model.zone_requirement(needed[i], assets);
    c.elements = {i};
    cands.push_back(std::move(c));
  }
  std::vector<std::size_t> chosen;
  const std::size_t n = needed.size();
  if (n <= 16) {
    // Exact: cheapest cost to cover each subset, by dynamic programming over bit masks.
    for (auto& c : cands)
      for (auto e : c.elements) c.mask |= 1u << e;
    const std::uint32_t full = (1u << n) - 1;
    std::vector<double> best(full + 1, std::numeric_limits<double>::infinity());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> from(full + 1, {0, 0});
    best[0] = 0;
    for (std::uint32_t mask = 0; mask <= full; ++mask) {
      if (!std::isfinite(best[mask])) continue;
      for (std::uint32_t ci = 0; ci < cands.size(); ++ci) {
        std::uint32_t next = mask | cands[ci].mask;
        if (next == mask) continue;
        double cost = best[mask] + cands[ci].item.cost;
        if (cost < best[next] - 1e-12) {
          best[next] = cost;
          from[next] = {mask, ci};
        }
      }
    }
    for (std::uint32_t m = full; m != 0; m = from[m].first) chosen.push_back(from[m].second);
    std::reverse(chosen.begin(), chosen.end());
    out.exact = true;
  } else {
    // Greedy (ln n approximation): the cheapest cost per newly covered requirement first.
    std::vector<bool> covered(n, false);
    std::size_t left = n;
    while (left > 0) {
      double best_ratio = std::numeric_limits<double>::infinity();
      std::size_t pick = 0;
      for (std::size_t ci = 0; ci < cands.size(); ++ci) {
        std::size_t fresh = 0;
        for (auto e : cands[ci].elements) fresh += covered[e] ? 0 : 1;
        if (fresh == 0) continue;
        double ratio = cands[ci].item.cost / double(fresh);
        if (ratio < best_ratio - 1e-12) {
          best_ratio = ratio;
          pick = ci;
        }
      }
      chosen.push_back(pick);
      for (auto e : cands[pick].elements)
        if (!covered[e]) {
          covered[e] = true;
          --left;
        }
    }
  }
  for (auto ci : chosen) {
    out.cost += cands[ci].item.cost;
    out.items.push_back(cands[ci].item);
  }
  return out;
}

} // namespace zonepath::scenarios
