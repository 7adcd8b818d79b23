// What a user sees of an attack path (waypoints hidden, their steps merged; JSON fields of
// the `paths` contract; readable text). The implementation lives in the core library
// (zonepath/core/path_listing.hpp) so that the report writers of the models module share it;
// this header keeps the CLI's names.
#pragma once

#include "zonepath/core/path_listing.hpp"

namespace zonepath::cli {

using zonepath::list_path;
using zonepath::ListedPath;
using zonepath::ListedStep;
using zonepath::path_to_json;
using zonepath::path_to_text;

} // namespace zonepath::cli
