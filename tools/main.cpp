// zonepath command line: dispatches to the registered subcommands and turns errors into
// exit codes (0 success, 1 invalid input or analysis failure, 2 usage error).
#include <algorithm>
#include <csignal>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "command.hpp"
#include "option_checks.hpp"
#include "progress_options.hpp"
#include "terminal_output.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/warnings.hpp"

namespace zonepath::cli {

std::vector<CommandSpec>& command_registry() {
  static std::vector<CommandSpec> registry;
  return registry;
}

bool register_command(std::string name, int order, std::function<void(CLI::App&)> attach) {
  command_registry().push_back(CommandSpec{std::move(name), order, std::move(attach)});
  return true;
}

namespace {
// The thread limit must exist before a command's callback runs, so the option sets it as it is
// parsed (option callbacks run before command callbacks).
struct ThreadSetting {
  std::size_t threads = 0;
  std::unique_ptr<ThreadLimit> limit;
};
ThreadSetting& thread_setting() {
  static ThreadSetting setting;
  return setting;
}
} // namespace

CLI::Option* add_threads_option(CLI::App& cmd, const std::string& names) {
  return cmd
      .add_option_function<std::size_t>(
          names,
          [](std::size_t n) {
            ThreadSetting& s = thread_setting();
            s.limit.reset(); // one limit at a time: the old one would lift the new one as it goes
            s.threads = n;
            s.limit = std::make_unique<ThreadLimit>(n);
          },
          "worker threads (default: all cores; 0 = all); the output does not depend on it")
      ->check(CLI::Range(std::size_t{0}, std::size_t{4096}));
}

CLI::Option* add_as_of_option(CLI::App& cmd, std::optional<models::Date>& as_of) {
  return cmd.add_option_function<std::string>(
      "--as-of",
      [&as_of](const std::string& text) {
        as_of = models::parse_date(text);
        if (!as_of) throw CLI::ValidationError("--as-of", "'" + text + "' is not a calendar date YYYY-MM-DD");
      },
      "assessment date YYYY-MM-DD: review_by dates and temporary rules, conduits and assets are read against "
      "it (default: the site's site.as_of; none: not checked, every temporary element in force)");
}

void add_security_level_options(CLI::App& cmd, std::vector<std::string>& threats, std::uint64_t& samples,
                                std::uint64_t& seed, std::optional<models::Date>& as_of) {
  cmd.add_option("--threat", threats, "threat actors that derive SL-T (default: all)");
  cmd.add_option("--samples", samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSamples));
  cmd.add_option("--seed", seed, "random seed");
  add_as_of_option(cmd, as_of);
}

std::size_t requested_threads() {
  return thread_setting().threads;
}

// Ends the thread limit before main returns, not among the static destructors, where oneTBB
// may already be gone.
struct ThreadLimitScope {
  ThreadLimitScope() = default;
  ThreadLimitScope(const ThreadLimitScope&) = delete;
  ThreadLimitScope& operator=(const ThreadLimitScope&) = delete;
  ~ThreadLimitScope() { thread_setting().limit.reset(); }
};

void print_json(const nlohmann::json& j) {
  const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  // In pieces: stdout escapes what it passes on (terminal_output.hpp) into a copy of each
  // write, and reports of large plants run to hundreds of megabytes.
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  for (std::size_t at = 0; at < text.size(); at += kPiece)
    std::cout.write(text.data() + at, static_cast<std::streamsize>(std::min(kPiece, text.size() - at)));
  std::cout << '\n';
}

// Loader warnings on stderr, each once (what-if variants and batch jobs load a site again).
void print_warnings_on_stderr() {
  auto seen = std::make_shared<std::set<std::string>>();
  set_warning_sink([seen](const Diagnostic& d) {
    std::string text = d.format();
    if (!seen->insert(text).second) return;
    clear_progress_line();
    std::cerr << "zonepath: warning: " << text << '\n';
  });
}

} // namespace zonepath::cli

namespace {
// Ctrl-C / SIGTERM ask long runs to stop at their next check; a second signal kills.
extern "C" void on_signal(int sig) {
  zonepath::global_cancel_token().cancel();
  std::signal(sig, SIG_DFL);
}
} // namespace

int main(int argc, char** argv) {
  using namespace zonepath;
  cli::configure_allocator();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const cli::TerminalEscaping terminal_escaping;
  CLI::App app{"zonepath: IEC 62443 zone-and-conduit risk modeling and attack-path simulation"};
  app.set_version_flag("--version", std::string("zonepath ") + ZONEPATH_VERSION +
                                        " (allocator: " + cli::allocator_description() + ")");
  app.require_subcommand(1);
  // Global options may also follow the subcommand (`zonepath analyze site.json --threads 1`).
  app.fallthrough(true);
  cli::add_threads_option(app)->envname("ZONEPATH_THREADS");
  cli::add_progress_options(app);
  const cli::ThreadLimitScope thread_limit_scope;
  cli::print_warnings_on_stderr();
  auto& registry = cli::command_registry();
  std::sort(registry.begin(), registry.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  for (auto& spec : registry) spec.attach(app);
  // Every command lists --threads and the progress options in its --help (batch declares its own
  // --threads, with --jobs).
  for (CLI::App* cmd : app.get_subcommands({})) {
    if (!cmd->get_option_no_throw("--threads")) cli::add_threads_option(*cmd);
    cli::add_progress_options(*cmd);
  }
  cli::require_exact_numbers(app);
  try {
    // Ends before an error is printed: the progress line is cleared first.
    const cli::ProgressSession progress_session;
    std::vector<std::string> args = cli::join_progress_values(argc, argv);
    std::vector<const char*> pointers;
    for (const auto& a : args) pointers.push_back(a.c_str());
    app.parse(static_cast<int>(pointers.size()), pointers.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const cli::ExitCode& e) {
    return e.code;
  } catch (const CancelledError& e) {
    std::cerr << "zonepath: interrupted: " << e.what() << '\n';
    return 130;
  } catch (const Error& e) {
    std::cerr << "zonepath: error: " << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "zonepath: error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "zonepath: internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
