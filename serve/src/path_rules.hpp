// Which rules carry an attack path: for each step that crosses a conduit (or moves inside an
// isolated zone), the rules whose allowed flows take the attacker from the step's source to its
// destination. The workbench marks them, so that an architect sees which rule to close.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::serve::detail {

// ("conduit" or "zone", index in the site) -> rule position in the file's list -> path numbers
// (1-based positions in the list given).
using RuleCarriers =
    std::map<std::pair<std::string, models::Index>, std::map<std::size_t, std::set<std::size_t>>>;

RuleCarriers rules_carrying(const models::Site& site, const std::vector<const models::PathResult*>& paths);

} // namespace zonepath::serve::detail
