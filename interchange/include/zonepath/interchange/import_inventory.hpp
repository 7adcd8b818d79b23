// Asset inventory CSV -> site assets. The usual export of OT monitoring tools (one row per
// device: IP, hostname, vendor, model, firmware, asset type, open ports or protocols, VLAN or
// subnet) is mapped column by column (auto-detected from common header names, overridable),
// placed into zones by subnet or VLAN (ZoneMap), typed from the type column or, when that is
// missing, from its ports and vendor, and merged into a site. Rows that cannot be placed are
// reported with their line and reason, never guessed into a zone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/import_csv.hpp"

namespace zonepath::interchange {

// The inventory fields a column can feed.
inline constexpr const char* kInventoryFields[] = {"ip",   "hostname", "id",   "vendor", "model", "firmware",
                                                   "type", "ports",    "vlan", "subnet", "zone"};

struct InventoryOptions {
  std::map<std::string, std::string> columns; // field -> header name, overrides detection
  std::string default_zone;                   // zone for rows that match nothing ("" = report them)
  ProgressReporter* progress = nullptr;       // sets the caller's phase total to the rows, counts them
};

// One service parsed from a ports/protocols cell: "502/tcp", "Modbus", "s7comm(102)", "https:443".
struct ParsedService {
  std::string protocol;
  int port = 0;
  // "tcp" or "udp": as the cell says, else udp for the catalog's UDP-only protocols, else tcp.
  std::string transport;
};
// Parses a cell of ports and protocol names; unknown tokens go to `unknown`.
std::vector<ParsedService> parse_services(const std::string& cell, std::vector<std::string>& unknown);

// Asset type from a free-text type cell ("Programmable Logic Controller" -> "plc"); "" when
// no catalog type fits.
std::string normalize_asset_type(const std::string& text);
// Asset type from services and vendor when the inventory does not say; `reason` explains.
std::string infer_asset_type(const std::vector<ParsedService>& services, const std::string& vendor,
                             const std::string& model, std::string& reason);

struct InventoryResult {
  std::map<std::string, std::string> columns; // field -> header used
  std::size_t rows = 0, added = 0, updated = 0;
  nlohmann::json placed = nlohmann::json::array();   // {line, asset, zone, by, type, type_reason}
  nlohmann::json unplaced = nlohmann::json::array(); // {line, reason, value, row}
  std::vector<ImportNote> notes;
};

// Detects which header feeds which field; overrides win. Unknown override headers are errors.
std::map<std::string, std::string>
detect_inventory_columns(const CsvTable& table, const std::map<std::string, std::string>& overrides,
                         std::vector<ImportNote>& notes);

// Adds (or updates, matched by x-ip then by id) the inventory's assets in `site`.
InventoryResult import_inventory(const CsvTable& table, nlohmann::json& site, const ZoneMap& zones,
                                 const InventoryOptions& options = {});

} // namespace zonepath::interchange
