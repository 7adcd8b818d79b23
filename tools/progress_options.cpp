#include "progress_options.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include <sys/ioctl.h>
#include <unistd.h>

#include "zonepath/core/progress_sinks.hpp"

namespace zonepath::cli {

namespace {

// Option values are shared by the top level and every command (either may carry them).
struct ProgressSetting {
  std::string progress; // "", "text" or "json"
  bool no_progress = false, quiet = false, timings = false;
  std::unique_ptr<ProgressSink> sink;
  std::unique_ptr<ProgressReporter> reporter;
  // Ticks the reporter 5 times a second, so that a phase that counts nothing (loading a large
  // site) still shows its elapsed time; stopped before the line is erased at the end.
  std::jthread clock;
  bool made = false;
};

void run_clock(std::stop_token stop, ProgressReporter* reporter) {
  std::mutex mutex;
  std::condition_variable_any wake; // nothing notifies it but a stop request
  std::unique_lock lock(mutex);
  while (true) {
    wake.wait_for(lock, stop, std::chrono::milliseconds(200), [] { return false; });
    if (stop.stop_requested()) return;
    reporter->tick();
  }
}

ProgressSetting& setting() {
  static ProgressSetting s;
  return s;
}

bool stderr_is_terminal() {
  if (::isatty(STDERR_FILENO) == 0) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string(term) == "dumb");
}

std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col - 1u;
  return 79; // one column short of the usual 80, so the line never wraps
}

} // namespace

void add_progress_options(CLI::App& cmd) {
  ProgressSetting& s = setting();
  cmd.add_flag("--progress{text}", s.progress,
               "show progress on stderr even off a terminal; --progress=json (or --progress json): one JSON "
               "object per update (phase, done, total, elapsed, eta)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd.add_flag("--no-progress", s.no_progress, "no progress on stderr (default off a terminal)");
  cmd.add_flag("--quiet", s.quiet, "no progress on stderr");
  cmd.add_flag("--timings", s.timings, "print the phases of the run and their times on stderr at the end");
}

std::vector<std::string> join_progress_values(int argc, const char* const* argv) {
  std::vector<std::string> out(argv, argv + argc);
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    if (out[i] == "--") break;
    if (out[i] == "--progress" && (out[i + 1] == "json" || out[i + 1] == "text")) {
      out[i] += "=" + out[i + 1];
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  return out;
}

ProgressMode progress_mode() {
  const ProgressSetting& s = setting();
  if (s.no_progress || s.quiet) return ProgressMode::off;
  if (s.progress == "json") return ProgressMode::json;
  if (s.progress == "text") return ProgressMode::text;
  return stderr_is_terminal() ? ProgressMode::text : ProgressMode::off;
}

ProgressReporter* progress() {
  ProgressSetting& s = setting();
  if (!s.made) {
    s.made = true;
    const ProgressMode mode = progress_mode();
    if (mode == ProgressMode::text) s.sink = std::make_unique<TerminalProgressSink>(stderr, terminal_width());
    if (mode == ProgressMode::json) s.sink = std::make_unique<JsonProgressSink>(stderr);
    if (s.sink || s.timings) s.reporter = std::make_unique<ProgressReporter>(s.sink.get());
    if (s.sink) s.clock = std::jthread(run_clock, s.reporter.get());
  }
  return s.reporter.get();
}

void clear_progress_line() {
  if (setting().reporter) setting().reporter->clear();
}

ProgressSession::ProgressSession() : started_(std::chrono::steady_clock::now()) {}

ProgressSession::~ProgressSession() {
  ProgressSetting& s = setting();
  if (s.clock.joinable()) {
    s.clock.request_stop();
    s.clock.join();
  }
  if (s.reporter) s.reporter->finish();
  if (s.timings) {
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const std::string line =
        "zonepath: " +
        format_timings(s.reporter ? s.reporter->timings() : std::vector<PhaseTiming>{}, total) + "\n";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }
}

} // namespace zonepath::cli
