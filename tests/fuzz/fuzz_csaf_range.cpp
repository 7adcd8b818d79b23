// libFuzzer target: advisory version ranges and versions. The input is "RANGE\nVERSION[\nVERSION]";
// the first byte's low bit chooses product_version_range (1) or product_version (0). Besides not
// crashing, version ordering must be antisymmetric and a range check must give one answer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/interchange/csaf_versions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath::interchange;
  if (size == 0) return 0;
  bool range = (data[0] & 1) != 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t nl = text.find('\n');
  std::string expr = text.substr(0, nl);
  std::string rest = nl == std::string::npos ? "" : text.substr(nl + 1);
  std::size_t nl2 = rest.find('\n');
  std::string version = rest.substr(0, nl2);
  std::string other = nl2 == std::string::npos ? "" : rest.substr(nl2 + 1);

  VersionRange r = parse_version_range(expr, range);
  VersionCheck c = check_version(r, version);
  if (c.explanation.empty()) __builtin_trap();
  if (c.affected && !c.understood) __builtin_trap();
  if (check_version(r, version).affected != c.affected) __builtin_trap(); // deterministic

  auto a = parse_version(version), b = parse_version(other);
  if (a && b && compare_versions(*a, *b) != -compare_versions(*b, *a)) __builtin_trap();
  if (a && compare_versions(*a, *a) != 0) __builtin_trap();
  (void)version_components(expr);
  return 0;
}
