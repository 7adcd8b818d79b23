#include "ttc_lanes.hpp"

#include <algorithm>
#include <bit>

#include "zonepath/core/log_unit.hpp"
#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath::detail {

namespace {

// The duration of sampled edge `e` in the sample whose key is `key`: the draws that follow the
// success draw of its stream, as in the Dijkstra searches.
double duration(const SampleGraph& sg, const SampleEdge& e, std::uint64_t key) {
  mc::CounterRng rng(mc::stream_key(key, e.stream));
  rng.next();
  return sg.ttc[e.ttc].sample(rng);
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) &&     \
    !defined(__SANITIZE_THREAD__)
#define ZONEPATH_DURATION_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define ZONEPATH_DURATION_CLONES
#endif

// The draws u of one exponential edge in `count` samples whose stream keys (sample key ^ edge
// stream) are state[0, count) (CounterRng(state): the first draw is splitmix64(state), the
// duration's the second, splitmix64(state + step)), and whether each sample's arrival through
// the edge may still beat the head's time `head` from the tail's `tail` within `bound`. The
// duration -mean ln u is at least mean (y + y^2/2 + y^3/3 + y^4/4) with y = 1 - u (the series
// of -ln(1 - y), whose terms are all positive); where even that arrives too late, so does the
// exact duration (floating addition is monotone; the 2^-30 margin covers the roundings), and
// its logarithm is not needed: about half of the samples a relaxation opens on plant graphs.
//
// The kernels below take whole groups of kGroup entries, padded by their callers: an edge opens
// about ten lanes, and a loop over an arbitrary count ran mostly in its scalar remainder.
constexpr unsigned kGroup = 8;

constexpr unsigned groups_of(unsigned count) {
  return (count + kGroup - 1) / kGroup;
}

ZONEPATH_DURATION_CLONES
void exponential_draws(double mean, const std::uint64_t* state, const double* tail, const double* head,
                       double bound, unsigned groups, double* unit, std::uint64_t* may_fall) {
  for (unsigned j = 0, count = groups * kGroup; j < count; ++j) {
    const std::uint64_t x = splitmix64(state[j] + 0x9E3779B97F4A7C15ull);
    const double u = (double(x >> 11) + 0.5) * 0x1.0p-53, y = 1.0 - u;
    const double least = mean * (y * (1.0 + y * (0.5 + y * (1.0 / 3.0 + y * 0.25)))) * (1.0 - 0x1.0p-30);
    const double arrival = tail[j] + least;
    unit[j] = u;
    may_fall[j] = std::uint64_t(arrival < head[j]) & std::uint64_t(arrival <= bound);
  }
}

// -mean ln u for u in unit[0, count): TtcDistribution::sample's exponential, in one loop the
// compiler vectorises (the logarithm was the largest single cost of a sample). Every clone
// computes the same bits.
ZONEPATH_DURATION_CLONES
void exponential_durations(double mean, const double* unit, unsigned groups, double* out) {
  for (unsigned j = 0, count = groups * kGroup; j < count; ++j) out[j] = -mean * log_unit(unit[j]);
}

// The lanes in which a tail's time is below its head's (an arrival through the edge can only
// beat the head there: durations are >= 0), for all 64 lanes at once: one vectorised compare
// into bytes (lane_bits).
ZONEPATH_DURATION_CLONES
std::uint64_t earlier_lanes(const double* tail, const double* head) {
  alignas(64) std::uint8_t earlier[kLanes];
  for (unsigned l = 0; l < kLanes; ++l) earlier[l] = tail[l] < head[l];
  return lane_bits(earlier);
}

// Durations of sampled edge `e` of a kind other than exponential in the samples of the stream
// keys state[0, count).
void other_durations(const TtcDistribution& d, const std::uint64_t* state, unsigned count, double* out) {
  if (d.kind == TtcKind::Fixed) {
    std::fill_n(out, count, double(d.a));
    return;
  }
  for (unsigned j = 0; j < count; ++j) {
    mc::CounterRng rng(state[j]);
    rng.next();
    out[j] = d.sample(rng);
  }
}

// Of the `count` open lanes of an exponential edge (open[j], stream key state[j]) between rows
// tu and tv, keeps in open[0, kept) those whose arrival may still fall (below the head's time
// and its exit cap, which is +inf without exits), with their durations; returns kept. `state`
// has room for the padding (kLanes entries).
unsigned exponential_arrivals(double mean, const double* tu, const double* tv, const double* cap,
                              double bound, std::uint8_t* open, std::uint64_t* state, unsigned count,
                              double* duration_of) {
  if (count == 0) return 0;
  double tail[kLanes], head[kLanes], unit[kLanes];
  std::uint64_t may_fall[kLanes]; // as wide as the other columns: a byte column made the loop 32 wide
  for (unsigned j = 0; j < count; ++j) {
    tail[j] = tu[open[j]];
    head[j] = std::min(tv[open[j]], cap[open[j]]);
  }
  const unsigned groups = groups_of(count);
  for (unsigned j = count; j < groups * kGroup; ++j) { // padding that never falls
    state[j] = 0;
    tail[j] = kNeverTime;
    head[j] = 0.0;
  }
  exponential_draws(mean, state, tail, head, bound, groups, unit, may_fall);
  unsigned kept = 0;
  for (unsigned j = 0; j < count; ++j) { // without branches, as below
    open[kept] = open[j];
    unit[kept] = unit[j];
    kept += may_fall[j];
  }
  const unsigned kept_groups = groups_of(kept);
  for (unsigned j = kept; j < kept_groups * kGroup; ++j) unit[j] = 0.5; // padding
  exponential_durations(mean, unit, kept_groups, duration_of);
  return kept;
}

} // namespace

LaneSearch::LaneSearch(const SampleGraph& sg, const EdgeDraws& draws, const AndInEdges& and_in,
                       const TargetExits& exits)
    : sg_(sg), and_in_(and_in), exits_(exits), success_(draws), fallen_(sg.node_count(), 0),
      held_(sg.node_count(), 0), reached_(sg.node_count(), 0), queued_(sg.node_count(), 0),
      touched_flag_(sg.node_count(), 0), queue_(sg.node_count()) {
  std::fill_n(no_cap_, kLanes, kNeverTime);
  std::fill_n(via_, kLanes, kNeverTime);
}

void LaneSearch::reset() {
  ++lowered_; // the rows are cleared: earlier_than_exits' answer is stale
  for (NodeId v : touched_) {
    if (!time_.empty())
      std::fill_n(time_.begin() + std::ptrdiff_t(std::size_t{v} * kLanes), kLanes, kNeverTime);
    held_[v] = 0;
    reached_[v] = 0;
    touched_flag_[v] = 0;
  }
  touched_.clear();
  queue_.clear();
}

void LaneSearch::touch(NodeId v) {
  if (!touched_flag_[v]) {
    touched_flag_[v] = 1;
    touched_.push_back(v);
  }
}

// Marks lanes of v whose time fell and queues v to pass them on. First in, first out: while
// a node waits, the lanes that fall meanwhile join the ones it will pass on. (Expanding the
// earliest node first, as Dijkstra does, was 1.5x slower on plant graphs: a node is expanded
// for its earliest lane while its other lanes are still falling.)
void LaneSearch::lower(NodeId v, std::uint64_t fallen) {
  ++lowered_;
  touch(v);
  if (settling_ && sg_.slot[v]) settle(v, fallen);
  fallen_[v] |= fallen;
  if (queued_[v]) return;
  queued_[v] = 1;
  queue_.push(v);
  // The first load of a row is the loop's main stall: start it when the node is queued.
  if (!time_.empty()) __builtin_prefetch(time_.data() + std::size_t{v} * kLanes, 0, 1);
}

std::uint64_t LaneSearch::held_lanes(std::size_t seed, unsigned lanes) const {
  const LaneKeys& keys = success_.keys();
  std::uint64_t held = 0;
  for (unsigned l = 0; l < lanes; ++l)
    if (mc::first_draw_succeeds(keys[l], sg_.seed_stream[seed], sg_.seed_prior[seed]))
      held |= std::uint64_t{1} << l;
  return held;
}

// The block's held sources: held_ and queued, for either propagation to set its start.
void LaneSearch::seed(unsigned lanes) {
  for (std::size_t i = 0; i < sg_.seeds.size(); ++i) {
    const NodeId s = sg_.seeds[i];
    const std::uint64_t held = held_lanes(i, lanes);
    if (!held) continue;
    held_[s] |= held;
    lower(s, held);
  }
}

// OR head of the parallel edges [first, last) from u: each lane's earliest arrival through
// them, where it can beat the head's time (a tail no earlier than the head cannot: durations
// are >= 0). Their arrivals meet in the head's row, read and queued once for the run; a head
// with exits has no row of its own (pass_through).
void LaneSearch::relax_or(NodeId u, std::uint32_t first, std::uint32_t last, std::uint64_t fallen,
                          double bound) {
  const double* tu = &time_[std::size_t{u} * kLanes];
  const NodeId v = sg_.edges[first].to;
  if (exits_.has(v)) {
    const double* cap = nullptr;
    std::uint64_t lanes = fallen & earlier_than_exits(u, v, cap);
    if (lanes) lanes &= success_.any_of(first, last);
    if (lanes) pass_through(tu, first, last, lanes, cap, bound);
    return;
  }
  arrive_at(tu, first, last, fallen, bound);
}

// The arrivals through the parallel edges [first, last) from the tail's row `tail` in `lanes`
// that beat their head's time, written to the head's row; queues the head for those that fell.
void LaneSearch::arrive_at(const double* tail, std::uint32_t first, std::uint32_t last, std::uint64_t lanes,
                           double bound) {
  const NodeId v = sg_.edges[first].to;
  double* tv = &time_[std::size_t{v} * kLanes];
  const std::uint64_t earlier = lanes & earlier_lanes(tail, tv);
  if (!earlier) return;
  std::uint64_t fell = 0;
  for (std::uint32_t i = first; i < last; ++i)
    fell |= arrive_by(tail, i, success_.word(i) & earlier, tv, no_cap_, bound);
  if (fell) lower(v, fell);
}

// The arrivals through the parallel edges [first, last) from the tail's row tu at v, a node
// with exits, passed straight on to those exits: v's row is neither read nor written and v is
// not queued. The exits' times are the same bits as through v's row: v's time would be the
// least of its arrivals, and fl(x + d) is monotone in x, so the least of fl(arrival + d) over
// them is fl(least arrival + d). An arrival at v is kept only where it beats the exits' cap,
// and passed on to an exit only where it beats that exit's own time.
void LaneSearch::pass_through(const double* tu, std::uint32_t first, std::uint32_t last, std::uint64_t lanes,
                              const double* cap, double bound) {
  std::uint64_t at_v = 0;
  for (std::uint32_t i = first; i < last; ++i)
    at_v |= arrive_by(tu, i, success_.word(i) & lanes, via_, cap, bound);
  const NodeId v = sg_.edges[first].to;
  for (std::uint32_t j = sg_.out_offset[v], end = sg_.out_offset[v + 1]; at_v && j < end;) {
    const std::uint32_t run_end = end_of_run(j, end);
    arrive_at(via_, j, run_end, at_v, bound);
    j = run_end;
  }
  std::fill_n(via_, kLanes, kNeverTime);
}

// The lanes in which u's time is earlier than the cap of v's exits, and that cap. A zone
// network's runs into the assets of one zone ask the same question one after the other: the
// answer is kept until a time falls anywhere.
std::uint64_t LaneSearch::earlier_than_exits(NodeId u, NodeId v, const double*& cap) {
  const std::uint32_t set = exits_.set[v];
  if (u != last_tail_ || set != last_set_ || lowered_ != last_lowered_) {
    last_cap_ = exit_cap(v); // the exits' rows are few and stay in the cache
    last_earlier_ = earlier_lanes(&time_[std::size_t{u} * kLanes], last_cap_);
    last_tail_ = u;
    last_set_ = set;
    last_lowered_ = lowered_;
  }
  cap = last_cap_;
  return last_earlier_;
}

// The row of times an arrival at v must beat to matter through v's exits (the latest of their
// times, lane by lane); only for a node with exits.
const double* LaneSearch::exit_cap(NodeId v) {
  const std::uint32_t first = exits_.offset[v], last = exits_.offset[v + 1];
  const double* row = &time_[std::size_t{exits_.target[first]} * kLanes];
  if (last - first == 1) return row;
  std::copy_n(row, kLanes, cap_);
  for (std::uint32_t j = first + 1; j < last; ++j) {
    row = &time_[std::size_t{exits_.target[j]} * kLanes];
    for (unsigned l = 0; l < kLanes; ++l) cap_[l] = std::max(cap_[l], row[l]);
  }
  return cap_;
}

// The arrivals through sampled edge i from the tail's row tu in `lanes` that beat the head's
// row tv (and are within the bound, and before the head's exit cap when it has one) written
// to it; returns the lanes whose time fell.
std::uint64_t LaneSearch::arrive_by(const double* tu, std::uint32_t i, std::uint64_t lanes, double* tv,
                                    const double* cap, double bound) {
  if (!lanes) return 0;
  const LaneKeys& keys = success_.keys();
  const SampleEdge& e = sg_.edges[i];
  std::uint8_t open[kLanes];
  std::uint64_t state[kLanes];
  unsigned count = 0;
  for (; lanes; lanes &= lanes - 1) {
    const unsigned l = static_cast<unsigned>(std::countr_zero(lanes));
    open[count] = static_cast<std::uint8_t>(l);
    state[count++] = mc::stream_key(keys[l], e.stream);
  }
  double duration_of[kLanes];
  const TtcDistribution& d = sg_.ttc[e.ttc];
  if (d.kind == TtcKind::Exponential)
    count = exponential_arrivals(double(d.a), tu, tv, cap, bound, open, state, count, duration_of);
  else
    other_durations(d, state, count, duration_of);
  std::uint64_t fallen = 0;
  for (unsigned j = 0; j < count; ++j) { // without branches: whether a lane falls is a coin toss
    const unsigned l = open[j];
    const double arrival = tu[l] + duration_of[j], before = tv[l];
    const std::uint64_t falls =
        std::uint64_t(arrival < before) & std::uint64_t(arrival < cap[l]) & std::uint64_t(arrival <= bound);
    const std::uint64_t keep = falls - 1; // all ones when the lane does not fall
    tv[l] = std::bit_cast<double>((std::bit_cast<std::uint64_t>(arrival) & ~keep) |
                                  (std::bit_cast<std::uint64_t>(before) & keep));
    fallen |= falls << l;
  }
  return fallen;
}

// AND node v, one of whose prerequisites fell in `lanes`: its time in each such lane is the
// latest arrival over all its in-edges, once every one of them succeeded from a reached tail.
void LaneSearch::relax_and(NodeId v, std::uint64_t lanes, double bound) {
  lanes &= ~held_[v];
  if (!and_in_.can_complete[v]) return;
  const LaneKeys& keys = success_.keys();
  double* tv = &time_[std::size_t{v} * kLanes];
  std::uint64_t fallen = 0;
  for (std::uint32_t j = and_in_.offset[v]; j < and_in_.offset[v + 1] && lanes; ++j)
    lanes &= success_.word(and_in_.edge[j]);
  for (; lanes; lanes &= lanes - 1) {
    const unsigned l = static_cast<unsigned>(std::countr_zero(lanes));
    double latest = 0.0;
    for (std::uint32_t j = and_in_.offset[v]; j < and_in_.offset[v + 1] && latest < kNeverTime; ++j) {
      const double tt = time_[std::size_t{and_in_.tail[j]} * kLanes + l];
      latest = tt == kNeverTime ? kNeverTime
                                : std::max(latest, tt + duration(sg_, sg_.edges[and_in_.edge[j]], keys[l]));
    }
    if (latest < tv[l] && latest <= bound) {
      tv[l] = latest;
      fallen |= std::uint64_t{1} << l;
    }
  }
  if (fallen) lower(v, fallen);
}

// Target v has a time in `lanes` (run_within): those in which it had none are settled, and a
// lane whose targets are all settled is propagated no further.
void LaneSearch::settle(NodeId v, std::uint64_t lanes) {
  for (std::uint64_t first = lanes & ~reached_[v]; first; first &= first - 1) {
    const unsigned l = static_cast<unsigned>(std::countr_zero(first));
    if (--unsettled_[l] == 0) live_ &= ~(std::uint64_t{1} << l);
  }
  reached_[v] |= lanes; // in run_within, "has a time"
}

// The rows cleared, the held sources at time 0, and the times propagated over the lanes in
// live_ until no time falls.
void LaneSearch::propagate_times(unsigned lanes, double bound) {
  if (time_.empty()) time_.assign(sg_.node_count() * kLanes, kNeverTime); // reach-only users skip the rows
  reset();
  seed(lanes);
  for (NodeId s : sg_.seeds)
    for (std::uint64_t b = held_[s]; b; b &= b - 1)
      time_[std::size_t{s} * kLanes + std::countr_zero(b)] = 0.0;
  drain([&](NodeId u, std::uint32_t first, std::uint32_t last, std::uint64_t fallen) {
    const NodeId v = sg_.edges[first].to;
    if (!sg_.is_and(v))
      relax_or(u, first, last, fallen, bound);
    else if (const std::uint64_t lanes = fallen & success_.any_of(first, last))
      relax_and(v, lanes, bound);
  });
}

void LaneSearch::run(const LaneKeys& keys, unsigned lanes, double bound) {
  success_.start(keys, lanes);
  live_ = ~std::uint64_t{0};
  propagate_times(lanes, bound);
}

// From run_reach's bits: how many targets each lane reaches, kept for reached_at_all; the
// lanes that reach none need no times at all.
void LaneSearch::count_targets_reached(unsigned lanes) {
  if (reach_copy_.empty()) reach_copy_.assign(sg_.node_count(), 0);
  unsettled_.fill(0);
  for (NodeId t : sg_.slots) {
    const NodeId v = sg_.local_of[t];
    if (v == kNoNode) continue;
    reach_copy_[v] = reached_[v];
    for (std::uint64_t b = reached_[v]; b; b &= b - 1) ++unsettled_[std::countr_zero(b)];
  }
  live_ = 0;
  for (unsigned l = 0; l < lanes; ++l)
    if (unsettled_[l]) live_ |= std::uint64_t{1} << l;
}

void LaneSearch::run_within(const LaneKeys& keys, unsigned lanes, double bound) {
  success_.start(keys, lanes); // the draws the reach pass computed serve the times too
  reach(lanes);
  count_targets_reached(lanes);
  settling_ = true;
  propagate_times(lanes, bound);
  settling_ = false;
}

void LaneSearch::run_reach(const LaneKeys& keys, unsigned lanes) {
  success_.start(keys, lanes);
  reach(lanes);
}

// A run's draws are computed only for lanes that do not reach its head yet.
void LaneSearch::reach(unsigned lanes) {
  live_ = ~std::uint64_t{0};
  reset();
  seed(lanes);
  for (NodeId s : sg_.seeds) reached_[s] = held_[s];
  drain([&](NodeId, std::uint32_t first, std::uint32_t last, std::uint64_t fallen) {
    const NodeId v = sg_.edges[first].to;
    std::uint64_t arrive = fallen & ~reached_[v];
    if (arrive) arrive &= success_.any_of(first, last);
    if (arrive && sg_.is_and(v)) {
      arrive = and_in_.can_complete[v] ? arrive : 0;
      for (std::uint32_t j = and_in_.offset[v]; j < and_in_.offset[v + 1] && arrive; ++j)
        arrive &= reached_[and_in_.tail[j]] & success_.word(and_in_.edge[j]);
    }
    if (!arrive) return;
    reached_[v] |= arrive;
    lower(v, arrive);
  });
}

} // namespace zonepath::detail
