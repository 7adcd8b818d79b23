// All 93 controls of ISO/IEC 27001:2022 Annex A, each with the way zonepath decides its
// applicability from a site model and the IEC 62443 programme-level links (IEC 62443-2-1
// security program elements, IEC 62443-2-4 service provider capabilities, IEC 62443-3-2 steps)
// where the control is organisational. The IEC 62443-3-3 requirements behind a control come
// from the suggested crosswalk (catalog_iso27001.hpp); the programme links are zonepath's
// judgement (docs/governance.md says so per row).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zonepath::models {

enum class AnnexTheme : std::uint8_t { Organizational, People, Physical, Technological };
const char* to_string(AnnexTheme theme); // "organizational", "people", "physical", "technological"

// What in the model makes a control applicable (docs/governance.md, "Applicability").
enum class Applicability : std::uint8_t {
  Organisational,   // ISMS-wide: applicable, status recorded by the organisation
  Requirements,     // from the requirement records of its IEC 62443-3-3 requirements
  Suppliers,        // vendor zones and actors, supplier roles, vendor sessions
  Incidents,        // event and incident handling (SR 6.1, 6.2 records)
  Architecture,     // zone and conduit design (ZCR 3 findings)
  NetworkServices,  // WAN and VPN conduits; not applicable without them
  RemoteWorking,    // remote and vendor zones, remote access
  Physical,         // the plant's zones are physical places; walk-in actors
  OffPremises,      // temporarily connected and remote devices; not applicable without them
  StorageMedia,     // removable-media actors
  Regulatory,       // zones with regulatory consequence (GxP record-keeping)
  Vulnerabilities,  // assets with known vulnerabilities, unpatchable assets
  ChangeManagement, // compensating controls and temporary states with change records
  Maintenance,      // maintenance windows and bypasses
};

struct AnnexAControl {
  std::string_view id;    // "A.5.19"
  std::string_view title; // "Information security in supplier relationships"
  AnnexTheme theme;
  Applicability applicability;
  std::string_view programme; // IEC 62443 programme-level links; empty when none
};

// Annex A order: A.5.1 .. A.5.37, A.6.1 .. A.6.8, A.7.1 .. A.7.14, A.8.1 .. A.8.34.
const std::vector<AnnexAControl>& annex_a_controls();
const AnnexAControl* find_annex_a_control(std::string_view id);

// The IEC 62443-3-3 system requirements ("SR x.y") the crosswalk maps to a control.
std::vector<std::string> annex_a_requirements(std::string_view control_id);

// Implementation status of a control in the Statement of Applicability.
enum class SoaStatus : std::uint8_t { Implemented, Partial, NotImplemented, NotAssessed };
const char* to_string(SoaStatus status); // "implemented", "partial", "not-implemented", "not-assessed"
std::optional<SoaStatus> parse_soa_status(std::string_view text);

} // namespace zonepath::models
