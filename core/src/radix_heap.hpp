// Internal: the priority queue of the full Dijkstra searches. A radix heap (Ahuja, Mehlhorn,
// Orlin and Tarjan 1990) over the 96-bit key (distance bits, node id): pushing appends to a
// bucket chosen by the highest bit in which the key differs from the last key popped, and a
// pop redistributes only the smallest non-empty bucket. Pushes touch no random memory (no
// slot index per node, no sift-up) and pops move entries between short arrays, which is what
// large random graphs need; a binary heap with decrease-key spends most of its time waiting
// for memory there.
//
// Nodes pop in ascending (key, node id) order, each once, at its smallest key: later entries
// of a node already popped are dropped (lazy deletion with a settled bit per node). Keys are
// non-negative doubles, whose bit patterns order like the values. When a bucket is taken, all
// its entries at the smallest distance become a run sorted by node id (plant graphs reach
// whole groups of nodes at exactly the same distance). A key at or below the last one taken
// out of the buckets (a zero-length edge to a lower node id at the same distance) goes to a
// small binary heap; the smaller of its top and the run's next entry pops first, so the order
// stays exact.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "search_support.hpp"

namespace zonepath::detail {

class RadixHeap {
public:
  // `aux_of_node` (one value per node, e.g. where its edges start) is copied into an entry
  // when it is pushed, so that whoever pops or peeks has it without another random read.
  RadixHeap(std::size_t nodes, const std::uint32_t* aux_of_node)
      : aux_of_node_(aux_of_node), settled_((nodes + 63) / 64, 0) {}

  // True when no node is left to pop (after dropping entries of settled nodes).
  bool empty() {
    prepare_top();
    return low_.empty() && run_at_ == run_.size();
  }
  // The next node to pop; only after empty() returned false.
  HeapEntry top() const { return to_entry(run_first() ? run_[run_at_] : low_.front()); }

  void push(double key, NodeId node) {
    const Item x{std::bit_cast<std::uint64_t>(key + 0.0), node, aux_of_node_[node]}; // -0 -> +0
    if (!less(last_, x)) {
      low_.push_back(x);
      std::push_heap(low_.begin(), low_.end(), Greater{});
      return;
    }
    const unsigned b = bucket_of(x);
    buckets_[b].push_back(x);
    nonempty_[b / 64] |= std::uint64_t{1} << (b % 64);
  }

  // Removes and returns the top (empty() must have been false) and marks its node settled.
  HeapEntry pop() {
    Item x;
    if (run_first()) {
      x = run_[run_at_++];
    } else {
      std::pop_heap(low_.begin(), low_.end(), Greater{});
      x = low_.back();
      low_.pop_back();
    }
    settled_[x.node / 64] |= std::uint64_t{1} << (x.node % 64);
    return to_entry(x);
  }

private:
  struct Item {
    std::uint64_t bits;
    NodeId node;
    std::uint32_t aux;
  };
  // 1-32: the highest differing bit is a node-id bit, 33-96: a distance bit. Bucket 0 stays
  // empty (entries not above last_ go to low_); it keeps the index equal to the bit number.
  static constexpr unsigned kBuckets = 97;

  bool settled(NodeId v) const { return (settled_[v / 64] >> (v % 64)) & 1; }

  static bool less(const Item& a, const Item& b) {
    return a.bits < b.bits || (a.bits == b.bits && a.node < b.node);
  }
  struct Greater { // a type, not a function pointer, so that the heap algorithms inline it
    bool operator()(const Item& a, const Item& b) const { return less(b, a); }
  };
  static HeapEntry to_entry(const Item& x) { return {std::bit_cast<double>(x.bits), x.node, x.aux}; }

  // Index of the highest bit in which x (> last_) differs from last_, counted from 1.
  unsigned bucket_of(const Item& x) const {
    if (x.bits != last_.bits) return 96 - std::countl_zero(x.bits ^ last_.bits);
    return 32 - std::countl_zero(x.node ^ last_.node);
  }

  // Whether the next entry comes from the run rather than the heap (both hold entries <= last_).
  bool run_first() const {
    return run_at_ < run_.size() && (low_.empty() || less(run_[run_at_], low_.front()));
  }

  // Makes the run or low_ hold the smallest unsettled entry (both empty when none is left).
  void prepare_top() {
    for (;;) {
      while (run_at_ < run_.size() && settled(run_[run_at_].node)) ++run_at_;
      while (!low_.empty() && settled(low_.front().node)) {
        std::pop_heap(low_.begin(), low_.end(), Greater{});
        low_.pop_back();
      }
      if (!low_.empty() || run_at_ < run_.size()) return;
      if (!refill_low()) return;
    }
  }

  // Takes the smallest non-empty bucket: its entries with the smallest distance become the run,
  // sorted by node id (plant graphs reach whole groups of nodes at exactly the same distance,
  // which would otherwise trickle down through the node-id buckets one level at a time), and the
  // rest is redistributed below the new last_, the run's last entry. False when every bucket is
  // empty.
  bool refill_low() {
    unsigned b;
    if (nonempty_[0] != 0)
      b = std::countr_zero(nonempty_[0]);
    else if (nonempty_[1] != 0)
      b = 64 + std::countr_zero(nonempty_[1]);
    else
      return false;
    std::vector<Item>& from = buckets_[b];
    nonempty_[b / 64] &= ~(std::uint64_t{1} << (b % 64));
    // Entries of settled nodes are dropped here rather than moved again.
    std::uint64_t min_bits = ~std::uint64_t{0};
    bool any = false;
    for (const Item& x : from)
      if (!settled(x.node) && x.bits <= min_bits) {
        min_bits = x.bits;
        any = true;
      }
    if (!any) {
      from.clear();
      return true; // only stale entries: look at the next bucket
    }
    run_.clear();
    run_at_ = 0;
    // The new last_ is the run's largest entry: (min_bits, its largest node id). Entries with
    // larger bits differ from it first in a bit of the distance below b (as they did from the
    // old last_ in b), whatever its node id, so one pass both collects and redistributes.
    last_ = {min_bits, 0, 0};
    for (const Item& x : from) {
      if (settled(x.node)) continue;
      if (x.bits == min_bits) {
        run_.push_back(x);
        if (x.node >= last_.node) last_ = x;
        continue;
      }
      const unsigned to = bucket_of(x);
      buckets_[to].push_back(x);
      nonempty_[to / 64] |= std::uint64_t{1} << (to % 64);
    }
    if (run_.size() > 1)
      std::sort(run_.begin(), run_.end(), [](const Item& a, const Item& b) { return a.node < b.node; });
    from.clear();
    return true;
  }

  const std::uint32_t* aux_of_node_;
  std::vector<std::uint64_t> settled_;
  std::array<std::vector<Item>, kBuckets> buckets_;
  std::array<std::uint64_t, 2> nonempty_{}; // bit b % 64 of word b / 64: bucket b in use
  std::vector<Item> low_;                   // binary min-heap: entries <= last_
  std::vector<Item> run_;                   // entries of one distance, by node id; <= last_
  std::size_t run_at_ = 0;                  // next entry of run_
  Item last_{0, 0, 0};
};

} // namespace zonepath::detail
