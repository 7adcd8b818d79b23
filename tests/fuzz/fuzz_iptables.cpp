// libFuzzer target: arbitrary bytes as iptables-save text, user chains inlined under a small
// bound (so that an input of chains jumping into each other is refused quickly instead of
// growing; the replayed regressions include such a bomb).
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<interchange::ImportNote> notes;
  interchange::IptablesOptions options;
  // Every visit of an inlined rule re-reads it: under ASan an input that reaches 20,000 visits
  // costs about 60 ms, and the mutations of the bomb seed all do, so the fuzzer crawled at a few
  // inputs per second. 2,000 reaches the same refusal ten times sooner.
  options.max_inlined_rules = 2000;
  try {
    auto rules = interchange::parse_iptables_save(text, "fuzz.rules", notes, options);
    if (rules.size() > options.max_inlined_rules + 1) __builtin_trap(); // + the chain policy
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
