// Merging adjacent rules that differ only in the addresses of one side (rules_coalesce.hpp).
#include "rules_coalesce.hpp"

#include <algorithm>

namespace zonepath::interchange {

namespace {

bool same_nets(const FirewallRule& a, const FirewallRule& b, bool src) {
  auto x = src ? nets_of(a.src_net, a.src_nets) : nets_of(a.dst_net, a.dst_nets);
  auto y = src ? nets_of(b.src_net, b.src_nets) : nets_of(b.dst_net, b.dst_nets);
  return x.size() == y.size() &&
         std::equal(x.begin(), x.end(), y.begin(), [](const Ipv4Net& p, const Ipv4Net& q) {
           return p.address == q.address && p.prefix == q.prefix;
         });
}

// Two rules that differ at most in their addresses on one side.
bool same_but_addresses(const FirewallRule& a, const FirewallRule& b) {
  return !a.policy && !b.policy && a.allow == b.allow && a.file == b.file && !a.description.empty() &&
         a.description == b.description && a.src_zone == b.src_zone && a.dst_zone == b.dst_zone &&
         a.src_interface == b.src_interface && a.dst_interface == b.dst_interface &&
         a.protocols == b.protocols && a.transport == b.transport && a.ports == b.ports &&
         a.port_ranges == b.port_ranges && a.conduit == b.conduit;
}

} // namespace

std::vector<Ipv4Net> nets_of(const std::optional<Ipv4Net>& net, const std::vector<Ipv4Net>& more) {
  std::vector<Ipv4Net> out = more;
  if (net) out.insert(out.begin(), *net);
  return out;
}

std::vector<FirewallRule> coalesce(const std::vector<FirewallRule>& rules) {
  std::vector<FirewallRule> out;
  for (bool src_side : {false, true}) {
    const std::vector<FirewallRule>& in = src_side ? out : rules;
    std::vector<FirewallRule> merged;
    for (const auto& r : in) {
      FirewallRule* last = merged.empty() ? nullptr : &merged.back();
      bool other_side_equal = last && same_nets(*last, r, !src_side);
      bool has_address = src_side ? (r.src_net || !r.src_nets.empty()) : (r.dst_net || !r.dst_nets.empty());
      bool last_has = last && (src_side ? (last->src_net || !last->src_nets.empty())
                                        : (last->dst_net || !last->dst_nets.empty()));
      if (last && has_address && last_has && other_side_equal && same_but_addresses(*last, r)) {
        auto& to = src_side ? last->src_nets : last->dst_nets;
        auto& from_net = src_side ? last->src_net : last->dst_net;
        if (from_net) {
          to.insert(to.begin(), *from_net);
          from_net.reset();
        }
        for (const auto& n : nets_of(src_side ? r.src_net : r.dst_net, src_side ? r.src_nets : r.dst_nets))
          to.push_back(n);
        continue;
      }
      merged.push_back(r);
    }
    out = std::move(merged);
  }
  return out;
}

} // namespace zonepath::interchange
