// Conduit rule sets as nftables JSON in the form `nft -j list ruleset` prints (and `nft -j -f`
// loads): one inet table per conduit firewall with a forward base chain, policy drop, replies
// through conntrack, and anonymous sets for several addresses, interfaces or ports.
#include <set>

#include "zonepath/interchange/export_rules.hpp"

namespace zonepath::interchange {

using nlohmann::json;

namespace nftables_export {
namespace {

json one_or_set(std::vector<json> items) {
  if (items.size() == 1) return items.front();
  return {{"set", std::move(items)}};
}

json match(json left, json right) {
  return {{"match", {{"op", "=="}, {"left", std::move(left)}, {"right", std::move(right)}}}};
}

void endpoint(const RuleEndpoint& e, bool source, json& expr) {
  if (!e.interfaces.empty()) {
    std::vector<json> names(e.interfaces.begin(), e.interfaces.end());
    expr.push_back(match({{"meta", {{"key", source ? "iifname" : "oifname"}}}}, one_or_set(names)));
  }
  if (!e.nets.empty()) {
    std::vector<json> nets;
    for (const auto& n : e.nets)
      nets.push_back(n.prefix == 32 ? json(ipv4_str(n.address))
                                    : json{{"prefix", {{"addr", ipv4_str(n.address)}, {"len", n.prefix}}}});
    expr.push_back(
        match({{"payload", {{"protocol", "ip"}, {"field", source ? "saddr" : "daddr"}}}}, one_or_set(nets)));
  }
}

// Table names are identifiers: conduit ids without '-' and ':'; made unique with a suffix.
std::string table_name(const std::string& conduit, std::set<std::string>& taken) {
  std::string base = "zonepath_";
  for (char c : conduit) base += (c == '-' || c == ':') ? '_' : c;
  std::string name = base;
  for (int n = 2; !taken.insert(name).second; ++n) name = base + "_" + std::to_string(n);
  return name;
}

} // namespace
} // namespace nftables_export

json nftables_rule_sets(const std::vector<ConduitRuleSet>& sets) {
  using namespace nftables_export;
  json items = json::array();
  items.push_back({{"metainfo", {{"json_schema_version", 1}}}});
  std::set<std::string> taken;
  for (const auto& set : sets) {
    std::string table = table_name(set.conduit, taken);
    json t = {{"family", "inet"}, {"name", table}};
    items.push_back({{"table", t}});
    items.push_back({{"chain",
                      {{"family", "inet"},
                       {"table", table},
                       {"name", "forward"},
                       {"type", "filter"},
                       {"hook", "forward"},
                       {"prio", 0},
                       {"policy", "drop"}}}});
    auto rule = [&](json expr, const std::string& comment) {
      items.push_back({{"rule",
                        {{"family", "inet"},
                         {"table", table},
                         {"chain", "forward"},
                         {"expr", std::move(expr)},
                         {"comment", comment}}}});
    };
    if (!set.one_way)
      rule(json::array({{{"match",
                          {{"op", "in"},
                           {"left", {{"ct", {{"key", "state"}}}}},
                           {"right", json::array({"established", "related"})}}}},
                        {{"accept", nullptr}}}),
           "zonepath " + set.conduit + ": replies of allowed connections");
    for (const auto& r : set.rules) {
      json expr = json::array();
      endpoint(r.src, true, expr);
      endpoint(r.dst, false, expr);
      if (r.l4 != L4::Any && r.ports.empty()) {
        expr.push_back(match({{"meta", {{"key", "l4proto"}}}}, r.l4 == L4::Tcp ? "tcp" : "udp"));
      } else if (r.l4 != L4::Any) {
        std::vector<json> ports;
        for (auto [lo, hi] : r.ports) ports.push_back(lo == hi ? json(lo) : json{{"range", {lo, hi}}});
        expr.push_back(
            match({{"payload", {{"protocol", r.l4 == L4::Tcp ? "tcp" : "udp"}, {"field", "dport"}}}},
                  one_or_set(ports)));
      }
      expr.push_back({{r.allow ? "accept" : "drop", nullptr}});
      rule(std::move(expr), r.comment);
    }
  }
  return {{"nftables", items}};
}

} // namespace zonepath::interchange
