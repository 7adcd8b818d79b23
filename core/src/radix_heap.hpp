// Internal: the priority queue of the full Dijkstra searches. A radix heap (Ahuja, Mehlhorn,
// Orlin and Tarjan 1990) over the distance bits: pushing appends to a bucket chosen by the
// highest bit in which the key differs from the current level (the distance of the last node
// popped), and when the level is used up only the smallest non-empty bucket is redistributed.
// Pushes touch no random memory (no slot index per node, no sift-up) and refills move entries
// between short arrays, which is what large random graphs need; a binary heap with
// decrease-key spends most of its time waiting for memory there.
//
// Nodes pop in ascending (key, node id) order, each once, at its smallest key: later entries
// of a node already popped are dropped (lazy deletion with a settled bit per node). Keys are
// non-negative doubles, whose bit patterns order like the values, and never below the key of
// the last node popped (Dijkstra's searches over non-negative lengths). The nodes at the
// current level are a bitset over node ids, taken lowest id first: plant graphs reach whole
// zones at exactly the same distance (an asset's step into its zone's network has length 0
// when it always succeeds), in any id order, and a binary heap of those ties was most of the
// reverse searches' time.
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
  // `aux_of_node` (one value per node, e.g. where its edges start) is handed out with the node
  // that pops or is peeked at.
  RadixHeap(std::size_t nodes, const std::uint32_t* aux_of_node)
      : aux_of_node_(aux_of_node), settled_((nodes + 63) / 64, 0), level_((nodes + 63) / 64, 0),
        level_words_((level_.size() + 63) / 64, 0) {}

  // True when no node is left to pop (after dropping entries of settled nodes).
  bool empty() {
    prepare_top();
    return level_count_ == 0;
  }
  // The next node to pop as things stand (false when none is left), for prefetching. When the
  // level is used up this is the least entry beyond it, but the next level is taken only by
  // empty() or pop(), once the caller has pushed what the last node popped leads to, which
  // may still be at this level.
  bool peek(HeapEntry& out) {
    if (level_count_ != 0) {
      prepare_top();
      out = {std::bit_cast<double>(level_bits_), top_, aux_of_node_[top_]};
      return true;
    }
    if (!find_next()) return false;
    out = {std::bit_cast<double>(next_.bits), next_.node, aux_of_node_[next_.node]};
    return true;
  }

  void push(double key, NodeId node) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(key + 0.0); // -0 -> +0
    if (bits <= level_bits_) {                                          // ==: never below the last key popped
      if (!settled(node)) add_to_level(node);
      return;
    }
    const unsigned b = bucket_of(bits);
    const Item x{bits, node};
    buckets_[b].push_back(x);
    nonempty_ |= std::uint64_t{1} << b;
    // A known least entry beyond the level stays known: the least of it and x (entries of a
    // lower bucket are all below those of a higher one).
    if (has_next_ && (b < next_bucket_ || (b == next_bucket_ && less(x, next_)))) {
      next_ = x;
      next_bucket_ = b;
    }
  }

  // Removes and returns the top and marks its node settled; only after empty() returned false
  // (pushes since then may have changed the top, which is taken again).
  HeapEntry pop() {
    prepare_top();
    const NodeId v = top_;
    const std::size_t word = v / 64;
    level_[word] &= ~(std::uint64_t{1} << (v % 64));
    if (level_[word] == 0) level_words_[word / 64] &= ~(std::uint64_t{1} << (word % 64));
    --level_count_;
    has_top_ = false;
    settled_[word] |= std::uint64_t{1} << (v % 64);
    if (has_next_ && next_.node == v) has_next_ = false; // that entry is stale now
    return {std::bit_cast<double>(level_bits_), v, aux_of_node_[v]};
  }

private:
  struct Item {
    std::uint64_t bits;
    NodeId node;
  };

  bool settled(NodeId v) const { return (settled_[v / 64] >> (v % 64)) & 1; }

  static bool less(const Item& a, const Item& b) {
    return a.bits < b.bits || (a.bits == b.bits && a.node < b.node);
  }

  // Makes next_ the least unsettled entry beyond the level, in the lowest non-empty bucket
  // (buckets holding only stale entries are emptied on the way); false when there is none.
  bool find_next() {
    while (!has_next_) {
      if (nonempty_ == 0) return false;
      const unsigned b = static_cast<unsigned>(std::countr_zero(nonempty_));
      std::vector<Item>& in = buckets_[b];
      Item least{~std::uint64_t{0}, 0};
      for (const Item& x : in)
        if (!settled(x.node) && less(x, least)) least = x;
      if (least.bits == ~std::uint64_t{0}) {
        in.clear();
        nonempty_ &= ~(std::uint64_t{1} << b);
        continue;
      }
      next_ = least;
      next_bucket_ = b;
      has_next_ = true;
    }
    return true;
  }

  // 0-63: the highest bit in which bits (> level_bits_) differs from the level.
  unsigned bucket_of(std::uint64_t bits) const { return 63 - std::countl_zero(bits ^ level_bits_); }

  void add_to_level(NodeId v) {
    const std::size_t word = v / 64;
    const std::uint64_t bit = std::uint64_t{1} << (v % 64);
    if (level_[word] & bit) return;
    level_[word] |= bit;
    level_words_[word / 64] |= std::uint64_t{1} << (word % 64);
    first_word_ = std::min(first_word_, word / 64);
    ++level_count_;
    if (has_top_ && v < top_) top_ = v;
  }

  // Makes top_ the lowest node id at the level, refilling the level from the buckets when it
  // is used up (level_count_ stays 0 when nothing is left).
  void prepare_top() {
    while (level_count_ == 0)
      if (!refill_level()) return;
    if (has_top_) return;
    while (level_words_[first_word_] == 0) ++first_word_;
    const std::size_t word = first_word_ * 64 + std::countr_zero(level_words_[first_word_]);
    top_ = static_cast<NodeId>(word * 64 + std::countr_zero(level_[word]));
    has_top_ = true;
  }

  // Takes the lowest non-empty bucket: its unsettled entries with the smallest distance become
  // the new level, and the rest is redistributed below it. Entries with larger bits differ
  // from the new level first in a bit below the bucket's (as they did from the old level in
  // it), so one pass both collects and redistributes. False when every bucket is empty.
  bool refill_level() {
    if (!find_next()) return false;
    const unsigned b = next_bucket_;
    const std::uint64_t min_bits = next_.bits;
    has_next_ = false;
    std::vector<Item>& from = buckets_[b];
    nonempty_ &= ~(std::uint64_t{1} << b);
    level_bits_ = min_bits;
    has_top_ = false;
    first_word_ = level_words_.size();
    for (const Item& x : from) {
      if (settled(x.node)) continue; // stale: dropped here rather than moved again
      if (x.bits == min_bits) {
        add_to_level(x.node);
        continue;
      }
      const unsigned to = bucket_of(x.bits);
      buckets_[to].push_back(x);
      nonempty_ |= std::uint64_t{1} << to;
    }
    from.clear();
    return true;
  }

  const std::uint32_t* aux_of_node_;
  std::vector<std::uint64_t> settled_;
  std::array<std::vector<Item>, 64> buckets_;
  std::uint64_t nonempty_ = 0;             // bit b: bucket b in use
  std::uint64_t level_bits_ = 0;           // the current level's distance bits
  std::vector<std::uint64_t> level_;       // bit per node: at the level, not popped yet
  std::vector<std::uint64_t> level_words_; // bit per word of level_: that word is not 0
  std::size_t first_word_ = 0;             // no word of level_words_ below it is set
  std::size_t level_count_ = 0;
  NodeId top_ = 0;
  bool has_top_ = false;
  // The least unsettled entry beyond the level and its bucket, when has_next_: found for a peek
  // at a used-up level, kept up to date by the pushes, and taken as the next level's distance.
  Item next_{0, 0};
  unsigned next_bucket_ = 0;
  bool has_next_ = false;
};

} // namespace zonepath::detail
