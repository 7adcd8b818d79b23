// The batch across MPI ranks. Rank 0 plans the jobs, runs some itself on its TBB threads and
// hands out the rest one at a time to whichever worker rank asks (dynamic load balancing);
// only rank 0 touches the database, so its content is the same as a single-process run.
// Workers read the site files themselves (a shared file system, as on a Slurm cluster).
#include <cstdlib>

#include "batch_internal.hpp"
#include "zonepath/core/error.hpp"

#ifdef ZONEPATH_HAVE_MPI
#include <iostream>
#include <thread>

// The C API only: the deprecated C++ bindings do not compile warning-free.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include "zonepath/core/parallel.hpp"
#endif

namespace zonepath::scenarios {

bool batch_mpi_available() {
#ifdef ZONEPATH_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool batch_mpi_launched() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

#ifndef ZONEPATH_HAVE_MPI

BatchSummary run_batch_mpi(const BatchOptions&) {
  throw Error("this zonepath was built without MPI support (configure with -DZONEPATH_MPI=ON)");
}

#else

namespace {

enum Tag : int { kRequest = 1, kJob = 2, kStop = 3 };

void send_text(const std::string& text, int dest, int tag) {
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, dest, tag, MPI_COMM_WORLD);
}

std::string recv_text(int source, int tag, MPI_Status& status) {
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int n = 0;
  MPI_Get_count(&status, MPI_CHAR, &n);
  std::string text(static_cast<std::size_t>(n), '\0');
  MPI_Recv(text.data(), n, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return text;
}

BatchSummary root(const BatchOptions& options, int ranks) {
  const std::size_t threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  ThreadLimit limit(threads);
  detail::Coordinator coord(options, ranks);
  detail::ResultQueue queue;
  std::exception_ptr failure;
  std::thread compute = detail::start_local_pool(threads, coord, queue, options.cancel, failure);
  bool local_done = false;
  int stopped = 0;
  while (!local_done || stopped < ranks - 1) {
    bool busy = false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequest, MPI_COMM_WORLD, &flag, &status);
    if (flag) {
      busy = true;
      std::string text = recv_text(status.MPI_SOURCE, kRequest, status);
      if (!text.empty()) coord.accept(nlohmann::json::parse(text).get<JobResult>());
      if (auto job = coord.next_job()) {
        send_text(nlohmann::json(*job).dump(), status.MPI_SOURCE, kJob);
      } else {
        send_text("", status.MPI_SOURCE, kStop);
        ++stopped;
      }
    }
    if (!local_done) {
      auto r = queue.pop(std::chrono::milliseconds(busy ? 0 : 2));
      if (r && r->index == detail::kPoolDone)
        local_done = true;
      else if (r)
        coord.accept(*r);
    } else if (!busy) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    coord.tick();
  }
  compute.join();
  BatchSummary s = coord.finish();
  if (failure) std::rethrow_exception(failure);
  return s;
}

void worker(const BatchOptions& options, int rank) {
  const std::size_t threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  ThreadLimit limit(threads);
  JobInputCache cache(2);
  std::string result; // empty on the first request
  while (true) {
    send_text(result, 0, kRequest);
    MPI_Status status;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    std::string text = recv_text(0, status.MPI_TAG, status);
    if (status.MPI_TAG == kStop) break;
    BatchJob job = nlohmann::json::parse(text).get<BatchJob>();
    JobResult r = run_batch_job(job, cache, options.cancel);
    r.rank = rank;
    result = nlohmann::json(r).dump();
  }
}

} // namespace

BatchSummary run_batch_mpi(const BatchOptions& options) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  BatchSummary summary;
  try {
    if (rank == 0) {
      summary = size > 1 ? root(options, size) : run_batch(options);
    } else {
      worker(options, rank);
      summary.is_root = false;
      summary.ranks = size;
    }
  } catch (const std::exception& e) {
    // A failure on any rank would leave the others waiting for messages forever.
    std::cerr << "zonepath: error on MPI rank " << rank << ": " << e.what() << '\n';
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return summary;
}

#endif

} // namespace zonepath::scenarios
