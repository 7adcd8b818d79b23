// Internal: a 4-ary min-heap of (key, node) entries with lazy deletion, shared by the path
// searches. Lazy deletion (push again instead of decrease-key) needs no position array, so a
// search touches only the heap and the dense dist array; a 4-ary layout halves the depth of a
// binary heap and keeps the children of an entry in one cache line.
#pragma once

#include <cstdint>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::detail {

struct HeapEntry {
  double key;
  NodeId node;
};

// Entries order by key, then node id: equal keys pop in ascending node id, which makes every
// search deterministic whatever the insertion order.
inline bool heap_less(const HeapEntry& a, const HeapEntry& b) {
  return a.key < b.key || (a.key == b.key && a.node < b.node);
}

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

} // namespace zonepath::detail
