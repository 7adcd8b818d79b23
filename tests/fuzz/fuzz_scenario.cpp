// libFuzzer target: arbitrary bytes as a what-if scenario (zonepath/scenario/v1) and as a change
// request (zonepath/change/v1), which shares the operation checks and fills its window in.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/scenarios/change.hpp"
#include "zonepath/scenarios/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  try {
    auto doc = std::make_shared<const JsonDocument>(
        JsonDocument::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"));
    try {
      (void)scenarios::load_scenario(doc);
    } catch (const Error& e) {
      if (std::string(e.what()).empty()) __builtin_trap();
    }
    (void)scenarios::load_change(doc);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
