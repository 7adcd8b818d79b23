#include "zonepath/core/graph_json.hpp"

#include <unordered_map>
#include <unordered_set>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/path_listing.hpp"

namespace zonepath {

using nlohmann::json;

TtcDistribution default_ttc() {
  return TtcDistribution::exponential(1.0);
}

TtcDistribution parse_ttc(JsonChecker& check, const json& v, const std::string& ptr) {
  if (!check.expect_object(v, ptr)) return default_ttc();
  auto dist = check.get_string(v, ptr, "dist", true);
  if (!dist) return default_ttc();
  auto positive = [&](const char* key, bool strict) -> double {
    auto x = check.get_number(v, ptr, key, true);
    if (!x) return 1.0;
    if (strict ? !(*x > 0) : !(*x >= 0)) {
      check.error(JsonChecker::child(ptr, key),
                  std::string(key) + (strict ? " must be > 0" : " must be >= 0"), &v.at(key));
      return 1.0;
    }
    return *x;
  };
  if (*dist == "exponential") {
    check.check_keys(v, ptr, {"dist", "mean"});
    return TtcDistribution::exponential(positive("mean", true));
  }
  if (*dist == "fixed") {
    check.check_keys(v, ptr, {"dist", "value"});
    return TtcDistribution::fixed(positive("value", false));
  }
  if (*dist == "lognormal") {
    check.check_keys(v, ptr, {"dist", "mu", "sigma"});
    auto mu = check.get_number(v, ptr, "mu", true);
    return TtcDistribution::lognormal(mu.value_or(0.0), positive("sigma", false));
  }
  if (*dist == "gamma") {
    check.check_keys(v, ptr, {"dist", "shape", "scale"});
    double shape = positive("shape", true);
    return TtcDistribution::gamma(shape, positive("scale", true));
  }
  if (*dist == "uniform") {
    check.check_keys(v, ptr, {"dist", "low", "high"});
    double low = positive("low", false), high = positive("high", false);
    if (high < low) check.error(JsonChecker::child(ptr, "high"), "high must be >= low", &v.at("high"));
    return TtcDistribution::uniform(low, std::max(low, high));
  }
  std::string near = did_you_mean(*dist, {"exponential", "fixed", "lognormal", "gamma", "uniform"});
  check.error(JsonChecker::child(ptr, "dist"), "unknown distribution '" + *dist + "'", &v.at("dist"),
              near.empty() ? "use exponential, fixed, lognormal, gamma or uniform"
                           : "did you mean '" + near + "'?");
  return default_ttc();
}

json ttc_to_json(const TtcDistribution& d) {
  switch (d.kind) {
  case TtcKind::Fixed:
    return {{"dist", "fixed"}, {"value", d.a}};
  case TtcKind::Exponential:
    return {{"dist", "exponential"}, {"mean", d.a}};
  case TtcKind::LogNormal:
    return {{"dist", "lognormal"}, {"mu", d.a}, {"sigma", d.b}};
  case TtcKind::Gamma:
    return {{"dist", "gamma"}, {"shape", d.a}, {"scale", d.b}};
  case TtcKind::Uniform:
    return {{"dist", "uniform"}, {"low", d.a}, {"high", d.b}};
  }
  return {};
}

AttackGraph load_graph(const JsonDocument& doc) {
  JsonChecker check(doc);
  const json& root = doc.root();
  AttackGraphBuilder builder;
  if (!check.expect_object(root, "")) check.throw_if_errors();
  check.check_keys(root, "", {"schema", "nodes", "edges"});
  auto schema = check.get_string(root, "", "schema", true);
  if (schema && *schema != kGraphSchema)
    check.error("/schema", "unsupported schema '" + *schema + "'", &root.at("schema"),
                std::string("expected '") + kGraphSchema + "'");

  // A graph of millions of edges takes seconds to read after the parse: Ctrl-C is polled every
  // 4096 elements rather than only once the graph is built.
  const CancelToken& cancel = global_cancel_token();
  auto poll = [&](std::size_t i) {
    if ((i & 4095) == 0) cancel.throw_if_cancelled();
  };
  std::unordered_map<std::string, NodeId> ids;
  if (const json* nodes = check.get_array(root, "", "nodes", true)) {
    builder.reserve(nodes->size(), 0);
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      poll(i);
      std::string ptr = "/nodes/" + std::to_string(i);
      const json& n = (*nodes)[i];
      if (!check.expect_object(n, ptr)) continue;
      check.check_keys(n, ptr, {"id", "prior", "type", "label"});
      NodeSpec spec;
      auto id = check.get_string(n, ptr, "id", true);
      if (!id) continue;
      if (id->empty()) check.error(ptr + "/id", "node id must not be empty", &n.at("id"));
      if (auto prior = check.get_number(n, ptr, "prior")) {
        if (*prior < 0 || *prior > 1)
          check.error(ptr + "/prior", "prior must be within [0, 1]", &n.at("prior"));
        else
          spec.prior = *prior;
      }
      if (auto type = check.get_string(n, ptr, "type")) {
        if (*type == "and")
          spec.kind = NodeKind::And;
        else if (*type != "or")
          check.error(ptr + "/type", "unknown node type '" + *type + "'", &n.at("type"), "use 'or' or 'and'");
      }
      spec.name = *id;
      if (!ids.emplace(*id, NodeId(builder.node_count())).second) {
        check.error(ptr + "/id", "duplicate node id '" + *id + "'", &n.at("id"));
        continue;
      }
      builder.add_node(std::move(spec));
    }
  }

  if (const json* edges = check.get_array(root, "", "edges", true)) {
    builder.reserve(builder.node_count(), edges->size());
    // Refused here, at the first edge past the limit, rather than by the builder without a place.
    std::unordered_set<std::string> techniques;
    for (std::size_t i = 0; i < edges->size(); ++i) {
      poll(i);
      std::string ptr = "/edges/" + std::to_string(i);
      const json& e = (*edges)[i];
      if (!check.expect_object(e, ptr)) continue;
      check.check_keys(e, ptr,
                       {"from", "to", "p", "ttc", "technique", "cost", "via", "means", "service", "port",
                        "vulnerability"});
      EdgeSpec spec;
      bool ok = true;
      for (const char* end : {"from", "to"}) {
        auto id = check.get_string(e, ptr, end, true);
        if (!id) {
          ok = false;
          continue;
        }
        auto it = ids.find(*id);
        if (it == ids.end()) {
          std::vector<std::string_view> names;
          if (ids.size() < 5000)
            for (auto& [k, v] : ids) names.push_back(k);
          std::sort(names.begin(), names.end());
          std::string near = did_you_mean(*id, names);
          check.error(ptr + "/" + end, "unknown node '" + *id + "'", &e.at(end),
                      near.empty() ? "" : "did you mean '" + near + "'?");
          ok = false;
          continue;
        }
        (std::string_view(end) == "from" ? spec.from : spec.to) = it->second;
      }
      if (auto p = check.get_number(e, ptr, "p", true)) {
        if (*p < 0 || *p > 1) {
          check.error(ptr + "/p", "p must be within [0, 1]", &e.at("p"));
          ok = false;
        } else
          spec.p = *p;
      } else {
        ok = false;
      }
      spec.ttc = default_ttc();
      if (auto it = e.find("ttc"); it != e.end()) spec.ttc = parse_ttc(check, *it, ptr + "/ttc");
      if (auto t = check.get_string(e, ptr, "technique")) {
        spec.technique = e.at("technique").get_ref<const std::string&>(); // the document's string
        if (!t->empty() && techniques.size() <= kMaxGraphTechniques && techniques.insert(*t).second &&
            techniques.size() > kMaxGraphTechniques)
          check.error(ptr + "/technique",
                      "more than " + std::to_string(kMaxGraphTechniques) +
                          " distinct techniques in one graph",
                      &e.at("technique"));
      }
      if (check.get_string(e, ptr, "via")) spec.via = e.at("via").get_ref<const std::string&>();
      // Views into the document, valid when add_edge interns them below.
      auto view = [&](const char* key) {
        return check.get_string(e, ptr, key) ? std::string_view(e.at(key).get_ref<const std::string&>())
                                             : std::string_view();
      };
      spec.detail.means = view("means");
      spec.detail.service = view("service");
      spec.detail.vulnerability = view("vulnerability");
      if (auto port = check.get_integer(e, ptr, "port")) {
        if (*port < 1 || *port > 65535)
          check.error(ptr + "/port", "port must be 1..65535", &e.at("port"));
        else
          spec.detail.port = static_cast<std::uint16_t>(*port);
      }
      if (auto c = check.get_number(e, ptr, "cost")) {
        if (*c < 0)
          check.error(ptr + "/cost", "cost must be >= 0", &e.at("cost"));
        else
          spec.cost = *c;
      }
      if (ok) builder.add_edge(std::move(spec));
    }
  }
  check.throw_if_errors();
  cancel.throw_if_cancelled();
  try {
    return builder.build();
  } catch (const GraphError& err) {
    throw ValidationError({doc.diagnostic("", err.what())});
  }
}

AttackGraph load_graph_file(const std::string& path) {
  std::string text = JsonDocument::read_text(path);
  if (auto fast = read_graph_fast(text)) return std::move(*fast);
  return load_graph(JsonDocument::parse(std::move(text), path));
}

json graph_to_json(const AttackGraph& g) {
  json nodes = json::array(), edges = json::array();
  for (NodeId v = 0; v < g.node_count(); ++v) {
    json n = {{"id", g.name(v)}};
    if (g.prior(v) != 1.0) n["prior"] = g.prior(v);
    if (g.kind(v) == NodeKind::And) n["type"] = "and";
    nodes.push_back(std::move(n));
  }
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    json j = {
        {"from", g.name(g.from(e))}, {"to", g.name(g.to(e))}, {"p", g.p(e)}, {"ttc", ttc_to_json(g.ttc(e))}};
    if (!g.technique(e).empty()) j["technique"] = g.technique(e);
    if (!g.via(e).empty()) j["via"] = g.via(e);
    if (g.cost(e) != 1.0) j["cost"] = g.cost(e);
    add_detail_json(j, g.detail(e));
    edges.push_back(std::move(j));
  }
  return {{"schema", kGraphSchema}, {"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

} // namespace zonepath
