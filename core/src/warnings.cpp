#include "zonepath/core/warnings.hpp"

#include <mutex>

namespace zonepath {

namespace {

std::mutex& sink_mutex() {
  static std::mutex m;
  return m;
}

WarningSink& sink() {
  static WarningSink s;
  return s;
}

} // namespace

void set_warning_sink(WarningSink s) {
  std::lock_guard lock(sink_mutex());
  sink() = std::move(s);
}

void emit_warning(const Diagnostic& d) {
  std::lock_guard lock(sink_mutex()); // loaders may run on several threads (batch)
  if (sink()) sink()(d);
}

} // namespace zonepath
