// The HTTP side of `zonepath serve` (docs/serve.md): the workbench app (HTML, CSS and JS built
// into the binary) and its JSON API on one local port. Security model: bound to 127.0.0.1 by
// default; every request must carry the session token (128 random bits, printed in the URL);
// only fixed routes exist, none reads or writes a path chosen by the client; request bodies are
// bounded; responses carry a strict content security policy and are never cached.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "zonepath/core/cancel.hpp"
#include "zonepath/serve/workbench.hpp"

namespace zonepath::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;                        // 0: any free port (the URL says which)
  std::string token;                      // empty: a random one
  std::size_t max_body = 4 * 1024 * 1024; // bytes of a request body; larger ones get 413
};

struct ServerInfo {
  std::string host;
  int port = 0;
  std::string token;
  std::string url; // http://HOST:PORT/?token=TOKEN
};

// 32 hex digits from the system's random source.
std::string random_token();

// Serves `bench` until `stop` is cancelled (polled every 100 ms). `on_ready` runs once the port
// is bound, before the first request is answered. Throws Error when the address cannot be bound.
void run_server(const Workbench& bench, const ServeOptions& options,
                const std::function<void(const ServerInfo&)>& on_ready, const CancelToken& stop);

} // namespace zonepath::serve
