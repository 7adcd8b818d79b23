#include "zonepath/core/ttc_simulation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <string>

#include "sample_blocks.hpp"
#include "sample_graph.hpp"
#include "success_masks.hpp"
#include "time_radix_heap.hpp"
#include "ttc_lanes.hpp"
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

constexpr std::uint32_t kNotReached = 0xFFFFFFFFu; // aux of an OR node not yet reached
constexpr std::uint32_t kHeld = 0xFFFFFFFEu;       // aux of a held source
constexpr std::uint32_t kAllIn = 0xFFFFFFFDu;      // aux of a complete AND node: all its in-edges
constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr std::uint64_t kMaxTimeEntries = std::uint64_t{1} << 27;

// Per node and sample: a 4-byte stamp, read for every edge tried, kept apart from the 16-byte
// arrival record that only successful edges touch, so that the hot array stays small enough
// for the L2 cache. stamp == 4 epoch + kSeen / kHeldSource / kSettled; older values: untouched.
// aux: OR node, the sampled edge it arrived by; AND node, the count of successful in-edges
// until all are in, then kAllIn; kHeld for a held source.
constexpr std::uint32_t kSeen = 0, kHeldSource = 1, kSettled = 2;
struct Arrival {
  double dist; // OR: best arrival so far; AND: latest prerequisite so far
  std::uint32_t aux;
  std::uint32_t pad;
};

struct TtcWorkspace {
  std::vector<std::uint32_t> stamp; // per local node
  std::vector<Arrival> arrival;     // per local node
  std::vector<std::uint32_t> mark;  // == epoch: visited by the criticality walk
  detail::TimeRadixHeap heap;
  std::vector<NodeId> stack;
  std::vector<std::uint32_t> edge_hits; // criticality counts by attack-graph edge id
  std::vector<std::uint64_t> success;   // success bits of the current block (success_masks)
  std::uint32_t epoch = 0;

  TtcWorkspace(std::size_t n, std::size_t m, std::size_t success_words)
      : stamp(n, 0), arrival(n, Arrival{kNever, kNotReached, 0}), mark(n, 0), edge_hits(m, 0),
        success(std::size_t{detail::kLanes} * success_words, 0) {}
  void next_epoch() {
    if (++epoch == 0x3FFFFFFFu) { // 4 epoch + 3 must fit: clear stale stamps and restart
      std::fill(stamp.begin(), stamp.end(), 0);
      std::fill(mark.begin(), mark.end(), 0);
      epoch = 1;
    }
  }
};

// Arguments checked once, before any sample runs: the times table holds samples x distinct
// targets doubles.
void check_ttc_arguments(const AttackGraph& g, std::span<const NodeId> sources,
                         std::span<const NodeId> targets, const TtcSimulationOptions& options) {
  check_reach_arguments(g, sources, targets, options.samples);
  if (options.horizon_days && !(*options.horizon_days >= 0.0 && std::isfinite(*options.horizon_days)))
    throw AnalysisError("horizon must be a finite number of days >= 0");
  std::vector<NodeId> t(targets.begin(), targets.end());
  std::sort(t.begin(), t.end());
  const std::size_t distinct = static_cast<std::size_t>(std::unique(t.begin(), t.end()) - t.begin());
  if (options.within_horizon_only && !options.horizon_days)
    throw AnalysisError("within_horizon_only needs a horizon");
  if (options.within_horizon_only && (options.criticality || options.keep_times))
    throw AnalysisError("within_horizon_only keeps neither the winning edges nor the times");
  if (options.samples * distinct > kMaxTimeEntries)
    throw LimitError("simulate: samples x targets = " + std::to_string(options.samples * distinct) +
                     " exceeds the limit of " + std::to_string(kMaxTimeEntries) +
                     "; use fewer samples or targets");
}

// One sample, whose success bits are the row `success` (success_masks): Dijkstra over the
// edges whose first draw succeeds (the same draw as monte_carlo_reach), each taking a sampled
// time; an AND node settles when its last prerequisite arrives. Writes each settled target's
// time to times[(slot - 1) * N + sample].
void settle_sample(const detail::SampleGraph& sg, const detail::EdgeDraws& draws, TtcWorkspace& w,
                   std::uint64_t key, const std::uint64_t* success, std::uint64_t sample, std::uint64_t N,
                   std::size_t reachable_targets, std::vector<double>& times) {
  const NodeId* head = draws.head.data();
  const std::uint32_t seen = 4 * w.epoch + kSeen, held = 4 * w.epoch + kHeldSource,
                      done = 4 * w.epoch + kSettled;
  auto& stamp = w.stamp;
  auto& A = w.arrival;
  auto& heap = w.heap;
  heap.clear();
  for (std::size_t i = 0; i < sg.seeds.size(); ++i)
    if (mc::first_draw_succeeds(key, sg.seed_stream[i], sg.seed_prior[i])) {
      stamp[sg.seeds[i]] = held;
      A[sg.seeds[i]] = Arrival{0.0, kHeld, 0};
      heap.push(0.0, sg.seeds[i]);
    }
  std::size_t left = reachable_targets;
  while (!heap.empty() && left > 0) {
    const detail::TimeRadixHeap::Item top = heap.pop();
    const NodeId u = top.node;
    if (stamp[u] == done) continue; // stale entry
    stamp[u] = done;
    const double t = detail::TimeRadixHeap::time_of(top);
    if (sg.slot[u]) {
      times[(sg.slot[u] - 1) * N + sample] = t;
      --left;
    }
    // The successful out-edges of u in edge order, from the sample's bits 64 edges at a time:
    // failed edges (most of them) cost no edge record, no stamp and no hash.
    const std::uint32_t begin = sg.out_offset[u], end = sg.out_offset[u + 1];
    for (std::uint32_t word = begin / 64; word * 64 < end; ++word) {
      std::uint64_t bits = success[word];
      if (word == begin / 64) bits &= ~std::uint64_t{0} << (begin % 64);
      if (end - word * 64 < 64) bits &= ~(~std::uint64_t{0} << (end - word * 64));
      for (; bits != 0; bits &= bits - 1) {
        const std::uint32_t i = word * 64 + static_cast<std::uint32_t>(std::countr_zero(bits));
        const NodeId v = head[i];
        const std::uint32_t sv = stamp[v];
        if (sv == done || sv == held) continue; // settled, or held from the start
        const detail::SampleEdge& e = sg.edges[i];
        mc::CounterRng rng(mc::stream_key(key, e.stream));
        rng.next(); // the success draw, already taken from the bits: durations use what follows
        const double arrival = t + sg.ttc[e.ttc].sample(rng);
        Arrival& av = A[v];
        if (sg.is_and(v)) {
          if (sv != seen) {
            stamp[v] = seen;
            av = Arrival{arrival, 0, 0};
          } else {
            av.dist = std::max(av.dist, arrival);
          }
          if (++av.aux == sg.in_degree(v)) {
            av.aux = kAllIn;
            heap.push(av.dist, v);
          }
        } else if (sv != seen || arrival < av.dist) {
          // The head will be settled later: start fetching its out-edges into the cache now
          // (the first load of a node's edge range is the loop's main stall otherwise).
          if (sv != seen) {
            __builtin_prefetch(&success[sg.out_offset[v] / 64], 0, 1);
            __builtin_prefetch(&head[sg.out_offset[v]], 0, 1);
          }
          stamp[v] = seen;
          av = Arrival{arrival, i, 0};
          heap.push(arrival, v);
        }
      }
    }
  }
}

// Winning paths of the sample just settled: walks the predecessor tree back from every settled
// target and counts each edge on it once (an AND node's every in-edge).
void count_winning_edges(const AttackGraph& g, const detail::SampleGraph& sg, TtcWorkspace& w) {
  const std::uint32_t done = 4 * w.epoch + kSettled;
  auto& stack = w.stack;
  stack.clear();
  const std::uint32_t ep = w.epoch;
  auto visit = [&](NodeId v) {
    if (w.mark[v] != ep) {
      w.mark[v] = ep;
      stack.push_back(v);
    }
  };
  for (NodeId t : sg.slots)
    if (sg.local_of[t] != kNoNode && w.stamp[sg.local_of[t]] == done) visit(sg.local_of[t]);
  while (!stack.empty()) {
    const NodeId v = stack.back();
    stack.pop_back();
    const std::uint32_t aux = w.arrival[v].aux;
    if (aux == kHeld) continue;
    if (aux == kAllIn) {
      for (EdgeId e : g.in_edges(sg.orig_node[v])) {
        ++w.edge_hits[e];
        visit(sg.local_of[g.from(e)]);
      }
    } else {
      const EdgeId e = sg.orig_edge[aux];
      ++w.edge_hits[e];
      visit(sg.local_of[g.from(e)]);
    }
  }
}

// One run's shared, read-only inputs and its output table, for the blocks of samples.
struct SampleRun {
  const AttackGraph& g;
  const detail::SampleGraph& sg;
  const detail::EdgeDraws& draws;
  const TtcSimulationOptions& options;
  std::size_t reachable_targets;
  std::vector<double>& times; // times[slot * N + sample]: written by the one thread that runs the sample
  // within_horizon_only: reached[slot * N + sample] (times then stop at the horizon)
  std::vector<std::uint8_t>& reached;
};

// Samples [64 b, 64 b + 64) propagated together: the rows of times (and, when the times stop at
// the horizon, the reach bits).
void run_lane_block(const SampleRun& run, detail::LaneSearch& search, std::size_t block) {
  if (run.options.cancel && run.options.cancel->cancelled()) throw CancelledError("TTC simulation cancelled");
  const std::uint64_t N = run.options.samples, first = std::uint64_t{block} * detail::kLanes;
  const unsigned lanes = static_cast<unsigned>(std::min<std::uint64_t>(detail::kLanes, N - first));
  detail::LaneKeys keys{};
  for (unsigned l = 0; l < lanes; ++l) keys[l] = mc::sample_key(run.options.seed, first + l);
  const auto& slots = run.sg.slots;
  if (run.options.within_horizon_only) {
    search.run_within(keys, lanes, *run.options.horizon_days);
    for (std::size_t k = 0; k < slots.size(); ++k)
      if (const NodeId v = run.sg.local_of[slots[k]]; v != kNoNode)
        for (unsigned l = 0; l < lanes; ++l)
          run.reached[k * N + first + l] = (search.reached_at_all(v) >> l) & 1;
  } else {
    search.run(keys, lanes, kNever);
  }
  for (std::size_t k = 0; k < slots.size(); ++k)
    if (const NodeId v = run.sg.local_of[slots[k]]; v != kNoNode)
      for (unsigned l = 0; l < lanes; ++l) run.times[k * N + first + l] = search.time(v, l);
  progress_advance(run.options.progress, lanes);
}

// Samples [64 b, 64 b + 64) (fewer in the last block): their success bits in one vectorised
// pass over the edges, then one search per sample.
void run_block(const SampleRun& run, TtcWorkspace& w, std::size_t block) {
  const std::uint64_t N = run.options.samples, first = std::uint64_t{block} * detail::kLanes;
  const unsigned lanes = static_cast<unsigned>(std::min<std::uint64_t>(detail::kLanes, N - first));
  detail::LaneKeys keys{};
  for (unsigned l = 0; l < lanes; ++l) keys[l] = mc::sample_key(run.options.seed, first + l);
  detail::success_masks(run.draws, keys, lanes, w.success.data());
  for (unsigned l = 0; l < lanes; ++l) {
    if (run.options.cancel && run.options.cancel->cancelled())
      throw CancelledError("TTC simulation cancelled");
    w.next_epoch();
    settle_sample(run.sg, run.draws, w, keys[l], w.success.data() + std::size_t{l} * run.draws.words(),
                  first + l, N, run.reachable_targets, run.times);
    count_winning_edges(run.g, run.sg, w);
  }
  // Counted per block: a sample of a small graph takes about as long as a clock read.
  progress_advance(run.options.progress, lanes);
}

// Reach, TTC mean and quantiles, and the horizon share of one target from its N sample times.
// Serial in sample order, so the floating sum does not depend on the thread count.
TtcTarget summarise_target(NodeId node, const double* row, std::uint64_t N, std::optional<double> horizon,
                           std::vector<double>& ok) {
  TtcTarget r;
  r.node = node;
  ok.clear();
  double sum = 0.0;
  for (std::uint64_t s = 0; s < N; ++s)
    if (row[s] < kNever) {
      ok.push_back(row[s]);
      sum += row[s];
      if (horizon && row[s] <= *horizon) ++r.within_horizon_hits;
    }
  r.hits = ok.size();
  r.reach_probability = double(r.hits) / double(N);
  r.ci95 = wilson_interval(r.hits, N);
  std::sort(ok.begin(), ok.end());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.ttc_days = {ok.empty() ? nan : sum / double(ok.size()), nearest_rank_quantile(ok, 10),
                nearest_rank_quantile(ok, 50), nearest_rank_quantile(ok, 90)};
  if (horizon) {
    r.within_horizon = double(r.within_horizon_hits) / double(N);
    r.within_horizon_ci95 = wilson_interval(r.within_horizon_hits, N);
  }
  return r;
}

// Reach and the horizon share of one target when the times stop at the horizon: reached
// samples from `reached`, those within the horizon are the ones with a time.
TtcTarget summarise_within_horizon(NodeId node, const double* row, const std::uint8_t* reached,
                                   std::uint64_t N) {
  TtcTarget r;
  r.node = node;
  for (std::uint64_t s = 0; s < N; ++s) {
    r.hits += reached[s];
    r.within_horizon_hits += row[s] < kNever;
  }
  r.reach_probability = double(r.hits) / double(N);
  r.ci95 = wilson_interval(r.hits, N);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.ttc_days = {nan, nan, nan, nan};
  r.within_horizon = double(r.within_horizon_hits) / double(N);
  r.within_horizon_ci95 = wilson_interval(r.within_horizon_hits, N);
  return r;
}

// Edges on winning paths, most samples first (ties by edge id), the first `top` (0: all).
std::vector<EdgeCriticality> rank_critical_edges(const PerThread<TtcWorkspace>& workspaces, std::size_t m,
                                                 std::uint64_t N, std::size_t top) {
  std::vector<std::uint64_t> edge_hits(m, 0);
  for (const auto& w : workspaces)
    for (std::size_t e = 0; e < w.edge_hits.size(); ++e) edge_hits[e] += w.edge_hits[e];
  std::vector<EdgeCriticality> out;
  for (EdgeId e = 0; e < m; ++e)
    if (edge_hits[e]) out.push_back({e, edge_hits[e], double(edge_hits[e]) / double(N)});
  auto order = [](const EdgeCriticality& a, const EdgeCriticality& b) {
    return a.samples > b.samples || (a.samples == b.samples && a.edge < b.edge);
  };
  if (top == 0) top = out.size();
  if (out.size() > top) {
    std::partial_sort(out.begin(), out.begin() + top, out.end(), order);
    out.resize(top);
  } else {
    std::sort(out.begin(), out.end(), order);
  }
  return out;
}

} // namespace

TtcSimulationResult simulate_ttc(const AttackGraph& g, std::span<const NodeId> sources,
                                 std::span<const NodeId> targets, const TtcSimulationOptions& options) {
  check_ttc_arguments(g, sources, targets, options);
  const std::uint64_t N = options.samples;
  const detail::SampleGraph sg = detail::make_sample_graph(g, sources, targets);
  const std::size_t n = sg.node_count(), m = g.edge_count();
  std::size_t reachable_targets = 0;
  for (NodeId t : sg.slots) reachable_targets += sg.local_of[t] != kNoNode;

  const detail::EdgeDraws draws = detail::EdgeDraws::of(sg);
  std::vector<double> times(N * sg.slots.size(), kNever);
  std::vector<std::uint8_t> reached(options.within_horizon_only ? N * sg.slots.size() : 0, 0);
  const SampleRun run{g, sg, draws, options, reachable_targets, times, reached};
  TtcSimulationResult result;
  if (options.criticality) {
    PerThread<TtcWorkspace> workspaces([&] { return TtcWorkspace(n, m, draws.words()); });
    detail::for_each_sample_block(N, workspaces,
                                  [&](TtcWorkspace& w, std::size_t b) { run_block(run, w, b); });
    result.critical_edges = rank_critical_edges(workspaces, m, N, options.top_critical_edges);
  } else {
    const detail::AndInEdges and_in = detail::AndInEdges::of(sg);
    const detail::TargetExits exits = detail::TargetExits::of(sg);
    PerThread<detail::LaneSearch> searches([&] { return detail::LaneSearch(sg, draws, and_in, exits); });
    detail::for_each_sample_block(N, searches,
                                  [&](detail::LaneSearch& s, std::size_t b) { run_lane_block(run, s, b); });
  }

  result.samples = N;
  result.seed = options.seed;
  result.horizon_days = options.horizon_days;
  std::vector<TtcTarget> per_slot;
  std::vector<double> ok;
  for (std::size_t k = 0; k < sg.slots.size(); ++k)
    per_slot.push_back(
        options.within_horizon_only
            ? summarise_within_horizon(sg.slots[k], times.data() + k * N, reached.data() + k * N, N)
            : summarise_target(sg.slots[k], times.data() + k * N, N, options.horizon_days, ok));
  for (std::size_t i = 0; i < targets.size(); ++i) result.targets.push_back(per_slot[sg.target_slot[i]]);
  if (options.keep_times) {
    result.times.resize(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const double* row = times.data() + sg.target_slot[i] * N;
      result.times[i].assign(row, row + N);
    }
  }
  return result;
}

} // namespace zonepath
