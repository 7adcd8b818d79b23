// The one place parallel loops go through: TBB above a size threshold, a plain loop below it
// (thread start-up costs more than small loops), and a global thread limit for --threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>

#ifdef ZONEPATH_STD_THREADS
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#endif

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

namespace zonepath {

#ifdef ZONEPATH_STD_THREADS
// ThreadSanitizer builds define ZONEPATH_STD_THREADS. Debian's oneTBB is not instrumented and its
// scheduler hands work between threads inside libtbb, where TSan cannot see the synchronisation,
// so every parallel loop would look racy. These builds run the same loops on std::threads
// (created and joined through pthreads, which TSan understands): what it then reports are races
// in our loop bodies, which is what the sanitizer job is for.
namespace detail {
// Runs chunk(c) for every c in [0, chunks) on up to worker_count() threads; rethrows the first
// exception after all threads joined.
void run_chunks(std::size_t chunks, const std::function<void(std::size_t)>& chunk);
std::size_t worker_count();
} // namespace detail
#endif

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
#ifdef ZONEPATH_STD_THREADS
  const std::size_t grain =
      opt.grain ? opt.grain : std::max<std::size_t>(1, n / (4 * detail::worker_count()));
  detail::run_chunks((n + grain - 1) / grain,
                     [&](std::size_t c) { body(c * grain, std::min(n, (c + 1) * grain)); });
#else
  auto run = [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); };
  if (opt.grain > 0)
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, opt.grain), run);
  else
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), run);
#endif
}

// Calls body(i) for every i in [0, n).
template <class Body>
void parallel_for_each_index(std::size_t n, const Body& body, const ParallelOptions& opt = {}) {
  parallel_for_range(
      n,
      [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) body(i);
      },
      opt);
}

// Runs worker() on `threads` threads at once (each typically pulls work from a shared queue).
void run_concurrently(std::size_t threads, const std::function<void()>& worker);

// Sorts [first, last) in parallel (TBB's parallel_sort; std::sort in ThreadSanitizer builds).
template <class RandomIt, class Compare>
void parallel_sort(RandomIt first, RandomIt last, const Compare& less) {
#ifdef ZONEPATH_STD_THREADS
  std::sort(first, last, less);
#else
  tbb::parallel_sort(first, last, less);
#endif
}

// One T per worker thread, made on first use by `make` (local()), iterable afterwards to combine
// them. TBB's enumerable_thread_specific; in ThreadSanitizer builds a mutex-guarded equivalent,
// because TBB allocates the slots inside libtbb, where TSan cannot follow their reuse.
#ifdef ZONEPATH_STD_THREADS
template <class T> class PerThread {
public:
  explicit PerThread(std::function<T()> make) : make_(std::move(make)) {}
  T& local() {
    std::lock_guard lock(mutex_);
    auto [it, added] = slot_.try_emplace(std::this_thread::get_id(), nullptr);
    if (added) it->second = &items_.emplace_back(make_());
    return *it->second;
  }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

private:
  std::function<T()> make_;
  std::mutex mutex_;
  std::deque<T> items_; // stable addresses
  std::map<std::thread::id, T*> slot_;
};
#else
template <class T> using PerThread = tbb::enumerable_thread_specific<T>;
#endif

// Limits TBB to `threads` workers for the lifetime of the object (0: all cores).
class ThreadLimit {
public:
  explicit ThreadLimit(std::size_t threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

private:
  std::unique_ptr<tbb::global_control> control_; // none: no limit
};

} // namespace zonepath
