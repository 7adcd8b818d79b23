#include "zonepath/core/path_listing.hpp"
#include "zonepath/core/limits.hpp"

#include <algorithm>
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
    step.detail = g.detail(e);
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

void add_detail_json(nlohmann::json& step, const StepDetail& d) {
  if (!d.means.empty()) step["means"] = d.means;
  if (!d.service.empty()) step["service"] = d.service;
  if (d.port != 0) step["port"] = d.port;
  if (!d.vulnerability.empty()) step["vulnerability"] = d.vulnerability;
}

std::string detail_text(const StepDetail& d) {
  std::string out = d.vulnerability;
  if (!d.service.empty())
    out += (out.empty() ? "" : " on ") + d.service + (d.port ? "/" + std::to_string(d.port) : std::string());
  if (!d.means.empty()) out += (out.empty() ? "" : ", ") + d.means;
  return out;
}

nlohmann::json path_to_json(const AttackGraph& g, const ListedPath& path) {
  nlohmann::json nodes = nlohmann::json::array(), steps = nlohmann::json::array();
  for (NodeId v : path.nodes) nodes.push_back(g.name(v));
  for (const ListedStep& s : path.steps) {
    nlohmann::json step = {{"from", g.name(s.from)},   {"to", g.name(s.to)},    {"via", s.via}, {"p", s.p},
                           {"technique", s.technique}, {"ttc_mean", s.ttc_mean}};
    add_detail_json(step, s.detail);
    steps.push_back(std::move(step));
  }
  return {{"target", g.name(path.target)},   {"rank", path.rank}, {"nodes", std::move(nodes)},
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
  std::snprintf(buf, sizeof buf, "\n     probability %.6g, cost %.6g, mean time %.4g days\n",
                path.probability, path.cost, path.ttc_mean_days);
  out += buf;
  for (const ListedStep& s : path.steps) {
    std::snprintf(buf, sizeof buf, "     %s -> %s: p %.4g, mean %.4g days", g.name(s.from).c_str(),
                  g.name(s.to).c_str(), s.p, s.ttc_mean);
    out += buf;
    if (!s.technique.empty()) out += ", " + s.technique;
    if (const std::string used = detail_text(s.detail); !used.empty()) out += " (" + used + ")";
    if (!s.via.empty()) out += ", via " + s.via;
    out += '\n';
  }
  return out;
}

RankedPaths ranked_paths(const AttackGraph& g, const std::vector<std::uint8_t>& waypoint,
                         std::span<const NodeId> sources, std::span<const NodeId> targets, std::size_t k,
                         PathMetric metric, const CancelToken* cancel, ProgressReporter* progress) {
  check_limit("paths per target (k)", k, 0, kMaxPaths); // before the forward search
  // One forward tree serves the best path of every target; Yen runs per target only for k > 1.
  ShortestPathOptions so;
  so.metric = metric;
  so.cancel = cancel;
  const ShortestPathTree tree = shortest_paths_from(g, sources, so);
  KShortestOptions ko;
  ko.k = k;
  ko.metric = metric;
  ko.cancel = cancel;
  const std::vector<std::vector<SimplePath>> found =
      k_shortest_paths_each(g, sources, targets, ko, tree, [progress] { progress_advance(progress); });
  struct Row {
    ListedPath path;
    std::size_t target_index;
  };
  std::vector<Row> rows;
  RankedPaths out;
  for (std::size_t ti = 0; ti < targets.size(); ++ti) {
    if (found[ti].empty()) out.unreachable.push_back(targets[ti]);
    for (std::size_t r = 0; r < found[ti].size(); ++r)
      rows.push_back({list_path(g, waypoint, found[ti][r], targets[ti], r + 1), ti});
  }
  // Best first overall. The search length is the ranking key (-ln of the probability, or the
  // mean time), so the order within a target always matches its ranks.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.path.length != b.path.length) return a.path.length < b.path.length;
    if (a.target_index != b.target_index) return a.target_index < b.target_index;
    return a.path.rank < b.path.rank;
  });
  out.paths.reserve(rows.size());
  for (Row& row : rows) out.paths.push_back(std::move(row.path));
  return out;
}

nlohmann::json ranked_paths_to_json(const AttackGraph& g, const RankedPaths& ranked) {
  nlohmann::json paths = nlohmann::json::array(), missing = nlohmann::json::array();
  for (const ListedPath& path : ranked.paths) paths.push_back(path_to_json(g, path));
  for (NodeId t : ranked.unreachable) missing.push_back(g.name(t));
  return {{"paths", std::move(paths)}, {"unreachable", std::move(missing)}};
}

} // namespace zonepath
