// The ISMS records a site file may carry besides the technical model (docs/model.md,
// "Governance"): who is responsible for zones, assets and controls, the system under
// consideration and its ISMS scope, risk treatment and acceptance decisions, and the
// organisation's own Statement of Applicability decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zonepath/models/calendar.hpp"
#include "zonepath/models/catalog_annex_a.hpp"

namespace zonepath::models {

// The roles of IEC 62443-1-1 / 2-4 that share responsibility for an IACS.
enum class PartyRole : std::uint8_t { AssetOwner, SystemIntegrator, ProductSupplier, ServiceProvider };
const char* to_string(PartyRole role); // "asset-owner", "system-integrator", ...
std::optional<PartyRole> parse_party_role(std::string_view text);

struct Responsible {
  std::string party; // "Acme Pharma Engineering", "Vendor X Service"
  PartyRole role = PartyRole::AssetOwner;
};

// "Acme (asset-owner); Vendor (service-provider)": the registers' cell.
std::string responsible_text(const std::vector<Responsible>& parties);

// The system under consideration (IEC 62443-3-2 ZCR 1) and the ISMS scope it belongs to.
struct Scope {
  std::string id, name, isms_scope, description;
  bool empty() const { return id.empty() && name.empty() && isms_scope.empty(); }
};

// ISO/IEC 27005 risk treatment options.
enum class RiskTreatment : std::uint8_t { Mitigate, Accept, Transfer, Avoid };
const char* to_string(RiskTreatment t); // "mitigate", "accept", "transfer", "avoid"
std::optional<RiskTreatment> parse_risk_treatment(std::string_view text);

// A signed treatment decision for the risk of one zone from one threat actor (or every actor).
struct RiskAcceptance {
  std::uint32_t zone = ~std::uint32_t{0};
  std::string threat; // actor id, or "*" for every actor
  RiskTreatment treatment = RiskTreatment::Accept;
  std::string accepted_by, justification, risk_owner, change_record;
  Date date;
  Date review_by;
  int risk_level = 0;  // the level signed off (1..5); 0: not stated
  int target_risk = 0; // the level aimed for (1..5); 0: not stated
};

// The organisation's own Statement of Applicability decision for one Annex A control; it
// overrides what zonepath derives from the model.
struct SoaDecision {
  std::string control; // "A.5.19"
  std::optional<bool> applicable;
  std::optional<SoaStatus> status;
  std::string justification, owner;
  std::vector<std::string> evidence;
};

} // namespace zonepath::models
