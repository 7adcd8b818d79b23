#include "zonepath/models/temporary.hpp"

#include <array>

namespace zonepath::models {

namespace {
constexpr std::array<const char*, 4> kKindNames = {"maintenance-window", "vendor-session", "bypass",
                                                   "temporary-connection"};
} // namespace

const char* to_string(TemporaryKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<TemporaryKind> parse_temporary_kind(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (text == kKindNames[i]) return static_cast<TemporaryKind>(i);
  return std::nullopt;
}

const char* to_string(TemporalState state) {
  switch (state) {
  case TemporalState::Scheduled:
    return "scheduled";
  case TemporalState::Active:
    return "active";
  case TemporalState::Expired:
    return "expired";
  }
  return "active";
}

TemporalState temporal_state(const Temporary& t, const std::optional<Date>& as_of) {
  if (!as_of) return TemporalState::Active;
  // The assessment date is a whole day [start, next start): a window that touches any part of
  // it is in force that day, so the day a maintenance window opens counts as inside it.
  const Instant day_start = Instant::start_of(*as_of);
  const Instant next_day = Instant::start_of(Date{as_of->days + 1});
  if (t.valid_from && *t.valid_from >= next_day) return TemporalState::Scheduled;
  if (t.valid_until <= day_start) return TemporalState::Expired;
  return TemporalState::Active;
}

} // namespace zonepath::models
