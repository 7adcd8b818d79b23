// The progress reporter: rate limiting on an injected clock, monotone counts, phase nesting and
// timings, many threads counting at once, and the text and JSON forms of an event.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "zonepath/core/parallel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/progress_sinks.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath {
namespace {

struct Recorder : ProgressSink {
  std::vector<ProgressEvent> events;
  bool finished = false;
  void on_event(const ProgressEvent& e) override { events.push_back(e); }
  void finish() override { finished = true; }
};

struct FakeClock {
  double now = 100.0;
  ProgressOptions options(double interval = 0.2) {
    ProgressOptions o;
    o.min_interval = interval;
    o.clock = [this] { return now; };
    return o;
  }
};

TEST(Progress, UpdatesAreRateLimitedButPhaseEdgesAlwaysReported) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  r.begin("work", 1000);
  for (int i = 0; i < 1000; ++i) {
    r.advance();
    clock.now += 0.001; // 1 s in all: at most 5 updates at 5 Hz
  }
  r.end();
  ASSERT_GE(sink.events.size(), 2u);
  EXPECT_EQ(sink.events.front().kind, ProgressEventKind::begin);
  EXPECT_EQ(sink.events.back().kind, ProgressEventKind::end);
  std::size_t updates = 0;
  for (const auto& e : sink.events) updates += e.kind == ProgressEventKind::update;
  EXPECT_GE(updates, 4u);
  EXPECT_LE(updates, 5u);
  EXPECT_EQ(sink.events.back().done, 1000u);
  EXPECT_EQ(sink.events.back().total, 1000u);
  EXPECT_NEAR(sink.events.back().elapsed, 1.0, 1e-9);
  ASSERT_TRUE(sink.events.back().eta);
  EXPECT_EQ(*sink.events.back().eta, 0.0);
}

TEST(Progress, EtaFollowsTheRateSoFar) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  r.begin("work", 100);
  clock.now += 1.0;
  r.advance(25); // a quarter in one second: three seconds left
  ASSERT_EQ(sink.events.size(), 2u);
  ASSERT_TRUE(sink.events[1].eta);
  EXPECT_NEAR(*sink.events[1].eta, 3.0, 1e-9);
  EXPECT_NEAR(sink.events[1].rate(), 25.0, 1e-9);
  EXPECT_FALSE(sink.events[0].eta); // nothing done yet: no ETA
}

TEST(Progress, DoneIsMonotoneAndClampedToTheTotal) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options(0.0));
  r.begin("work", 10);
  for (int i = 0; i < 15; ++i) {
    r.advance();
    clock.now += 0.01;
  }
  r.end();
  std::uint64_t last = 0;
  for (const auto& e : sink.events) {
    EXPECT_GE(e.done, last);
    EXPECT_LE(e.done, 10u);
    last = e.done;
  }
  EXPECT_EQ(last, 10u);
}

TEST(Progress, UnknownTotalEndsAtWhatWasCounted) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  r.begin("read");
  r.advance(42);
  r.end();
  EXPECT_EQ(sink.events.back().done, 42u);
  EXPECT_EQ(sink.events.back().total, 42u);
}

TEST(Progress, PhasesNestAndTimingsAddUpByName) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  {
    ProgressPhase outer(&r, "scenarios", 2);
    for (int i = 0; i < 2; ++i) {
      ProgressPhase inner(&r, "simulate", 10);
      clock.now += 0.5;
      inner.advance(10);
      outer.advance();
    }
  }
  r.finish();
  EXPECT_TRUE(sink.finished);
  const auto t = r.timings();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].phase, "simulate"); // the first to end
  EXPECT_NEAR(t[0].seconds, 1.0, 1e-9);
  EXPECT_EQ(t[0].runs, 2u);
  EXPECT_EQ(t[1].phase, "scenarios");
  EXPECT_EQ(sink.events.front().depth, 0u);
  EXPECT_EQ(sink.events[1].phase, "simulate");
  EXPECT_EQ(sink.events[1].depth, 1u);
  EXPECT_EQ(sink.events.back().phase, "scenarios");
  EXPECT_EQ(sink.events.back().done, 2u);
}

TEST(Progress, AnExceptionAbandonsThePhaseWhereItStood) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  try {
    ProgressPhase p(&r, "work", 10);
    p.advance(3);
    throw std::runtime_error("stop");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(sink.events.back().kind, ProgressEventKind::end);
  EXPECT_EQ(sink.events.back().done, 3u);
}

TEST(Progress, TickShowsTimeGoingByWithoutCounting) {
  Recorder sink;
  FakeClock clock;
  ProgressReporter r(&sink, clock.options());
  r.tick(); // no phase: nothing
  EXPECT_TRUE(sink.events.empty());
  r.begin("load");
  r.tick(); // not due yet
  clock.now += 0.25;
  r.tick();
  clock.now += 0.1;
  r.tick(); // not due again yet
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[1].kind, ProgressEventKind::update);
  EXPECT_EQ(sink.events[1].done, 0u);
  EXPECT_NEAR(sink.events[1].elapsed, 0.25, 1e-9);
}

TEST(Progress, NullReporterIsANoOp) {
  ProgressPhase p(nullptr, "nothing", 5);
  p.advance(5);
  progress_advance(nullptr, 3);
  SUCCEED();
}

TEST(Progress, ManyThreadsCountEveryUnitAndEventsStayMonotone) {
  Recorder sink;
  ProgressOptions o;
  o.min_interval = 0.0; // as many updates as the threads can produce
  ProgressReporter r(&sink, o);
  constexpr std::uint64_t kPerThread = 20000, kThreads = 4;
  r.begin("work", kPerThread * kThreads);
  std::vector<std::thread> threads;
  for (std::uint64_t t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (std::uint64_t i = 0; i < kPerThread; ++i) r.advance();
    });
  for (auto& t : threads) t.join();
  r.end();
  std::uint64_t last = 0;
  for (const auto& e : sink.events) {
    EXPECT_GE(e.done, last);
    last = e.done;
  }
  EXPECT_EQ(last, kPerThread * kThreads);
}

// A sink that keeps the first update waiting until another thread has finished the count: the
// update that completes it must wait for the lock instead of being skipped like a routine one.
struct SlowFirstUpdate : ProgressSink {
  std::vector<ProgressEvent> events;
  std::atomic<bool> drawing{false}, released{false};
  void on_event(const ProgressEvent& e) override {
    events.push_back(e);
    if (e.kind != ProgressEventKind::update || events.size() != 2) return;
    drawing = true;
    while (!released) std::this_thread::yield();
  }
};

TEST(Progress, TheUpdateThatCompletesTheCountWaitsForABusySink) {
  SlowFirstUpdate sink;
  ProgressOptions o;
  o.min_interval = 0.0;
  ProgressReporter r(&sink, o);
  r.begin("work", 10);
  std::thread first([&] { r.advance(1); }); // draws the first update, held in the sink
  while (!sink.drawing) std::this_thread::yield();
  std::thread last([&] { r.advance(9); }); // completes the count while the sink is busy
  // Give the last advance time to reach the lock, then let the first update finish.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  sink.released = true;
  first.join();
  last.join();
  r.end();
  ASSERT_EQ(sink.events.size(), 4u); // begin, update 1, update 10, end
  EXPECT_EQ(sink.events[1].done, 1u);
  EXPECT_EQ(sink.events[2].kind, ProgressEventKind::update);
  EXPECT_EQ(sink.events[2].done, 10u);
  EXPECT_EQ(sink.events[3].kind, ProgressEventKind::end);
}

TEST(Progress, SimulationCountsEverySampleAndGivesTheSameResult) {
  AttackGraphBuilder b;
  NodeId s = b.add_node({"s"}), m = b.add_node({"m"}), t = b.add_node({"t"});
  EdgeSpec sm, mt;
  sm.from = s;
  sm.to = m;
  sm.p = 0.7;
  mt.from = m;
  mt.to = t;
  mt.p = 0.5;
  b.add_edge(sm);
  b.add_edge(mt);
  AttackGraph g = b.build();
  std::vector<NodeId> sources{s}, targets{t};
  TtcSimulationOptions o;
  o.samples = 5000;
  TtcSimulationResult quiet = simulate_ttc(g, sources, targets, o);
  Recorder sink;
  ProgressReporter r(&sink);
  o.progress = &r;
  r.begin("simulate", o.samples);
  TtcSimulationResult counted = simulate_ttc(g, sources, targets, o);
  r.end(false); // as it stood: every sample must have been counted
  EXPECT_EQ(sink.events.back().done, 5000u);
  EXPECT_EQ(counted.targets[0].hits, quiet.targets[0].hits);
  EXPECT_EQ(counted.targets[0].ttc_days.mean, quiet.targets[0].ttc_days.mean);
}

TEST(Progress, TextLineHasBarCountRateAndEta) {
  ProgressEvent e;
  e.phase = "Monte Carlo apt";
  e.done = 500;
  e.total = 1000;
  e.elapsed = 2.0;
  e.eta = 2.0;
  const std::string line = format_progress_line(e, 100);
  EXPECT_EQ(line, "Monte Carlo apt [##########..........] 50% 500/1000 250/s ETA 0:02");
  e.phase = std::string("evil\x1b]0;title\a", 14);
  EXPECT_EQ(format_progress_line(e, 100).find('\x1b'), std::string::npos);
  EXPECT_LE(format_progress_line(e, 30).size(), 70u);
}

TEST(Progress, JsonLineCarriesPhaseDoneTotalElapsedEta) {
  ProgressEvent e;
  e.kind = ProgressEventKind::end;
  e.phase = "paths";
  e.done = 3;
  e.total = 3;
  e.elapsed = 0.12345;
  e.eta = 0.0;
  auto j = nlohmann::json::parse(progress_event_json(e));
  EXPECT_EQ(j["event"], "end");
  EXPECT_EQ(j["phase"], "paths");
  EXPECT_EQ(j["done"], 3);
  EXPECT_EQ(j["total"], 3);
  EXPECT_DOUBLE_EQ(j["elapsed"].get<double>(), 0.123);
  EXPECT_EQ(j["eta"], 0.0);
  e.eta.reset();
  EXPECT_TRUE(nlohmann::json::parse(progress_event_json(e))["eta"].is_null());
}

TEST(Progress, TimingsLine) {
  std::vector<PhaseTiming> t{{"load site", 0.5, 1}, {"Monte Carlo apt", 1.25, 2}};
  EXPECT_EQ(format_timings(t, 2.0), "phases: load site 0.50 s, Monte Carlo apt 1.25 s (x2); total 2.00 s");
}

} // namespace
} // namespace zonepath
