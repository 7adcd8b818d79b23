// Calendar dates and instants of the site model (ISO 8601): assessment dates, review dates,
// validity windows. Parsed without the C library's locale or time zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zonepath::models {

// A calendar day, as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int32_t days = 0;
  auto operator<=>(const Date&) const = default;
  std::string text() const; // "2026-12-05"
};

// An instant, as seconds since 1970-01-01T00:00:00Z.
struct Instant {
  std::int64_t seconds = 0;
  auto operator<=>(const Instant&) const = default;
  Date date() const; // the UTC day it falls on
  static Instant start_of(Date d) { return Instant{std::int64_t(d.days) * 86400}; }
};

// "YYYY-MM-DD" (a real day of the Gregorian calendar); nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);

// "YYYY-MM-DD", or "YYYY-MM-DDThh:mm[:ss[.fff]]" followed by "Z" or "+hh:mm"/"-hh:mm" (a
// date-time without an offset is read as UTC). A date alone is the start of that day.
// `date_only` tells which form was given. nullopt for anything else.
std::optional<Instant> parse_instant(std::string_view text, bool* date_only = nullptr);

} // namespace zonepath::models
