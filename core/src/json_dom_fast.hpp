// The fast path of JsonDocument::parse (private to core/src): simdjson's parser, then the same
// nlohmann document nlohmann's parser builds, or nothing when the text leaves the fast path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace zonepath {
class ProgressReporter;
}

namespace zonepath::detail {

// The document of `text`, exactly as nlohmann::json::parse reads it (value types included), or
// nullopt when the text is not valid JSON or holds what this reader leaves to nlohmann's: a
// repeated key, a number -0, a byte order mark, a lone surrogate escape, a scalar document.
// `progress`: the bytes of the text are counted into its current phase, as the checking
// parser counts them; `counted` says how many were counted, also when it declines. Strings are
// parsed in place when `text` carries simdjson's padding. The environment variable
// ZONEPATH_JSON_READER=checking turns this reader off (for benchmarks).
std::optional<nlohmann::json> parse_json_fast(const std::string& text, ProgressReporter* progress,
                                              std::uint64_t& counted);

} // namespace zonepath::detail
