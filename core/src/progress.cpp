#include "zonepath/core/progress.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

namespace zonepath {

std::string_view to_string(ProgressEventKind kind) {
  switch (kind) {
  case ProgressEventKind::begin:
    return "begin";
  case ProgressEventKind::update:
    return "update";
  case ProgressEventKind::end:
    return "end";
  }
  return "update";
}

namespace {
double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

ProgressReporter::ProgressReporter(ProgressSink* sink, ProgressOptions options)
    : sink_(sink), options_(std::move(options)), started_(now()) {}

double ProgressReporter::now() const {
  return options_.clock ? options_.clock() : steady_seconds();
}

double ProgressReporter::elapsed() const {
  return now() - started_;
}

ProgressEvent ProgressReporter::event_of(Level& level, ProgressEventKind kind, double at) {
  ProgressEvent e;
  e.kind = kind;
  e.phase = level.phase;
  e.depth = depth_.load(std::memory_order_relaxed) - 1;
  e.total = level.total.load(std::memory_order_relaxed);
  // The counter only grows, but a worker may have counted past a total set low: clamp, and
  // never report less than the last event did.
  std::uint64_t done = level.done.load(std::memory_order_relaxed);
  if (e.total > 0) done = std::min(done, e.total);
  done = std::max(done, level.last_done);
  level.last_done = done;
  e.done = done;
  e.elapsed = std::max(0.0, at - level.started);
  if (e.total > 0 && done >= e.total)
    e.eta = 0.0;
  else if (e.total > 0 && done > 0)
    e.eta = e.elapsed * static_cast<double>(e.total - done) / static_cast<double>(done);
  return e;
}

void ProgressReporter::record_timing(const std::string& phase, double seconds) {
  auto it =
      std::find_if(timings_.begin(), timings_.end(), [&](const PhaseTiming& t) { return t.phase == phase; });
  if (it == timings_.end()) it = timings_.insert(timings_.end(), PhaseTiming{phase, 0.0, 0});
  it->seconds += seconds;
  ++it->runs;
}

void ProgressReporter::begin(std::string phase, std::uint64_t total) {
  std::lock_guard lock(mutex_);
  const std::size_t depth = depth_.load(std::memory_order_relaxed);
  if (depth == kMaxDepth) {
    ++overflow_;
    return;
  }
  Level& level = levels_[depth];
  level.phase = std::move(phase);
  level.done.store(0, std::memory_order_relaxed);
  level.total.store(total, std::memory_order_relaxed);
  level.last_done = 0;
  level.started = now();
  finished_ = false;
  depth_.store(depth + 1, std::memory_order_release);
  if (sink_) sink_->on_event(event_of(level, ProgressEventKind::begin, level.started));
  next_update_.store(level.started + options_.min_interval, std::memory_order_relaxed);
}

void ProgressReporter::set_total(std::uint64_t total) {
  const std::size_t depth = depth_.load(std::memory_order_acquire);
  if (depth == 0) return;
  std::atomic<std::uint64_t>& t = levels_[depth - 1].total;
  std::uint64_t old = t.load(std::memory_order_relaxed);
  while (old < total && !t.compare_exchange_weak(old, total, std::memory_order_relaxed)) {
  }
}

void ProgressReporter::advance(std::uint64_t n) {
  const std::size_t depth = depth_.load(std::memory_order_acquire);
  if (depth == 0) return;
  Level& level = levels_[depth - 1];
  const std::uint64_t before = level.done.fetch_add(n, std::memory_order_relaxed);
  const std::uint64_t total = level.total.load(std::memory_order_relaxed);
  if (sink_ && n > 0 && total > 0 && before < total && before + n >= total) {
    // The advance that completes the count always shows it: tick() skips an update while another
    // worker draws one, and a parallel phase's last chunks finish at about the same moment, so
    // the bar would otherwise often end below its total.
    std::lock_guard lock(mutex_);
    if (depth_.load(std::memory_order_relaxed) != depth) return; // the phase already ended
    const double at = now();
    next_update_.store(at + options_.min_interval, std::memory_order_relaxed);
    sink_->on_event(event_of(level, ProgressEventKind::update, at));
    return;
  }
  tick();
}

void ProgressReporter::tick() {
  if (!sink_) return;
  const double at = now();
  if (at < next_update_.load(std::memory_order_relaxed)) return;
  // A worker that finds another one drawing skips this update rather than wait for it.
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || at < next_update_.load(std::memory_order_relaxed)) return;
  const std::size_t open = depth_.load(std::memory_order_relaxed);
  if (open == 0) return;
  next_update_.store(at + options_.min_interval, std::memory_order_relaxed);
  sink_->on_event(event_of(levels_[open - 1], ProgressEventKind::update, at));
}

void ProgressReporter::end(bool complete) {
  std::lock_guard lock(mutex_);
  if (overflow_ > 0) {
    --overflow_;
    return;
  }
  const std::size_t depth = depth_.load(std::memory_order_relaxed);
  if (depth == 0) return;
  Level& level = levels_[depth - 1];
  const double at = now();
  if (complete) {
    const std::uint64_t total = level.total.load(std::memory_order_relaxed);
    const std::uint64_t done = level.done.load(std::memory_order_relaxed);
    // A phase of unknown size is complete at what it counted.
    if (total == 0) level.total.store(done, std::memory_order_relaxed);
    level.done.store(std::max(done, level.total.load(std::memory_order_relaxed)), std::memory_order_relaxed);
  }
  ProgressEvent e = event_of(level, ProgressEventKind::end, at);
  if (complete) e.eta = 0.0;
  record_timing(level.phase, e.elapsed);
  if (sink_) sink_->on_event(e);
  depth_.store(depth - 1, std::memory_order_release);
  // The parent's next update is due at once: its line replaces the child's.
  next_update_.store(at, std::memory_order_relaxed);
}

void ProgressReporter::finish() {
  while (depth_.load(std::memory_order_relaxed) > 0 || overflow_ > 0) end(false);
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (sink_) sink_->finish();
}

void ProgressReporter::clear() {
  std::lock_guard lock(mutex_);
  if (sink_) sink_->finish();
}

std::vector<PhaseTiming> ProgressReporter::timings() const {
  std::lock_guard lock(mutex_);
  return timings_;
}

ProgressPhase::ProgressPhase(ProgressReporter* reporter, std::string phase, std::uint64_t total)
    : reporter_(reporter), uncaught_(std::uncaught_exceptions()) {
  if (reporter_) reporter_->begin(std::move(phase), total);
}

ProgressPhase::~ProgressPhase() {
  if (reporter_) reporter_->end(std::uncaught_exceptions() <= uncaught_);
}

} // namespace zonepath
