// The one place parallel loops go through: TBB above a size threshold, a plain loop below it
// (thread start-up costs more than small loops), and a global thread limit for --jobs.
#pragma once

#include <cstddef>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace zonepath {

struct ParallelOptions {
  std::size_t serial_below = 1024; // below this many items the loop runs serially
  std::size_t grain = 0;           // 0: let TBB choose
};

// Calls body(begin, end) over [0, n) in chunks.
template <class Body>
void parallel_for_range(std::size_t n, const Body& body, const ParallelOptions& opt = {}) {
  if (n == 0) return;
  if (n < opt.serial_below) {
    body(std::size_t{0}, n);
    return;
  }
  auto run = [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); };
  if (opt.grain > 0) tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, opt.grain), run);
  else tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), run);
}

// Calls body(i) for every i in [0, n).
template <class Body>
void parallel_for_each_index(std::size_t n, const Body& body, const ParallelOptions& opt = {}) {
  parallel_for_range(n, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) body(i);
  }, opt);
}

// Limits TBB to `threads` workers for the lifetime of the object (0: all cores).
class ThreadLimit {
public:
  explicit ThreadLimit(std::size_t threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

private:
  void* control_ = nullptr;
};

} // namespace zonepath
