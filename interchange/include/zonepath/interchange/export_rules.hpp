// From the model to enforcement: each conduit's rules as the rule set of the firewall that
// implements it (iptables-save or nftables JSON). Zones become their subnets (x-subnets, the
// zone map) or, for a zone whose subnets would hold other zones (the Internet as 0.0.0.0/0),
// its interfaces (x-interfaces); hosts named by src_assets / dst_assets become their x-ip.
// Rules keep their priority order, then everything else is dropped (default deny), and replies
// pass through connection tracking (stateful, as conduit rules are). Protocols become the ports
// and transports the model's services use for them (and the catalog's defaults), with per-host
// rules where a port alone would also match a service of another protocol, so that importing
// the written rules back gives the same access map.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

enum class RuleFormat { Iptables, Nftables };
const char* to_string(RuleFormat f); // "iptables", "nftables"
// Throws Error for an unknown name.
RuleFormat parse_rule_format(const std::string& name);

// Where one side of a firewall rule is: addresses, or the interfaces facing a zone.
struct RuleEndpoint {
  std::vector<Ipv4Net> nets;
  std::vector<std::string> interfaces;
};

enum class L4 { Any, Tcp, Udp };

// One enforceable rule (a firewall rule set is these, in order, then default deny).
struct EnforcedRule {
  RuleEndpoint src, dst;
  L4 l4 = L4::Any;
  std::vector<std::pair<int, int>> ports; // destination port ranges; empty: every port (of l4)
  bool allow = false;
  std::size_t position = 0; // the model rule's index in the conduit's list
  std::int64_t priority = 0;
  std::string comment; // "zonepath <conduit> rule <index>: <name or description>"
};

struct ConduitRuleSet {
  std::string conduit, zone_a, zone_b;
  bool one_way = false; // a data diode (or a conduit with a direction): no stateful return rule
  std::vector<EnforcedRule> rules;
  std::vector<std::string> notes; // model rules that give no firewall rule, and why
};

struct RuleExportOptions {
  std::string conduit; // only this conduit ("" = every conduit)
  // The day the rule sets are for (the site's as_of, or --as-of): temporary rules and conduits
  // whose window starts later are left out (noted); expired ones are still configured, so they
  // are written, with a note to remove them. nullopt: every temporary element is in force.
  std::optional<models::Date> as_of;
};

// Throws ModelError listing every zone without subnets or interfaces and every named host
// without an x-ip that a conduit's rules need (nothing is written then).
std::vector<ConduitRuleSet> plan_rule_sets(const models::Site& site, const nlohmann::json& site_json,
                                           const RuleExportOptions& options = {});

// iptables-save text: one *filter block per conduit firewall, headed by a comment naming it.
std::string iptables_rule_sets(const std::vector<ConduitRuleSet>& sets, const std::string& site_id);
// `nft -j` JSON (loadable with `nft -j -f`): one table per conduit firewall.
nlohmann::json nftables_rule_sets(const std::vector<ConduitRuleSet>& sets);

} // namespace zonepath::interchange
