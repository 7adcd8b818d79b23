// Output files appear whole or not at all: written to a temporary file beside the target,
// flushed, then renamed over it.
#pragma once

#include <string>
#include <string_view>

namespace zonepath {

// Throws StoreError when the file cannot be written; never leaves a partial target behind.
void write_file_atomic(const std::string& path, std::string_view content);

} // namespace zonepath
