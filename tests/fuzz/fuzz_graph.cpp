// libFuzzer target: arbitrary bytes as a raw attack graph (zonepath/graph/v1).
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/shortest_paths.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  try {
    auto doc = JsonDocument::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    AttackGraph g = load_graph(doc);
    if (g.node_count() > 0 && g.node_count() < 10000) {
      std::vector<NodeId> sources{0};
      (void)shortest_paths_from(g, sources);
    }
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
