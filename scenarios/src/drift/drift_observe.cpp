// Streaming a conn.log into flows: one pass, one line in memory, one entry per distinct
// (source, destination, transport, port) up to a bound.
#include <algorithm>
#include <cmath>

#include "drift_internal.hpp"

namespace zonepath::scenarios::drift {

namespace {

// Whether the responder answered: Zeek's connection states in which it accepted the connection
// (a REJ is the stack refusing it, an S0 got no answer; UDP is SF once both ways were seen).
// States Zeek could not tell (OTH, or none) count when the responder sent packets.
bool answered(const interchange::ConnRecord& r) {
  static const char* const states[] = {"S1", "S2", "S3", "SF", "RSTO", "RSTR", "RSTRH", "SHR"};
  if (std::find(std::begin(states), std::end(states), r.conn_state) != std::end(states)) return true;
  return (r.conn_state.empty() || r.conn_state == "OTH") && r.resp_pkts > 0;
}

} // namespace

Observation observe(std::istream& in, const std::string& name, const DriftOptions& options) {
  Observation o;
  o.file = name;
  std::unordered_map<std::string, int> interned;
  auto service_bits = [&](std::string_view list) {
    std::uint64_t bits = 0;
    std::size_t start = 0;
    while (start <= list.size() && !list.empty()) {
      std::size_t comma = list.find(',', start);
      std::string s(
          list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      start = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
      if (s.empty()) continue;
      auto it = interned.find(s);
      if (it == interned.end()) {
        if (o.service_names.size() >= 63) {
          bits |= std::uint64_t{1} << 63;
          continue;
        }
        it = interned.emplace(s, static_cast<int>(o.service_names.size())).first;
        o.service_names.push_back(s);
      }
      bits |= std::uint64_t{1} << it->second;
    }
    return bits;
  };
  // Records are counted in batches: one takes about as long as a clock read.
  const ProgressPhase phase(options.progress, "read connections");
  constexpr std::uint64_t kBatch = 4096;
  std::uint64_t uncounted = 0;
  o.stats = interchange::read_zeek_conn(in, name, [&](const interchange::ConnRecord& r) {
    if (++uncounted == kBatch) {
      phase.advance(kBatch);
      uncounted = 0;
    }
    o.first = std::min(o.first, r.ts);
    o.last = std::max(o.last, r.ts);
    FlowKey key{r.orig_h, r.resp_h, r.resp_p, r.udp};
    auto it = o.flows.find(key);
    if (it == o.flows.end()) {
      if (o.flows.size() >= options.max_flows) {
        ++o.over_limit_connections;
        return;
      }
      it = o.flows.emplace(key, FlowStats{}).first;
    }
    FlowStats& s = it->second;
    ++s.connections;
    if (answered(r)) ++s.answered;
    s.first = std::min(s.first, r.ts);
    s.last = std::max(s.last, r.ts);
    if (!r.service.empty()) s.services |= service_bits(r.service);
  });
  phase.advance(uncounted);
  return o;
}

std::vector<std::string> services_of(const Observation& o, const FlowStats& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < o.service_names.size(); ++i)
    if (s.services >> i & 1) out.push_back(o.service_names[i]);
  if (s.services >> 63 & 1) out.push_back("(others)");
  return out;
}

std::string iso_time(double epoch) {
  // The reader admits years 1970..9999 only; anything else has no date to print.
  if (!std::isfinite(epoch) || epoch < 0 || epoch >= 253402300800.0) return "";
  const auto secs = static_cast<long long>(std::floor(epoch));
  const long long days = secs / 86400, rem = secs % 86400;
  // Civil date from days since 1970-01-01, after H. Hinnant's civil_from_days (days >= 0 here).
  const long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9,
                  y = yoe + era * 400 + (m <= 2);
  auto digits = [](long long v, int width) {
    std::string s = std::to_string(v);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
  };
  return digits(y, 4) + "-" + digits(m, 2) + "-" + digits(d, 2) + "T" + digits(rem / 3600, 2) + ":" +
         digits(rem / 60 % 60, 2) + ":" + digits(rem % 60, 2) + "Z";
}

} // namespace zonepath::scenarios::drift
