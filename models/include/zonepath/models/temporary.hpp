// Time-bound states of the site model: rules, conduits and assets that exist for a maintenance
// window, a vendor session, a bypass (IEC 61511 bypasses and maintenance overrides) or a
// temporarily connected device (IEC 62443-3-2 ZCR 3.4), with the change record that allowed
// them. The model describes what is configured, so an expired element still counts (it is
// still in the firewall) and is a finding; an element whose window has not started on the
// assessment date is not in force yet and is left out of the analysis (docs/governance.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zonepath/models/calendar.hpp"

namespace zonepath::models {

enum class TemporaryKind : std::uint8_t { MaintenanceWindow, VendorSession, Bypass, TemporaryConnection };
const char* to_string(TemporaryKind kind); // "maintenance-window", "vendor-session", ...
std::optional<TemporaryKind> parse_temporary_kind(std::string_view text);

struct Temporary {
  TemporaryKind kind = TemporaryKind::MaintenanceWindow;
  std::optional<Instant> valid_from;             // nullopt: since before the assessment
  Instant valid_until;                           // exclusive end: a date alone means the end of that day
  std::string valid_from_text, valid_until_text; // as written, for reports
  std::string owner, change_record;
};

// Where a temporary element stands on an assessment day: its window starts after the day
// (scheduled, not in force), covers part of the day (active) or ended before the day (expired,
// still configured).
enum class TemporalState : std::uint8_t { Scheduled, Active, Expired };
const char* to_string(TemporalState state); // "scheduled", "active", "expired"

// The state on `as_of`; without an assessment date nothing can be dated and every temporary
// element counts as active.
TemporalState temporal_state(const Temporary& t, const std::optional<Date>& as_of);

// Whether an element (temporary or not) is configured and passes traffic on `as_of`.
inline bool in_force(const std::optional<Temporary>& t, const std::optional<Date>& as_of) {
  return !t || temporal_state(*t, as_of) != TemporalState::Scheduled;
}

} // namespace zonepath::models
