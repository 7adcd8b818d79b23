// Where progress events go: a redrawn line on a terminal, JSON lines for tools, or a callback.
// All write to a C stream (stderr in the CLI), never to stdout: progress is not output.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "zonepath/core/progress.hpp"

namespace zonepath {

// The text of one progress line: phase, a bar (or a count when the total is unknown), rate and
// ETA, at most `width` columns. Phase names come from input files: control characters are
// escaped.
std::string format_progress_line(const ProgressEvent& event, std::size_t width = 100);

// {"event":"update","phase":"simulate apt","depth":0,"done":512,"total":1000,"elapsed":1.25,
//  "eta":1.19} on one line (eta null while unknown).
std::string progress_event_json(const ProgressEvent& event);

// "phases: load site 0.12 s, simulate apt 2.31 s (x2), ...; total 2.61 s"
std::string format_timings(const std::vector<PhaseTiming>& timings, double total_seconds);

// One line redrawn in place ("\r" + line + erase to end of line), at most every `min_redraw`
// (phase starts are drawn only when due, so a run of short phases does not flicker). The end of
// a top-level phase and finish() erase it, leaving the terminal as it was for what the command
// prints next.
class TerminalProgressSink : public ProgressSink {
public:
  explicit TerminalProgressSink(std::FILE* out, std::size_t width = 100, double min_redraw = 0.1);
  void on_event(const ProgressEvent& event) override;
  void finish() override;

private:
  std::FILE* out_;
  std::size_t width_;
  double min_redraw_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

// One JSON object per event and line, flushed at once.
class JsonProgressSink : public ProgressSink {
public:
  explicit JsonProgressSink(std::FILE* out) : out_(out) {}
  void on_event(const ProgressEvent& event) override;

private:
  std::FILE* out_;
};

// Hands every event to a function (the Python bindings queue them for the interpreter thread).
class CallbackProgressSink : public ProgressSink {
public:
  explicit CallbackProgressSink(std::function<void(const ProgressEvent&)> callback)
      : callback_(std::move(callback)) {}
  void on_event(const ProgressEvent& event) override { callback_(event); }

private:
  std::function<void(const ProgressEvent&)> callback_;
};

} // namespace zonepath
