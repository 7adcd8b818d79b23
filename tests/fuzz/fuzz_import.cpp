// libFuzzer target: arbitrary bytes through the importers' parsers: CSV (inventory and rule
// tables), iptables-save, and CISA CSAF JSON. Selected by the first byte so one corpus covers all.
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/interchange/import_csv.hpp"
#include "zonepath/interchange/import_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<interchange::ImportNote> notes;
  try {
    switch (data[0] % 3) {
    case 0: {
      auto table = interchange::parse_csv(text, "fuzz.csv");
      (void)interchange::parse_rule_table(table, notes);
      break;
    }
    case 1:
      (void)interchange::parse_iptables_save(text, "fuzz.rules", notes);
      break;
    default:
      (void)interchange::parse_csaf(JsonDocument::parse(text, "fuzz.json"));
      break;
    }
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
