// Result rows as JSON arrays, the messages MPI ranks exchange. nlohmann writes doubles in their
// shortest round-trip form, so a result stored by rank 0 has the bits the worker computed.
#include <limits>

#include "zonepath/scenarios/batch_result.hpp"

namespace zonepath::scenarios {

using json = nlohmann::json;

namespace {
// JSON has no NaN: nlohmann writes it as null; SQLite stores a bound NaN as NULL as well.
double num(const json& v) {
  return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}
} // namespace

void to_json(json& j, const ZoneRow& z) {
  j = {z.zone, z.sl_t, z.sl_a, z.gap, z.missing, z.likelihood, z.severity, z.level, z.tolerable};
}

void from_json(const json& j, ZoneRow& z) {
  z = {j[0].get<std::string>(),
       j[1].get<std::array<int, 7>>(),
       j[2].get<std::array<int, 7>>(),
       j[3].get<std::array<int, 7>>(),
       j[4].get<std::vector<std::string>>(),
       j[5].get<int>(),
       j[6].get<int>(),
       j[7].get<int>(),
       j[8].get<bool>()};
}

void to_json(json& j, const TargetRow& t) {
  j = {t.target,
       t.probability,
       t.ci_lo,
       t.ci_hi,
       t.ttc ? json(*t.ttc) : json(),
       t.within_budget ? json(*t.within_budget) : json()};
}

void from_json(const json& j, TargetRow& t) {
  t = TargetRow{j[0].get<std::string>(), num(j[1]), num(j[2]), num(j[3]), {}, {}};
  if (!j[4].is_null()) t.ttc = std::array<double, 4>{num(j[4][0]), num(j[4][1]), num(j[4][2]), num(j[4][3])};
  if (!j[5].is_null()) t.within_budget = num(j[5]);
}

void to_json(json& j, const PathRow& p) {
  j = {p.target, p.rank,  p.probability, p.ttc_mean_days ? json(*p.ttc_mean_days) : json(),
       p.hops,   p.nodes, p.steps};
}

void from_json(const json& j, PathRow& p) {
  p = PathRow{};
  p.target = j[0].get<std::string>();
  p.rank = j[1].get<int>();
  p.probability = num(j[2]);
  if (!j[3].is_null()) p.ttc_mean_days = num(j[3]);
  p.hops = j[4].get<int>();
  p.nodes = j[5].get<std::string>();
  p.steps = j[6].get<std::string>();
}

} // namespace zonepath::scenarios
