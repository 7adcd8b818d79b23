#include <cstdio>
#include <thread>

#include <tbb/task_arena.h>

#include "batch_internal.hpp"
#include "zonepath/core/parallel.hpp"

namespace zonepath::scenarios {
namespace detail {

void ResultQueue::push(JobResult r) {
  {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(r));
  }
  cv_.notify_one();
}

std::optional<JobResult> ResultQueue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!cv_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return std::nullopt;
  JobResult r = std::move(items_.front());
  items_.pop_front();
  return r;
}

Coordinator::Coordinator(const BatchOptions& options, int ranks)
    : options_(options), start_(std::chrono::steady_clock::now()), last_commit_(start_), last_draw_(start_),
      store_(options.db) {
  BatchInputs inputs = collect_batch_inputs(options.inputs);
  summary_.skipped_inputs = inputs.skipped;
  summary_.ranks = ranks;
  std::vector<BatchJob> jobs = plan_batch_jobs(inputs, options.job);
  const auto done = store_.done_hashes();
  summary_.counts.total = jobs.size();
  position_.assign(jobs.size(), ~std::size_t{0});
  for (auto& j : jobs) {
    if (done.count(j.input_hash)) {
      ++summary_.counts.skipped;
      continue;
    }
    position_[j.index] = pending_.size();
    pending_.push_back(std::move(j));
  }
  failed_.resize(pending_.size());
  nlohmann::json args = options.inputs;
  RunInfo info{options.version,
               args.dump(),
               options.job.seed,
               options.job.samples,
               options.threads ? options.threads : std::thread::hardware_concurrency(),
               ranks};
  summary_.run_id = store_.begin_run(info);
  job_ids_ = store_.register_jobs(summary_.run_id, pending_);
  if (options_.reporter) options_.reporter->begin("jobs", pending_.size());
}

std::optional<BatchJob> Coordinator::next_job() {
  if (options_.cancel && options_.cancel->cancelled()) return std::nullopt;
  std::size_t i = next_.fetch_add(1);
  if (i >= pending_.size()) return std::nullopt;
  return pending_[i];
}

void Coordinator::commit_if_due(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (in_transaction_ && (force || uncommitted_ >= 64 || now - last_commit_ > std::chrono::seconds(1))) {
    store_.commit();
    in_transaction_ = false;
    uncommitted_ = 0;
    last_commit_ = now;
  }
}

void Coordinator::accept(const JobResult& r) {
  const std::size_t pos = position_.at(r.index);
  if (r.status == JobStatus::Cancelled) {
    summary_.counts.interrupted = true;
    return;
  }
  if (!in_transaction_) {
    store_.begin();
    in_transaction_ = true;
  }
  store_.write_result(job_ids_[pos], r);
  ++uncommitted_;
  ++done_;
  progress_advance(options_.reporter);
  if (r.status == JobStatus::Ok) {
    ++summary_.counts.ok;
  } else {
    ++summary_.counts.failed;
    const BatchJob& j = pending_[pos];
    failed_[pos] = FailedJob{j.site_file, j.scenario_file, j.threat, r.error_kind, r.error};
  }
  commit_if_due(false);
  tick();
}

void Coordinator::tick() {
  commit_if_due(false);
  if (!options_.progress) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200) && done_ < pending_.size()) return;
  last_draw_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? done_ / secs : 0;
  const std::size_t n = pending_.size();
  const int width = 30;
  const int filled = n ? static_cast<int>(width * done_ / n) : width;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  char eta[32] = "--:--";
  if (rate > 0 && done_ < n) {
    auto left = static_cast<long>((n - done_) / rate);
    std::snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60, left % 60);
  } else if (done_ == n) {
    std::snprintf(eta, sizeof eta, "done");
  }
  std::fprintf(stderr, "\r[%s] %zu/%zu jobs, %zu failed, %.2f jobs/s, ETA %s   ", bar.c_str(), done_, n,
               summary_.counts.failed, rate, eta);
  std::fflush(stderr);
}

BatchSummary Coordinator::finish() {
  commit_if_due(true);
  if (options_.cancel && options_.cancel->cancelled()) summary_.counts.interrupted = true;
  if (done_ < pending_.size()) summary_.counts.interrupted = true;
  summary_.counts.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  store_.finish_run(summary_.run_id, summary_.counts);
  if (options_.progress) std::fputs("\n", stderr);
  // An interrupted run ends its phase where it stood.
  if (options_.reporter) options_.reporter->end(!summary_.counts.interrupted);
  for (auto& f : failed_)
    if (f) summary_.failed.push_back(std::move(*f));
  return summary_;
}

void run_job_pool(std::size_t threads, const std::function<std::optional<BatchJob>()>& next,
                  ResultQueue& queue, const CancelToken* cancel) {
  JobInputCache cache(threads + 2);
  auto slot = [&] {
    while (auto job = next()) {
      // Isolation keeps a thread waiting inside a job's own parallel loops from picking up
      // another whole job, which would delay the first one's result.
      JobResult r = tbb::this_task_arena::isolate([&] { return run_batch_job(*job, cache, cancel); });
      queue.push(std::move(r));
    }
  };
  run_concurrently(threads, slot);
}

std::thread start_local_pool(std::size_t threads, Coordinator& coord, ResultQueue& queue,
                             const CancelToken* cancel, std::exception_ptr& failure) {
  return std::thread([threads, &coord, &queue, cancel, &failure] {
    try {
      run_job_pool(
          threads, [&] { return coord.next_job(); }, queue, cancel);
    } catch (...) {
      failure = std::current_exception();
    }
    JobResult done;
    done.index = kPoolDone;
    queue.push(std::move(done));
  });
}

} // namespace detail

BatchSummary run_batch(const BatchOptions& options) {
  const std::size_t threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  ThreadLimit limit(threads);
  detail::Coordinator coord(options, 1);
  detail::ResultQueue queue;
  std::exception_ptr failure;
  std::thread compute = detail::start_local_pool(threads, coord, queue, options.cancel, failure);
  while (true) {
    auto r = queue.pop(std::chrono::milliseconds(200));
    if (!r) {
      coord.tick();
      continue;
    }
    if (r->index == detail::kPoolDone) break;
    coord.accept(*r);
  }
  compute.join();
  BatchSummary s = coord.finish();
  if (failure) std::rethrow_exception(failure);
  return s;
}

} // namespace zonepath::scenarios
