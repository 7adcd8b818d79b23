#include "zonepath/models/calendar.hpp"

#include <charconv>
#include <chrono>

namespace zonepath::models {

namespace {

// Exactly `n` ASCII digits at `pos`.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + n, v);
  if (ec != std::errc() || end != s.data() + pos + n) return std::nullopt;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  return v;
}

std::optional<Date> date_prefix(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

} // namespace

std::string Date::text() const {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buf[16];
  int y = int(ymd.year()), m = int(unsigned(ymd.month())), d = int(unsigned(ymd.day()));
  buf[0] = char('0' + y / 1000 % 10);
  buf[1] = char('0' + y / 100 % 10);
  buf[2] = char('0' + y / 10 % 10);
  buf[3] = char('0' + y % 10);
  buf[4] = '-';
  buf[5] = char('0' + m / 10);
  buf[6] = char('0' + m % 10);
  buf[7] = '-';
  buf[8] = char('0' + d / 10);
  buf[9] = char('0' + d % 10);
  return std::string(buf, 10);
}

Date Instant::date() const {
  std::int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return Date{static_cast<std::int32_t>(d)};
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return date_prefix(text);
}

std::optional<Instant> parse_instant(std::string_view s, bool* date_only) {
  auto day = date_prefix(s);
  if (!day) return std::nullopt;
  if (s.size() == 10) {
    if (date_only) *date_only = true;
    return Instant::start_of(*day);
  }
  if (date_only) *date_only = false;
  if (s[10] != 'T' && s[10] != 't') return std::nullopt;
  auto hh = digits(s, 11, 2), mm = digits(s, 14, 2);
  if (!hh || !mm || s.size() < 16 || s[13] != ':' || *hh > 23 || *mm > 59) return std::nullopt;
  std::size_t pos = 16;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    auto sec = digits(s, pos + 1, 2);
    if (!sec || *sec > 59) return std::nullopt;
    ss = *sec;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') { // fractions of a second are accepted and dropped
      std::size_t f = pos + 1;
      while (f < s.size() && s[f] >= '0' && s[f] <= '9') ++f;
      if (f == pos + 1) return std::nullopt;
      pos = f;
    }
  }
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
      ++pos;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
      auto oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
      if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
      offset = (s[pos] == '+' ? 1 : -1) * (std::int64_t(*oh) * 3600 + std::int64_t(*om) * 60);
      pos += 6;
    } else {
      return std::nullopt;
    }
  }
  if (pos != s.size()) return std::nullopt;
  std::int64_t secs =
      std::int64_t(day->days) * 86400 + std::int64_t(*hh) * 3600 + std::int64_t(*mm) * 60 + ss;
  return Instant{secs - offset};
}

} // namespace zonepath::models
