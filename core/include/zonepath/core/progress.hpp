// Progress of long work: named phases with done/total counts, elapsed time and an ETA, reported
// to a sink at a bounded rate. Algorithms take an optional `ProgressReporter*` next to their
// cancel token (null: no progress, and no cost beyond a pointer test).
//
// Contract:
// - Progress never changes results: the reporter only counts, it never orders or blocks work
//   (a worker that finds the sink busy skips the update instead of waiting).
// - Phases nest (an outer "scenarios" phase around each scenario's own phases); begin() and
//   end() run on the thread that drives the work, outside parallel loops. advance() may be
//   called from any thread at once.
// - The sink is called under the reporter's lock, so sinks need not be thread-safe: always at a
//   phase's begin and end, and for updates at most once per `min_interval` seconds.
// - Within a phase the `done` of successive events never decreases and never exceeds a known
//   total; a phase that ends normally ends with done == total.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zonepath {

enum class ProgressEventKind { begin, update, end };
std::string_view to_string(ProgressEventKind kind);

struct ProgressEvent {
  ProgressEventKind kind = ProgressEventKind::update;
  std::string phase;
  std::size_t depth = 0;     // 0: a top-level phase; 1: a phase inside it; ...
  std::uint64_t done = 0;    // units of work finished
  std::uint64_t total = 0;   // 0: not known in advance
  double elapsed = 0.0;      // seconds since the phase began
  std::optional<double> eta; // seconds left, from the rate so far; none until it is known
  double rate() const { return elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0; }
};

// Receives the events of a reporter, one call at a time.
class ProgressSink {
public:
  virtual ~ProgressSink() = default;
  virtual void on_event(const ProgressEvent& event) = 0;
  // The run is over (or failed): a terminal sink clears its line here.
  virtual void finish() {}
};

// The wall time of a phase name, summed over every time it ran (a phase per threat actor in each
// scenario adds up under one name), in the order the names first began.
struct PhaseTiming {
  std::string phase;
  double seconds = 0.0;
  std::uint64_t runs = 0;
};

struct ProgressOptions {
  double min_interval = 0.2; // seconds between two update events (5 Hz)
  // Seconds on a monotone clock; empty: std::chrono::steady_clock. Tests inject their own.
  std::function<double()> clock;
};

class ProgressReporter {
public:
  // `sink` may be null: the reporter then only records the phase timings (--timings).
  explicit ProgressReporter(ProgressSink* sink, ProgressOptions options = {});
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  // Starts a phase inside the current one; total 0: not known. Nesting deeper than kMaxDepth
  // phases counts into the deepest.
  void begin(std::string phase, std::uint64_t total = 0);
  // Sets or raises the total of the current phase once it is known.
  void set_total(std::uint64_t total);
  // Adds `n` done units to the current phase; thread-safe and cheap (one atomic add and a clock
  // read): call it per item or per chunk of work, not per inner-loop step.
  void advance(std::uint64_t n = 1);
  // Sends an update of the current phase when one is due, counting nothing: a clock thread calls
  // it so that a phase that counts nothing (parsing a large file) still shows its time going by.
  // Safe at any time, also while the driving thread begins or ends a phase.
  void tick();
  // Ends the current phase. `complete`: it finished (done is raised to total); otherwise it was
  // abandoned by an error and ends where it stood.
  void end(bool complete = true);
  // Ends every open phase as abandoned and tells the sink the run is over. Idempotent.
  void finish();
  // Before other text goes to the sink's stream (a warning): the sink clears its line, and the
  // next update draws it again.
  void clear();

  std::vector<PhaseTiming> timings() const;
  double elapsed() const; // seconds since the reporter was made

  static constexpr std::size_t kMaxDepth = 8;

private:
  struct Level {
    std::string phase;
    std::atomic<std::uint64_t> done{0};
    std::atomic<std::uint64_t> total{0};
    double started = 0.0;
    std::uint64_t last_done = 0; // the done of the last event sent (monotone events)
  };
  double now() const;
  ProgressEvent event_of(Level& level, ProgressEventKind kind, double at);
  void record_timing(const std::string& phase, double seconds);

  ProgressSink* sink_;
  ProgressOptions options_;
  double started_;
  mutable std::mutex mutex_;
  std::array<Level, kMaxDepth> levels_;
  std::atomic<std::size_t> depth_{0};    // open phases
  std::size_t overflow_ = 0;             // begin() calls past kMaxDepth, matched by end()
  std::atomic<double> next_update_{0.0}; // earliest time of the next update event
  std::vector<PhaseTiming> timings_;
  bool finished_ = false;
};

// A phase for the length of a scope on an optional reporter: begins it when made, ends it when
// destroyed (complete unless an exception is unwinding). With a null reporter it does nothing.
class ProgressPhase {
public:
  ProgressPhase(ProgressReporter* reporter, std::string phase, std::uint64_t total = 0);
  ~ProgressPhase();
  ProgressPhase(const ProgressPhase&) = delete;
  ProgressPhase& operator=(const ProgressPhase&) = delete;
  void advance(std::uint64_t n = 1) const {
    if (reporter_) reporter_->advance(n);
  }
  void set_total(std::uint64_t total) const {
    if (reporter_) reporter_->set_total(total);
  }

private:
  ProgressReporter* reporter_;
  int uncaught_;
};

// The same on a pointer that may be null, for loops that count into the caller's phase.
inline void progress_advance(ProgressReporter* reporter, std::uint64_t n = 1) {
  if (reporter) reporter->advance(n);
}

} // namespace zonepath
