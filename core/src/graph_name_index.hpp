// Lookup tables of the fast graph reader (graph_json_fast.cpp): node names to ids, and the
// interning of edge strings in order of first appearance.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::fast_graph {

// String equality as an inline loop: keys and node names are a few bytes long, where a call
// of memcmp per comparison (millions per file) showed in profiles.
inline bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Node name -> id: open addressing over a power-of-two table of slots that hold the name's
// length and first 8 bytes, so that a lookup of a short name (most ids) touches one slot and
// nothing else; longer names are compared in full against views into the parser's strings.
// Every edge looks up two names: with a node-based std::unordered_map, or with slots that
// only point at the names, those lookups (three cache misses each) cost more than the parse.
class NameIndex {
public:
  explicit NameIndex(std::size_t n)
      : mask_(std::bit_ceil(std::max<std::size_t>(2 * n, 16)) - 1), slots_(mask_ + 1) {
    names_.reserve(n);
  }
  // False when the name is already there.
  bool insert(std::string_view name) {
    const Slot key = slot_of(name, static_cast<NodeId>(names_.size()));
    for (std::size_t i = hash(name) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == kNoNode) {
        s = key;
        names_.push_back(name);
        return true;
      }
      if (matches(s, key, name)) return false;
    }
  }
  NodeId find(std::string_view name) const {
    const Slot key = slot_of(name, kNoNode);
    for (std::size_t i = hash(name) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kNoNode) return kNoNode;
      if (matches(s, key, name)) return s.id;
    }
  }

private:
  struct Slot {
    std::uint64_t head = 0; // the first 8 bytes of the name, zero-filled
    std::uint32_t size = 0;
    NodeId id = kNoNode;
  };
  static Slot slot_of(std::string_view name, NodeId id) {
    Slot s{0, static_cast<std::uint32_t>(name.size()), id};
    for (std::size_t i = 0; i < std::min<std::size_t>(name.size(), 8); ++i)
      s.head |= std::uint64_t(static_cast<unsigned char>(name[i])) << (8 * i);
    return s;
  }
  bool matches(const Slot& s, const Slot& key, std::string_view name) const {
    return s.head == key.head && s.size == key.size && (key.size <= 8 || same(names_[s.id], name));
  }
  static std::uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

  std::size_t mask_;
  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;
};

} // namespace zonepath::fast_graph
