#include "zonepath/core/ttc_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <tbb/enumerable_thread_specific.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/parallel.hpp"

namespace zonepath {

double nearest_rank_quantile(std::span<const double> sorted, unsigned percent) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  // Integer arithmetic: ceil(0.1 * 1000) must be 100, not 101 through rounding.
  std::uint64_t k = (std::uint64_t{percent} * sorted.size() + 99) / 100;
  k = std::clamp<std::uint64_t>(k, 1, sorted.size());
  return sorted[k - 1];
}

namespace {

constexpr EdgeId kHeld = kNoEdge;      // pred of a held source
constexpr EdgeId kAllIn = kNoEdge - 1; // pred of an AND node: all its in-edges
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint64_t kMaxTimeEntries = std::uint64_t{1} << 27;

// 32 bytes: one cache line holds two nodes' whole state.
struct NodeState {
  double dist;         // OR: best arrival so far; AND: latest prerequisite so far
  std::uint32_t seen;  // == epoch: dist, count, pred valid
  std::uint32_t done;  // == epoch: settled
  std::uint32_t count; // AND: successful in-edges so far
  EdgeId pred;
  std::uint32_t mark;  // == epoch: visited by the criticality walk
  std::uint32_t pad;
};

struct HeapItem {
  double time;
  NodeId node;
};
// Min-heap on (time, node): a total order, so ties settle identically on every run.
struct Later {
  bool operator()(const HeapItem& a, const HeapItem& b) const {
    return a.time > b.time || (a.time == b.time && a.node > b.node);
  }
};

struct TtcWorkspace {
  std::vector<NodeState> state;
  std::vector<HeapItem> heap;
  std::vector<NodeId> stack;
  std::vector<std::uint32_t> edge_hits; // criticality counts, this thread's samples
  std::uint32_t epoch = 0;

  TtcWorkspace(std::size_t n, std::size_t m)
      : state(n, NodeState{kInf, 0, 0, 0, kNoEdge, 0, 0}), edge_hits(m, 0) {
    heap.reserve(256);
  }
  void next_epoch() {
    if (++epoch == 0) {
      for (auto& s : state) s.seen = s.done = s.mark = 0;
      epoch = 1;
    }
  }
};

} // namespace

TtcSimulationResult simulate_ttc(const AttackGraph& g, std::span<const NodeId> sources,
                                 std::span<const NodeId> targets,
                                 const TtcSimulationOptions& options) {
  check_reach_arguments(g, sources, targets, options.samples);
  if (options.horizon_days && !(*options.horizon_days >= 0.0 && std::isfinite(*options.horizon_days)))
    throw AnalysisError("horizon must be a finite number of days >= 0");
  const std::size_t n = g.node_count(), m = g.edge_count();
  const std::uint64_t N = options.samples;

  // Distinct targets get a slot; the output lists targets in the order given.
  std::vector<std::uint32_t> slot_of(n, 0); // slot + 1
  std::vector<NodeId> slots;
  for (NodeId t : targets)
    if (!slot_of[t]) {
      slots.push_back(t);
      slot_of[t] = static_cast<std::uint32_t>(slots.size());
    }
  if (N * slots.size() > kMaxTimeEntries)
    throw LimitError("simulate: samples x targets = " + std::to_string(N * slots.size()) +
                     " exceeds the limit of " + std::to_string(kMaxTimeEntries) +
                     "; use fewer samples or targets");
  const std::vector<std::uint8_t> relevant = ancestor_mask(g, targets);
  std::vector<NodeId> seeds;
  for (NodeId s : sources)
    if (relevant[s] && std::find(seeds.begin(), seeds.end(), s) == seeds.end()) seeds.push_back(s);

  // times[slot * N + sample]: written by the one thread that runs the sample.
  std::vector<double> times(N * slots.size(), kInf);
  tbb::enumerable_thread_specific<TtcWorkspace> workspaces([&] { return TtcWorkspace(n, m); });

  auto run_sample = [&](TtcWorkspace& w, std::uint64_t sample) {
    const std::uint64_t key = mc::sample_key(options.seed, sample);
    w.next_epoch();
    const std::uint32_t ep = w.epoch;
    auto& S = w.state;
    auto& heap = w.heap;
    heap.clear();
    auto push = [&](double t, NodeId v) {
      heap.push_back({t, v});
      std::push_heap(heap.begin(), heap.end(), Later{});
    };
    for (NodeId s : seeds)
      if (mc::source_held(key, s, g.prior(s))) {
        S[s] = NodeState{0.0, ep, 0, 0, kHeld, 0, 0};
        push(0.0, s);
      }
    std::size_t left = slots.size();
    while (!heap.empty() && left > 0) {
      std::pop_heap(heap.begin(), heap.end(), Later{});
      const HeapItem top = heap.back();
      heap.pop_back();
      NodeState& su = S[top.node];
      if (su.done == ep) continue; // stale entry
      su.done = ep;
      const NodeId u = top.node;
      const double t = top.time;
      if (slot_of[u]) {
        times[(slot_of[u] - 1) * N + sample] = t;
        --left;
      }
      for (EdgeId e = g.out_begin(u), end = g.out_end(u); e < end; ++e) {
        const NodeId v = g.to(e);
        if (!relevant[v]) continue;
        NodeState& sv = S[v];
        if (sv.seen == ep && (sv.done == ep || sv.pred == kHeld)) continue;
        mc::CounterRng rng(mc::edge_key(key, e));
        if (!rng.bernoulli(g.p(e))) continue; // same first draw as monte_carlo_reach
        const double arrival = t + g.ttc(e).sample(rng);
        if (sv.seen != ep) sv = NodeState{kInf, ep, 0, 0, kNoEdge, sv.mark, 0};
        if (g.kind(v) == NodeKind::And) {
          sv.dist = sv.count == 0 ? arrival : std::max(sv.dist, arrival);
          if (++sv.count == g.in_degree(v)) {
            sv.pred = kAllIn;
            push(sv.dist, v);
          }
        } else if (arrival < sv.dist) {
          sv.dist = arrival;
          sv.pred = e;
          push(arrival, v);
        }
      }
    }
    // Winning paths: walk the predecessor tree back from every settled target.
    auto& stack = w.stack;
    stack.clear();
    auto visit = [&](NodeId v) {
      if (S[v].mark != ep) {
        S[v].mark = ep;
        stack.push_back(v);
      }
    };
    for (NodeId t : slots)
      if (S[t].done == ep && S[t].seen == ep) visit(t);
    while (!stack.empty()) {
      const NodeId v = stack.back();
      stack.pop_back();
      const EdgeId pred = S[v].pred;
      if (pred == kHeld) continue;
      if (pred == kAllIn) {
        for (EdgeId e : g.in_edges(v)) {
          ++w.edge_hits[e];
          visit(g.from(e));
        }
      } else {
        ++w.edge_hits[pred];
        visit(g.from(pred));
      }
    }
  };

  ParallelOptions par;
  par.serial_below = 2;
  const CancelToken* cancel = options.cancel;
  parallel_for_range(N, [&](std::size_t begin, std::size_t end) {
    TtcWorkspace& w = workspaces.local();
    for (std::size_t s = begin; s < end; ++s) {
      if (cancel && cancel->cancelled()) throw CancelledError("TTC simulation cancelled");
      run_sample(w, s);
    }
  }, par);

  TtcSimulationResult result;
  result.samples = N;
  result.seed = options.seed;
  result.horizon_days = options.horizon_days;
  // Aggregates run serially in sample order: floating sums are then independent of threads.
  std::vector<TtcTarget> per_slot(slots.size());
  std::vector<double> ok;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    TtcTarget& r = per_slot[k];
    r.node = slots[k];
    const double* row = times.data() + k * N;
    ok.clear();
    double sum = 0.0;
    for (std::uint64_t s = 0; s < N; ++s)
      if (row[s] < kInf) {
        ok.push_back(row[s]);
        sum += row[s];
        if (options.horizon_days && row[s] <= *options.horizon_days) ++r.within_horizon_hits;
      }
    r.hits = ok.size();
    r.reach_probability = double(r.hits) / double(N);
    r.ci95 = wilson_interval(r.hits, N);
    std::sort(ok.begin(), ok.end());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.ttc_days = {ok.empty() ? nan : sum / double(ok.size()), nearest_rank_quantile(ok, 10),
                  nearest_rank_quantile(ok, 50), nearest_rank_quantile(ok, 90)};
    if (options.horizon_days) {
      r.within_horizon = double(r.within_horizon_hits) / double(N);
      r.within_horizon_ci95 = wilson_interval(r.within_horizon_hits, N);
    }
  }
  for (NodeId t : targets) result.targets.push_back(per_slot[slot_of[t] - 1]);

  std::vector<std::uint64_t> edge_hits(m, 0);
  for (const auto& w : workspaces)
    for (std::size_t e = 0; e < w.edge_hits.size(); ++e) edge_hits[e] += w.edge_hits[e];
  for (EdgeId e = 0; e < m; ++e)
    if (edge_hits[e]) result.critical_edges.push_back({e, edge_hits[e], double(edge_hits[e]) / double(N)});
  auto order = [](const EdgeCriticality& a, const EdgeCriticality& b) {
    return a.samples > b.samples || (a.samples == b.samples && a.edge < b.edge);
  };
  const std::size_t top = options.top_critical_edges ? options.top_critical_edges : result.critical_edges.size();
  if (result.critical_edges.size() > top) {
    std::partial_sort(result.critical_edges.begin(), result.critical_edges.begin() + top,
                      result.critical_edges.end(), order);
    result.critical_edges.resize(top);
  } else {
    std::sort(result.critical_edges.begin(), result.critical_edges.end(), order);
  }

  if (options.keep_times) {
    result.times.resize(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const double* row = times.data() + (slot_of[targets[i]] - 1) * N;
      result.times[i].assign(row, row + N);
    }
  }
  return result;
}

} // namespace zonepath
