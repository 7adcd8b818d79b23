// Internal: the earliest compromise times of 64 samples at once (one lane per sample), for
// runs that do not need each sample's winning edges.
//
// Each node keeps a row of 64 times, one per sample of the block; a worklist propagates the
// lanes whose time fell (label correcting) instead of running 64 separate Dijkstra searches.
// A node's row is then read and written once for many samples, where the searches touched its
// record once per sample at a random moment: on graphs larger than the cache that is most of a
// search's cost. The times are exactly the searches' times: an OR node's final time is the
// least of fl(final time of a tail + duration) over its successful in-edges (floating addition
// is monotone, so earlier, larger tail times never win), an AND node's the greatest over all
// its in-edges, and each edge's duration is the same draw of the same stream.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sample_graph.hpp"
#include "success_masks.hpp"

namespace zonepath::detail {

// The sampled in-edges of every AND node, to recompute its time when a prerequisite's falls.
struct AndInEdges {
  std::vector<std::uint32_t> offset; // per local node + 1; OR nodes have empty ranges
  std::vector<std::uint32_t> edge;   // sampled edge index (SampleGraph::edges)
  std::vector<NodeId> tail;          // local tail of that edge
  // Per local node: 1 when every in-edge of the AND node in the attack graph is sampled. An AND
  // node with a prerequisite outside the sampled part never completes (unless held).
  std::vector<std::uint8_t> can_complete;

  static AndInEdges of(const SampleGraph& sg);
};

// Per node that is not a target, whose every out-edge leads to one of at most kMost OR targets
// (on plant graphs, an asset whose only step is into its zones' networks): those targets, its
// exits. Its own time matters only through them, so an arrival no earlier than every exit's
// time cannot change a target's time and is dropped, and the others are passed straight on to
// the exits (LaneSearch::pass_through), without the node's row: in the unmitigated pass most
// arrivals at an asset come after its zone already has an earlier time. (A node with many
// exits, such as an actor's off-network start, keeps its row: the latest of many rows would
// cost more than its own.)
struct TargetExits {
  static constexpr std::size_t kMost = 4;

  std::vector<std::uint32_t> offset; // per local node + 1; empty ranges for the others
  std::vector<NodeId> target;        // local ids, distinct per node
  // Per local node with exits: the same number for nodes with the same exits (the assets of a
  // zone), so that a zone network's runs into them share one cap and one compare.
  std::vector<std::uint32_t> set;

  // Empty (no node has exits) for reach-only users, which have no times to compare.
  static TargetExits of(const SampleGraph& sg);
  bool has(NodeId v) const { return !offset.empty() && offset[v] != offset[v + 1]; }
};

inline constexpr double kNeverTime = std::numeric_limits<double>::infinity();

// A first-in first-out ring of node ids with room for every node once (a node is queued at
// most once at a time).
class NodeRing {
public:
  explicit NodeRing(std::size_t capacity) : ring_(std::max<std::size_t>(capacity, 1)) {}
  bool empty() const { return size_ == 0; }
  void clear() { head_ = size_ = 0; }
  void push(NodeId v) {
    std::size_t at = head_ + size_++;
    ring_[at >= ring_.size() ? at - ring_.size() : at] = v;
  }
  NodeId pop() {
    const NodeId v = ring_[head_];
    if (++head_ == ring_.size()) head_ = 0;
    --size_;
    return v;
  }

private:
  std::vector<NodeId> ring_;
  std::size_t head_ = 0, size_ = 0;
};

// One thread's rows and worklist; reused block after block.
class LaneSearch {
public:
  LaneSearch(const SampleGraph& sg, const EdgeDraws& draws, const AndInEdges& and_in,
             const TargetExits& exits);

  // Times of the block whose samples have the keys `keys[0, lanes)`. Times above `bound` are
  // not kept (+inf): a run that only asks about a horizon need not follow an attack past it.
  void run(const LaneKeys& keys, unsigned lanes, double bound);

  // Which samples of the block reach each node at all (the least fixed point of the success
  // bits, without times): for runs whose times stop at a bound but whose reach must not.
  void run_reach(const LaneKeys& keys, unsigned lanes);

  // For runs that ask of each target only whether it falls within `bound`: run_reach, whose
  // bits reached_at_all() keeps, followed by run(), except that a sample stops being
  // propagated once every target it reaches has a time within the bound. Times only fall, so
  // its answers are settled; the targets' times are then within the bound but not necessarily
  // the least. (In plant graphs most samples reach every zone early, and refining times
  // already within the bound was most of the work.)
  void run_within(const LaneKeys& keys, unsigned lanes, double bound);
  // After run_within: the reach bits of run_reach.
  std::uint64_t reached_at_all(NodeId local) const { return reach_copy_[local]; }

  double time(NodeId local, unsigned lane) const { return time_[std::size_t{local} * kLanes + lane]; }
  std::uint64_t reached(NodeId local) const { return reached_[local]; }

private:
  void propagate_times(unsigned lanes, double bound);
  void reach(unsigned lanes);
  void count_targets_reached(unsigned lanes);
  void settle(NodeId v, std::uint64_t lanes);
  void reset();
  std::uint64_t held_lanes(std::size_t seed, unsigned lanes) const;
  void seed(unsigned lanes);
  void relax_or(NodeId u, std::uint32_t first, std::uint32_t last, std::uint64_t fallen, double bound);
  void arrive_at(const double* tail, std::uint32_t first, std::uint32_t last, std::uint64_t lanes,
                 double bound);
  const double* exit_cap(NodeId v);
  std::uint64_t earlier_than_exits(NodeId u, NodeId v, const double*& cap);
  void pass_through(const double* tu, std::uint32_t first, std::uint32_t last, std::uint64_t lanes,
                    const double* cap, double bound);
  std::uint64_t arrive_by(const double* tu, std::uint32_t i, std::uint64_t lanes, double* tv,
                          const double* cap, double bound);
  void relax_and(NodeId v, std::uint64_t lanes, double bound);
  void lower(NodeId v, std::uint64_t fallen);
  void touch(NodeId v);
  // The end of the run of out-edges from `first` (before `end`) that share its head.
  std::uint32_t end_of_run(std::uint32_t first, std::uint32_t end) const {
    std::uint32_t last = first + 1;
    while (last < end && sg_.edges[last].to == sg_.edges[first].to) ++last;
    return last;
  }
  // Takes queued nodes until none is left and calls visit(u, first, last, fallen) for each run
  // [first, last) of out-edges of u with the same head (parallel edges: one per means and
  // service, next to each other), with the lanes u passes on; visit may queue nodes again. A
  // run reads its head's row once for all its edges, and the run's success bits only where
  // the head's row leaves some lane to gain.
  template <class Visit> void drain(const Visit& visit) {
    while (!queue_.empty()) {
      const NodeId u = queue_.pop();
      queued_[u] = 0;
      const std::uint64_t fallen = fallen_[u] & live_;
      fallen_[u] = 0;
      if (!fallen) continue;
      for (std::uint32_t i = sg_.out_offset[u], end = sg_.out_offset[u + 1]; i < end;) {
        const std::uint32_t last = end_of_run(i, end);
        visit(u, i, last, fallen);
        i = last;
      }
    }
  }

  const SampleGraph& sg_;
  const AndInEdges& and_in_;
  const TargetExits& exits_;
  BlockSuccess success_;               // the block's success bits by edge, computed on first use
  alignas(64) double cap_[kLanes];     // exit_cap's row for a node with several exits
  alignas(64) double no_cap_[kLanes];  // +inf: the cap of a node without exits
  alignas(64) double via_[kLanes];     // pass_through: the arrivals at the node passed through
  std::vector<double> time_;           // local node x kLanes
  std::vector<std::uint64_t> fallen_;  // per node: lanes whose time fell since it was last expanded
  std::vector<std::uint64_t> held_;    // per node: lanes in which it is a held source
  std::vector<std::uint64_t> reached_; // per node: lanes that reach it (run_reach)
  std::vector<std::uint8_t> queued_;
  bool settling_ = false; // run_within: lower() counts the targets' first times
  // run_within: per lane, the targets it reaches that have no time yet; the lanes still
  // propagated; the reach bits of its run_reach (only the targets' entries are kept).
  std::array<std::uint32_t, kLanes> unsettled_{};
  std::uint64_t live_ = ~std::uint64_t{0};
  // earlier_than_exits' last answer: valid while no row fell (lowered_ counts the falls).
  std::uint64_t lowered_ = 0, last_lowered_ = ~std::uint64_t{0};
  NodeId last_tail_ = 0;
  std::uint32_t last_set_ = 0;
  std::uint64_t last_earlier_ = 0;
  const double* last_cap_ = nullptr;
  std::vector<std::uint64_t> reach_copy_;
  std::vector<std::uint8_t> touched_flag_;
  std::vector<NodeId> touched_; // rows to reset before the next block
  NodeRing queue_;              // the worklist, first in first out
};

} // namespace zonepath::detail
