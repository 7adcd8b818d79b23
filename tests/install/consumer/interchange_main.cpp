// Uses zonepath::interchange: a YAML document (yaml-cpp) and a CSV table (libcsv), so a consumer
// must get both dependencies through the package config alone.
#include <iostream>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_csv.hpp"
#include "zonepath/interchange/yaml_document.hpp"

int main() {
  try {
    auto doc = zonepath::interchange::parse_yaml("zones:\n  - id: ops\n  - id: dmz\n", "inline.yaml");
    auto table = zonepath::interchange::parse_csv("name,ip\nplc-1,10.0.0.5\nhmi-1,10.0.0.6\n", "inline.csv");
    std::cout << "yaml zones " << doc.root()["zones"].size() << " csv rows " << table.rows.size() << '\n';
    return 0;
  } catch (const zonepath::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
