// Ranked recommendations: one line per zone, N/A requirements left out, verified risk reduction
// equal to a brute-force recomputation, zero for what no actor reaches, groups kept together.
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "tiny_plant.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/generate_site.hpp"

namespace zonepath::models {
namespace {

const std::string kVuln =
    R"("vulnerabilities": [{"id": "CVE-2019-0708", "service": "rdp",
        "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])";

// The tiny plant with a patchable RDP vulnerability on the workstation, and an island zone whose
// vulnerable historian no conduit reaches.
Site gateway_plant() {
  return fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
          {"id": "cell", "kind": "control"}, {"id": "island", "kind": "operations"}])",
      R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}], )" + kVuln +
          R"(},
          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
           "consequence": {"safety": 5}},
          {"id": "hist", "zone": "island", "type": "historian", "services": [{"protocol": "rdp"}], )" +
          kVuln + R"(}])",
      R"([{"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow",
           "from": "internet", "to": "ent"}]},
          {"id": "ent-cell", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "ent",
           "to": "cell"}]}])",
      R"([{"id": "t", "sophistication": 3, "starts": ["internet"]}])");
}

const Recommendation* find(const Report& r, RecommendationKind kind, const std::string& where) {
  for (const auto& rec : r.recommendations)
    if (rec.kind == kind && rec.where == where) return &rec;
  return nullptr;
}

// Best path probability from the sources to `target` by enumerating every simple path: a second
// method beside the Dijkstra the ranking uses.
double best_by_enumeration(const AttackGraph& g, const std::vector<NodeId>& sources, NodeId target) {
  std::vector<bool> on_path(g.node_count(), false);
  double best = 0;
  std::function<void(NodeId, double)> walk = [&](NodeId u, double p) {
    if (u == target) {
      best = std::max(best, p);
      return;
    }
    on_path[u] = true;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (!on_path[g.to(e)] && p * g.p(e) > best) walk(g.to(e), p * g.p(e));
    on_path[u] = false;
  };
  for (NodeId s : sources) walk(s, g.prior(s));
  return best;
}

// Only the cell has a severity (the plc's safety 5), and the actor states no initiation (w = 1).
double cell_exposure(const Site& site) {
  const SiteContext ctx = SiteContext::make(site);
  const SiteGraph sg = build_site_graph(ctx, site.threat_actors[0]);
  return 5.0 * best_by_enumeration(sg.graph, sg.sources, sg.zone_node(site.zone_index("cell")));
}

TEST(Recommendations, PatchReductionEqualsTheExposureRecomputedByEnumeration) {
  const Site site = gateway_plant();
  const Report report = analyze_site(site);
  const Recommendation* patch = find(report, RecommendationKind::Patch, "ws");
  ASSERT_NE(patch, nullptr);
  ASSERT_TRUE(patch->risk_reduction.has_value());
  Site patched = site;
  patched.assets[patched.asset_index("ws")].vulnerabilities.clear();
  const double expected = cell_exposure(site) - cell_exposure(patched);
  EXPECT_GT(expected, 0.0);
  EXPECT_NEAR(*patch->risk_reduction, expected, 1e-9);
  EXPECT_NEAR(patch->safety_reduction, expected, 1e-9); // the cell is a safety zone (safety 5 >= 4)
}

TEST(Recommendations, PatchingWhatNoActorReachesBuysNothingAndComesAfter) {
  const Report report = analyze_site(gateway_plant());
  const Recommendation* island = find(report, RecommendationKind::Patch, "hist");
  ASSERT_NE(island, nullptr);
  ASSERT_TRUE(island->risk_reduction.has_value());
  EXPECT_EQ(*island->risk_reduction, 0.0);
  EXPECT_EQ(risk_reduction_text(*island), "none");
  // The useful patch leads the list; the useless one comes after every verified benefit.
  EXPECT_EQ(report.recommendations.front().where, "ws");
  std::size_t island_at = 0, last_benefit = 0;
  for (std::size_t i = 0; i < report.recommendations.size(); ++i) {
    const auto& r = report.recommendations[i];
    if (&r == island) island_at = i;
    if (r.risk_reduction && *r.risk_reduction > 0 && r.where != "ws") last_benefit = i;
  }
  EXPECT_GT(island_at, last_benefit);
}

TEST(Recommendations, OneLinePerZoneWithoutNotApplicableRequirements) {
  auto closes_of = [](const Site& site) {
    const Report report = analyze_site(site);
    std::size_t lines = 0;
    std::vector<std::string> closes;
    for (const auto& r : report.recommendations)
      if (r.kind == RecommendationKind::ZoneRequirements && r.where == "cell") {
        ++lines;
        closes = r.closes;
      }
    EXPECT_EQ(lines, 1u);
    const ZoneResult& cell = report.zones[site.zone_index("cell")];
    EXPECT_EQ(std::set<std::string>(closes.begin(), closes.end()),
              std::set<std::string>(cell.missing.begin(), cell.missing.end()));
    return closes;
  };
  auto has = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  EXPECT_TRUE(has(closes_of(fixture::tiny_plant(3)), "SR 1.1"));
  const auto with_na = closes_of(fixture::tiny_plant(
      3, R"(, "requirements": [{"id": "SR 1.1", "status": "not-applicable", "justification": "no users"}])"));
  EXPECT_FALSE(has(with_na, "SR 1.1"));
}

Site water_plant() {
  return *load_site_json_file(std::string(ZONEPATH_SOURCE_DIR) + "/scenarios/examples/water-treatment.json");
}

TEST(Recommendations, GroupsAreContiguousAndOrderedByTheirBestItem) {
  const Report report = analyze_site(water_plant());
  std::map<std::pair<RecommendationScope, std::string>, std::size_t> last_seen;
  std::set<std::pair<RecommendationScope, std::string>> closed;
  std::pair<RecommendationScope, std::string> current{};
  for (std::size_t i = 0; i < report.recommendations.size(); ++i) {
    const auto& r = report.recommendations[i];
    std::pair key{r.scope, r.where};
    if (i > 0 && key != current) {
      closed.insert(current);
      EXPECT_EQ(closed.count(key), 0u) << "group " << r.where << " appears twice";
    }
    current = key;
  }
  // Every zone has at most one requirements line, and no per-FR "raise" items remain.
  std::map<std::string, int> zone_lines;
  for (const auto& r : report.recommendations) {
    if (r.kind == RecommendationKind::ZoneRequirements) ++zone_lines[r.where];
    EXPECT_EQ(r.action.rfind("raise ", 0), std::string::npos) << r.action;
  }
  for (const auto& [zone, n] : zone_lines) EXPECT_EQ(n, 1) << zone;
  // The first item buys something, and verified reductions come before anything unverified.
  ASSERT_FALSE(report.recommendations.empty());
  ASSERT_TRUE(report.recommendations.front().risk_reduction.has_value());
  EXPECT_GT(*report.recommendations.front().risk_reduction, 0.0);
}

TEST(Recommendations, WithoutBudgetNothingIsVerifiedAndFindingsLeadBySeverity) {
  AnalysisOptions opt;
  opt.recommendation_edge_budget = 0;
  const Report report = analyze_site(water_plant(), opt);
  for (const auto& r : report.recommendations) {
    EXPECT_FALSE(r.risk_reduction.has_value());
    EXPECT_EQ(risk_reduction_text(r), "not verified");
  }
  ASSERT_TRUE(report.recommendations.front().finding_severity.has_value());
  EXPECT_EQ(*report.recommendations.front().finding_severity, Severity::Critical);
}

// The exposure and its safety share computed in full (docs/risk.md): every actor's graph of the
// whole site and its best path to every zone, severity x initiation weight x P summed.
std::pair<double, double> full_exposure(const Site& site) {
  const SiteContext ctx = SiteContext::make(site);
  const ConsequenceModel model = load_consequence_model(site.consequence_model);
  const auto safety = static_cast<std::size_t>(Dimension::Safety);
  constexpr double kWeight[] = {1.0, 0.02, 0.125, 0.5, 0.875, 0.98}; // NIST SP 800-30 G-2 midpoints
  double total = 0, safety_total = 0;
  for (const ThreatActor& actor : site.threat_actors) {
    const SiteGraph sg = build_site_graph(ctx, actor);
    const ShortestPathTree tree = shortest_paths_from(sg.graph, sg.sources);
    for (Index z = 0; z < site.zones.size(); ++z) {
      Consequence c = site.zones[z].consequence;
      for (Index a : site.zones[z].assets)
        for (int d = 0; d < kDimensionCount; ++d)
          c.severity[d] = std::max(c.severity[d], site.effective_consequence(a).severity[d]);
      if (!tree.reached(sg.zone_node(z))) continue;
      const double share = ConsequenceModel::max_severity(c) * kWeight[std::clamp(actor.initiation, 0, 5)] *
                           std::exp(-tree.dist[sg.zone_node(z)]);
      total += share;
      if (c.severity[safety] >= model.crown_jewel_min[safety]) safety_total += share;
    }
  }
  return {total, safety_total};
}

// The item carried out on a copy of the site, as an engineer would: the CVE removed, the
// requirements recorded as met.
Site carried_out(const Site& site, const Recommendation& r) {
  Site out = site;
  auto record_met = [&](auto& owner) {
    std::erase_if(owner.requirements, [&](const RequirementRecord& rec) {
      return std::find(r.closes.begin(), r.closes.end(), rec.id) != r.closes.end();
    });
    owner.countermeasures.insert(owner.countermeasures.end(), r.closes.begin(), r.closes.end());
  };
  if (r.kind == RecommendationKind::ZoneRequirements) record_met(out.zones[out.zone_index(r.where)]);
  if (r.kind == RecommendationKind::ConduitRequirements) record_met(out.conduits[out.conduit_index(r.where)]);
  if (r.kind == RecommendationKind::Patch || r.kind == RecommendationKind::CompensatingControl)
    std::erase_if(out.assets[out.asset_index(r.where)].vulnerabilities,
                  [&](const Vulnerability& v) { return v.id == r.closes.front(); });
  return out;
}

Site generated(scenarios::SiteShape shape, std::uint64_t seed) {
  scenarios::GenerateOptions o;
  o.assets = 300;
  o.shape = shape;
  o.seed = seed;
  std::ostringstream text;
  (void)scenarios::generate_site(o, text);
  return *load_site_json(nlohmann::json::parse(text.str()), "generated.json");
}

// The ranking re-runs only the actors whose best paths pass through what an item touches; every
// verified reduction must equal the whole site computed again with every actor.
TEST(Recommendations, ReductionsEqualTheWholeSiteComputedAgain) {
  std::vector<Site> sites;
  for (const char* name : {"water-treatment.json", "pharma-batch.json", "oil-gas-unit.json"})
    sites.push_back(*load_site_json_file(std::string(ZONEPATH_SOURCE_DIR) + "/scenarios/examples/" + name));
  sites.push_back(generated(scenarios::SiteShape::Segmented, 5));
  sites.push_back(generated(scenarios::SiteShape::Flat, 6));
  for (const Site& site : sites) {
    const Report report = analyze_site(site);
    const auto [base, base_safety] = full_exposure(site);
    std::size_t verified = 0, zero = 0, positive = 0;
    for (const Recommendation& r : report.recommendations) {
      if (!r.risk_reduction) continue;
      ++verified;
      const auto [after, after_safety] = full_exposure(carried_out(site, r));
      const double expected = std::max(0.0, base - after),
                   safety_expected = std::max(0.0, base_safety - after_safety);
      EXPECT_NEAR(*r.risk_reduction, expected, 1e-9 * std::max(1.0, base)) << site.id << ": " << r.action;
      EXPECT_NEAR(r.safety_reduction, safety_expected, 1e-9 * std::max(1.0, base))
          << site.id << ": " << r.action;
      (expected > 1e-12 ? positive : zero) += 1;
    }
    // Both outcomes occur: items that buy something and items off every best path.
    EXPECT_GT(positive, 0u) << site.id;
    EXPECT_GT(zero, 0u) << site.id;
    EXPECT_GT(verified, 10u) << site.id;
  }
}

// The register's ISO/IEC 27001 column names the controls of the requirements missing in that row,
// not those of every requirement of the FRs with a gap.
TEST(Recommendations, RegisterRowsListTheControlsOfTheirMissingRequirements) {
  const Report report = analyze_site(water_plant());
  ASSERT_FALSE(report.risk_register.empty());
  for (const RegisterRow& row : report.risk_register) {
    std::set<std::string> expected;
    for (const auto& id : row.missing)
      for (const auto& control : iso27001_for(id)) expected.insert(control);
    EXPECT_EQ(std::set<std::string>(row.iso27001.begin(), row.iso27001.end()), expected) << row.zone;
  }
}

} // namespace
} // namespace zonepath::models
