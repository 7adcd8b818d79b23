// Shared pieces of the _zonepath module: JSON <-> Python conversion, interruptible calls
// that release the GIL, and the bind_<area> entry points (one per file).
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/analysis.hpp"

namespace zonepath::py_bindings {

namespace py = pybind11;

// nlohmann::json -> dict/list/str/int/float/bool/None, numbers kept exact.
py::object to_python(const nlohmann::json& value);
// The reverse; accepts any Mapping with str keys, list/tuple, int (and NumPy integers), float.
// Throws TypeError for anything else, naming where in the document it sits.
nlohmann::json from_python(py::handle value);

py::dict diagnostic_to_python(const Diagnostic& d);

// The options of Site.analyze, whatif and compare; AnalysisError when samples is 0 or as_of is
// not a calendar date YYYY-MM-DD, before any work starts (the CLI's parser refuses both).
models::AnalysisOptions analysis_options(std::vector<std::string> threats, std::vector<std::string> targets,
                                         std::uint64_t samples, std::uint64_t seed, std::size_t paths,
                                         const std::optional<std::string>& as_of);
// The assessment date of `as_of=` (nullopt: the site's own); AnalysisError when it is no date.
std::optional<models::Date> as_of_option(const std::optional<std::string>& as_of);

// Runs `work(cancel_token)` on a worker thread with the GIL released. The calling thread
// polls for signals every 50 ms: Ctrl-C cancels the token, waits for the engine to stop and
// then raises KeyboardInterrupt. Engine errors propagate to the exception translator. `poll`,
// when given, runs with the GIL at each of those wake-ups and once at the end (progress
// delivery); an exception from it cancels the work and propagates once the worker stopped.
template <class F>
auto call_interruptible(F work, const std::function<void()>& poll = {})
    -> decltype(work(static_cast<const CancelToken*>(nullptr))) {
  using Result = decltype(work(static_cast<const CancelToken*>(nullptr)));
  auto token = std::make_shared<CancelToken>();
  std::packaged_task<Result()> task([work = std::move(work), token]() mutable { return work(token.get()); });
  std::future<Result> done = task.get_future();
  bool interrupted = false;
  std::exception_ptr poll_error;
  {
    py::gil_scoped_release release;
    std::thread worker(std::move(task));
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        token->cancel();
        interrupted = true;
        break;
      }
      if (!poll) continue;
      try {
        poll();
      } catch (...) {
        poll_error = std::current_exception();
        token->cancel();
        break;
      }
    }
    worker.join();
  }
  if (interrupted) throw py::error_already_set(); // the KeyboardInterrupt set by the handler
  if (poll_error) std::rethrow_exception(poll_error);
  if (poll) poll();
  return done.get();
}

// Progress events of the engine, queued by whichever thread reports them until the calling
// thread takes them (with the GIL) to hand them to Python.
class ProgressQueue : public ProgressSink {
public:
  void on_event(const ProgressEvent& event) override {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  std::vector<ProgressEvent> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
  }

private:
  std::mutex mutex_;
  std::vector<ProgressEvent> events_;
};

// {"event", "phase", "depth", "done", "total", "elapsed", "eta"}: the JSON lines of --progress=json.
py::dict progress_event_to_python(const ProgressEvent& event);

// call_interruptible for work that reports progress: `work(cancel, progress)`. With a callable
// `callback` (None: no progress, a null reporter) the events reach it on the calling thread, at
// most 20 times a second in batches: the GIL is taken only to deliver them, never by the engine.
template <class F>
auto call_with_progress(py::handle callback, F work)
    -> decltype(work(static_cast<const CancelToken*>(nullptr), static_cast<ProgressReporter*>(nullptr))) {
  if (callback.is_none())
    return call_interruptible([&](const CancelToken* cancel) { return work(cancel, nullptr); });
  ProgressQueue queue;
  ProgressReporter reporter(&queue);
  py::object deliver_to = py::reinterpret_borrow<py::object>(callback);
  return call_interruptible([&](const CancelToken* cancel) { return work(cancel, &reporter); },
                            [&] {
                              for (const ProgressEvent& e : queue.take())
                                deliver_to(progress_event_to_python(e));
                            });
}

void bind_errors(py::module_& m);
void bind_site(py::module_& m);
void bind_graph(py::module_& m);
void bind_graph_arrays(py::module_& m); // after bind_graph: adds to GraphHandle
void bind_scenarios(py::module_& m);
void bind_render(py::module_& m);

} // namespace zonepath::py_bindings
