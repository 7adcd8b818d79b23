// Adjacent firewall rules that are one rule written several times, merged back into one before
// placement. Internal to the rule importers (import_rules.cpp).
#pragma once

#include <optional>
#include <vector>

#include "zonepath/interchange/import_rules.hpp"

namespace zonepath::interchange {

// One side's addresses as a list: the single net first, then the others.
std::vector<Ipv4Net> nets_of(const std::optional<Ipv4Net>& net, const std::vector<Ipv4Net>& more);

// Adjacent rules with the same comment, the same action and the same everything but the
// addresses of one side are one rule written several times (iptables expands `-s a,b` into one
// line per address, and a zone with two subnets needs two lines). With first-match evaluation,
// adjacent rules of one action equal their union, so merging them is exact, and it lets a zone
// that several subnets make up be recognised as the whole zone again.
std::vector<FirewallRule> coalesce(const std::vector<FirewallRule>& rules);

} // namespace zonepath::interchange
