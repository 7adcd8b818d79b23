// The batch runner and its SQLite store: job planning (order, seeds, scenario pairing), the
// same database content for 1 and 2 threads, resume, failures recorded, result transport.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "zonepath/core/error.hpp"
#include "zonepath/scenarios/batch_result.hpp"
#include "zonepath/scenarios/batch_run.hpp"
#include "zonepath/scenarios/generate_site.hpp"
#include "zonepath/scenarios/store_sqlite.hpp"

namespace fs = std::filesystem;
namespace zs = zonepath::scenarios;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("zp-batch-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path / "in");
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

std::string gen_site(const fs::path& p, std::uint64_t seed) {
  zs::GenerateOptions o;
  o.assets = 100;
  o.seed = seed;
  return zs::generate_site_file(o, p.string()).site_id;
}

// Every table's content, ordered, without the columns that record time or placement.
std::string dump(const fs::path& db) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open(db.string().c_str(), &h), SQLITE_OK);
  std::ostringstream out;
  for (const char* q :
       {"SELECT job_id, input_hash, site_file, site_id, scenario_file, scenario_id, threat, samples, seed, "
        "status, "
        "error_kind, error FROM jobs ORDER BY job_id",
        "SELECT * FROM zones ORDER BY job_id, zone", "SELECT * FROM zone_gaps ORDER BY job_id, zone, fr",
        "SELECT * FROM targets ORDER BY job_id, target",
        "SELECT * FROM paths ORDER BY job_id, target, rank"}) {
    sqlite3_exec(
        h, q,
        [](void* o, int n, char** v, char**) {
          auto& s = *static_cast<std::ostringstream*>(o);
          for (int i = 0; i < n; ++i) s << (v[i] ? v[i] : "NULL") << '|';
          s << '\n';
          return 0;
        },
        &out, nullptr);
  }
  sqlite3_close(h);
  return out.str();
}

long long scalar(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.string().c_str(), &h);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr);
  long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(h);
  return v;
}

zs::BatchOptions options(const TempDir& t, const std::string& db, std::size_t threads) {
  zs::BatchOptions o;
  o.inputs = {(t.path / "in").string()};
  o.db = (t.path / db).string();
  o.job.samples = 100;
  o.job.seed = 7;
  o.threads = threads;
  o.version = "test";
  return o;
}

} // namespace

TEST(BatchJobs, SitesTimesApplicableScenariosTimesThreats) {
  TempDir t;
  const std::string a = gen_site(t.path / "in" / "a.json", 1);
  gen_site(t.path / "in" / "b.json", 2);
  write(t.path / "in" / "s1.json",
        R"({"schema": "zonepath/scenario/v1", "id": "no-vendor", "base": ")" + a +
            R"(", "operations": [{"op": "disable-conduit", "id": "fw-vendor-dmz"}]})");
  write(t.path / "in" / "report.json", R"({"schema": "zonepath/report/v1"})");
  auto inputs = zs::collect_batch_inputs({(t.path / "in").string()});
  ASSERT_EQ(inputs.sites.size(), 2u);
  ASSERT_EQ(inputs.scenarios.size(), 1u);
  ASSERT_EQ(inputs.skipped.size(), 1u);
  auto jobs = zs::plan_batch_jobs(inputs, {});
  // Site a: baseline + its scenario, 5 threats each; site b: baseline only.
  ASSERT_EQ(jobs.size(), 15u);
  EXPECT_EQ(jobs[0].threat, "ta-scanner");
  EXPECT_TRUE(jobs[0].scenario_file.empty());
  EXPECT_FALSE(jobs[5].scenario_file.empty());
  EXPECT_TRUE(jobs[10].scenario_file.empty());
  std::set<std::string> hashes;
  for (const auto& j : jobs) hashes.insert(j.input_hash);
  EXPECT_EQ(hashes.size(), jobs.size());
  // A scenario job draws the same random numbers as its baseline (common random numbers).
  EXPECT_EQ(jobs[5].threat, jobs[0].threat);
  EXPECT_EQ(jobs[5].seed, jobs[0].seed);
  EXPECT_NE(jobs[1].seed, jobs[0].seed);
  EXPECT_NE(jobs[10].seed, jobs[0].seed);
}

TEST(BatchJobs, SeedsDependOnTheJobNotOnItsPosition) {
  TempDir t;
  gen_site(t.path / "in" / "a.json", 1);
  gen_site(t.path / "in" / "b.json", 2);
  zs::BatchInputs fwd = zs::collect_batch_inputs({(t.path / "in").string()});
  zs::BatchInputs rev = fwd;
  std::reverse(rev.sites.begin(), rev.sites.end());
  auto j1 = zs::plan_batch_jobs(fwd, {}), j2 = zs::plan_batch_jobs(rev, {});
  ASSERT_EQ(j1.size(), j2.size());
  std::size_t moved = 0;
  for (const auto& a : j1) {
    auto b = std::find_if(j2.begin(), j2.end(), [&](const auto& x) { return x.input_hash == a.input_hash; });
    ASSERT_NE(b, j2.end());
    EXPECT_EQ(a.seed, b->seed);
    moved += a.index != b->index;
  }
  EXPECT_GT(moved, 0u); // the reversed order did move jobs
  // Another batch seed gives other job seeds and other input hashes.
  zs::BatchJobOptions other;
  other.seed = 2;
  auto j3 = zs::plan_batch_jobs(fwd, other);
  EXPECT_NE(j1[0].seed, j3[0].seed);
  EXPECT_NE(j1[0].input_hash, j3[0].input_hash);
}

TEST(Batch, SameDatabaseForOneAndTwoThreads) {
  TempDir t;
  gen_site(t.path / "in" / "a.json", 1);
  gen_site(t.path / "in" / "b.json", 2);
  auto s1 = zs::run_batch(options(t, "one.sqlite", 1));
  auto s2 = zs::run_batch(options(t, "two.sqlite", 2));
  EXPECT_EQ(s1.counts.ok, 10u);
  EXPECT_EQ(s2.counts.ok, 10u);
  EXPECT_EQ(dump(t.path / "one.sqlite"), dump(t.path / "two.sqlite"));
  EXPECT_GT(scalar(t.path / "one.sqlite", "SELECT count(*) FROM zone_gaps"), 0);
  EXPECT_EQ(scalar(t.path / "one.sqlite", "SELECT count(*) FROM zone_gaps") % 7, 0); // 7 FRs per zone
}

TEST(ResultStore, ANewerOrUnreadableSchemaVersionIsRefused) {
  TempDir t;
  const fs::path db = t.path / "r.sqlite";
  { zs::ResultStore created(db.string()); }
  EXPECT_EQ(scalar(db, "SELECT value FROM meta WHERE key = 'schema_version'"), zs::kStoreSchemaVersion);
  auto set_version = [&](const std::string& value) {
    sqlite3* h = nullptr;
    sqlite3_open(db.string().c_str(), &h);
    sqlite3_exec(h, ("UPDATE meta SET value = '" + value + "' WHERE key = 'schema_version'").c_str(), nullptr,
                 nullptr, nullptr);
    sqlite3_close(h);
  };
  auto refusal = [&] {
    try {
      zs::ResultStore opened(db.string());
    } catch (const zonepath::StoreError& e) {
      return std::string(e.what());
    }
    return std::string("opened");
  };
  set_version(std::to_string(zs::kStoreSchemaVersion + 1));
  EXPECT_NE(refusal().find("results schema version " + std::to_string(zs::kStoreSchemaVersion + 1)),
            std::string::npos);
  set_version("1x");
  EXPECT_NE(refusal().find("results schema version '1x', not a number"), std::string::npos);
}

TEST(ResultStore, AVersionOneDatabaseIsUpgradedWithTheAssessmentDayColumn) {
  TempDir t;
  gen_site(t.path / "in" / "a.json", 1);
  const fs::path db = t.path / "r.sqlite";
  ASSERT_EQ(zs::run_batch(options(t, "r.sqlite", 1)).counts.ok, 5u);
  // Version 1: the same tables without jobs.as_of.
  sqlite3* h = nullptr;
  sqlite3_open(db.string().c_str(), &h);
  ASSERT_EQ(sqlite3_exec(h,
                         "ALTER TABLE jobs DROP COLUMN as_of;"
                         "UPDATE meta SET value = '1' WHERE key = 'schema_version';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  const char* has_column = "SELECT count(*) FROM pragma_table_info('jobs') WHERE name = 'as_of'";
  ASSERT_EQ(scalar(db, has_column), 0);
  { zs::ResultStore upgraded(db.string()); }
  EXPECT_EQ(scalar(db, has_column), 1);
  EXPECT_EQ(scalar(db, "SELECT value FROM meta WHERE key = 'schema_version'"), 2);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM jobs WHERE as_of IS NULL"), 5); // earlier rows keep NULL
  // The finished jobs are still found (same input hashes), and new ones record their day.
  auto again = zs::run_batch(options(t, "r.sqlite", 1));
  EXPECT_EQ(again.counts.skipped, 5u);
  auto opt = options(t, "r.sqlite", 1);
  opt.job.as_of = zonepath::models::parse_date("2026-12-08");
  EXPECT_EQ(zs::run_batch(opt).counts.ok, 5u);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM jobs WHERE as_of = '2026-12-08'"), 5);
}

TEST(Batch, RerunSkipsFinishedJobsAndResumesPendingOnes) {
  TempDir t;
  gen_site(t.path / "in" / "a.json", 1);
  auto first = zs::run_batch(options(t, "r.sqlite", 1));
  EXPECT_EQ(first.counts.ok, 5u);
  auto again = zs::run_batch(options(t, "r.sqlite", 1));
  EXPECT_EQ(again.counts.skipped, 5u);
  EXPECT_EQ(again.counts.ok, 0u);
  const std::string full = dump(t.path / "r.sqlite");
  // An interrupted run leaves jobs pending: only those run again, with the same results.
  const auto db = (t.path / "r.sqlite").string();
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_exec(h,
               "UPDATE jobs SET status = 'pending' WHERE job_id > 2; DELETE FROM targets WHERE job_id > 2;"
               "DELETE FROM paths WHERE job_id > 2; DELETE FROM zones WHERE job_id > 2;"
               "DELETE FROM zone_gaps WHERE job_id > 2;",
               nullptr, nullptr, nullptr);
  sqlite3_close(h);
  auto resumed = zs::run_batch(options(t, "r.sqlite", 2));
  EXPECT_EQ(resumed.counts.skipped, 2u);
  EXPECT_EQ(resumed.counts.ok, 3u);
  EXPECT_EQ(dump(t.path / "r.sqlite"), full);
  EXPECT_EQ(scalar(t.path / "r.sqlite", "SELECT count(*) FROM runs"), 3);
}

TEST(Batch, FailingJobIsRecordedAndTheBatchGoesOn) {
  TempDir t;
  gen_site(t.path / "in" / "a.json", 1);
  write(t.path / "in" / "broken.json", R"({"schema": "zonepath/site/v1", "site": {"id": "x"},
    "zones": [{"id": "z", "kind": "dmzz"}], "assets": [], "conduits": [],
    "threat_actors": [{"id": "t", "sophistication": 2, "starts": ["z"]}]})");
  write(t.path / "in" / "notjson.json", "{ not json");
  auto s = zs::run_batch(options(t, "f.sqlite", 2));
  EXPECT_EQ(s.counts.ok, 5u);
  EXPECT_EQ(s.counts.failed, 2u);
  const auto db = t.path / "f.sqlite";
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM jobs WHERE status = 'failed' AND error_kind = 'ValidationError' "
                       "AND error LIKE '%/zones/0/kind%dmzz%'"),
            1);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM jobs WHERE status = 'failed' AND error_kind = 'ParseError'"), 1);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM targets t JOIN jobs j USING (job_id) WHERE j.status = 'failed'"),
            0);
}

TEST(BatchResult, JsonTransportIsExact) {
  zs::JobResult r;
  r.index = 42;
  r.status = zs::JobStatus::Ok;
  r.site_id = "s";
  r.zones.push_back(
      {"z", {1, 2, 3, 4, 0, 1, 2}, {0, 0, 1, 0, 0, 0, 0}, {1, 2, 2, 4, 0, 1, 2}, {"SR 5.1"}, 3, 4, 4, false});
  r.targets.push_back(
      {"plc-1", 0.1 + 0.2, 1.0 / 3, 0.7, std::array<double, 4>{1e-9, 2.5, 3.25, 7}, std::nullopt});
  r.paths.push_back({"plc-1", 1, 0.123456789012345678, std::nullopt, 3, R"(["a","b"])", "[]"});
  auto back = nlohmann::json::parse(nlohmann::json(r).dump()).get<zs::JobResult>();
  EXPECT_EQ(nlohmann::json(back).dump(), nlohmann::json(r).dump());
  EXPECT_EQ(back.targets[0].probability, 0.1 + 0.2);
  EXPECT_EQ(back.targets[0].ci_lo, 1.0 / 3);
  EXPECT_EQ(back.paths[0].probability, 0.123456789012345678);
  EXPECT_FALSE(back.paths[0].ttc_mean_days.has_value());
  EXPECT_FALSE(back.zones[0].tolerable);

  zs::BatchJob job;
  job.index = 7;
  job.site_file = "sites/a.json";
  job.threat = "apt";
  job.samples = 500;
  job.seed = (std::uint64_t{1} << 62) + 3; // above 2^53: must not pass through a double
  job.input_hash = "ab12";
  const auto job_back = nlohmann::json::parse(nlohmann::json(job).dump()).get<zs::BatchJob>();
  EXPECT_EQ(job_back.index, 7u);
  EXPECT_EQ(job_back.site_file, "sites/a.json");
  EXPECT_EQ(job_back.threat, "apt");
  EXPECT_EQ(job_back.samples, 500u);
  EXPECT_EQ(job_back.seed, (std::uint64_t{1} << 62) + 3);
  EXPECT_EQ(job_back.input_hash, "ab12");
}
