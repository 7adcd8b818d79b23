#include "zonepath/scenarios/store_sqlite.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::scenarios {
namespace {

// The schema, documented column by column in docs/batch.md.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
  zonepath_version TEXT NOT NULL, inputs TEXT NOT NULL,
  seed INTEGER NOT NULL, samples INTEGER NOT NULL, threads INTEGER NOT NULL, ranks INTEGER NOT NULL,
  jobs_total INTEGER, jobs_skipped INTEGER, jobs_ok INTEGER, jobs_failed INTEGER, elapsed_s REAL);
CREATE TABLE IF NOT EXISTS jobs (
  job_id INTEGER PRIMARY KEY,
  input_hash TEXT NOT NULL UNIQUE,
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  site_file TEXT NOT NULL, site_sha256 TEXT NOT NULL, site_id TEXT,
  scenario_file TEXT, scenario_sha256 TEXT, scenario_id TEXT,
  threat TEXT NOT NULL, samples INTEGER NOT NULL, seed INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
  error_kind TEXT, error TEXT,
  elapsed_ms REAL, finished_at TEXT, rank INTEGER, as_of TEXT);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status);
CREATE INDEX IF NOT EXISTS jobs_by_site ON jobs (site_id, scenario_id, threat);
CREATE INDEX IF NOT EXISTS jobs_by_run ON jobs (run_id);
CREATE TABLE IF NOT EXISTS zones (
  job_id INTEGER NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  zone TEXT NOT NULL, max_gap INTEGER NOT NULL, missing TEXT NOT NULL,
  likelihood INTEGER, severity INTEGER, risk_level INTEGER, tolerable INTEGER,
  PRIMARY KEY (job_id, zone)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS zone_gaps (
  job_id INTEGER NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  zone TEXT NOT NULL, fr INTEGER NOT NULL CHECK (fr BETWEEN 1 AND 7),
  sl_t INTEGER NOT NULL, sl_a INTEGER NOT NULL, gap INTEGER NOT NULL,
  PRIMARY KEY (job_id, zone, fr)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS zone_gaps_by_zone ON zone_gaps (zone, fr);
CREATE TABLE IF NOT EXISTS targets (
  job_id INTEGER NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  target TEXT NOT NULL, reach_probability REAL NOT NULL, ci95_lo REAL NOT NULL, ci95_hi REAL NOT NULL,
  ttc_mean REAL, ttc_p10 REAL, ttc_p50 REAL, ttc_p90 REAL, within_budget REAL,
  PRIMARY KEY (job_id, target)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS targets_by_target ON targets (target);
CREATE TABLE IF NOT EXISTS paths (
  job_id INTEGER NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  target TEXT NOT NULL, rank INTEGER NOT NULL, probability REAL NOT NULL, ttc_mean_days REAL,
  hops INTEGER NOT NULL, nodes TEXT NOT NULL, steps TEXT NOT NULL,
  PRIMARY KEY (job_id, target, rank)) WITHOUT ROWID;
)sql";

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "results database 'FILE': SQLite: " for messages (a corrupt page names the file it is in).
std::string where(sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  return "results database '" + std::string(file ? file : "?") + "': SQLite: ";
}

class Stmt {
public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK)
      throw StoreError(where(db) + sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_or_null(int i, const std::string& v) {
    if (v.empty())
      sqlite3_bind_null(s_, i);
    else
      bind(i, v);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::optional<double>& v) {
    if (v)
      sqlite3_bind_double(s_, i, *v);
    else
      sqlite3_bind_null(s_, i);
    return *this;
  }
  // Runs to completion; true when a row came back (then readable with column_*).
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw StoreError(where(db_) + sqlite3_errmsg(db_));
    return false;
  }
  void run() {
    step();
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::int64_t int_col(int i) { return sqlite3_column_int64(s_, i); }
  std::string text_col(int i) {
    auto p = sqlite3_column_text(s_, i);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  void reset() { sqlite3_reset(s_); }

private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

// Liveness of a run: its process holds an open-file-description lock (F_OFD_SETLK, released
// by the kernel whatever ends the process) on one byte of the database file far beyond what
// SQLite locks (its locks lie near 1 GiB). OFD locks are not released when SQLite closes its
// own descriptors, unlike POSIX record locks.
constexpr off_t kRunLockBase = off_t{1} << 40;

struct flock run_lock(std::int64_t run_id, short type) {
  struct flock l {};
  l.l_type = type;
  l.l_whence = SEEK_SET;
  l.l_start = kRunLockBase + static_cast<off_t>(run_id);
  l.l_len = 1;
  return l;
}

std::string json_list(const std::vector<std::string>& v) {
  return nlohmann::json(v).dump();
}

} // namespace

ResultStore::ResultStore(const std::string& path) : path_(path) {
  // SQLite would open a device, FIFO or directory and fail later with "disk I/O error" (or, on
  // /dev/full, "database or disk is full"): say what the path is instead.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw StoreError("results database '" + path + "': it is " + file_type_name(st.st_mode) +
                     ", not a regular file");
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open results database '" + path + "': " + msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  try {
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    exec("BEGIN IMMEDIATE");
    exec(kSchema);
    Stmt get(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (get.step()) {
      const std::optional<int> v = parse_integer<int>(get.text_col(0));
      if (!v)
        throw StoreError("'" + path + "' has results schema version '" + get.text_col(0) + "', not a number");
      if (*v > kStoreSchemaVersion)
        throw StoreError("'" + path + "' has results schema version " + std::to_string(*v) +
                         "; this zonepath writes version " + std::to_string(kStoreSchemaVersion));
      get.reset();
      if (*v < 2) { // version 1 had no assessment day per job: its rows keep NULL
        exec("ALTER TABLE jobs ADD COLUMN as_of TEXT");
        exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
      }
    } else {
      get.reset();
      Stmt put(db_, "INSERT INTO meta (key, value) VALUES ('schema_version', ?)");
      put.bind(1, std::to_string(kStoreSchemaVersion)).run();
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ResultStore::~ResultStore() {
  if (db_) sqlite3_close(db_);
  if (run_lock_fd_ >= 0) ::close(run_lock_fd_);
}

void ResultStore::reclaim_dead_runs() {
  std::vector<std::int64_t> dead;
  {
    Stmt q(db_, "SELECT run_id FROM runs WHERE status = 'running'");
    while (q.step()) {
      struct flock probe = run_lock(q.int_col(0), F_WRLCK);
      if (::fcntl(run_lock_fd_, F_OFD_GETLK, &probe) == 0 && probe.l_type == F_UNLCK)
        dead.push_back(q.int_col(0));
    }
  }
  if (dead.empty()) return;
  Stmt up(db_,
          "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE run_id = ? AND status = 'running'");
  for (std::int64_t id : dead) up.bind(1, now_utc()).bind(2, id).run();
}

void ResultStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError("results database '" + path_ + "': " + msg);
  }
}

std::unordered_set<std::string> ResultStore::done_hashes() {
  std::unordered_set<std::string> out;
  Stmt q(db_, "SELECT input_hash FROM jobs WHERE status = 'ok'");
  while (q.step()) out.insert(q.text_col(0));
  return out;
}

std::int64_t ResultStore::begin_run(const RunInfo& info) {
  if (run_lock_fd_ < 0) run_lock_fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
  if (run_lock_fd_ < 0)
    throw StoreError("cannot open results database '" + path_ + "': " + std::strerror(errno));
  exec("BEGIN IMMEDIATE"); // one process at a time decides which runs are dead and starts its own
  try {
    reclaim_dead_runs();
    Stmt ins(db_,
             "INSERT INTO runs (started_at, status, zonepath_version, inputs, seed, samples, threads, ranks) "
             "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)");
    ins.bind(1, now_utc())
        .bind(2, info.zonepath_version)
        .bind(3, info.inputs)
        .bind(4, static_cast<std::int64_t>(info.seed))
        .bind(5, static_cast<std::int64_t>(info.samples))
        .bind(6, static_cast<std::int64_t>(info.threads))
        .bind(7, static_cast<std::int64_t>(info.ranks));
    ins.run();
    const std::int64_t run_id = sqlite3_last_insert_rowid(db_);
    struct flock lock = run_lock(run_id, F_WRLCK);
    if (::fcntl(run_lock_fd_, F_OFD_SETLK, &lock) != 0)
      throw StoreError("results database '" + path_ + "': cannot lock run " + std::to_string(run_id) + ": " +
                       std::strerror(errno));
    exec("COMMIT");
    return run_id;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<std::int64_t> ResultStore::register_jobs(std::int64_t run_id, const std::vector<BatchJob>& jobs) {
  std::vector<std::int64_t> ids;
  ids.reserve(jobs.size());
  begin();
  Stmt ins(db_,
           "INSERT INTO jobs (input_hash, run_id, site_file, site_sha256, scenario_file, scenario_sha256, "
           "threat, samples, seed, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') "
           "ON CONFLICT (input_hash) DO UPDATE SET run_id = excluded.run_id, status = 'pending', "
           "error_kind = NULL, error = NULL RETURNING job_id");
  for (const auto& j : jobs) {
    ins.bind(1, j.input_hash)
        .bind(2, run_id)
        .bind(3, j.site_file)
        .bind(4, j.site_sha256)
        .bind_or_null(5, j.scenario_file)
        .bind_or_null(6, j.scenario_sha256)
        .bind(7, j.threat)
        .bind(8, static_cast<std::int64_t>(j.samples))
        .bind(9, static_cast<std::int64_t>(j.seed));
    if (!ins.step()) throw StoreError("results database '" + path_ + "': no job id returned");
    ids.push_back(ins.int_col(0));
    ins.reset();
  }
  commit();
  return ids;
}

void ResultStore::begin() {
  exec("BEGIN IMMEDIATE");
}
void ResultStore::commit() {
  exec("COMMIT");
}

void ResultStore::write_result(std::int64_t job_id, const JobResult& r) {
  for (const char* table : {"zones", "zone_gaps", "targets", "paths"}) {
    Stmt del(db_, (std::string("DELETE FROM ") + table + " WHERE job_id = ?").c_str());
    del.bind(1, job_id).run();
  }
  const bool ok = r.status == JobStatus::Ok;
  Stmt up(db_, "UPDATE jobs SET status = ?, error_kind = ?, error = ?, site_id = ?, scenario_id = ?, "
               "elapsed_ms = ?, finished_at = ?, rank = ?, as_of = ? WHERE job_id = ?");
  up.bind(1, std::string(ok ? "ok" : "failed"))
      .bind_or_null(2, r.error_kind)
      .bind_or_null(3, r.error)
      .bind_or_null(4, r.site_id)
      .bind_or_null(5, r.scenario_id)
      .bind(6, r.elapsed_ms)
      .bind(7, now_utc())
      .bind(8, static_cast<std::int64_t>(r.rank))
      .bind_or_null(9, r.as_of)
      .bind(10, job_id);
  up.run();
  if (!ok) return;
  Stmt zone(db_, "INSERT INTO zones VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Stmt gap(db_, "INSERT INTO zone_gaps VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& z : r.zones) {
    int max_gap = 0;
    for (int g : z.gap) max_gap = std::max(max_gap, g);
    zone.bind(1, job_id)
        .bind(2, z.zone)
        .bind(3, std::int64_t{max_gap})
        .bind(4, json_list(z.missing))
        .bind(5, std::int64_t{z.likelihood})
        .bind(6, std::int64_t{z.severity})
        .bind(7, std::int64_t{z.level})
        .bind(8, std::int64_t{z.tolerable});
    zone.run();
    for (int fr = 0; fr < 7; ++fr) {
      auto i = static_cast<std::size_t>(fr);
      gap.bind(1, job_id)
          .bind(2, z.zone)
          .bind(3, std::int64_t{fr + 1})
          .bind(4, std::int64_t{z.sl_t[i]})
          .bind(5, std::int64_t{z.sl_a[i]})
          .bind(6, std::int64_t{z.gap[i]});
      gap.run();
    }
  }
  Stmt target(db_, "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& t : r.targets) {
    target.bind(1, job_id).bind(2, t.target).bind(3, t.probability).bind(4, t.ci_lo).bind(5, t.ci_hi);
    for (int k = 0; k < 4; ++k)
      target.bind(6 + k, t.ttc ? std::optional<double>((*t.ttc)[static_cast<std::size_t>(k)]) : std::nullopt);
    target.bind(10, t.within_budget);
    target.run();
  }
  Stmt path(db_, "INSERT INTO paths VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& p : r.paths) {
    path.bind(1, job_id)
        .bind(2, p.target)
        .bind(3, std::int64_t{p.rank})
        .bind(4, p.probability)
        .bind(5, p.ttc_mean_days)
        .bind(6, std::int64_t{p.hops})
        .bind(7, p.nodes)
        .bind(8, p.steps);
    path.run();
  }
}

void ResultStore::finish_run(std::int64_t run_id, const RunCounts& c) {
  Stmt up(db_, "UPDATE runs SET finished_at = ?, status = ?, jobs_total = ?, jobs_skipped = ?, jobs_ok = ?, "
               "jobs_failed = ?, elapsed_s = ? WHERE run_id = ?");
  up.bind(1, now_utc())
      .bind(2, std::string(c.interrupted ? "interrupted" : "done"))
      .bind(3, static_cast<std::int64_t>(c.total))
      .bind(4, static_cast<std::int64_t>(c.skipped))
      .bind(5, static_cast<std::int64_t>(c.ok))
      .bind(6, static_cast<std::int64_t>(c.failed))
      .bind(7, c.elapsed_s)
      .bind(8, run_id);
  up.run();
}

} // namespace zonepath::scenarios
