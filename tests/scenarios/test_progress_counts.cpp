// What the long operations count while they run: each test records every event on a reporter
// that sends an update per advance (a clock that stands still, no rate limit), and checks that
// the count reached the phase's total in an update before the phase ended, so that a phase which
// only jumps to 100 % at its end fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/min_cut.hpp"
#include "zonepath/core/path_listing.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/reach_probability.hpp"
#include "zonepath/scenarios/generate_site.hpp"
#include "zonepath/scenarios/scenario_run.hpp"

namespace zonepath {
namespace {

struct Recorder : ProgressSink {
  std::vector<ProgressEvent> events;
  void on_event(const ProgressEvent& e) override { events.push_back(e); }

  // The largest done of the updates of `phase`, and the total of its end.
  std::pair<std::uint64_t, std::uint64_t> counted(const std::string& phase) const {
    std::uint64_t most = 0, total = 0;
    bool ended = false;
    for (const auto& e : events) {
      if (e.phase != phase) continue;
      if (e.kind == ProgressEventKind::update) most = std::max(most, e.done);
      if (e.kind == ProgressEventKind::end) {
        total = e.total;
        ended = true;
      }
    }
    EXPECT_TRUE(ended) << phase;
    return {most, total};
  }
};

ProgressOptions every_advance() {
  ProgressOptions o;
  o.min_interval = 0.0;
  o.clock = [] { return 1.0; };
  return o;
}

// s -> a_i -> t_i for `n` targets, every edge certain enough to be reached.
AttackGraph fan(std::size_t n) {
  AttackGraphBuilder b;
  const NodeId s = b.add_node({"s", NodeKind::Or, 1.0});
  for (std::size_t i = 0; i < n; ++i) {
    const NodeId a = b.add_node({"a" + std::to_string(i), NodeKind::Or, 1.0});
    const NodeId t = b.add_node({"t" + std::to_string(i), NodeKind::Or, 1.0});
    EdgeSpec e;
    e.from = s;
    e.to = a;
    e.p = 0.5;
    e.cost = 1.0;
    b.add_edge(e);
    e.from = a;
    e.to = t;
    b.add_edge(e);
  }
  return b.build();
}

std::vector<NodeId> fan_targets(const AttackGraph& g, std::size_t n) {
  std::vector<NodeId> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(g.find("t" + std::to_string(i)));
  return out;
}

TEST(ProgressCounts, PathsCountTargets) {
  const AttackGraph g = fan(7);
  const std::vector<NodeId> sources{g.find("s")}, targets = fan_targets(g, 7);
  Recorder sink;
  ProgressReporter r(&sink, every_advance());
  {
    const ProgressPhase phase(&r, "paths", targets.size());
    (void)ranked_paths(g, {}, sources, targets, 2, PathMetric::Likelihood, nullptr, &r);
  }
  EXPECT_EQ(sink.counted("paths"), std::make_pair(std::uint64_t{7}, std::uint64_t{7}));
}

TEST(ProgressCounts, ReachCountsTargetsOrSamples) {
  const AttackGraph g = fan(5);
  const std::vector<NodeId> sources{g.find("s")}, targets = fan_targets(g, 5);
  ReachOptions opt;
  opt.method = ReachMethod::Exact;
  Recorder exact;
  ProgressReporter r1(&exact, every_advance());
  opt.progress = &r1;
  const ReachResult a = reach_probability(g, sources, targets, opt);
  EXPECT_EQ(exact.counted("exact reach"), std::make_pair(std::uint64_t{5}, std::uint64_t{5}));

  opt.method = ReachMethod::MonteCarlo;
  opt.samples = 3000;
  Recorder sampled;
  ProgressReporter r2(&sampled, every_advance());
  opt.progress = &r2;
  const ReachResult b = reach_probability(g, sources, targets, opt);
  EXPECT_EQ(sampled.counted("Monte Carlo reach"), std::make_pair(std::uint64_t{3000}, std::uint64_t{3000}));
  // Counting changes nothing.
  opt.progress = nullptr;
  const ReachResult c = reach_probability(g, sources, targets, opt);
  for (std::size_t i = 0; i < targets.size(); ++i) EXPECT_EQ(b.targets[i].hits, c.targets[i].hits);
  EXPECT_EQ(a.targets.size(), 5u);
}

TEST(ProgressCounts, MinCutCountsItsSteps) {
  const AttackGraph g = fan(3);
  const std::vector<NodeId> sources{g.find("s")}, targets = fan_targets(g, 3);
  for (CutMode mode : {CutMode::Edges, CutMode::Nodes}) {
    Recorder sink;
    ProgressReporter r(&sink, every_advance());
    MinCutOptions opt;
    opt.mode = mode;
    opt.progress = &r;
    {
      const ProgressPhase phase(&r, "min cut", kMinCutSteps);
      (void)min_cut(g, sources, targets, opt);
    }
    EXPECT_EQ(sink.counted("min cut"), std::make_pair(kMinCutSteps, kMinCutSteps));
  }
}

std::string generated_site(std::uint64_t assets) {
  scenarios::GenerateOptions o;
  o.assets = assets;
  o.seed = 3;
  std::ostringstream out;
  (void)scenarios::generate_site(o, out);
  return out.str();
}

TEST(ProgressCounts, GenerateCountsWhatItWrites) {
  scenarios::GenerateOptions o;
  o.assets = 20000; // several megabytes: written out more than once
  Recorder sink;
  ProgressReporter r(&sink, every_advance());
  o.progress = &r;
  std::ostringstream with, without;
  const scenarios::GenerateSummary sum = scenarios::generate_site(o, with);
  const std::uint64_t items = sum.zones + sum.assets + sum.conduits;
  EXPECT_EQ(sink.counted("write site"), std::make_pair(items, items));
  o.progress = nullptr;
  (void)scenarios::generate_site(o, without);
  EXPECT_EQ(with.str(), without.str());
}

TEST(ProgressCounts, ParsingCountsBytesIntoTheCallersPhase) {
  const std::string text = generated_site(10000);
  ASSERT_GT(text.size(), std::size_t{2} << 20); // more than two megabytes of JSON
  Recorder sink;
  ProgressReporter r(&sink, every_advance());
  const JsonDocument doc = [&] {
    const ProgressPhase load(&r, "load site");
    return JsonDocument::parse(text, "site.json", {}, &r);
  }();
  const auto [parsed, bytes] = sink.counted("load site");
  EXPECT_EQ(bytes, text.size());
  EXPECT_GE(parsed, std::uint64_t{2} << 20); // megabytes counted as the parser read them
  EXPECT_EQ(doc.root(), JsonDocument::parse(text, "site.json").root());
}

TEST(ProgressCounts, WhatifCountsTheSamplesOfEveryAnalysis) {
  const std::string text = generated_site(300);
  const nlohmann::json base = nlohmann::json::parse(text);
  scenarios::Scenario sc = scenarios::scenario_from_json(
      {{"schema", "zonepath/scenario/v1"}, {"id", "nothing"}, {"operations", nlohmann::json::array()}},
      "s.json");
  models::AnalysisOptions opt;
  opt.samples = 500;
  Recorder sink;
  ProgressReporter r(&sink, every_advance());
  opt.progress = &r;
  const auto with = scenarios::run_whatif(base, "site.json", {sc}, opt);
  const std::uint64_t actors = base["threat_actors"].size();
  const std::uint64_t samples = 2 * 500 * (actors + actors); // baseline and scenario, SL-T and mitigated
  EXPECT_EQ(sink.counted("Monte Carlo"), std::make_pair(samples, samples));
  const auto nested = std::find_if(sink.events.begin(), sink.events.end(),
                                   [](const ProgressEvent& e) { return e.phase == "Monte Carlo"; });
  ASSERT_NE(nested, sink.events.end());
  EXPECT_EQ(nested->depth, 1u); // inside "scenarios"
  opt.progress = nullptr;
  const auto without = scenarios::run_whatif(base, "site.json", {sc}, opt);
  EXPECT_EQ(scenarios::whatif_to_json(with), scenarios::whatif_to_json(without));
}

} // namespace
} // namespace zonepath
