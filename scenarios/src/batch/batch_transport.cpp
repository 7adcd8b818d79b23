// Jobs and results as JSON, the messages MPI ranks exchange. nlohmann writes doubles in their
// shortest round-trip form, so a result stored by rank 0 has the bits the worker computed.
#include <limits>

#include "zonepath/scenarios/batch_result.hpp"

namespace zonepath::scenarios {

using json = nlohmann::json;

json job_to_json(const BatchJob& j) {
  return {{"index", j.index},
          {"site_file", j.site_file},
          {"site_sha256", j.site_sha256},
          {"scenario_file", j.scenario_file},
          {"scenario_sha256", j.scenario_sha256},
          {"threat", j.threat},
          {"load_error", j.load_error},
          {"samples", j.samples},
          {"seed", j.seed},
          {"paths_per_target", j.paths_per_target},
          {"input_hash", j.input_hash}};
}

BatchJob job_from_json(const json& j) {
  BatchJob b;
  b.index = j.at("index").get<std::size_t>();
  b.site_file = j.at("site_file").get<std::string>();
  b.site_sha256 = j.at("site_sha256").get<std::string>();
  b.scenario_file = j.at("scenario_file").get<std::string>();
  b.scenario_sha256 = j.at("scenario_sha256").get<std::string>();
  b.threat = j.at("threat").get<std::string>();
  b.load_error = j.at("load_error").get<std::string>();
  b.samples = j.at("samples").get<std::uint64_t>();
  b.seed = j.at("seed").get<std::uint64_t>();
  b.paths_per_target = j.at("paths_per_target").get<std::size_t>();
  b.input_hash = j.at("input_hash").get<std::string>();
  return b;
}

json result_to_json(const JobResult& r) {
  json zones = json::array(), targets = json::array(), paths = json::array();
  for (const auto& z : r.zones)
    zones.push_back(
        {z.zone, z.sl_t, z.sl_a, z.gap, z.missing, z.likelihood, z.severity, z.level, z.tolerable});
  for (const auto& t : r.targets)
    targets.push_back({t.target, t.probability, t.ci_lo, t.ci_hi, t.ttc ? json(*t.ttc) : json(),
                       t.within_budget ? json(*t.within_budget) : json()});
  for (const auto& p : r.paths)
    paths.push_back({p.target, p.rank, p.probability, p.ttc_mean_days ? json(*p.ttc_mean_days) : json(),
                     p.hops, p.nodes, p.steps});
  return {{"index", r.index},
          {"status", static_cast<int>(r.status)},
          {"error_kind", r.error_kind},
          {"error", r.error},
          {"site_id", r.site_id},
          {"scenario_id", r.scenario_id},
          {"elapsed_ms", r.elapsed_ms},
          {"rank", r.rank},
          {"zones", zones},
          {"targets", targets},
          {"paths", paths}};
}

namespace {
// JSON has no NaN: nlohmann writes it as null; SQLite stores a bound NaN as NULL as well.
double num(const json& v) {
  return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}
} // namespace

JobResult result_from_json(const json& j) {
  JobResult r;
  r.index = j.at("index").get<std::size_t>();
  r.status = static_cast<JobStatus>(j.at("status").get<int>());
  r.error_kind = j.at("error_kind").get<std::string>();
  r.error = j.at("error").get<std::string>();
  r.site_id = j.at("site_id").get<std::string>();
  r.scenario_id = j.at("scenario_id").get<std::string>();
  r.elapsed_ms = num(j.at("elapsed_ms"));
  r.rank = j.at("rank").get<int>();
  for (const auto& z : j.at("zones"))
    r.zones.push_back({z[0].get<std::string>(), z[1].get<std::array<int, 7>>(),
                       z[2].get<std::array<int, 7>>(), z[3].get<std::array<int, 7>>(),
                       z[4].get<std::vector<std::string>>(), z[5].get<int>(), z[6].get<int>(),
                       z[7].get<int>(), z[8].get<bool>()});
  for (const auto& t : j.at("targets")) {
    TargetRow row{t[0].get<std::string>(), num(t[1]), num(t[2]), num(t[3]), {}, {}};
    if (!t[4].is_null())
      row.ttc = std::array<double, 4>{num(t[4][0]), num(t[4][1]), num(t[4][2]), num(t[4][3])};
    if (!t[5].is_null()) row.within_budget = num(t[5]);
    r.targets.push_back(std::move(row));
  }
  for (const auto& p : j.at("paths")) {
    PathRow row;
    row.target = p[0].get<std::string>();
    row.rank = p[1].get<int>();
    row.probability = num(p[2]);
    if (!p[3].is_null()) row.ttc_mean_days = num(p[3]);
    row.hops = p[4].get<int>();
    row.nodes = p[5].get<std::string>();
    row.steps = p[6].get<std::string>();
    r.paths.push_back(std::move(row));
  }
  return r;
}

} // namespace zonepath::scenarios
