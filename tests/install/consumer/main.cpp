// Loads a site with the installed library and prints its zone count and the SL-A of zone 0.
#include <iostream>

#include "zonepath/models/security_levels.hpp"
#include "zonepath/models/site_loader.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  try {
    auto site = zonepath::models::load_site_json_file(argv[1]);
    auto levels = zonepath::models::compute_security_levels(*site);
    std::cout << "zones " << site->zones.size() << " assets " << site->assets.size() << '\n';
    return levels.zones.size() == site->zones.size() ? 0 : 1;
  } catch (const zonepath::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
