// A parsed JSON input that remembers its text, so every diagnostic can name the line and
// column of the value a JSON pointer designates. Locating is done lazily, on error paths only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/error.hpp"

namespace zonepath {

class ProgressReporter;

struct JsonLimits {
  std::size_t max_bytes = std::size_t{1} << 30; // 1 GiB: a 1M-asset site is ~400 MB
  int max_depth = 64;                           // site models nest 6 levels deep
  // Memory the parse may use; 0: what the system reports available (MemAvailable), checked
  // against kParseMemoryFactor x the file size before reading, so that a file too large for
  // the machine is refused with advice instead of ending in the OOM killer. Set the
  // environment variable ZONEPATH_NO_MEMORY_CHECK=1 to skip the check.
  std::size_t max_memory = 0;
};

// Peak memory of reading and parsing a JSON file, per byte of file: the text plus the DOM
// (measured: 10.2x on a generated 1M-asset site of 240 MB, docs/performance.md), rounded up.
inline constexpr std::size_t kParseMemoryFactor = 12;

// Throws LimitError when parsing `bytes` of `name` would need more memory than `limits` allow,
// at `factor` bytes of memory per byte of file (YAML needs more than JSON).
void check_parse_memory(const std::string& name, std::size_t bytes, const JsonLimits& limits,
                        std::size_t factor = kParseMemoryFactor);

class JsonDocument {
public:
  JsonDocument() = default;
  JsonDocument(const JsonDocument&) = default;
  JsonDocument(JsonDocument&&) noexcept = default;
  JsonDocument& operator=(const JsonDocument&) = default;
  JsonDocument& operator=(JsonDocument&&) noexcept = default;
  // A document of kReleaseAfterDocumentBytes or more of text hands its memory back to the
  // system as it goes (release_free_memory): the model read from it and the attack graph built
  // next then do not add up with it.
  ~JsonDocument();

  // Reads and parses a file. Throws ParseError naming the file, line and column. `progress`:
  // the bytes parsed are counted into its current phase (the caller's "load site"), whose total
  // is raised to the file's size: a 400 MB site parses for many seconds.
  static JsonDocument load_file(const std::string& path, const JsonLimits& limits = {},
                                ProgressReporter* progress = nullptr);
  // The text of a file, with load_file's checks of size and memory before it is read; parse()
  // it afterwards, possibly after trying a faster reader on it (read_graph_fast).
  static std::string read_text(const std::string& path, const JsonLimits& limits = {});
  // Parses text held in memory; `name` stands for the file in diagnostics.
  static JsonDocument parse(std::string text, std::string name = "<memory>", const JsonLimits& limits = {},
                            ProgressReporter* progress = nullptr);
  // Wraps an already built value (no text, so no line/column in diagnostics).
  static JsonDocument from_value(nlohmann::json value, std::string name = "<memory>");
  // JSON pointer -> 1-based (line, column) of the value in a source of another syntax.
  using Positions = std::unordered_map<std::string, std::pair<int, int>>;
  // Wraps a value converted from another syntax (YAML site files) together with where each
  // value stood in that source, so diagnostics keep their line and column.
  static JsonDocument from_value(nlohmann::json value, std::string name, Positions positions);

  const nlohmann::json& root() const { return root_; }
  const std::string& name() const { return name_; }

  // A diagnostic for `pointer`, with its line/column filled in when the text is known.
  Diagnostic diagnostic(const std::string& pointer, std::string message,
                        const nlohmann::json* value = nullptr, std::string suggestion = {}) const;
  // Fills line and column of many diagnostics in one pass over the text.
  void locate(std::vector<Diagnostic>& diagnostics) const;

private:
  std::string name_;
  std::string text_;
  nlohmann::json root_;
  Positions positions_; // only for documents converted from another syntax
};

// Abbreviated JSON rendering of a value for messages ("\"dmzz\"", "[1,2,...]").
std::string abbreviate(const nlohmann::json& value, std::size_t max_chars = 60);
// Escapes one reference token of a JSON pointer (RFC 6901: ~ -> ~0, / -> ~1).
std::string pointer_token(std::string_view key);
// 1-based line and column of a byte offset in text.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

} // namespace zonepath
