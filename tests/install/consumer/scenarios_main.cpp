// Uses zonepath::scenarios (with SQLite and, in MPI builds, Open MPI on its link line): generates
// the 300-asset segmented plant of seed 7 and prints what the summary counts.
#include <iostream>
#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/scenarios/generate_site.hpp"

int main() {
  try {
    zonepath::scenarios::GenerateOptions options;
    options.assets = 300;
    options.seed = 7;
    std::ostringstream json;
    auto summary = zonepath::scenarios::generate_site(options, json);
    std::cout << "zones " << summary.zones << " assets " << summary.assets << " conduits " << summary.conduits
              << '\n';
    return summary.bytes == json.str().size() ? 0 : 1;
  } catch (const zonepath::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
