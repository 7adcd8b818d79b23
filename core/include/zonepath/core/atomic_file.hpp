// Output files appear whole or not at all: written to a temporary file beside the target,
// flushed, then renamed over it.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace zonepath {

// Throws StoreError when the file cannot be written; never leaves a partial target behind.
void write_file_atomic(const std::string& path, std::string_view content);
// The same for output too large to hold in memory: `write` streams it into the temporary file;
// if it throws, the temporary file is removed and the exception passes on.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace zonepath
