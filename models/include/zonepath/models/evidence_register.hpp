// The evidence register of an analysed site (docs/governance.md, "Evidence register"): one row
// per requirement record of each zone and conduit and one per compensating control (of a zone,
// conduit or asset) with its lifecycle, each flagged as the evidence findings flag it
// (evidence-missing, placeholder, verification-overdue, review-overdue, not-credited).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zonepath/models/governance.hpp"
#include "zonepath/models/report.hpp"

namespace zonepath::models {

enum class EvidenceItem : std::uint8_t { Record, Control };
const char* to_string(EvidenceItem item); // "record", "compensating-control"

enum class EvidenceLocation : std::uint8_t { Zone, Conduit, Asset };
const char* to_string(EvidenceLocation where); // "zone", "conduit", "asset"

struct EvidenceRow {
  EvidenceItem item = EvidenceItem::Record;
  EvidenceLocation where = EvidenceLocation::Zone;
  std::string location;                  // the zone, conduit or asset id
  std::vector<std::string> requirements; // the record's requirement, or those the control stands in for
  std::string control;                   // what a compensating control does; empty for a record
  std::string status;                    // the record's RequirementStatus or the control's ControlStatus
  std::string source;                    // record, countermeasures, compensating (records only)
  int counts_up_to = 0;                  // records: the level it counts to; controls: credited_sl
  std::optional<bool> credited;          // controls only
  std::vector<std::string> evidence;     // evidence references; a control's validation record
  std::vector<std::string> change_records;
  std::string owner;
  std::optional<Date> last_verified, review_by;
  EvidenceFlag flag = EvidenceFlag::None;
  std::string note; // the justification, or why it does not count (fully)
};

// Zones (their records, then their controls, then their assets' controls), then conduits, in
// file order; records in catalogue order.
std::vector<EvidenceRow> build_evidence_register(const Site& site, const Report& report);

const std::vector<std::string>& evidence_columns();
std::vector<std::string> evidence_cells(const EvidenceRow& row);
// evidence-register.csv: RFC 4180, a header line then one line per row.
std::string evidence_register_csv(const std::vector<EvidenceRow>& rows);

} // namespace zonepath::models
