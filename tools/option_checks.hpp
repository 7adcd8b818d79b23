// Numbers on the command line are read exactly or refused. CLI11 reads an unsigned option with
// strtoull, which takes "-1" as 18446744073709551615, and accepts "nan" for a number: every
// integer and floating-point option of every command gets a check, so that no command can
// forget one (`simulate --seed -1`, `plan --budget nan`).
#pragma once

#include <CLI/CLI.hpp>

namespace zonepath::cli {

// Adds the checks to every numeric option of `app` and of its subcommands, recursively.
void require_exact_numbers(CLI::App& app);

} // namespace zonepath::cli
