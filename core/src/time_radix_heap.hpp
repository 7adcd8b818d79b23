// Internal: the monotone priority queue of the TTC simulation's searches.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::detail {

// Monotone priority queue for Dijkstra (keys never drop below the last key popped): a radix
// heap on the bit patterns of the non-negative double times, which order like the numbers.
// Push is O(1) and each item moves down at most 64 buckets, far cheaper than a binary heap
// with lazy deletion on graphs where most edges improve a tentative time. Pop order among
// equal times is a deterministic function of the pushes, so results stay reproducible.
class TimeRadixHeap {
public:
  struct Item {
    std::uint64_t key;
    NodeId node;
  };
  void clear() {
    for (auto& b : buckets_) b.clear();
    last_ = 0;
    size_ = 0;
  }
  bool empty() const { return size_ == 0; }
  void push(double time, NodeId v) {
    const std::uint64_t k = std::bit_cast<std::uint64_t>(time);
    buckets_[bucket(k)].push_back({k, v});
    ++size_;
  }
  Item pop() {
    if (buckets_[0].empty()) {
      std::size_t i = 1;
      while (buckets_[i].empty()) ++i;
      std::uint64_t low = buckets_[i][0].key;
      for (const Item& it : buckets_[i]) low = std::min(low, it.key);
      last_ = low;
      for (const Item& it : buckets_[i]) buckets_[bucket(it.key)].push_back(it);
      buckets_[i].clear();
    }
    const Item it = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return it;
  }
  static double time_of(const Item& it) { return std::bit_cast<double>(it.key); }

private:
  std::size_t bucket(std::uint64_t k) const { return k == last_ ? 0 : 64 - std::countl_zero(k ^ last_); }
  std::array<std::vector<Item>, 65> buckets_;
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
};

} // namespace zonepath::detail
