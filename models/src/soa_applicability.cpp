// What the site model shows for an Annex A control beyond its requirement records: the rules of
// docs/governance.md ("How applicability is derived"), one per Applicability of the catalogue.
#include <algorithm>

#include "soa_internal.hpp"

namespace zonepath::models::detail {

namespace {

bool zone_kind_in(const Zone& z, std::initializer_list<const char*> kinds) {
  return std::any_of(kinds.begin(), kinds.end(), [&](const char* k) { return z.kind == k; });
}

// Temporary elements of `kinds`: labels with their state; places, change records and owners go
// to the row.
std::string temporaries(const Site& site, const Report& report, std::initializer_list<TemporaryKind> kinds,
                        const char* what, SoaRow& row) {
  std::vector<std::string> labels;
  for (const TemporaryEntry& e : report.temporary) {
    if (std::find(kinds.begin(), kinds.end(), e.temporary.kind) == kinds.end()) continue;
    labels.push_back(e.label + " (" + to_string(e.state) + ")");
    add_unique(row.change_records, e.temporary.change_record);
    add_unique(row.owners, e.temporary.owner);
    if (e.element == TemporaryElement::Asset)
      add_unique(row.assets, e.id);
    else if (site.conduit_index(e.id) != kNone)
      add_unique(row.conduits, e.id);
    else
      add_unique(row.zones, e.id);
  }
  return labels.empty() ? std::string() : std::string(what) + ": " + join(labels, "; ");
}

bool supplier(const Responsible& p) {
  return p.role == PartyRole::ProductSupplier || p.role == PartyRole::ServiceProvider;
}

void suppliers(const Site& site, const Report& report, SoaRow& row, std::vector<std::string>& found) {
  std::vector<std::string> zones, parties;
  for (const Zone& z : site.zones) {
    if (z.kind == "vendor") add_unique(zones, z.id);
    for (const auto& p : z.responsible)
      if (supplier(p)) add_unique(parties, p.party);
  }
  for (const Asset& a : site.assets)
    for (const auto& p : a.responsible)
      if (supplier(p)) {
        add_unique(parties, p.party);
        add_unique(row.assets, a.id);
      }
  for (const auto& z : zones) add_unique(row.zones, z);
  if (!zones.empty()) found.push_back("vendor zones " + join(zones));
  if (!parties.empty()) found.push_back("suppliers and service providers " + join(parties));
  found.push_back(temporaries(site, report, {TemporaryKind::VendorSession}, "vendor sessions", row));
}

void architecture(const Site& site, const Report& report, SoaRow& row, std::vector<std::string>& found) {
  std::vector<std::string> rules;
  for (const Finding& f : report.findings) {
    if (f.zcr.rfind("ZCR 3", 0) != 0) continue;
    add_unique(rules, f.rule);
    if (!f.conduit.empty())
      add_unique(row.conduits, f.conduit);
    else
      add_unique(row.zones, f.zone);
  }
  found.push_back(std::to_string(site.zones.size()) + " zones and " + std::to_string(site.conduits.size()) +
                  " conduits partition the system (IEC 62443-3-2 ZCR 3)" +
                  (rules.empty() ? "; no ZCR 3 finding" : "; ZCR 3 findings: " + join(rules)));
  row.status = rules.empty() ? SoaStatus::Implemented : SoaStatus::Partial;
}

// Zones named by the actors' physical_access or removable_media lists.
std::vector<std::string> actor_zones(const Site& site, std::vector<Index> ThreatActor::*list) {
  std::vector<std::string> zones;
  for (const ThreatActor& t : site.threat_actors)
    for (Index z : t.*list) add_unique(zones, site.zones[z].id);
  return zones;
}

void vulnerabilities(const Site& site, SoaRow& row, std::vector<std::string>& found) {
  std::size_t known = 0, assets = 0;
  for (const Asset& a : site.assets) {
    if (a.vulnerabilities.empty() && a.patchable) continue;
    add_unique(row.assets, a.id);
    known += a.vulnerabilities.size();
    ++assets;
  }
  if (assets)
    found.push_back(std::to_string(known) + " known vulnerabilities on, or no patching of, " +
                    std::to_string(assets) + " assets");
}

void change_records(const Site& site, const Report& report, SoaRow& row, std::vector<std::string>& found) {
  found.push_back(temporaries(site, report,
                              {TemporaryKind::MaintenanceWindow, TemporaryKind::VendorSession,
                               TemporaryKind::Bypass, TemporaryKind::TemporaryConnection},
                              "temporary states under change control", row));
  std::size_t controls = 0;
  auto take = [&](const ControlCredit& c) {
    ++controls;
    add_unique(row.change_records, c.control.change_record);
  };
  for (const auto& zone : report.assessment.zones)
    std::for_each(zone.controls.begin(), zone.controls.end(), take);
  for (const auto& conduit : report.assessment.conduits)
    std::for_each(conduit.controls.begin(), conduit.controls.end(), take);
  for (const auto& asset : report.assessment.assets) std::for_each(asset.begin(), asset.end(), take);
  if (controls)
    found.push_back(std::to_string(controls) + " compensating controls with their change records");
}

} // namespace

std::string model_evidence(const Site& site, const Report& report, SoaRow& row) {
  std::vector<std::string> found;
  switch (row.control->applicability) {
  case Applicability::Suppliers:
    suppliers(site, report, row, found);
    break;
  case Applicability::Architecture:
    architecture(site, report, row, found);
    break;
  case Applicability::NetworkServices: {
    std::vector<std::string> conduits;
    for (const Conduit& c : site.conduits)
      if (c.kind == "wan" || c.kind == "vpn") add_unique(conduits, c.id);
    for (const auto& c : conduits) add_unique(row.conduits, c);
    if (!conduits.empty()) found.push_back("WAN and VPN conduits " + join(conduits));
    break;
  }
  case Applicability::RemoteWorking:
  case Applicability::OffPremises: {
    std::vector<std::string> zones;
    for (const Zone& z : site.zones)
      if (zone_kind_in(z, {"remote", "vendor"})) add_unique(zones, z.id);
    for (const auto& z : zones) add_unique(row.zones, z);
    if (!zones.empty()) found.push_back("remote and vendor zones " + join(zones));
    if (row.control->applicability == Applicability::OffPremises)
      found.push_back(temporaries(site, report, {TemporaryKind::TemporaryConnection},
                                  "temporarily connected devices", row));
    break;
  }
  case Applicability::Physical: {
    auto zones = actor_zones(site, &ThreatActor::physical_access);
    for (const auto& z : zones) add_unique(row.zones, z);
    found.push_back("the plant's zones are physical places" +
                    (zones.empty() ? std::string() : "; actors with physical access to " + join(zones)));
    break;
  }
  case Applicability::StorageMedia: {
    auto zones = actor_zones(site, &ThreatActor::removable_media);
    for (const auto& z : zones) add_unique(row.zones, z);
    if (!zones.empty()) found.push_back("removable media reach " + join(zones));
    break;
  }
  case Applicability::Regulatory: {
    std::vector<std::string> zones;
    for (const Zone& z : site.zones)
      if (z.consequence[Dimension::Regulatory] > 0) add_unique(zones, z.id);
    for (const auto& z : zones) add_unique(row.zones, z);
    if (!zones.empty()) found.push_back("zones with a regulatory consequence: " + join(zones));
    break;
  }
  case Applicability::Vulnerabilities:
    vulnerabilities(site, row, found);
    break;
  case Applicability::ChangeManagement:
    change_records(site, report, row, found);
    break;
  case Applicability::Maintenance:
    found.push_back(temporaries(site, report, {TemporaryKind::MaintenanceWindow, TemporaryKind::Bypass},
                                "maintenance windows and bypasses", row));
    break;
  default:
    break;
  }
  found.erase(std::remove(found.begin(), found.end(), std::string()), found.end());
  return join(found, "; ");
}

} // namespace zonepath::models::detail
