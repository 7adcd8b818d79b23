// The ISO/IEC 27001 Annex A controls a change concerns: the crosswalk of the requirement
// records and compensating controls to re-verify, and the catalogue's applicability of what
// the change brings in (docs/governance.md, "Change impact").
#include <algorithm>
#include <map>
#include <set>

#include "change_internal.hpp"
#include "zonepath/models/catalog_annex_a.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::scenarios::detail {

namespace {

using models::Applicability;

const char* applicability_text(Applicability a) {
  switch (a) {
  case Applicability::Suppliers:
    return "suppliers";
  case Applicability::RemoteWorking:
    return "remote access";
  case Applicability::Architecture:
    return "zone and conduit design";
  case Applicability::NetworkServices:
    return "network services";
  case Applicability::OffPremises:
    return "temporarily connected devices";
  case Applicability::Vulnerabilities:
    return "vulnerabilities";
  case Applicability::ChangeManagement:
    return "change management";
  case Applicability::Maintenance:
    return "maintenance";
  default:
    break;
  }
  return "";
}

using Triggers = std::map<Applicability, std::vector<std::string>>;

void trigger(Triggers& t, Applicability a, const std::string& why) {
  auto& list = t[a];
  if (std::find(list.begin(), list.end(), why) == list.end()) list.push_back(why);
}

// The temporary elements of the changed site that the base site does not have, by kind.
void temporary_triggers(const ChangeImpact& r, Triggers& t) {
  for (const auto& e : r.after_report.temporary) {
    bool before = std::any_of(r.before_report.temporary.begin(), r.before_report.temporary.end(),
                              [&](const auto& b) { return b.element == e.element && b.label == e.label; });
    if (before) continue;
    const std::string why = std::string(models::to_string(e.temporary.kind)) + " " + e.label + " added";
    switch (e.temporary.kind) {
    case models::TemporaryKind::VendorSession:
      trigger(t, Applicability::Suppliers, why);
      trigger(t, Applicability::RemoteWorking, why);
      break;
    case models::TemporaryKind::MaintenanceWindow:
    case models::TemporaryKind::Bypass:
      trigger(t, Applicability::Maintenance, why);
      break;
    case models::TemporaryKind::TemporaryConnection:
      trigger(t, Applicability::OffPremises, why);
      break;
    }
    trigger(t, Applicability::ChangeManagement, why);
  }
}

// Conduits touched (their design, and network services for VPN and WAN links), patches and
// compensating controls among the operations.
void operation_triggers(const ChangeImpact& r, Triggers& t) {
  for (const auto& e : r.touched) {
    if (e.kind != ElementKind::Conduit) continue;
    trigger(t, Applicability::Architecture, "conduit " + e.id + " " + e.reasons.front().substr(8));
    for (const models::Site* site : {r.after.site.get(), r.before_site.get()}) {
      models::Index i = site->conduit_index(e.id);
      if (i != models::kNone && (site->conduits[i].kind == "vpn" || site->conduits[i].kind == "wan")) {
        trigger(t, Applicability::NetworkServices, site->conduits[i].kind + " conduit " + e.id + " changed");
        break;
      }
    }
  }
  for (const auto& op : r.after.applied) {
    if (op.op == "patch") trigger(t, Applicability::Vulnerabilities, op.summary);
    if (op.op == "add-compensating") trigger(t, Applicability::ChangeManagement, op.summary);
  }
}

} // namespace

namespace {

// Catalog order of IEC 62443-3-3 requirements (SR 1.5 before SR 1.10); ids the catalog does not
// hold (4-2 CRs) after them, by text.
struct CatalogOrder {
  static std::size_t rank(const std::string& id) {
    const models::Requirement* r = models::find_requirement(id);
    return r ? static_cast<std::size_t>(r - models::requirements().data()) : models::requirements().size();
  }
  bool operator()(const std::string& a, const std::string& b) const {
    return std::pair(rank(a), a) < std::pair(rank(b), b);
  }
};

} // namespace

std::vector<AffectedControl> affected_controls(const ChangeImpact& r) {
  std::map<std::string, std::set<std::string, CatalogOrder>> by_control; // control -> requirement ids
  for (const auto& rec : r.reverify)
    for (const auto& req : rec.requirements)
      for (const auto& control : models::iso27001_for(req)) by_control[control].insert(req);
  Triggers triggers;
  temporary_triggers(r, triggers);
  operation_triggers(r, triggers);
  std::vector<AffectedControl> out;
  for (const auto& c : models::annex_a_controls()) {
    AffectedControl a{std::string(c.id), std::string(c.title), {}, {}};
    if (auto it = by_control.find(a.id); it != by_control.end())
      a.requirements.assign(it->second.begin(), it->second.end());
    if (auto it = triggers.find(c.applicability); it != triggers.end())
      for (const auto& why : it->second)
        a.applicability.push_back(std::string(applicability_text(it->first)) + ": " + why);
    if (!a.requirements.empty() || !a.applicability.empty()) out.push_back(std::move(a));
  }
  return out;
}

} // namespace zonepath::scenarios::detail
