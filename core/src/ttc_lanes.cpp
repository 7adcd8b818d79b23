#include "ttc_lanes.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

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

// Exponential durations of one edge in `count` samples whose stream keys (sample key ^ edge
// stream) are state[0, count): the same values as TtcDistribution::sample (the stream's second
// draw, -mean ln u), in one loop over contiguous keys that the compiler vectorises (most attack
// steps are exponential, and the logarithm was the largest single cost of a sample). Every
// clone computes the same bits.
ZONEPATH_DURATION_CLONES
void exponential_durations(double mean, const std::uint64_t* state, unsigned count, double* out) {
  for (unsigned j = 0; j < count; ++j) {
    // CounterRng(state): the first draw is splitmix64(state), the second splitmix64(state + step)
    const std::uint64_t x = splitmix64(state[j] + 0x9E3779B97F4A7C15ull);
    out[j] = -mean * log_unit((double(x >> 11) + 0.5) * 0x1.0p-53);
  }
}

// The lanes in which a tail's time is below its head's (an arrival through the edge can only
// beat the head there: durations are >= 0), for all 64 lanes at once: one vectorised compare
// into bytes, then the bytes' low bits gathered eight at a time by a multiply.
ZONEPATH_DURATION_CLONES
std::uint64_t earlier_lanes(const double* tail, const double* head) {
  alignas(64) std::uint8_t earlier[kLanes];
  for (unsigned l = 0; l < kLanes; ++l) earlier[l] = tail[l] < head[l];
  std::uint64_t lanes = 0;
  for (unsigned g = 0; g < kLanes / 8; ++g) {
    std::uint64_t bytes;
    std::memcpy(&bytes, earlier + 8 * g, 8);
    lanes |= ((bytes * 0x0102040810204080ull) >> 56) << (8 * g);
  }
  return lanes;
}

// Durations of sampled edge `e` in the samples of the stream keys state[0, count).
void durations(const SampleGraph& sg, const SampleEdge& e, const std::uint64_t* state, unsigned count,
               double* out) {
  const TtcDistribution& d = sg.ttc[e.ttc];
  if (d.kind == TtcKind::Exponential) {
    exponential_durations(double(d.a), state, count, out);
  } else if (d.kind == TtcKind::Fixed) {
    std::fill_n(out, count, double(d.a));
  } else {
    for (unsigned j = 0; j < count; ++j) {
      mc::CounterRng rng(state[j]);
      rng.next();
      out[j] = d.sample(rng);
    }
  }
}

} // namespace

AndInEdges AndInEdges::of(const SampleGraph& sg) {
  const std::size_t n = sg.node_count();
  AndInEdges a;
  a.offset.assign(n + 1, 0);
  a.can_complete.assign(n, 0);
  for (NodeId u = 0; u < n; ++u)
    for (std::uint32_t i = sg.out_offset[u]; i < sg.out_offset[u + 1]; ++i)
      if (sg.is_and(sg.edges[i].to)) ++a.offset[sg.edges[i].to + 1];
  for (std::size_t v = 0; v < n; ++v) a.offset[v + 1] += a.offset[v];
  a.edge.resize(a.offset[n]);
  a.tail.resize(a.offset[n]);
  std::vector<std::uint32_t> fill(a.offset.begin(), a.offset.end() - 1);
  for (NodeId u = 0; u < n; ++u)
    for (std::uint32_t i = sg.out_offset[u]; i < sg.out_offset[u + 1]; ++i) {
      const NodeId v = sg.edges[i].to;
      if (!sg.is_and(v)) continue;
      a.edge[fill[v]] = i;
      a.tail[fill[v]++] = u;
    }
  for (NodeId v = 0; v < n; ++v)
    a.can_complete[v] = sg.is_and(v) && a.offset[v + 1] - a.offset[v] == sg.in_degree(v);
  return a;
}

LaneSearch::LaneSearch(const SampleGraph& sg, const AndInEdges& and_in)
    : sg_(sg), and_in_(and_in), fallen_(sg.node_count(), 0), held_(sg.node_count(), 0),
      reached_(sg.node_count(), 0), queued_(sg.node_count(), 0), touched_flag_(sg.node_count(), 0),
      queue_(sg.node_count()) {}

void LaneSearch::reset() {
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
  touch(v);
  fallen_[v] |= fallen;
  if (queued_[v]) return;
  queued_[v] = 1;
  queue_.push(v);
  // The first load of a row is the loop's main stall: start it when the node is queued.
  if (!time_.empty()) __builtin_prefetch(time_.data() + std::size_t{v} * kLanes, 0, 1);
}

std::uint64_t LaneSearch::held_lanes(std::size_t seed, const LaneKeys& keys, unsigned lanes) const {
  std::uint64_t held = 0;
  for (unsigned l = 0; l < lanes; ++l)
    if (mc::first_draw_succeeds(keys[l], sg_.seed_stream[seed], sg_.seed_prior[seed]))
      held |= std::uint64_t{1} << l;
  return held;
}

// The block's held sources: held_ and queued, for either propagation to set its start.
void LaneSearch::seed(const LaneKeys& keys, unsigned lanes) {
  for (std::size_t i = 0; i < sg_.seeds.size(); ++i) {
    const NodeId s = sg_.seeds[i];
    const std::uint64_t held = held_lanes(i, keys, lanes);
    if (!held) continue;
    held_[s] |= held;
    lower(s, held);
  }
}

// OR head of sampled edge i from u: each lane's arrival through the edge, where it can beat
// the head's time (a tail no earlier than the head cannot: durations are >= 0).
void LaneSearch::relax_or(NodeId u, std::uint32_t i, std::uint64_t lanes, const LaneKeys& keys,
                          double bound) {
  const SampleEdge& e = sg_.edges[i];
  const double* tu = &time_[std::size_t{u} * kLanes];
  double* tv = &time_[std::size_t{e.to} * kLanes];
  lanes &= earlier_lanes(tu, tv);
  if (!lanes) return;
  std::uint8_t open[kLanes];
  std::uint64_t state[kLanes];
  unsigned count = 0;
  for (; lanes; lanes &= lanes - 1) {
    const unsigned l = static_cast<unsigned>(std::countr_zero(lanes));
    open[count] = static_cast<std::uint8_t>(l);
    state[count++] = mc::stream_key(keys[l], e.stream);
  }
  double duration_of[kLanes];
  durations(sg_, e, state, count, duration_of);
  std::uint64_t fallen = 0;
  for (unsigned j = 0; j < count; ++j) { // without branches: whether a lane falls is a coin toss
    const unsigned l = open[j];
    const double arrival = tu[l] + duration_of[j], before = tv[l];
    const std::uint64_t falls = std::uint64_t(arrival < before) & std::uint64_t(arrival <= bound);
    const std::uint64_t keep = falls - 1; // all ones when the lane does not fall
    tv[l] = std::bit_cast<double>((std::bit_cast<std::uint64_t>(arrival) & ~keep) |
                                  (std::bit_cast<std::uint64_t>(before) & keep));
    fallen |= falls << l;
  }
  if (fallen) lower(e.to, fallen);
}

// AND node v, one of whose prerequisites fell in `lanes`: its time in each such lane is the
// latest arrival over all its in-edges, once every one of them succeeded from a reached tail.
void LaneSearch::relax_and(NodeId v, std::uint64_t lanes, const LaneKeys& keys, const std::uint64_t* success,
                           double bound) {
  lanes &= ~held_[v];
  if (!and_in_.can_complete[v]) return;
  double* tv = &time_[std::size_t{v} * kLanes];
  std::uint64_t fallen = 0;
  for (std::uint32_t j = and_in_.offset[v]; j < and_in_.offset[v + 1]; ++j) lanes &= success[and_in_.edge[j]];
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

void LaneSearch::run(const LaneKeys& keys, unsigned lanes, const std::uint64_t* success, double bound) {
  if (time_.empty()) time_.assign(sg_.node_count() * kLanes, kNeverTime); // reach-only users skip the rows
  reset();
  seed(keys, lanes);
  for (NodeId s : sg_.seeds)
    for (std::uint64_t b = held_[s]; b; b &= b - 1)
      time_[std::size_t{s} * kLanes + std::countr_zero(b)] = 0.0;
  drain(success, [&](NodeId u, std::uint32_t i, std::uint64_t carry) {
    const NodeId v = sg_.edges[i].to;
    if (sg_.is_and(v))
      relax_and(v, carry, keys, success, bound);
    else
      relax_or(u, i, carry, keys, bound);
  });
}

void LaneSearch::run_reach(const LaneKeys& keys, unsigned lanes, const std::uint64_t* success) {
  reset();
  seed(keys, lanes);
  for (NodeId s : sg_.seeds) reached_[s] = held_[s];
  drain(success, [&](NodeId, std::uint32_t i, std::uint64_t carry) {
    const NodeId v = sg_.edges[i].to;
    std::uint64_t arrive = carry;
    if (sg_.is_and(v)) {
      arrive = and_in_.can_complete[v] ? ~std::uint64_t{0} : 0;
      for (std::uint32_t j = and_in_.offset[v]; j < and_in_.offset[v + 1] && arrive; ++j)
        arrive &= reached_[and_in_.tail[j]] & success[and_in_.edge[j]];
    }
    arrive &= ~reached_[v];
    if (!arrive) return;
    reached_[v] |= arrive;
    lower(v, arrive);
  });
}

} // namespace zonepath::detail
