// Firewall rules -> conduit rules. Two sources: a documented CSV rule table (priority, action,
// source, destination, protocol, ports, conduit, description) and `iptables-save` output (the
// filter table's FORWARD chain, user chains inlined, the chain policy as the last rule).
// Addresses become zones through the ZoneMap and hosts become src_assets / dst_assets through
// the assets' x-ip; each rule lands on the conduit that joins its two zones. Priorities keep
// the firewall's first-match order, as the access map evaluates conduit rules (ascending
// priority, first match wins, default deny).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/import_csv.hpp"

namespace zonepath::interchange {

// One firewall rule as read, before it is placed on conduits.
struct FirewallRule {
  std::string file;
  int line = 0;
  std::int64_t priority = 0;
  bool allow = false;
  // Each side: a zone id or "*" (CSV), or an address (nullopt net = any), or an interface.
  std::string src_zone, dst_zone;
  std::optional<Ipv4Net> src_net, dst_net;
  // Several addresses, any of which matches (pfSense aliases, nftables sets, address lists);
  // used together with src_net / dst_net when not empty.
  std::vector<Ipv4Net> src_nets, dst_nets;
  std::string src_interface, dst_interface;
  std::vector<std::string> protocols; // catalog protocol names; empty = any
  std::vector<int> ports;             // destination ports; empty = any
  std::string transport;              // "tcp" / "udp" (iptables -p, the CSV protocol cell), "" = any
  // Destination port ranges too wide to list (1024-65535): when the rule is placed they become
  // the ports of the site's services that lie inside them.
  std::vector<std::pair<int, int>> port_ranges;
  std::string conduit; // CSV only: the conduit it belongs to
  std::string description;
  bool policy = false; // the chain's default policy (iptables)
};

struct RuleImportOptions {
  std::string conduit; // only rules between this conduit's two zones, all placed on it
  // The zones "any" stands for (a firewall configuration's interfaces); empty: the zones of
  // --conduit, else those the zone map knows, else all.
  std::vector<std::string> scope;
  bool append = false; // keep the conduits' existing rules (default: imported rules replace them)
  std::int64_t policy_priority = 1000000; // where a chain policy lands, after every rule
  // A subnet side that is part of a zone: the zone-level side (true) or the modelled assets
  // whose x-ip lies in it (false, with a warning per rule).
  bool keep_subnets = false;
  // Sets the caller's phase total to the rules left after merging equivalent ones, counts them.
  ProgressReporter* progress = nullptr;
};

struct RuleImportResult {
  nlohmann::json rules = nlohmann::json::array();   // {line, conduit, priority, action, from, to, ...}
  nlohmann::json skipped = nlohmann::json::array(); // {line, reason, value}
  nlohmann::json conduits_created = nlohmann::json::array();
  nlohmann::json conduits_replaced = nlohmann::json::array(); // {conduit, rules_removed}
  std::vector<ImportNote> notes;
};

// CSV rule table; columns (case-insensitive): priority, action, source (or from), destination
// (or to), protocol, ports, conduit, description. Bad rows become error notes.
std::vector<FirewallRule> parse_rule_table(const CsvTable& table, std::vector<ImportNote>& notes);

// Rules visited while inlining user chains (iptables) or jumps (nftables), over all chains: a few
// chains jumping into each other from many rules grow exponentially (30 jumps 5 deep: 24 million
// rules from 3 KB), so past this the import fails with a LimitError naming the chain.
inline constexpr std::size_t kMaxInlinedRules = 100000;

struct IptablesOptions {
  std::size_t max_inlined_rules = kMaxInlinedRules;
};

// iptables-save text (filter table). Unsupported matches are reported and their rule skipped.
// Throws LimitError when inlining the user chains visits more than options.max_inlined_rules.
std::vector<FirewallRule> parse_iptables_save(const std::string& text, const std::string& name,
                                              std::vector<ImportNote>& notes,
                                              const IptablesOptions& options = {});
// Whether text looks like iptables-save output.
bool is_iptables_save(const std::string& text);

// Adds the destination ports lo..hi to a rule: listed when the range is at most 256 ports wide,
// else kept as a range (resolved against the site's service ports when placed).
void add_port_range(FirewallRule& rule, int lo, int hi);

RuleImportResult import_rules(const std::vector<FirewallRule>& rules, nlohmann::json& site,
                              const ZoneMap& zones, const RuleImportOptions& options = {});

} // namespace zonepath::interchange
