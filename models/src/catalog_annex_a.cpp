#include "zonepath/models/catalog_annex_a.hpp"

#include <algorithm>
#include <array>

#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

namespace {

using A = Applicability;

// Titles: ISO/IEC 27001:2022 Annex A. Programme links (zonepath's judgement): IEC 62443-2-1:2024
// security program elements SPE 1 organizational security measures, SPE 2 configuration
// management, SPE 3 network and communications security, SPE 4 component security, SPE 5
// protection of data, SPE 6 user access control, SPE 7 event and incident management, SPE 8
// system integrity and availability; IEC 62443-2-4 capabilities SP.01 .. SP.12.
constexpr const char* kOrg = "IEC 62443-2-1 SPE 1";
constexpr const char* kSuppliers = "IEC 62443-2-4 (service provider capabilities), SP.07 remote access; "
                                   "IEC 62443-2-1 SPE 1";
constexpr const char* kIncident = "IEC 62443-2-1 SPE 7; IEC 62443-2-4 SP.08 event management";
constexpr const char* kDev = "IEC 62443-4-1 (product supplier's secure development)";

std::vector<AnnexAControl> build() {
  using T = AnnexTheme;
  const T O = T::Organizational, P = T::People, Ph = T::Physical, Te = T::Technological;
  return {
      {"A.5.1", "Policies for information security", O, A::Organisational, kOrg},
      {"A.5.2", "Information security roles and responsibilities", O, A::Organisational,
       "IEC 62443-2-1 SPE 1; IEC 62443-2-4 SP.01 solution staffing; asset owner, integrator, supplier and "
       "service provider roles"},
      {"A.5.3", "Segregation of duties", O, A::Organisational, "IEC 62443-2-1 SPE 6"},
      {"A.5.4", "Management responsibilities", O, A::Organisational, kOrg},
      {"A.5.5", "Contact with authorities", O, A::Organisational, "IEC 62443-2-1 SPE 7"},
      {"A.5.6", "Contact with special interest groups", O, A::Organisational, kOrg},
      {"A.5.7", "Threat intelligence", O, A::Organisational,
       "IEC 62443-3-2 ZCR 5.2 (identify threats); IEC 62443-2-1 SPE 7"},
      {"A.5.8", "Information security in project management", O, A::Organisational,
       "IEC 62443-2-4 SP.02 assurance, SP.03 architecture"},
      {"A.5.9", "Inventory of information and other associated assets", O, A::Requirements,
       "IEC 62443-2-1 SPE 2; IEC 62443-3-2 ZCR 1 (system under consideration)"},
      {"A.5.10", "Acceptable use of information and other associated assets", O, A::Organisational, kOrg},
      {"A.5.11", "Return of assets", O, A::Organisational, kOrg},
      {"A.5.12", "Classification of information", O, A::Organisational,
       "IEC 62443-2-1 SPE 5; IEC 62443-3-2 ZCR 5 consequence ratings"},
      {"A.5.13", "Labelling of information", O, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.5.14", "Information transfer", O, A::Requirements, "IEC 62443-2-1 SPE 3"},
      {"A.5.15", "Access control", O, A::Requirements, "IEC 62443-2-1 SPE 6"},
      {"A.5.16", "Identity management", O, A::Requirements, "IEC 62443-2-1 SPE 6; IEC 62443-2-4 SP.09"},
      {"A.5.17", "Authentication information", O, A::Requirements,
       "IEC 62443-2-1 SPE 6; IEC 62443-2-4 SP.09"},
      {"A.5.18", "Access rights", O, A::Requirements, "IEC 62443-2-1 SPE 6; IEC 62443-2-4 SP.09"},
      {"A.5.19", "Information security in supplier relationships", O, A::Suppliers, kSuppliers},
      {"A.5.20", "Addressing information security within supplier agreements", O, A::Suppliers, kSuppliers},
      {"A.5.21", "Managing information security in the ICT supply chain", O, A::Suppliers,
       "IEC 62443-2-4; IEC 62443-4-1 and 4-2 certificates of product suppliers"},
      {"A.5.22", "Monitoring, review and change management of supplier services", O, A::Suppliers,
       kSuppliers},
      {"A.5.23", "Information security for use of cloud services", O, A::Organisational,
       "IEC 62443-2-1 SPE 3"},
      {"A.5.24", "Information security incident management planning and preparation", O, A::Incidents,
       kIncident},
      {"A.5.25", "Assessment and decision on information security events", O, A::Incidents, kIncident},
      {"A.5.26", "Response to information security incidents", O, A::Incidents, kIncident},
      {"A.5.27", "Learning from information security incidents", O, A::Incidents, kIncident},
      {"A.5.28", "Collection of evidence", O, A::Incidents, kIncident},
      {"A.5.29", "Information security during disruption", O, A::Organisational, "IEC 62443-2-1 SPE 8"},
      {"A.5.30", "ICT readiness for business continuity", O, A::Requirements,
       "IEC 62443-2-1 SPE 8; IEC 62443-2-4 SP.12 backup and restore"},
      {"A.5.31", "Legal, statutory, regulatory and contractual requirements", O, A::Regulatory,
       "IEC 62443-2-1 SPE 1; GxP record-keeping (21 CFR Part 11, EU GMP Annex 11) where zones carry "
       "regulatory "
       "consequence"},
      {"A.5.32", "Intellectual property rights", O, A::Organisational, ""},
      {"A.5.33", "Protection of records", O, A::Regulatory, "IEC 62443-2-1 SPE 5"},
      {"A.5.34", "Privacy and protection of PII", O, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.5.35", "Independent review of information security", O, A::Organisational,
       "IEC 62443-3-2 ZCR 7 (asset owner approval)"},
      {"A.5.36", "Compliance with policies, rules and standards for information security", O,
       A::Organisational, kOrg},
      {"A.5.37", "Documented operating procedures", O, A::Organisational,
       "IEC 62443-3-2 ZCR 6 (cybersecurity requirements specification)"},
      {"A.6.1", "Screening", P, A::Organisational, kOrg},
      {"A.6.2", "Terms and conditions of employment", P, A::Organisational, kOrg},
      {"A.6.3", "Information security awareness, education and training", P, A::Organisational,
       "IEC 62443-2-1 SPE 1; IEC 62443-2-4 SP.01"},
      {"A.6.4", "Disciplinary process", P, A::Organisational, kOrg},
      {"A.6.5", "Responsibilities after termination or change of employment", P, A::Organisational,
       "IEC 62443-2-1 SPE 6"},
      {"A.6.6", "Confidentiality or non-disclosure agreements", P, A::Organisational, kOrg},
      {"A.6.7", "Remote working", P, A::RemoteWorking,
       "IEC 62443-2-4 SP.07 remote access; IEC 62443-3-2 ZCR 3.6"},
      {"A.6.8", "Information security event reporting", P, A::Incidents, kIncident},
      {"A.7.1", "Physical security perimeters", Ph, A::Physical, kOrg},
      {"A.7.2", "Physical entry", Ph, A::Physical, kOrg},
      {"A.7.3", "Securing offices, rooms and facilities", Ph, A::Physical, kOrg},
      {"A.7.4", "Physical security monitoring", Ph, A::Physical, kOrg},
      {"A.7.5", "Protecting against physical and environmental threats", Ph, A::Physical,
       "IEC 62443-2-1 SPE 8"},
      {"A.7.6", "Working in secure areas", Ph, A::Physical, kOrg},
      {"A.7.7", "Clear desk and clear screen", Ph, A::Physical, kOrg},
      {"A.7.8", "Equipment siting and protection", Ph, A::Physical, "IEC 62443-2-1 SPE 4"},
      {"A.7.9", "Security of assets off-premises", Ph, A::OffPremises, "IEC 62443-3-2 ZCR 3.4, ZCR 3.6"},
      {"A.7.10", "Storage media", Ph, A::StorageMedia, "IEC 62443-2-1 SPE 5"},
      {"A.7.11", "Supporting utilities", Ph, A::Requirements, "IEC 62443-2-1 SPE 8"},
      {"A.7.12", "Cabling security", Ph, A::Physical, "IEC 62443-2-1 SPE 3"},
      {"A.7.13", "Equipment maintenance", Ph, A::Maintenance,
       "IEC 62443-2-4 SP.06 configuration management; IEC 61511 bypass management"},
      {"A.7.14", "Secure disposal or re-use of equipment", Ph, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.8.1", "User endpoint devices", Te, A::Requirements, "IEC 62443-2-1 SPE 4"},
      {"A.8.2", "Privileged access rights", Te, A::Requirements, "IEC 62443-2-1 SPE 6; IEC 62443-2-4 SP.09"},
      {"A.8.3", "Information access restriction", Te, A::Requirements, "IEC 62443-2-1 SPE 6"},
      {"A.8.4", "Access to source code", Te, A::Organisational, kDev},
      {"A.8.5", "Secure authentication", Te, A::Requirements, "IEC 62443-2-1 SPE 6"},
      {"A.8.6", "Capacity management", Te, A::Requirements, "IEC 62443-2-1 SPE 8"},
      {"A.8.7", "Protection against malware", Te, A::Requirements,
       "IEC 62443-2-1 SPE 4; IEC 62443-2-4 SP.10"},
      {"A.8.8", "Management of technical vulnerabilities", Te, A::Vulnerabilities,
       "IEC 62443-2-3 patch management; IEC 62443-2-4 SP.11"},
      {"A.8.9", "Configuration management", Te, A::Requirements, "IEC 62443-2-1 SPE 2; IEC 62443-2-4 SP.06"},
      {"A.8.10", "Information deletion", Te, A::Requirements, "IEC 62443-2-1 SPE 5"},
      {"A.8.11", "Data masking", Te, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.8.12", "Data leakage prevention", Te, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.8.13", "Information backup", Te, A::Requirements, "IEC 62443-2-1 SPE 8; IEC 62443-2-4 SP.12"},
      {"A.8.14", "Redundancy of information processing facilities", Te, A::Requirements,
       "IEC 62443-2-1 SPE 8"},
      {"A.8.15", "Logging", Te, A::Requirements, "IEC 62443-2-1 SPE 7; IEC 62443-2-4 SP.08"},
      {"A.8.16", "Monitoring activities", Te, A::Requirements, "IEC 62443-2-1 SPE 7; IEC 62443-2-4 SP.08"},
      {"A.8.17", "Clock synchronization", Te, A::Requirements, "IEC 62443-2-1 SPE 7"},
      {"A.8.18", "Use of privileged utility programs", Te, A::Organisational, "IEC 62443-2-1 SPE 6"},
      {"A.8.19", "Installation of software on operational systems", Te, A::Requirements,
       "IEC 62443-2-1 SPE 2; IEC 62443-2-3 patch management"},
      {"A.8.20", "Networks security", Te, A::Requirements, "IEC 62443-2-1 SPE 3"},
      {"A.8.21", "Security of network services", Te, A::NetworkServices, "IEC 62443-2-1 SPE 3"},
      {"A.8.22", "Segregation of networks", Te, A::Requirements, "IEC 62443-2-1 SPE 3; IEC 62443-3-2 ZCR 3"},
      {"A.8.23", "Web filtering", Te, A::Requirements, "IEC 62443-2-1 SPE 3"},
      {"A.8.24", "Use of cryptography", Te, A::Requirements, "IEC 62443-2-1 SPE 5"},
      {"A.8.25", "Secure development life cycle", Te, A::Organisational, kDev},
      {"A.8.26", "Application security requirements", Te, A::Requirements, "IEC 62443-3-2 ZCR 6"},
      {"A.8.27", "Secure system architecture and engineering principles", Te, A::Architecture,
       "IEC 62443-3-2 ZCR 3 (zones and conduits); IEC 62443-2-4 SP.03 architecture"},
      {"A.8.28", "Secure coding", Te, A::Organisational, kDev},
      {"A.8.29", "Security testing in development and acceptance", Te, A::Requirements,
       "IEC 62443-2-4 SP.02 assurance; IEC 62443-4-1 SVV"},
      {"A.8.30", "Outsourced development", Te, A::Suppliers, "IEC 62443-2-4; IEC 62443-4-1"},
      {"A.8.31", "Separation of development, test and production environments", Te, A::Organisational,
       "IEC 62443-2-1 SPE 3"},
      {"A.8.32", "Change management", Te, A::ChangeManagement, "IEC 62443-2-1 SPE 2; IEC 62443-2-4 SP.06"},
      {"A.8.33", "Test information", Te, A::Organisational, "IEC 62443-2-1 SPE 5"},
      {"A.8.34", "Protection of information systems during audit testing", Te, A::Organisational,
       "IEC 62443-2-1 SPE 8"},
  };
}

constexpr std::array<const char*, 4> kThemes = {"organizational", "people", "physical", "technological"};
constexpr std::array<const char*, 4> kStatuses = {"implemented", "partial", "not-implemented",
                                                  "not-assessed"};

} // namespace

const char* to_string(AnnexTheme theme) {
  return kThemes[static_cast<std::size_t>(theme)];
}

const char* to_string(SoaStatus status) {
  return kStatuses[static_cast<std::size_t>(status)];
}

std::optional<SoaStatus> parse_soa_status(std::string_view text) {
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    if (text == kStatuses[i]) return static_cast<SoaStatus>(i);
  return std::nullopt;
}

const std::vector<AnnexAControl>& annex_a_controls() {
  static const auto all = build();
  return all;
}

const AnnexAControl* find_annex_a_control(std::string_view id) {
  const auto& all = annex_a_controls();
  auto it = std::find_if(all.begin(), all.end(), [&](const AnnexAControl& c) { return c.id == id; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::string> annex_a_requirements(std::string_view control_id) {
  std::vector<std::string> out;
  for (const Requirement& r : requirements()) {
    if (r.re != 0) continue; // an RE inherits its SR's controls
    auto controls = iso27001_for(r.id);
    if (std::find(controls.begin(), controls.end(), control_id) != controls.end()) out.emplace_back(r.id);
  }
  return out;
}

} // namespace zonepath::models
