// Reading `required_flows`: the flows the plant needs, each from a zone or an asset to a
// protocol one of the destination asset's services speaks.
#include <algorithm>

#include "site_loader_impl.hpp"

namespace zonepath::models::detail {

void SiteReader::read_required_flow(const json& f, const std::string& ptr, RequiredFlow& flow) {
  if (!check_.expect_object(f, ptr)) return;
  check_.check_keys(f, ptr, {"from", "to", "protocol", "reason", "owner", "description"});
  auto from = check_.get_string(f, ptr, "from", true);
  auto to = check_.get_string(f, ptr, "to", true);
  auto protocol = check_.get_string(f, ptr, "protocol", true);
  if (auto r = check_.get_string(f, ptr, "reason")) flow.reason = *r;
  if (auto o = check_.get_string(f, ptr, "owner")) flow.owner = *o;
  if (from) {
    flow.from = *from;
    auto it = site_.ids.find(*from);
    if (it == site_.ids.end() ||
        (it->second.kind != Site::Kind::Zone && it->second.kind != Site::Kind::Asset)) {
      std::string near = suggest_id(*from, Site::Kind::Zone);
      if (near.empty()) near = suggest_id(*from, Site::Kind::Asset);
      check_.error(ptr + "/from", "unknown zone or asset '" + *from + "'", &f.at("from"),
                   near.empty() ? "" : "did you mean '" + near + "'?");
    }
  }
  Index dst = to ? resolve(*to, Site::Kind::Asset, ptr + "/to", &f.at("to"), "asset") : kNone;
  if (to) flow.to = *to;
  if (!protocol) return;
  flow.protocol = *protocol;
  if (dst == kNone) return;
  // A required flow to a service the asset does not offer could never be carried: a typo.
  const auto& services = site_.assets[dst].services;
  if (std::none_of(services.begin(), services.end(),
                   [&](const Service& s) { return s.protocol == *protocol; })) {
    std::string offered;
    for (const auto& s : services) offered += (offered.empty() ? "" : ", ") + s.protocol;
    check_.error(ptr + "/protocol", "asset '" + *to + "' has no service speaking '" + *protocol + "'",
                 &f.at("protocol"), offered.empty() ? "it has no services" : "its services speak " + offered);
  }
}

} // namespace zonepath::models::detail
