// Reading input files whatever the path names: regular files, pipes and process substitution
// (`<(cat site.json)`) are read up to a size cap; directories, devices and sockets are refused
// by what they are; a FIFO nobody writes to reads as empty instead of blocking in open().
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

#include "zonepath/core/cancel.hpp"

namespace zonepath {

// Every input file (site, graph, scenario, model override, import, batch list): 1 GiB.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

// Spare capacity read_input_file leaves after the text, so that SIMD parsers that read a
// little past the end (simdjson's padding) parse it in place instead of copying it.
inline constexpr std::size_t kInputPadding = 64;

// "a directory", "a character device", "a FIFO (named pipe)", ... for st_mode.
std::string file_type_name(unsigned mode);

// The whole content of `path`. Throws ParseError naming the file when it cannot be opened, is
// not a regular file or pipe, or holds more than `max_bytes` (LimitError for the size), and
// CancelledError when `cancel` is set while reading.
std::string read_input_file(const std::string& path, std::size_t max_bytes = kMaxInputBytes,
                            const CancelToken* cancel = &global_cancel_token());

// The same checks for inputs read as a stream (traffic logs larger than memory): no size cap,
// the stream throws ParseError on a read error instead of looking like the end of the file.
std::unique_ptr<std::istream> open_input_stream(const std::string& path);

} // namespace zonepath
