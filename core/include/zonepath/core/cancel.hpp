// Cooperative cancellation: long algorithms poll a token and throw CancelledError.
#pragma once

#include <atomic>

#include "zonepath/core/error.hpp"

namespace zonepath {

class CancelToken {
public:
  void cancel() { flag_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return flag_.load(std::memory_order_relaxed); }
  void throw_if_cancelled() const {
    if (cancelled()) throw CancelledError("cancelled");
  }

private:
  std::atomic<bool> flag_{false};
};

// Polls an optional token: algorithms take `const CancelToken*`, null when not cancellable.
inline void check_cancel(const CancelToken* cancel) {
  if (cancel) cancel->throw_if_cancelled();
}

// Process-wide token set by the CLI's SIGINT/SIGTERM handler.
CancelToken& global_cancel_token();

} // namespace zonepath
