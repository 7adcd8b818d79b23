// Shared by the single-process and the MPI batch runners: the coordinator that owns the job
// list and the results store (rank 0), and the pool that runs jobs on this process's threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "zonepath/scenarios/batch_result.hpp"
#include "zonepath/scenarios/batch_run.hpp"

namespace zonepath::scenarios::detail {

class ResultQueue {
public:
  void push(JobResult r);
  // Waits up to `timeout` for a result.
  std::optional<JobResult> pop(std::chrono::milliseconds timeout);

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<JobResult> items_;
};

class Coordinator {
public:
  Coordinator(const BatchOptions& options, int ranks);
  // The next pending job, or nothing when all are handed out or the run was cancelled.
  std::optional<BatchJob> next_job();
  void accept(const JobResult& result); // writes (batched commits) and updates progress
  void tick();                          // redraws the progress bar when due
  BatchSummary finish();
  std::size_t pending() const { return pending_.size(); }

private:
  void commit_if_due(bool force);
  const BatchOptions& options_;
  std::chrono::steady_clock::time_point start_, last_commit_, last_draw_;
  ResultStore store_;
  BatchSummary summary_;
  std::vector<BatchJob> pending_;
  std::vector<std::int64_t> job_ids_; // by pending position
  std::vector<std::size_t> position_; // job index -> pending position
  std::vector<std::optional<FailedJob>> failed_;
  std::atomic<std::size_t> next_{0};
  std::size_t done_ = 0, uncommitted_ = 0;
  bool in_transaction_ = false;
};

// Runs jobs from `next` on up to `threads` TBB threads until it returns nothing; each result
// goes to `queue`. Returns when every started job has finished.
void run_job_pool(std::size_t threads, const std::function<std::optional<BatchJob>()>& next,
                  ResultQueue& queue, const CancelToken* cancel);

// Index of the result queued after every real result of a local pool: it wakes the writer
// loop and tells it the pool is done.
inline constexpr std::size_t kPoolDone = ~std::size_t{0};

// Runs this process's share of the batch on a thread: run_job_pool over the coordinator's jobs,
// then kPoolDone. An exception from the pool lands in `failure` (read it after join()).
std::thread start_local_pool(std::size_t threads, Coordinator& coord, ResultQueue& queue,
                             const CancelToken* cancel, std::exception_ptr& failure);

} // namespace zonepath::scenarios::detail
