// The ids of a site's zones, assets, conduits and threat actors as the site loader accepts them,
// for the importers that take ids from their input before the site is loaded (a conduit column).
#pragma once

#include <string_view>

namespace zonepath::models {

// Letters, digits and _ . : -, 1 to 256 characters.
bool valid_id(std::string_view id);

} // namespace zonepath::models
