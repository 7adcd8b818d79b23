#include "zonepath/core/parallel.hpp"

#include <tbb/global_control.h>

namespace zonepath {

ThreadLimit::ThreadLimit(std::size_t threads) {
  if (threads > 0)
    control_ = new tbb::global_control(tbb::global_control::max_allowed_parallelism, threads);
}

ThreadLimit::~ThreadLimit() { delete static_cast<tbb::global_control*>(control_); }

} // namespace zonepath
