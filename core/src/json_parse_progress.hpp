// Parsing JSON text while counting the bytes read into a progress phase. nlohmann's parser
// takes any forward iterator over chars, so a counting iterator sees every byte go by without a
// second pass; it reports once per megabyte, which costs nothing next to the parse.
#pragma once

#include <cstddef>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/core/progress.hpp"

namespace zonepath::detail {

class CountingCharIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  static constexpr std::size_t kStep = std::size_t{1} << 20;

  CountingCharIterator() = default;
  CountingCharIterator(const char* base, std::size_t pos, ProgressReporter* progress)
      : base_(base), pos_(pos), mark_(pos + kStep), progress_(progress) {}

  reference operator*() const { return base_[pos_]; }
  CountingCharIterator& operator++() {
    // Offsets, not pointers: a mark past the end of the text must not be formed as a pointer.
    if (++pos_ == mark_) {
      if (progress_) progress_->advance(kStep);
      mark_ += kStep;
    }
    return *this;
  }
  CountingCharIterator operator++(int) {
    CountingCharIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingCharIterator& other) const { return pos_ == other.pos_; }

private:
  const char* base_ = nullptr;
  std::size_t pos_ = 0, mark_ = 0;
  ProgressReporter* progress_ = nullptr;
};

// json::sax_parse(text, &sax), counting the bytes parsed into the current phase of `progress`,
// whose total is raised to text.size() first. The iterator reports whole megabytes: the last
// part of one is counted once the parse is through, so that the count reaches the text's size
// before the caller goes on to read the document (not only when its phase ends).
template <class Sax> void sax_parse_counting(const std::string& text, Sax& sax, ProgressReporter& progress) {
  progress.set_total(text.size());
  nlohmann::json::sax_parse(CountingCharIterator(text.data(), 0, &progress),
                            CountingCharIterator(text.data(), text.size(), nullptr), &sax);
  progress.advance(text.size() % CountingCharIterator::kStep);
}

} // namespace zonepath::detail
