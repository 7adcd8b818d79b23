#include "zonepath/core/path_listing.hpp"

#include <cmath>
#include <cstdio>

namespace zonepath {

ListedPath list_path(const AttackGraph& g, const std::vector<std::uint8_t>& waypoint, const SimplePath& path,
                     NodeId target, std::size_t rank) {
  ListedPath out;
  out.target = target == kNoNode && !path.nodes.empty() ? path.nodes.back() : target;
  out.rank = rank;
  out.length = path.length;
  if (path.nodes.empty()) return out;
  auto hidden = [&](NodeId v) { return v < waypoint.size() && waypoint[v] != 0; };
  out.nodes.push_back(path.nodes.front());
  out.probability = g.prior(path.nodes.front());
  ListedStep step;
  step.from = path.nodes.front();
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const EdgeId e = path.edges[i];
    step.p *= g.p(e);
    step.cost += g.neg_log_p(e);
    step.ttc_mean += double(g.ttc_mean(e));
    step.via = std::string(g.via(e));
    step.technique = std::string(g.technique(e));
    const NodeId v = path.nodes[i + 1];
    if (hidden(v) && i + 1 < path.edges.size()) continue;
    step.to = v;
    out.nodes.push_back(v);
    out.probability *= step.p;
    out.cost += step.cost;
    out.ttc_mean_days += step.ttc_mean;
    out.steps.push_back(std::move(step));
    step = ListedStep{};
    step.from = v;
  }
  return out;
}

nlohmann::json path_to_json(const AttackGraph& g, const ListedPath& path) {
  nlohmann::json nodes = nlohmann::json::array(), steps = nlohmann::json::array();
  for (NodeId v : path.nodes) nodes.push_back(g.name(v));
  for (const ListedStep& s : path.steps)
    steps.push_back({{"from", g.name(s.from)}, {"to", g.name(s.to)}, {"via", s.via}, {"p", s.p},
                     {"technique", s.technique}, {"ttc_mean", s.ttc_mean}});
  return {{"target", g.name(path.target)}, {"rank", path.rank}, {"nodes", std::move(nodes)},
          {"probability", path.probability}, {"cost", path.cost}, {"ttc_mean_days", path.ttc_mean_days},
          {"steps", std::move(steps)}};
}

std::string path_to_text(const AttackGraph& g, const ListedPath& path) {
  std::string out;
  for (std::size_t i = 0; i < path.nodes.size(); ++i) {
    if (i) out += " -> ";
    out += g.name(path.nodes[i]);
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "\n     probability %.6g, cost %.6g, mean time %.4g days\n", path.probability,
                path.cost, path.ttc_mean_days);
  out += buf;
  for (const ListedStep& s : path.steps) {
    std::snprintf(buf, sizeof buf, "     %s -> %s: p %.4g, mean %.4g days", g.name(s.from).c_str(),
                  g.name(s.to).c_str(), s.p, s.ttc_mean);
    out += buf;
    if (!s.technique.empty()) out += ", " + s.technique;
    if (!s.via.empty()) out += ", via " + s.via;
    out += '\n';
  }
  return out;
}

} // namespace zonepath
