#include "zonepath/core/parallel.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <tbb/partitioner.h>

namespace zonepath {

namespace {
std::atomic<std::size_t> g_thread_limit{0}; // 0: no ThreadLimit in force

// Runs fn(i) for i in [0, workers) on that many std::threads; rethrows the first exception.
[[maybe_unused]] void on_std_threads(std::size_t workers, const std::function<void(std::size_t)>& fn) {
  std::exception_ptr first;
  std::mutex first_mutex;
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        fn(w);
      } catch (...) {
        std::lock_guard lock(first_mutex);
        if (!first) first = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  if (first) std::rethrow_exception(first);
}
} // namespace

#ifdef ZONEPATH_STD_THREADS
namespace detail {

std::size_t worker_count() {
  std::size_t limit = g_thread_limit.load();
  // At least two, so that the sanitizer job exercises concurrency even on one core.
  return limit ? limit : std::max<std::size_t>(2, std::thread::hardware_concurrency());
}

void run_chunks(std::size_t chunks, const std::function<void(std::size_t)>& chunk) {
  std::atomic<std::size_t> next{0};
  on_std_threads(std::min(worker_count(), chunks), [&](std::size_t) {
    for (std::size_t c = next++; c < chunks; c = next++) chunk(c);
  });
}

} // namespace detail
#endif

void run_concurrently(std::size_t threads, const std::function<void()>& worker) {
  if (threads <= 1) {
    worker();
    return;
  }
#ifdef ZONEPATH_STD_THREADS
  on_std_threads(threads, [&](std::size_t) { worker(); });
#else
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, threads, 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i < r.end(); ++i) worker();
      },
      tbb::simple_partitioner());
#endif
}

ThreadLimit::ThreadLimit(std::size_t threads) {
  if (threads > 0) {
    control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
    g_thread_limit = threads;
  }
}

ThreadLimit::~ThreadLimit() {
  if (control_) g_thread_limit = 0;
}

} // namespace zonepath
