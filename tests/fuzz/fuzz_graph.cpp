// libFuzzer target: arbitrary bytes as a raw attack graph (zonepath/graph/v1), through both
// readers. The fast one (simdjson) must decline whatever the checking one rejects and build the
// same graph as it otherwise (or decline); a difference traps.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/shortest_paths.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> fast;
  if (auto g = read_graph_fast(text)) fast = graph_to_json(*g).dump();
  try {
    auto doc = JsonDocument::parse(text, "fuzz.json");
    AttackGraph g = load_graph(doc);
    if (fast && *fast != graph_to_json(g).dump()) __builtin_trap();
    if (g.node_count() > 0 && g.node_count() < 10000) {
      std::vector<NodeId> sources{0};
      (void)shortest_paths_from(g, sources);
    }
  } catch (const Error& e) {
    if (fast) __builtin_trap();
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
