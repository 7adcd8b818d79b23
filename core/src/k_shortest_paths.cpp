#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/limits.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <unordered_set>

#include "search_support.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath {

namespace {

using detail::kInf;

struct NodeSeqHash {
  std::size_t operator()(const std::vector<NodeId>& v) const {
    std::uint64_t h = v.size();
    for (NodeId x : v) h = splitmix64(h ^ x);
    return static_cast<std::size_t>(h);
  }
};

// A queued candidate: the path and the index of its spur node (-1: it deviates at the virtual
// root, i.e. starts from another source). Lawler: its own spurs start at that index.
struct Candidate {
  SimplePath path;
  int deviation = -1;
};
struct CandidateLess {
  bool operator()(const Candidate& a, const Candidate& b) const { return path_less(a.path, b.path); }
};

struct Start {
  NodeId node;
  double length;
};

} // namespace

bool path_less(const SimplePath& a, const SimplePath& b) {
  if (a.length != b.length) return a.length < b.length;
  if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
  if (a.nodes != b.nodes) return a.nodes < b.nodes;
  return a.edges < b.edges;
}

struct KShortestPathFinder::Impl {
  const AttackGraph& g;
  std::vector<double> h;     // exact distance to the current target, unrestricted graph
  std::vector<double> gdist; // distance from the start in the current search
  std::vector<EdgeId> pred;  // edge into a node in the current search
  detail::StampSet seen, closed, root_ban, head_ban;
  detail::MinHeap heap;
  std::uint32_t polls = 0;
  double pruned = kInf; // the least f = g + h the last search left out for its limit

  explicit Impl(const AttackGraph& graph) : g(graph) {
    const std::size_t n = g.node_count();
    gdist.resize(n);
    pred.resize(n);
    seen.resize(n);
    closed.resize(n);
    root_ban.resize(n);
    head_ban.resize(n);
  }

  // A* from `starts` to `target`, skipping root-banned nodes and, out of `spur`, banned heads.
  // Gives up (returns +inf) once every open path is longer than `bound`; `pruned` is then the
  // least f it left out.
  template <class Weight>
  double search(const Weight& w, std::span<const Start> starts, NodeId spur, NodeId target, double bound,
                const CancelToken* cancel) {
    seen.clear();
    closed.clear();
    heap.clear();
    pruned = kInf;
    for (const Start& s : starts) {
      if (!(h[s.node] < kInf) || !(s.length < kInf)) continue;
      if (!seen.contains(s.node) || s.length < gdist[s.node]) {
        seen.insert(s.node);
        gdist[s.node] = s.length;
        pred[s.node] = kNoEdge;
        heap.push(s.length + h[s.node], s.node);
      }
    }
    // f = g + h is a lower bound of any completion; the slack absorbs the rounding difference
    // between forward and reverse sums, so an exactly tied path is not pruned.
    const double limit = bound < kInf ? bound + 1e-12 * std::abs(bound) + 1e-300 : kInf;
    while (!heap.empty()) {
      const detail::HeapEntry top = heap.pop();
      const double f = top.key;
      const NodeId u = top.node;
      if (closed.contains(u)) continue;
      if (f > limit) {
        pruned = std::min(pruned, f);
        return kInf;
      }
      closed.insert(u);
      if (u == target) return gdist[u];
      detail::poll_cancel(polls, cancel);
      const bool at_spur = u == spur;
      const double gu = gdist[u];
      const EdgeId end = g.out_end(u);
      for (EdgeId e = g.out_begin(u); e < end; ++e) {
        const NodeId v = g.to(e);
        if (closed.contains(v) || root_ban.contains(v) || (at_spur && head_ban.contains(v))) continue;
        const double hv = h[v];
        const double ng = gu + w(e);
        // An entry above the limit would end the search when popped: not queueing it leaves
        // the same entries to pop in the same order (hubs' many other heads mostly fall here).
        if (!(hv < kInf) || !(ng < kInf)) continue;
        if (ng + hv > limit) {
          pruned = std::min(pruned, ng + hv);
          continue;
        }
        if (!seen.contains(v) || ng < gdist[v]) {
          seen.insert(v);
          gdist[v] = ng;
          pred[v] = e;
          heap.push(ng + hv, v);
        }
      }
    }
    return kInf;
  }

  // search() under `bound`, first with tighter limits: the least f of the starts (a spur path
  // is seldom much longer than the path it leaves, and often exactly as long), then the least
  // f the previous attempt left out. A search whose limit is at least the answer pops the
  // same nodes in the same order as one without a limit, and so finds the same path, but
  // queues only the heads within the limit: an unbounded search (Yen's first spurs, before
  // there are enough candidates) queued every head of every hub it popped.
  template <class Weight>
  double bounded_search(const Weight& w, std::span<const Start> starts, NodeId spur, NodeId target,
                        double bound, const CancelToken* cancel) {
    double limit = kInf;
    for (const Start& s : starts) limit = std::min(limit, s.length + h[s.node]);
    for (int attempt = 1;; ++attempt) {
      if (attempt == kLimitAttempts || !(limit < bound))
        return search(w, starts, spur, target, bound, cancel);
      const double length = search(w, starts, spur, target, limit, cancel);
      if (length < kInf || !(pruned < kInf)) return length; // found, or nothing beyond the limit
      limit = pruned;
    }
  }
  static constexpr int kLimitAttempts = 3;

  // Edges of the path the last search found, from its start to `target`.
  std::vector<EdgeId> found_edges(NodeId target) const {
    std::vector<EdgeId> out;
    for (EdgeId e = pred[target]; e != kNoEdge; e = pred[g.from(e)]) out.push_back(e);
    std::reverse(out.begin(), out.end());
    return out;
  }

  template <class Weight>
  std::vector<SimplePath> yen(const Weight& w, std::span<const NodeId> sources, NodeId target,
                              const KShortestOptions& opt, SimplePath first);
};

template <class Weight>
std::vector<SimplePath> KShortestPathFinder::Impl::yen(const Weight& w, std::span<const NodeId> sources,
                                                       NodeId target, const KShortestOptions& opt,
                                                       SimplePath first) {
  std::vector<SimplePath> accepted;
  std::vector<int> deviation;
  std::set<Candidate, CandidateLess> queue;
  std::unordered_set<std::vector<NodeId>, NodeSeqHash> known;
  known.insert(first.nodes);
  accepted.push_back(std::move(first));
  deviation.push_back(-1);

  std::vector<Start> starts;
  std::vector<double> cumulative;
  std::vector<std::size_t> common; // common prefix length of each accepted path with P
  while (accepted.size() < opt.k) {
    if (opt.cancel) opt.cancel->throw_if_cancelled();
    const SimplePath& p = accepted.back();
    const int d = deviation.back();
    const std::size_t len = p.nodes.size();
    cumulative.assign(len, 0.0);
    cumulative[0] = source_weight(g, p.nodes[0], opt.metric, opt.apply_priors);
    for (std::size_t j = 0; j + 1 < len; ++j) cumulative[j + 1] = cumulative[j] + w(p.edges[j]);
    common.clear();
    for (const SimplePath& q : accepted) {
      std::size_t l = 0;
      while (l < q.nodes.size() && l < len && q.nodes[l] == p.nodes[l]) ++l;
      common.push_back(l);
    }
    root_ban.clear();
    for (int j = 0; j < d; ++j) root_ban.insert(p.nodes[j]);
    for (int i = d; i + 1 < static_cast<int>(len); ++i) {
      if (i > 0 && i - 1 >= d) root_ban.insert(p.nodes[i - 1]);
      // Yen: the next node of every accepted path that shares the root p.nodes[0..i] is banned
      // out of the spur node (at i = -1: those paths' first nodes may not start a path).
      head_ban.clear();
      for (std::size_t a = 0; a < accepted.size(); ++a)
        if (common[a] >= static_cast<std::size_t>(i + 1) &&
            static_cast<std::size_t>(i + 1) < accepted[a].nodes.size())
          head_ban.insert(accepted[a].nodes[i + 1]);
      starts.clear();
      NodeId spur = kNoNode;
      if (i < 0) {
        for (NodeId s : sources)
          if (!head_ban.contains(s)) starts.push_back({s, source_weight(g, s, opt.metric, opt.apply_priors)});
      } else {
        spur = p.nodes[i];
        starts.push_back({spur, cumulative[i]});
      }
      // Only the best (k - accepted) candidates can still be returned: a spur longer than the
      // worst of them is useless.
      const std::size_t wanted = opt.k - accepted.size();
      const double bound = queue.size() >= wanted ? queue.rbegin()->path.length : kInf;
      const double length = bounded_search(w, starts, spur, target, bound, opt.cancel);
      if (!(length < kInf)) continue;
      Candidate c;
      c.deviation = i;
      auto tail = found_edges(target);
      const std::size_t keep = i < 0 ? 0 : static_cast<std::size_t>(i);
      c.path.nodes.assign(p.nodes.begin(), p.nodes.begin() + keep);
      c.path.edges.assign(p.edges.begin(), p.edges.begin() + keep);
      c.path.nodes.push_back(tail.empty() ? target : g.from(tail.front()));
      for (EdgeId e : tail) {
        c.path.nodes.push_back(g.to(e));
        c.path.edges.push_back(e);
      }
      c.path.length = length;
      if (!known.insert(c.path.nodes).second) continue;
      queue.insert(std::move(c));
      while (queue.size() > wanted) queue.erase(std::prev(queue.end()));
    }
    if (queue.empty()) break;
    auto node = queue.extract(queue.begin());
    accepted.push_back(std::move(node.value().path));
    deviation.push_back(node.value().deviation);
  }
  // The first path came from a plain Dijkstra tree; sorting makes exact ties with it follow
  // the documented order too.
  std::stable_sort(accepted.begin(), accepted.end(), path_less);
  return accepted;
}

KShortestPathFinder::KShortestPathFinder(const AttackGraph& g) : impl_(std::make_unique<Impl>(g)) {}
KShortestPathFinder::~KShortestPathFinder() = default;

std::vector<SimplePath> KShortestPathFinder::find(std::span<const NodeId> sources, NodeId target,
                                                  const KShortestOptions& opt,
                                                  const ShortestPathTree* forward) {
  const AttackGraph& g = impl_->g;
  for (NodeId s : sources)
    if (s >= g.node_count()) throw GraphError("source node id " + std::to_string(s) + " out of range");
  if (target >= g.node_count())
    throw GraphError("target node id " + std::to_string(target) + " out of range");
  if (forward &&
      (forward->reverse || forward->metric != opt.metric || forward->dist.size() != g.node_count()))
    throw GraphError("k_shortest_paths: the shared forward tree does not match the query");
  check_limit("paths per target (k)", opt.k, 0, kMaxPaths);
  if (opt.k == 0 || sources.empty()) return {};

  ShortestPathTree own;
  if (!forward) {
    ShortestPathOptions so;
    so.metric = opt.metric;
    so.apply_priors = opt.apply_priors;
    so.stop_at = target;
    so.cancel = opt.cancel;
    own = shortest_paths_from(g, sources, so);
    forward = &own;
  }
  if (!forward->reached(target)) return {};
  SimplePath first;
  first.edges = forward->path_edges(g, target);
  first.nodes = forward->path_nodes(g, target);
  first.length = forward->dist[target];
  if (opt.k == 1) return {std::move(first)};

  ShortestPathOptions ro;
  ro.metric = opt.metric;
  ro.cancel = opt.cancel;
  impl_->h = shortest_paths_to(g, target, ro).dist;
  if (opt.metric == PathMetric::Time)
    return impl_->yen(detail::TimeWeight{g}, sources, target, opt, std::move(first));
  return impl_->yen(detail::LikelihoodWeight{g}, sources, target, opt, std::move(first));
}

std::vector<SimplePath> k_shortest_paths(const AttackGraph& g, std::span<const NodeId> sources, NodeId target,
                                         const KShortestOptions& opt) {
  KShortestPathFinder finder(g);
  return finder.find(sources, target, opt);
}

std::vector<std::vector<SimplePath>>
k_shortest_paths_each(const AttackGraph& g, std::span<const NodeId> sources, std::span<const NodeId> targets,
                      const KShortestOptions& opt, const ShortestPathTree& forward,
                      const std::function<void()>& on_target) {
  std::vector<std::vector<SimplePath>> found(targets.size());
  auto find_paths = [&](KShortestPathFinder& finder, std::size_t t) {
    found[t] = finder.find(sources, targets[t], opt, &forward);
    if (on_target) on_target();
  };
  if (opt.k > 1) {
    PerThread<std::unique_ptr<KShortestPathFinder>> finders(
        [&] { return std::make_unique<KShortestPathFinder>(g); });
    ParallelOptions par;
    par.serial_below = 2; // one target's k paths are work enough to share out
    par.grain = 1;
    parallel_for_each_index(
        targets.size(), [&](std::size_t t) { find_paths(*finders.local(), t); }, par);
  } else {
    KShortestPathFinder finder(g);
    for (std::size_t t = 0; t < targets.size(); ++t) find_paths(finder, t);
  }
  return found;
}

} // namespace zonepath
