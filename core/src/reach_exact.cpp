#include "zonepath/core/reach_exact.hpp"
#include "zonepath/core/limits.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace zonepath {

namespace {

// Edge of the residual graph. Local node 0 is the root: the set of nodes known to be reached.
struct REdge {
  std::uint32_t u, v;
  double p;
};
static_assert(sizeof(REdge) == 16, "memo keys are the raw bytes of the edge list");
constexpr std::uint32_t kRoot = 0;
constexpr double kDeleted = -1.0;  // marker while filtering
constexpr double kSatisfied = 2.0; // certain root edge into an AND head: prerequisite met

bool by_uv(const REdge& a, const REdge& b) {
  return a.u < b.u || (a.u == b.u && a.v < b.v);
}

enum class Status { Open, Reached, Unreachable };

// Residual-graph reductions and the factoring recursion. Scratch arrays are indexed by local
// node id and validated by epoch stamps, so a step costs O(edges) however large the node set.
class Factoring {
public:
  Factoring(std::vector<std::uint8_t> is_and, std::uint32_t target, const ExactReachOptions& opt,
            ExactReachDetail& detail)
      : is_and_(std::move(is_and)), target_(target), opt_(opt), d_(detail) {
    const std::size_t n = is_and_.size();
    for (auto* v : {&stamp_a_, &stamp_b_, &stamp_c_, &cnt_, &indeg_, &outdeg_, &in_idx_, &out_idx_, &rep_})
      v->assign(n, 0);
  }

  Status simplify(std::vector<REdge>& E);
  double solve(const std::vector<REdge>& E);

private:
  std::uint32_t next_epoch() {
    if (++epoch_ == 0) {
      for (auto* v : {&stamp_a_, &stamp_b_, &stamp_c_}) std::fill(v->begin(), v->end(), 0);
      epoch_ = 1;
    }
    return epoch_;
  }
  bool contract(std::vector<REdge>& E, bool& reached);
  bool prune(std::vector<REdge>& E);
  bool merge_parallel(std::vector<REdge>& E);
  bool series(std::vector<REdge>& E);
  std::uint32_t find(std::uint32_t x, std::uint32_t ep) {
    while (stamp_c_[x] == ep && rep_[x] != x) x = rep_[x];
    return x;
  }
  template <class Keep> static void filter(std::vector<REdge>& E, Keep keep) {
    E.erase(std::remove_if(E.begin(), E.end(), [&](const REdge& e) { return !keep(e); }), E.end());
  }

  std::vector<std::uint8_t> is_and_;
  std::uint32_t target_;
  const ExactReachOptions& opt_;
  ExactReachDetail& d_;
  std::uint32_t epoch_ = 0;
  std::vector<std::uint32_t> stamp_a_, stamp_b_, stamp_c_, cnt_, indeg_, outdeg_, in_idx_, out_idx_, rep_;
  std::vector<std::uint32_t> queue_, order_;
  std::vector<std::uint8_t> touched_;
  std::unordered_map<std::string, double> memo_;
  std::size_t memo_bytes_ = 0;
};

// Certain root edges: an OR head is reached (joins the root), an AND head has one more
// prerequisite met (joins the root when all are). Returns whether anything changed.
bool Factoring::contract(std::vector<REdge>& E, bool& reached) {
  const std::uint32_t ep = next_epoch(); // stamp_a_: indeg valid, stamp_b_: joins the root
  bool any = false;
  for (const REdge& e : E) {
    if (stamp_a_[e.v] != ep) {
      stamp_a_[e.v] = ep;
      indeg_[e.v] = 0;
      cnt_[e.v] = 0;
    }
    ++indeg_[e.v];
  }
  for (REdge& e : E) {
    if (e.u != kRoot || e.p != 1.0) continue;
    any = true;
    if (is_and_[e.v]) {
      e.p = kSatisfied;
      if (++cnt_[e.v] < indeg_[e.v]) continue;
    }
    if (stamp_b_[e.v] != ep) {
      stamp_b_[e.v] = ep;
      ++d_.merges;
    }
  }
  if (!any) return false;
  if (stamp_b_[target_] == ep) {
    reached = true;
    return true;
  }
  for (REdge& e : E) {
    if (stamp_b_[e.v] == ep || e.p == kSatisfied)
      e.p = kDeleted; // into the reached set, or met
    else if (stamp_b_[e.u] == ep)
      e.u = kRoot;
  }
  filter(E, [](const REdge& e) { return e.p != kDeleted; });
  return true;
}

// Keeps the edges between nodes that the root may reach (AND-aware fixed point with every
// edge of p > 0 working) and that may reach the target. Returns false when the target is
// unreachable.
bool Factoring::prune(std::vector<REdge>& E) {
  std::sort(E.begin(), E.end(), by_uv);
  const std::uint32_t ep = next_epoch(); // a: first out-edge index, b: in F, c: in B
  for (std::uint32_t i = 0; i < E.size(); ++i) {
    const REdge& e = E[i];
    if (stamp_a_[e.u] != ep) {
      stamp_a_[e.u] = ep;
      in_idx_[e.u] = i; // reused: first out-edge of u
    }
    if (stamp_c_[e.v] != ep) {
      stamp_c_[e.v] = ep;
      indeg_[e.v] = 0;
      cnt_[e.v] = 0;
    }
    ++indeg_[e.v];
  }
  queue_.clear();
  queue_.push_back(kRoot);
  stamp_b_[kRoot] = ep;
  for (std::size_t h = 0; h < queue_.size(); ++h) {
    const std::uint32_t u = queue_[h];
    if (stamp_a_[u] != ep) continue;
    for (std::uint32_t i = in_idx_[u]; i < E.size() && E[i].u == u; ++i) {
      const REdge& e = E[i];
      if (e.p == 0.0 || stamp_b_[e.v] == ep) continue;
      if (is_and_[e.v] && ++cnt_[e.v] < indeg_[e.v]) continue;
      stamp_b_[e.v] = ep;
      queue_.push_back(e.v);
    }
  }
  if (stamp_b_[target_] != ep) return false;
  // Backward over usable edges, via an index sorted by head.
  order_.resize(E.size());
  for (std::uint32_t i = 0; i < E.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return E[a].v < E[b].v || (E[a].v == E[b].v && a < b); });
  const std::uint32_t epb = next_epoch(); // a: first in-edge position, c: in B
  for (std::uint32_t k = 0; k < order_.size(); ++k) {
    const std::uint32_t v = E[order_[k]].v;
    if (stamp_a_[v] != epb) {
      stamp_a_[v] = epb;
      out_idx_[v] = k; // reused: first position of v in order_
    }
  }
  auto in_f = [&](std::uint32_t x) { return stamp_b_[x] == ep; };
  queue_.clear();
  queue_.push_back(target_);
  stamp_c_[target_] = epb;
  for (std::size_t h = 0; h < queue_.size(); ++h) {
    const std::uint32_t v = queue_[h];
    if (stamp_a_[v] != epb) continue;
    for (std::uint32_t k = out_idx_[v]; k < order_.size() && E[order_[k]].v == v; ++k) {
      const REdge& e = E[order_[k]];
      if (e.p == 0.0 || !in_f(e.u) || stamp_c_[e.u] == epb) continue;
      stamp_c_[e.u] = epb;
      queue_.push_back(e.u);
    }
  }
  filter(E, [&](const REdge& e) {
    return e.p > 0.0 && in_f(e.u) && in_f(e.v) && stamp_c_[e.u] == epb && stamp_c_[e.v] == epb;
  });
  return true;
}

// Parallel edges u -> v (E sorted by (u, v)): one edge with the combined probability.
bool Factoring::merge_parallel(std::vector<REdge>& E) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < E.size();) {
    REdge e = E[i];
    std::size_t j = i + 1;
    if (is_and_[e.v]) {
      for (; j < E.size() && E[j].u == e.u && E[j].v == e.v; ++j) e.p *= E[j].p;
    } else {
      double fail = 1.0 - e.p;
      for (; j < E.size() && E[j].u == e.u && E[j].v == e.v; ++j) fail *= 1.0 - E[j].p;
      e.p = 1.0 - fail;
    }
    d_.parallel += j - i - 1;
    E[w++] = e;
    i = j;
  }
  const bool changed = w != E.size();
  E.resize(w);
  return changed;
}

// Series bypass of nodes with one in-edge and one out-edge, and merging of nodes whose only
// in-edge is certain. Valid for AND nodes too: with a single in-edge, AND and OR coincide.
bool Factoring::series(std::vector<REdge>& E) {
  const std::uint32_t ep = next_epoch(); // a: in-degree valid, b: out-degree valid, c: rep valid
  for (std::uint32_t i = 0; i < E.size(); ++i) {
    const REdge& e = E[i];
    if (stamp_a_[e.v] != ep) {
      stamp_a_[e.v] = ep;
      indeg_[e.v] = 0;
    }
    if (stamp_b_[e.u] != ep) {
      stamp_b_[e.u] = ep;
      outdeg_[e.u] = 0;
    }
    ++indeg_[e.v];
    in_idx_[e.v] = i;
    ++outdeg_[e.u];
    out_idx_[e.u] = i;
  }
  // Edges already rewritten in this pass are left alone until the next pass.
  std::vector<std::uint8_t>& touched = touched_;
  touched.assign(E.size(), 0);
  bool changed = false;
  for (std::uint32_t i = 0; i < E.size(); ++i) {
    const std::uint32_t w = E[i].v;
    if (w == kRoot || w == target_ || indeg_[w] != 1 || stamp_b_[w] != ep) continue;
    const std::uint32_t a = in_idx_[w];
    if (a != i || touched[a]) continue;
    if (outdeg_[w] == 1) {
      const std::uint32_t b = out_idx_[w];
      if (touched[b]) continue;
      E[a].v = E[b].v;
      E[a].p *= E[b].p;
      E[b].p = kDeleted;
      touched[a] = touched[b] = 1;
      ++d_.series;
      changed = true;
    } else if (E[a].p == 1.0) {
      const std::uint32_t u = find(E[a].u, ep);
      if (u == w) continue;
      stamp_c_[w] = ep;
      rep_[w] = u;
      if (stamp_c_[u] != ep) {
        stamp_c_[u] = ep;
        rep_[u] = u;
      }
      E[a].p = kDeleted;
      touched[a] = 1;
      ++d_.merges;
      changed = true;
    }
  }
  if (!changed) return false;
  for (REdge& e : E) {
    e.u = find(e.u, ep);
    e.v = find(e.v, ep); // merged nodes have no other in-edge, kept for safety
  }
  filter(E, [](const REdge& e) { return e.p != kDeleted; });
  return true;
}

Status Factoring::simplify(std::vector<REdge>& E) {
  for (;;) {
    // Edges into the root are moot; an edge out of the target, or a self-loop, can only fire
    // after its head is reached: irrelevant for an OR head, fatal for an AND head.
    for (REdge& e : E) {
      if (e.v == kRoot)
        e.p = kDeleted;
      else if (e.u == target_ || e.u == e.v)
        e.p = is_and_[e.v] ? 0.0 : kDeleted;
    }
    filter(E, [](const REdge& e) { return e.p != kDeleted; });
    bool reached = false;
    if (contract(E, reached)) {
      if (reached) return Status::Reached;
      continue;
    }
    if (!prune(E)) return Status::Unreachable;
    if (merge_parallel(E)) continue;
    if (series(E)) continue;
    return Status::Open; // sorted by (u, v) without duplicates: a canonical form
  }
}

double Factoring::solve(const std::vector<REdge>& E) {
  if (++d_.factoring_steps > opt_.max_factoring_steps)
    throw ExactLimitError("exact reach: more than " + std::to_string(opt_.max_factoring_steps) +
                          " factoring steps");
  if (opt_.cancel) opt_.cancel->throw_if_cancelled();
  std::string key(reinterpret_cast<const char*>(E.data()), E.size() * sizeof(REdge));
  if (auto it = memo_.find(key); it != memo_.end()) {
    ++d_.memo_hits;
    return it->second;
  }
  // Factor on the first uncertain edge out of the root: "works" moves its head into the
  // reached set, which is what lets the reductions collapse the rest.
  std::size_t pick = 0;
  while (pick < E.size() && !(E[pick].u == kRoot && E[pick].p < 1.0)) ++pick;
  if (pick == E.size()) // cannot happen: an open residual graph has uncertain root edges
    throw AnalysisError("exact reach: internal error, no uncertain edge to factor on");
  const double p = E[pick].p;
  auto branch = [&](double value) {
    std::vector<REdge> sub = E;
    sub[pick].p = value;
    switch (simplify(sub)) {
    case Status::Reached:
      return 1.0;
    case Status::Unreachable:
      return 0.0;
    case Status::Open:
      break;
    }
    return solve(sub);
  };
  const double r = p * branch(1.0) + (1.0 - p) * branch(0.0);
  if (memo_bytes_ < (std::size_t{256} << 20)) {
    memo_bytes_ += key.size() + 64;
    memo_.emplace(std::move(key), r);
  }
  return r;
}

} // namespace

ExactReach exact_reach_probability(const AttackGraph& g, std::span<const NodeId> sources, NodeId target,
                                   const ExactReachOptions& options) {
  const std::size_t n = g.node_count();
  for (NodeId s : sources)
    if (s >= n) throw GraphError("source node id " + std::to_string(s) + " out of range");
  if (target >= n) throw GraphError("target node id " + std::to_string(target) + " out of range");
  check_limit("exact limit (uncertain edges)", options.max_uncertain_edges, 0, kMaxExactUncertainEdges);
  ExactReach result;
  result.target = target;

  // Conservative pruning on the full graph (AND nodes treated as OR here; the residual graph
  // applies the exact AND-aware pruning).
  std::vector<std::uint8_t> fwd(n, 0), bwd(n, 0);
  std::vector<NodeId> stack;
  for (NodeId s : sources)
    if (g.prior(s) > 0.0 && !fwd[s]) {
      fwd[s] = 1;
      stack.push_back(s);
    }
  while (!stack.empty()) {
    NodeId u = stack.back();
    stack.pop_back();
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (g.p(e) > 0.0 && !fwd[g.to(e)]) {
        fwd[g.to(e)] = 1;
        stack.push_back(g.to(e));
      }
  }
  if (!fwd[target]) return result; // probability 0, nothing relevant
  bwd[target] = 1;
  stack.push_back(target);
  while (!stack.empty()) {
    NodeId v = stack.back();
    stack.pop_back();
    for (EdgeId e : g.in_edges(v))
      if (g.p(e) > 0.0 && fwd[g.from(e)] && !bwd[g.from(e)]) {
        bwd[g.from(e)] = 1;
        stack.push_back(g.from(e));
      }
  }

  // Local ids: 0 root, then relevant nodes in id order; an AND source also gets an AND helper
  // that carries its in-edges, the source itself becoming "held OR helper reached".
  std::vector<std::uint8_t> is_source(n, 0);
  for (NodeId s : sources) is_source[s] = 1;
  std::vector<std::uint32_t> local(n, 0), helper(n, 0);
  std::vector<std::uint8_t> is_and{0};
  for (NodeId v = 0; v < n; ++v) {
    if (!(fwd[v] && bwd[v])) continue;
    local[v] = static_cast<std::uint32_t>(is_and.size());
    const bool and_node = g.kind(v) == NodeKind::And;
    is_and.push_back(and_node && !is_source[v]);
    if (and_node && is_source[v]) {
      helper[v] = static_cast<std::uint32_t>(is_and.size());
      is_and.push_back(1);
    }
  }
  std::vector<REdge> E;
  for (NodeId v = 0; v < n; ++v) {
    if (!(fwd[v] && bwd[v])) continue;
    const std::uint32_t head = helper[v] ? helper[v] : local[v];
    for (EdgeId e : g.in_edges(v)) {
      const NodeId u = g.from(e);
      if (g.p(e) > 0.0 && fwd[u] && bwd[u])
        E.push_back({local[u], head, g.p(e)});
      else if (g.kind(v) == NodeKind::And)
        E.push_back({kRoot, head, 0.0}); // never fires: dead
    }
    if (helper[v]) E.push_back({helper[v], local[v], 1.0});
    if (is_source[v] && g.prior(v) > 0.0) E.push_back({kRoot, local[v], g.prior(v)});
  }
  ExactReachDetail& d = result.detail;
  d.relevant_nodes = is_and.size();
  d.relevant_edges = E.size();
  if (E.size() > options.max_relevant_edges)
    throw ExactLimitError("exact reach: " + std::to_string(E.size()) +
                          " relevant edges exceed the limit of " +
                          std::to_string(options.max_relevant_edges));

  std::sort(E.begin(), E.end(), by_uv);
  Factoring f(std::move(is_and), local[target], options, d);
  const Status st = f.simplify(E);
  if (st == Status::Reached)
    result.probability = 1.0;
  else if (st == Status::Unreachable)
    result.probability = 0.0;
  else {
    d.reduced_edges = E.size();
    d.uncertain_edges =
        static_cast<std::size_t>(std::count_if(E.begin(), E.end(), [](const REdge& e) { return e.p < 1.0; }));
    if (d.uncertain_edges > options.max_uncertain_edges)
      throw ExactLimitError("exact reach: " + std::to_string(d.uncertain_edges) +
                            " uncertain edges remain after reductions, above the limit of " +
                            std::to_string(options.max_uncertain_edges));
    result.probability = std::clamp(f.solve(E), 0.0, 1.0);
  }
  return result;
}

} // namespace zonepath
