#include "zonepath/models/denial_of_service.hpp"

#include <algorithm>

namespace zonepath::models {

std::vector<DosExposure> denial_of_service(const Site& site, const AccessMap& access,
                                           const std::vector<Index>& threats,
                                           const std::vector<std::vector<double>>& zone_probability) {
  // Flows by destination asset and service: where a packet to the service can come from.
  std::vector<std::vector<std::vector<Index>>> sources(site.assets.size());
  for (Index a = 0; a < site.assets.size(); ++a) sources[a].resize(site.assets[a].services.size());
  for (const Flow& f : access.flows()) sources[f.dst_asset][f.service].push_back(f.src_zone);

  std::vector<DosExposure> out;
  for (Index a = 0; a < site.assets.size(); ++a) {
    const Asset& asset = site.assets[a];
    for (const Vulnerability& v : asset.vulnerabilities) {
      if (!v.availability_only) continue;
      for (std::size_t s = 0; s < asset.services.size(); ++s) {
        const Service& service = asset.services[s];
        if (!v.service.empty() && v.service != service.protocol) continue;
        for (std::size_t t = 0; t < threats.size(); ++t) {
          double p = 0;
          for (Index z : sources[a][s]) p = std::max(p, zone_probability[z][t]);
          if (p <= 0) continue;
          out.push_back({asset.id, site.zones[asset.zone].id, v.id, service.protocol, service.port,
                         site.threat_actors[threats[t]].id, p});
        }
      }
    }
  }
  return out;
}

} // namespace zonepath::models
