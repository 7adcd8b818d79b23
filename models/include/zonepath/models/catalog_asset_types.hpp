// Asset types and zone kinds of the site model vocabulary (docs/formats.md), with the defaults that
// validation and the attack-graph builder fall back on when a model leaves them out.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace zonepath::models {

// IEC 62443-4-2 component types.
enum class ComponentType { SAR, EDR, HDR, NDR };
std::string_view to_string(ComponentType t); // "SAR", "EDR", "HDR", "NDR"

struct AssetType {
  std::string_view name;            // vocabulary name, e.g. "engineering-workstation"
  std::string_view attack_asset_id; // ATT&CK for ICS asset id "A0001".."A0018", empty if none
  std::string_view display;         // "Engineering Workstation"
  std::optional<double> purdue;     // typical Purdue level (3.5 = industrial DMZ); none when
                                    // the type sits on any level (network gear, mobiles)
  ComponentType component;          // IEC 62443-4-2 component type
  bool iacs;       // an IACS asset type (those with an ATT&CK for ICS asset id) vs general IT
  bool safety;     // part of a safety function (sis)
  bool controller; // directly controls the process (plc, rtu, ied, dcs-controller, pac, sis,
                   // field-io): targets of program download and unauthorized command messages
};

const std::vector<AssetType>& asset_types();
const AssetType* find_asset_type(std::string_view name);

struct ZoneKind {
  std::string_view name;        // "untrusted", "enterprise", ...
  std::optional<double> purdue; // default Purdue level for zones of this kind
  // Ordinal depth in the defence-in-depth: 0 = the Internet, higher = further inside. Used to
  // tell inbound from outbound flows and to order zones in reports, not as a probability.
  int trust_rank;
  bool external; // outside the plant's own network (untrusted, remote, vendor)
  std::string_view description;
};

// In ascending trust_rank.
const std::vector<ZoneKind>& zone_kinds();
const ZoneKind* find_zone_kind(std::string_view name);

} // namespace zonepath::models
