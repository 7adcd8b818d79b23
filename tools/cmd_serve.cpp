// zonepath serve SITE: the interactive workbench (docs/serve.md) on a local port until Ctrl-C.
#include <iostream>

#include "command.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/serve/server.hpp"

namespace zonepath::cli::serve_command {
namespace {

struct Args {
  std::string site;
  serve::ServeOptions server;
  serve::WorkbenchOptions bench;
  bool json = false;
};

void run(const Args& a) {
  JsonDocument doc = interchange::load_document_file(a.site);
  const serve::Workbench bench(doc.root(), a.site, a.bench);
  serve::run_server(
      bench, a.server,
      [&](const serve::ServerInfo& info) {
        if (a.json) {
          // One line, flushed at once: scripts read the port and token from it.
          std::cout << nlohmann::json{{"url", info.url},
                                      {"host", info.host},
                                      {"port", info.port},
                                      {"token", info.token}}
                           .dump()
                    << std::endl;
        } else {
          const auto& as_of = bench.baseline().as_of;
          std::cout << "zonepath workbench for " << a.site << " (" << bench.base_site().assets.size()
                    << " assets" << (as_of ? ", as of " + as_of->text() : std::string()) << ")\nOpen "
                    << info.url << "\nCtrl-C stops the server." << std::endl;
        }
      },
      global_cancel_token());
  if (!a.json) std::cout << "Stopped." << std::endl;
}

const bool registered = register_command("serve", 62, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub =
      app.add_subcommand("serve", "Open the site in the interactive workbench: a local web app that "
                                  "recomputes paths, reach, SL gaps and risk as you edit the design.");
  sub->add_option("SITE", a->site, "site model file (JSON or YAML)")->required();
  sub->add_option("--port", a->server.port, "TCP port; 0 picks a free one")->check(CLI::Range(0, 65535));
  sub->add_option("--host", a->server.host,
                  "address to listen on; other machines can connect when it is not 127.0.0.1 (the token "
                  "still guards every request)");
  sub->add_option("--token", a->server.token,
                  "session token (at least 16 lower-case hex digits); default: a random one per run");
  sub->add_option("--max-body", a->server.max_body, "largest request body in bytes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  sub->add_option("--samples", a->bench.samples, "Monte Carlo samples per threat actor")
      ->check(CLI::Range(1, 100000000));
  sub->add_option("--seed", a->bench.seed, "random seed; the same seed gives the same numbers as whatif");
  add_as_of_option(*sub, a->bench.as_of);
  sub->add_option("-k,--paths", a->bench.paths, "most likely paths per threat and target")
      ->check(CLI::Range(0, 1000));
  sub->add_flag("--json", a->json, "print the URL, port and token as one JSON line instead of the text");
  sub->footer("Examples:\n  zonepath serve site.json\n"
              "  zonepath serve plant.yaml --port 8800 --samples 2000\n"
              "  zonepath serve site.json --port 0 --json   # scripts: read url, port and token from stdout");
  sub->callback([a] { run(*a); });
});

} // namespace
} // namespace zonepath::cli::serve_command
