// libFuzzer target: arbitrary bytes as a YAML site model (same checks as JSON sites).
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  try {
    auto doc = interchange::parse_yaml(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    (void)models::load_site(doc);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
