// Subcommand registry of the zonepath CLI: each cmd_<name>.cpp registers itself, so adding a
// command touches one file only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "zonepath/core/limits.hpp"
#include "zonepath/models/calendar.hpp"

namespace zonepath::cli {

struct CommandSpec {
  std::string name;
  int order; // position in --help
  std::function<void(CLI::App& parent)> attach;
};

std::vector<CommandSpec>& command_registry();
bool register_command(std::string name, int order, std::function<void(CLI::App&)> attach);

// Installs the loader-warning sink of the CLI: each warning once on stderr.
void print_warnings_on_stderr();

// Adds the worker-count option to `cmd` under `names` ("--threads", or "--threads,--jobs" for
// batch, which keeps its first name as an alias). Every command has it, and so has the top level
// (`zonepath --threads 2 analyze ...`, or ZONEPATH_THREADS); the command's own wins. It limits
// the threads of the whole run; results never depend on it.
CLI::Option* add_threads_option(CLI::App& cmd, const std::string& names = "--threads");
// The worker count the command line asked for; 0: all cores.
std::size_t requested_threads();

// Adds `--as-of YYYY-MM-DD` to `cmd`: the assessment date compensating controls' review_by dates
// are checked against, overriding the site's `site.as_of`. A value that is not a calendar date is
// a usage error naming it.
CLI::Option* add_as_of_option(CLI::App& cmd, std::optional<models::Date>& as_of);

// Adds the options of a command whose security levels come from the simulated risk (gaps, soa,
// crs): `--threat` (the actors that derive SL-T), `--samples`, `--seed` and `--as-of`.
void add_security_level_options(CLI::App& cmd, std::vector<std::string>& threats, std::uint64_t& samples,
                                std::uint64_t& seed, std::optional<models::Date>& as_of);

// Prints a JSON document on stdout, two-space indented, keys in insertion order as built.
void print_json(const nlohmann::json& j);

// Thrown by a command to end with a given exit code after it printed its own output
// (e.g. `validate` listing errors then exiting 1).
struct ExitCode {
  int code;
};

} // namespace zonepath::cli
