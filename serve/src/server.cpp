// The HTTP server: cpp-httplib's thread pool answers several tabs at once; every request passes
// the host and token checks before any route runs; an analysis a tab asks for cancels the one
// that tab is still waiting for (the newer edit supersedes it).
#include "zonepath/serve/server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "superseding.hpp"
#include "web_assets.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::serve {

namespace {

using json = nlohmann::json;

// No script, style, image or connection from anywhere but the app itself; no inline script
// or style, no framing, no form posts, no plugins.
constexpr const char* kContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                                               "img-src 'self' data: blob:; connect-src 'self'; "
                                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

httplib::Headers security_headers() {
  return {{"Content-Security-Policy", kContentSecurityPolicy},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Cross-Origin-Resource-Policy", "same-origin"},
          {"Cache-Control", "no-store"}};
}

bool equal_constant_time(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message,
                json diagnostics = json::array()) {
  send_json(res, status, {{"error", message}, {"diagnostics", std::move(diagnostics)}});
}

class Routes {
public:
  Routes(const Workbench& bench, const ServeOptions& options, ServerInfo info)
      : bench_(bench), options_(options), info_(std::move(info)) {}

  // Host (DNS rebinding) and token checks before any route.
  httplib::Server::HandlerResponse admit(const httplib::Request& req, httplib::Response& res) const {
    if (is_loopback(options_.host)) {
      const std::string host = req.get_header_value("Host"), port = ":" + std::to_string(info_.port);
      if (host != "127.0.0.1" + port && host != "localhost" + port && host != "[::1]" + port) {
        send_error(res, 403,
                   "this server answers only requests addressed to itself (Host " + port.substr(1) + ")");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    std::string token = req.get_param_value("token");
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) token = auth.substr(7);
    if (token.empty()) {
      send_error(res, 401, "the session token is missing: open the URL zonepath serve printed");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!equal_constant_time(token, info_.token)) {
      send_error(res, 403, "wrong session token");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void page(const httplib::Request&, httplib::Response& res) const {
    const auto* index = detail::find_web_asset("index.html");
    std::string html(index->body);
    // The token is 32 hex digits (checked at start), so it needs no escaping in HTML.
    for (std::size_t at; (at = html.find("{{TOKEN}}")) != std::string::npos;)
      html.replace(at, 9, info_.token);
    res.set_content(html, std::string(index->content_type));
  }

  void asset(const httplib::Request& req, httplib::Response& res) const {
    const auto* a = detail::find_web_asset(req.matches[1].str());
    if (!a || a->name == "index.html") return send_error(res, 404, "no such file");
    res.set_content(std::string(a->body), std::string(a->content_type));
  }

  void session(const httplib::Request&, httplib::Response& res) const {
    send_json(res, 200, bench_.session());
  }

  // A POST route: the body parsed with located errors, the workbench's errors as JSON.
  template <class F> void post(const httplib::Request& req, httplib::Response& res, F&& handle) const {
    try {
      JsonLimits limits;
      limits.max_bytes = options_.max_body;
      const JsonDocument doc = JsonDocument::parse(req.body, "request", limits);
      const auto start = std::chrono::steady_clock::now();
      json out = handle(doc.root(), req);
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      char timing[48];
      std::snprintf(timing, sizeof timing, "compute;dur=%.1f", ms);
      res.set_header("Server-Timing", timing);
      send_json(res, 200, out);
    } catch (const ParseError& e) {
      send_error(res, 400, e.what(), json::array({e.diagnostic()}));
    } catch (const ValidationError& e) {
      send_error(res, 422, e.what(), e.diagnostics());
    } catch (const CancelledError&) {
      send_error(res, 409, "superseded by a newer edit");
    } catch (const Error& e) {
      send_error(res, 422, e.what());
    } catch (const std::bad_alloc&) {
      send_error(res, 503, "out of memory");
    } catch (const std::exception& e) {
      send_error(res, 500, std::string("internal error: ") + e.what());
    }
  }

  void evaluate(const httplib::Request& req, httplib::Response& res) {
    post(req, res, [&](const json& body, const httplib::Request& r) {
      auto slot = computations_.start(r.get_header_value("X-Zonepath-Client").substr(0, 64));
      return bench_.evaluate(body, slot.token());
    });
  }

  void compare(const httplib::Request& req, httplib::Response& res) {
    post(req, res, [&](const json& body, const httplib::Request& r) {
      auto slot = computations_.start("compare:" + r.get_header_value("X-Zonepath-Client").substr(0, 64));
      return bench_.compare(body, slot.token());
    });
  }

  void download(const httplib::Request& req, httplib::Response& res, bool scenario) const {
    post(req, res, [&](const json& body, const httplib::Request&) {
      json doc = scenario ? bench_.scenario(body) : bench_.edited_site(body);
      const std::string file = scenario ? doc.value("id", "workbench") + ".json" : "site.json";
      res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
      return doc;
    });
  }

  void cancel_all() { computations_.cancel_all(); }

private:
  const Workbench& bench_;
  const ServeOptions& options_;
  ServerInfo info_;
  detail::Superseding computations_;
};

ServerInfo bind(httplib::Server& server, const ServeOptions& options) {
  ServerInfo info{options.host, 0, options.token.empty() ? random_token() : options.token, ""};
  if (info.token.size() < 16 || info.token.find_first_not_of("0123456789abcdef") != std::string::npos)
    throw Error("the session token must be at least 16 lower-case hexadecimal digits");
  info.port = options.port == 0 ? server.bind_to_any_port(options.host)
                                : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (info.port <= 0)
    throw Error("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                " (in use, or not an address of this machine); choose another with --port or --host");
  const std::string shown =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  info.url = "http://" + shown + ":" + std::to_string(info.port) + "/?token=" + info.token;
  return info;
}

} // namespace

std::string random_token() {
  std::random_device rd;
  std::string out;
  char buf[9];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
    out += buf;
  }
  return out;
}

void run_server(const Workbench& bench, const ServeOptions& options,
                const std::function<void(const ServerInfo&)>& on_ready, const CancelToken& stop) {
  httplib::Server server;
  server.set_payload_max_length(options.max_body);
  server.set_default_headers(security_headers());
  server.set_read_timeout(std::chrono::seconds(30));
  // An idle keep-alive connection holds a worker until this runs out, and stopping waits for it.
  server.set_keep_alive_timeout(2);
  const ServerInfo info = bind(server, options);
  Routes routes(bench, options, info);
  server.set_pre_routing_handler([&](const auto& req, auto& res) { return routes.admit(req, res); });
  server.set_error_handler([](const auto&, auto& res) {
    if (res.body.empty())
      send_error(res, res.status, res.status == 404 ? "no such route" : "request refused");
  });
  server.Get("/", [&](const auto& req, auto& res) { routes.page(req, res); });
  server.Get(R"(/app/([a-z0-9-]+\.(?:js|css)))", [&](const auto& req, auto& res) { routes.asset(req, res); });
  server.Get("/api/session", [&](const auto& req, auto& res) { routes.session(req, res); });
  server.Post("/api/evaluate", [&](const auto& req, auto& res) { routes.evaluate(req, res); });
  server.Post("/api/compare", [&](const auto& req, auto& res) { routes.compare(req, res); });
  server.Post("/api/scenario", [&](const auto& req, auto& res) { routes.download(req, res, true); });
  server.Post("/api/site", [&](const auto& req, auto& res) { routes.download(req, res, false); });
  on_ready(info);
  std::atomic<bool> listening_over{false};
  std::thread watcher([&] {
    while (!stop.cancelled() && !listening_over) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    routes.cancel_all();
    server.stop();
  });
  const bool ok = server.listen_after_bind();
  listening_over = true;
  watcher.join();
  if (!ok && !stop.cancelled()) throw Error("the server stopped: its listening socket failed");
}

} // namespace zonepath::serve
