// libFuzzer target: arbitrary text as a CVSS v3.x vector.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "zonepath/core/error.hpp"
#include "zonepath/models/cvss.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto v = zonepath::models::parse_cvss_v3(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)v;
  } catch (const zonepath::Error&) {
  }
  return 0;
}
