// The progress options every command takes: --progress[=json], --no-progress, --quiet and
// --timings. Progress goes to stderr only, so stdout (reports, JSON) is the same with or without
// it; off a terminal it is off unless forced, so logs stay clean.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zonepath/core/progress.hpp"

namespace zonepath::cli {

enum class ProgressMode { off, text, json };

// Adds the options to `cmd` (the top level and each command: they may come before or after the
// command name).
void add_progress_options(CLI::App& cmd);

// The command line with `--progress json` and `--progress text` joined into `--progress=json`
// and `--progress=text`. The option is a flag with an optional value, so that `--progress
// SITE` still leaves SITE to the command: only these two literal words are taken as its value
// when they follow it as a separate argument (a file named `json` is then `./json`). Nothing
// after `--` is touched.
std::vector<std::string> join_progress_values(int argc, const char* const* argv);

// What the options and stderr ask for: text on a terminal (TERM not "dumb") unless switched
// off, text or JSON lines when forced.
ProgressMode progress_mode();

// The run's reporter, made on first use once the options are parsed; null when there is neither
// progress nor --timings, so that commands pass it on unconditionally.
ProgressReporter* progress();

// Clears the progress line, if one is drawn, before a message is written to stderr.
void clear_progress_line();

// For the length of a command: when it ends (or fails, before the error is printed) the progress
// line is cleared and, with --timings, the phases and their times are printed on stderr.
class ProgressSession {
public:
  ProgressSession();
  ~ProgressSession();
  ProgressSession(const ProgressSession&) = delete;
  ProgressSession& operator=(const ProgressSession&) = delete;

private:
  std::chrono::steady_clock::time_point started_; // the total of --timings is the whole run's
};

} // namespace zonepath::cli
