// The ISO/IEC 27001:2022 Statement of Applicability (clause 6.1.3 d) of an analysed site: one row
// per Annex A control (all 93, Annex A order) with applicability and its justification from the
// model (or the organisation's own decision in the site's `soa`), the implementation status
// derived from the requirement records, the IEC 62443 requirements behind it and the basis of
// that mapping, the zones, conduits and assets concerned, and the evidence, change records and
// owners (docs/governance.md, "Statement of Applicability").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/catalog_annex_a.hpp"
#include "zonepath/models/report.hpp"

namespace zonepath::models {

inline constexpr const char* kSoaSchema = "zonepath/soa/v1";

// Who decided a row's applicability and status.
enum class SoaDecidedBy : std::uint8_t { Model, Organisation };
const char* to_string(SoaDecidedBy by); // "model", "organisation"

// Where the link between a control and its IEC 62443 requirements comes from.
enum class MappingBasis : std::uint8_t {
  Crosswalk, // the suggested IEC 62443-3-3 to Annex A crosswalk (docs/sources.md section 10)
  Judgement, // zonepath's own reading: programme links, model evidence
};
const char* to_string(MappingBasis basis); // "crosswalk", "zonepath-judgement"

struct SoaRow {
  const AnnexAControl* control = nullptr;
  bool applicable = true;
  std::string justification;
  SoaDecidedBy decided_by = SoaDecidedBy::Model;
  SoaStatus status = SoaStatus::NotAssessed;
  std::vector<std::string> requirements; // IEC 62443-3-3 SRs behind the control
  MappingBasis basis = MappingBasis::Judgement;
  std::string mapping_source; // the crosswalk or zonepath's reading, and the programme links
  std::vector<std::string> zones, conduits, assets;
  std::vector<std::string> evidence, change_records, owners;
};

// The 93 rows in Annex A order. `report` is analyze_site's result for `site` (requirement
// records, missing requirements per SL-T, findings, temporary elements).
std::vector<SoaRow> build_soa(const Site& site, const Report& report);

// {"schema": "zonepath/soa/v1", "site", "scope", "as_of", "summary", "controls": [...]}
nlohmann::json soa_to_json(const Site& site, const Report& report, const std::vector<SoaRow>& rows);

// The columns of soa.csv and of the workbook's "Statement of Applicability" sheet, and one row's
// cells in that order (lists joined with "; ", applicable as yes/no).
const std::vector<std::string>& soa_columns();
std::vector<std::string> soa_cells(const SoaRow& row);
// soa.csv: RFC 4180, a header line then one line per control.
std::string soa_csv(const std::vector<SoaRow>& rows);

} // namespace zonepath::models
