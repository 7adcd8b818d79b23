// Internal helpers shared by the path searches: edge-length functors per metric, the (key,
// node) heap entry and a 4-ary min-heap with lazy deletion for the small A* searches of
// k_shortest_paths (full Dijkstra runs use radix_heap.hpp), cancellation polling and O(1)
// clearable node sets. A 4-ary layout halves the depth of a binary heap.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"

namespace zonepath::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Asks for the cache line of a value needed soon; never faults, so an address one past the
// end of an array is harmless.
template <class T> inline void prefetch(const T* p) {
  __builtin_prefetch(p);
}

// Edge lengths as small functors so the inner loops are instantiated per metric and read
// one contiguous array each (no branch on the metric per edge). +inf marks an edge that is
// never taken (p = 0).
struct LikelihoodWeight {
  const AttackGraph& g;
  double operator()(EdgeId e) const { return g.neg_log_p(e); }
  void prefetch(EdgeId e) const { // length and head: a forward step
    prefetch_length(e);
    detail::prefetch(g.edge_targets().data() + e);
  }
  void prefetch_length(EdgeId e) const { detail::prefetch(g.edge_neg_log_p().data() + e); }
};
struct TimeWeight {
  const AttackGraph& g;
  double operator()(EdgeId e) const { return g.p(e) > 0.0 ? double(g.ttc_mean(e)) : kInf; }
  void prefetch(EdgeId e) const {
    prefetch_length(e);
    detail::prefetch(g.edge_targets().data() + e);
  }
  void prefetch_length(EdgeId e) const {
    detail::prefetch(g.edge_p().data() + e);
    detail::prefetch(g.edge_ttc_mean().data() + e);
  }
};

struct HeapEntry {
  double key;
  NodeId node;
  std::uint32_t aux = 0; // RadixHeap: the node's value in the array given to the heap
};

// Entries order by key, then node id: equal keys pop in ascending node id, which makes every
// search deterministic whatever the insertion order.
inline bool heap_less(const HeapEntry& a, const HeapEntry& b) {
  return a.key < b.key || (a.key == b.key && a.node < b.node);
}

// Lazy deletion (push again instead of decrease-key) needs no per-node slot array, so a small
// search costs only what it touches; stale entries are skipped by the caller.
class MinHeap {
public:
  bool empty() const { return v_.empty(); }
  std::size_t size() const { return v_.size(); }
  void clear() { v_.clear(); }
  void reserve(std::size_t n) { v_.reserve(n); }
  const HeapEntry& top() const { return v_.front(); }

  void push(double key, NodeId node) {
    std::size_t i = v_.size();
    v_.push_back({key, node});
    const HeapEntry e = v_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 4;
      if (!heap_less(e, v_[parent])) break;
      v_[i] = v_[parent];
      i = parent;
    }
    v_[i] = e;
  }

  HeapEntry pop() {
    const HeapEntry out = v_.front();
    const HeapEntry last = v_.back();
    v_.pop_back();
    const std::size_t n = v_.size();
    if (n == 0) return out;
    std::size_t i = 0;
    for (;;) {
      std::size_t c = 4 * i + 1;
      if (c >= n) break;
      std::size_t best = c;
      const std::size_t end = c + 4 < n ? c + 4 : n;
      for (std::size_t j = c + 1; j < end; ++j)
        if (heap_less(v_[j], v_[best])) best = j;
      if (!heap_less(v_[best], last)) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = last;
    return out;
  }

private:
  std::vector<HeapEntry> v_;
};

// How often long loops look at the cancel token: cheap enough to be invisible, frequent
// enough that Ctrl-C on a 1M-edge graph answers within milliseconds.
inline constexpr std::uint32_t kCancelPollMask = 4095;

inline void poll_cancel(std::uint32_t& counter, const CancelToken* cancel) {
  if ((++counter & kCancelPollMask) == 0 && cancel) cancel->throw_if_cancelled();
}

// A set of nodes that empties in O(1): a node is in the set when its stamp equals the current
// epoch. Repeated searches on one graph then cost only what they touch.
class StampSet {
public:
  void resize(std::size_t n) {
    stamp_.assign(n, 0);
    epoch_ = 1;
  }
  void clear() {
    if (++epoch_ == 0) { // wrapped after 4 billion clears: start over
      std::fill(stamp_.begin(), stamp_.end(), 0u);
      epoch_ = 1;
    }
  }
  bool contains(NodeId v) const { return stamp_[v] == epoch_; }
  void insert(NodeId v) { stamp_[v] = epoch_; }

private:
  std::vector<std::uint32_t> stamp_;
  std::uint32_t epoch_ = 1;
};

} // namespace zonepath::detail
