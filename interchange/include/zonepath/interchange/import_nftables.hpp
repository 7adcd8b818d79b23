// nftables rulesets as `nft -j list ruleset` prints them (libnftables-json(5)) -> FirewallRule
// list. The base chains on the forward hook of ip and inet tables carry the traffic between
// zones; their rules are read in order (ip saddr/daddr with prefixes, ranges, anonymous and
// named sets; tcp/udp/th dport; iifname/oifname; ct state), jumps and gotos into regular
// chains are inlined with the jumping rule's conditions (bounded: a ruleset whose jumps would
// expand past a limit is refused naming the chain), and the chain policy closes the list. What
// cannot be translated (NAT, IPv6, negation, maps, other hooks) is reported with its position.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/import_rules.hpp"

namespace zonepath::interchange {

struct NftablesOptions {
  // Rules visited while inlining jumps, over all chains: past it the import fails with an error
  // naming the chain (a few chains jumping into each other from many rules grow exponentially).
  std::size_t max_inlined_rules = kMaxInlinedRules;
  int max_jump_depth = 16; // the kernel's own limit on nested jumps
};

// Whether text is nftables JSON: an object whose first key is "nftables".
bool is_nftables_json(const std::string& text);

// Throws ParseError for malformed JSON or a document without an "nftables" array, LimitError
// when inlining exceeds the options' bounds.
std::vector<FirewallRule> parse_nftables_json(const std::string& text, const std::string& name,
                                              std::vector<ImportNote>& notes,
                                              const NftablesOptions& options = {});

} // namespace zonepath::interchange
