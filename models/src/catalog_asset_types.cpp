#include "zonepath/models/catalog_asset_types.hpp"

#include <algorithm>

namespace zonepath::models {

std::string_view to_string(ComponentType t) {
  switch (t) {
  case ComponentType::SAR:
    return "SAR";
  case ComponentType::EDR:
    return "EDR";
  case ComponentType::HDR:
    return "HDR";
  case ComponentType::NDR:
    return "NDR";
  }
  return "HDR";
}

namespace {

using enum ComponentType;
constexpr std::nullopt_t kAnyLevel = std::nullopt;

std::vector<AssetType> build_asset_types() {
  // ATT&CK asset ids and Purdue placement: docs/sources.md section 5. Component types follow the 4-2
  // examples of docs/sources.md section 4 (SAR: SCADA, HMI and historian software; EDR: embedded
  // controllers; HDR: workstations and servers; NDR: network devices). Where a type can be built
  // either way (a panel HMI is embedded, a PC HMI is software) the common plant case is taken.
  // name, ATT&CK id, display, Purdue, 4-2 type, iacs, safety, controller
  return {
      {"engineering-workstation", "A0001", "Engineering Workstation", 2.0, HDR, true, false, false},
      {"hmi", "A0002", "Human-Machine Interface", 2.0, SAR, true, false, false},
      {"plc", "A0003", "Programmable Logic Controller", 1.0, EDR, true, false, true},
      {"rtu", "A0004", "Remote Terminal Unit", 1.0, EDR, true, false, true},
      {"ied", "A0005", "Intelligent Electronic Device", 1.0, EDR, true, false, true},
      {"historian", "A0006", "Data Historian", 3.0, SAR, true, false, false},
      {"control-server", "A0007", "Control Server", 2.0, SAR, true, false, false},
      {"application-server", "A0008", "Application Server", 3.0, HDR, true, false, false},
      {"data-gateway", "A0009", "Data Gateway", 3.5, EDR, true, false, false},
      {"sis", "A0010", "Safety Controller (SIS)", 1.0, EDR, true, true, true},
      {"vpn-server", "A0011", "VPN Server", 3.5, NDR, true, false, false},
      {"jump-host", "A0012", "Jump Host", 3.5, HDR, true, false, false},
      {"field-io", "A0013", "Field I/O", 0.0, EDR, true, false, true},
      {"router", "A0014", "Router", kAnyLevel, NDR, true, false, false},
      {"switch", "A0015", "Switch", kAnyLevel, NDR, true, false, false},
      {"firewall", "A0016", "Firewall", kAnyLevel, NDR, true, false, false},
      {"dcs-controller", "A0017", "Distributed Control System Controller", 1.0, EDR, true, false, true},
      {"pac", "A0018", "Programmable Automation Controller", 1.0, EDR, true, false, true},
      // General IT, no ATT&CK for ICS asset id. Domain controllers sit on L3 site operations in
      // the Purdue list of docs/sources.md; workstations and servers default to the business network.
      {"workstation", "", "Workstation", 4.0, HDR, false, false, false},
      {"server", "", "Server", 4.0, HDR, false, false, false},
      {"domain-controller", "", "Domain Controller", 3.0, HDR, false, false, false},
      {"wireless-ap", "", "Wireless Access Point", kAnyLevel, NDR, false, false, false},
      {"mobile", "", "Mobile Device", kAnyLevel, HDR, false, false, false},
      {"other", "", "Other", kAnyLevel, HDR, false, false, false},
  };
}

std::vector<ZoneKind> build_zone_kinds() {
  // Purdue defaults from docs/sources.md section 5 (L5 Internet .. L0 process). remote and vendor are
  // the "devices connected via external networks" of IEC 62443-3-2 ZCR 3.6; a vendor network is
  // ranked below the owner's own remote users because the owner controls neither its hosts nor
  // its staff.
  return {
      {"untrusted", 5.0, 0, true, "the Internet or any network nobody vouches for"},
      {"vendor", 5.0, 1, true, "a supplier's or integrator's network or laptops"},
      {"remote", 5.0, 2, true, "the owner's remote users or sites over external networks"},
      {"enterprise", 4.0, 3, false, "business IT (Purdue 4-5)"},
      {"dmz", 3.5, 4, false, "industrial DMZ between enterprise and operations"},
      {"operations", 3.0, 5, false, "site operations: plant historian, MES, domain, patching"},
      {"supervisory", 2.0, 6, false, "HMI, SCADA servers, engineering workstations"},
      {"control", 1.0, 7, false, "basic control: PLC, RTU, IED, DCS controllers, field I/O"},
      {"safety", 1.0, 8, false, "safety instrumented systems, kept apart from control"},
  };
}

template <class T> const T* find_by_name(const std::vector<T>& all, std::string_view name) {
  auto it = std::find_if(all.begin(), all.end(), [&](const T& x) { return x.name == name; });
  return it == all.end() ? nullptr : &*it;
}

} // namespace

const std::vector<AssetType>& asset_types() {
  static const std::vector<AssetType> all = build_asset_types();
  return all;
}

const AssetType* find_asset_type(std::string_view name) {
  return find_by_name(asset_types(), name);
}

const std::vector<ZoneKind>& zone_kinds() {
  static const std::vector<ZoneKind> all = build_zone_kinds();
  return all;
}

const ZoneKind* find_zone_kind(std::string_view name) {
  return find_by_name(zone_kinds(), name);
}

} // namespace zonepath::models
