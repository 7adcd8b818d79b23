// One batch job: load (cached) the site and scenario, analyse one threat actor, turn the
// report into store rows. Every failure of the job itself becomes a Failed result.
#include "zonepath/scenarios/batch_result.hpp"

#include <chrono>
#include <fstream>
#include <future>
#include <limits>
#include <list>
#include <mutex>
#include <new>
#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/sha256.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios {

using json = nlohmann::json;

// A loaded input, or the error that loading it raised (kept so every job of a bad site
// reports the same error without loading it again). Outside the anonymous namespace because
// JobInputCache::Impl holds it.
struct JobInputCache::Loaded {
  std::shared_ptr<const JsonDocument> doc;
  models::SitePtr site;
  std::shared_ptr<const Scenario> scenario;
  std::string error_kind, error;
};
using Loaded = JobInputCache::Loaded;
using LoadedPtr = std::shared_ptr<const Loaded>;

namespace {

std::string describe(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e))
    return "out of memory: loading or analysing this job needs more memory than the process may use "
           "(a larger site, more samples, or a memory limit such as ulimit -v)";
  if (auto* v = dynamic_cast<const ValidationError*>(&e)) {
    std::string out;
    std::size_t n = 0;
    for (const auto& d : v->diagnostics()) {
      if (n++ == 20) {
        out += "\n... " + std::to_string(v->diagnostics().size() - 20) + " more";
        break;
      }
      if (!out.empty()) out += '\n';
      out += d.format();
    }
    return out.empty() ? e.what() : out;
  }
  if (auto* p = dynamic_cast<const ParseError*>(&e)) return p->diagnostic().format();
  return e.what();
}

std::string kind_of(const std::exception& e) {
  if (dynamic_cast<const ValidationError*>(&e)) return "ValidationError";
  if (dynamic_cast<const ParseError*>(&e)) return "ParseError";
  if (dynamic_cast<const ModelError*>(&e)) return "ModelError";
  if (dynamic_cast<const ScenarioError*>(&e)) return "ScenarioError";
  if (dynamic_cast<const AnalysisError*>(&e)) return "AnalysisError";
  if (dynamic_cast<const LimitError*>(&e)) return "LimitError";
  if (dynamic_cast<const StoreError*>(&e)) return "StoreError";
  if (dynamic_cast<const GraphError*>(&e)) return "GraphError";
  if (dynamic_cast<const Error*>(&e)) return "Error";
  if (dynamic_cast<const std::bad_alloc*>(&e)) return "OutOfMemory";
  return "InternalError";
}

// Fills r's error from e. Describing a failure allocates, and when memory is what ran out that can
// throw again: a fixed message short enough for std::string's inline buffer then stands in, so
// the job is still recorded as failed instead of the exception escaping the worker.
void record_failure(JobResult& r, const std::exception& e) noexcept {
  try {
    r.error_kind = kind_of(e);
    r.error = describe(e);
  } catch (...) {
    r.error_kind = "OutOfMemory";
    r.error = "out of memory";
  }
}

template <class F> LoadedPtr guarded(F&& load) {
  auto out = std::make_shared<Loaded>();
  try {
    load(*out);
  } catch (const std::exception& e) {
    out->error_kind = kind_of(e);
    out->error = describe(e);
  }
  return out;
}

std::string read_checked(const std::string& path, const std::string& sha) {
  std::string text = read_input_file(path);
  if (sha256_hex(text) != sha) throw StoreError("'" + path + "' changed while the batch was running");
  return text;
}

std::array<int, 7> to_array(const models::SlVector& v) {
  std::array<int, 7> a{};
  for (int i = 0; i < 7; ++i) a[static_cast<std::size_t>(i)] = v[static_cast<std::size_t>(i)];
  return a;
}

void fill_rows(const models::Site& site, const models::Report& report, JobResult& r) {
  for (const auto& z : report.zones) {
    ZoneRow row;
    row.zone = site.zones[z.zone].id;
    row.sl_t = to_array(z.sl_t);
    row.sl_a = to_array(z.sl_a);
    row.gap = to_array(z.gap);
    row.missing = z.missing;
    row.likelihood = z.risk.likelihood;
    row.severity = z.risk.severity;
    row.level = z.risk.level;
    row.tolerable = z.risk.tolerable;
    r.zones.push_back(std::move(row));
  }
  for (const auto& t : report.targets) {
    TargetRow row{t.id, t.reach_probability, t.ci95[0], t.ci95[1], t.ttc_days, t.within_budget};
    r.targets.push_back(std::move(row));
  }
  for (const auto& p : report.paths) {
    PathRow row;
    row.target = p.target;
    row.rank = static_cast<int>(p.rank);
    row.probability = p.path.value("probability", 0.0);
    if (p.path.contains("ttc_mean_days") && p.path["ttc_mean_days"].is_number())
      row.ttc_mean_days = p.path["ttc_mean_days"].get<double>();
    const json& nodes = p.path.contains("nodes") ? p.path["nodes"] : json::array();
    row.hops = nodes.empty() ? 0 : static_cast<int>(nodes.size()) - 1;
    row.nodes = nodes.dump();
    row.steps = p.path.contains("steps") ? p.path["steps"].dump() : "[]";
    r.paths.push_back(std::move(row));
  }
}

} // namespace

struct JobInputCache::Impl {
  std::size_t capacity;
  std::mutex mutex;
  std::list<std::pair<std::string, std::shared_future<LoadedPtr>>> entries; // most recent first

  template <class F> LoadedPtr get(const std::string& key, F&& load) {
    std::promise<LoadedPtr> promise;
    {
      std::lock_guard lock(mutex);
      for (auto it = entries.begin(); it != entries.end(); ++it)
        if (it->first == key) {
          entries.splice(entries.begin(), entries, it);
          auto f = it->second;
          mutex.unlock();
          LoadedPtr v = f.get();
          mutex.lock();
          return v;
        }
      entries.emplace_front(key, promise.get_future().share());
      while (entries.size() > capacity) entries.pop_back();
    }
    try {
      LoadedPtr v = guarded(load);
      promise.set_value(v);
      return v;
    } catch (...) {
      // Out of memory even for the error record: the jobs waiting on this entry fail the same
      // way rather than with a broken promise.
      promise.set_exception(std::current_exception());
      throw;
    }
  }
};

JobInputCache::JobInputCache(std::size_t capacity) : impl_(std::make_unique<Impl>()) {
  impl_->capacity = std::max<std::size_t>(capacity, 2);
}
JobInputCache::~JobInputCache() = default;

JobResult run_batch_job(const BatchJob& job, JobInputCache& cache, const CancelToken* cancel) {
  const auto t0 = std::chrono::steady_clock::now();
  JobResult r;
  r.index = job.index;
  try {
    LoadedPtr base = cache.impl_->get("site:" + job.site_file + "@" + job.site_sha256, [&](Loaded& out) {
      std::string text = read_checked(job.site_file, job.site_sha256);
      auto doc = std::make_shared<JsonDocument>(JsonDocument::parse(std::move(text), job.site_file));
      out.site = std::make_shared<const models::Site>(models::load_site(*doc));
      out.doc = std::move(doc);
    });
    if (!base->error.empty()) {
      r.error_kind = base->error_kind;
      r.error = base->error;
    } else if (job.threat.empty()) {
      r.site_id = base->site->id;
      r.error_kind = "ModelError";
      r.error = job.load_error.empty() ? "the site has no threat actors" : job.load_error;
    } else {
      r.site_id = base->site->id;
      models::SitePtr site = base->site;
      if (!job.scenario_file.empty()) {
        LoadedPtr applied =
            cache.impl_->get("applied:" + job.site_file + "@" + job.site_sha256 + "|" + job.scenario_file +
                                 "@" + job.scenario_sha256,
                             [&](Loaded& out) {
                               std::string text = read_checked(job.scenario_file, job.scenario_sha256);
                               auto doc = std::make_shared<const JsonDocument>(
                                   JsonDocument::parse(std::move(text), job.scenario_file));
                               auto scenario = std::make_shared<const Scenario>(load_scenario(doc));
                               out.scenario = scenario;
                               out.site = apply_scenario(base->doc->root(), *scenario, job.site_file).site;
                             });
        if (applied->scenario) r.scenario_id = applied->scenario->id;
        if (!applied->error.empty()) {
          r.error_kind = applied->error_kind;
          r.error = applied->error;
        }
        site = applied->site;
      }
      if (r.error.empty()) {
        models::AnalysisOptions opt;
        opt.threats = {job.threat};
        opt.samples = job.samples;
        opt.seed = job.seed;
        opt.paths_per_target = job.paths_per_target;
        if (!job.as_of.empty()) opt.as_of = models::parse_date(job.as_of);
        opt.cancel = cancel;
        opt.recommendation_edge_budget = 0; // the rows keep no recommendations: nothing to rank
        models::Report report = models::analyze_site(*site, opt);
        if (report.as_of) r.as_of = report.as_of->text();
        fill_rows(*site, report, r);
        r.status = JobStatus::Ok;
      }
    }
  } catch (const CancelledError&) {
    r.status = JobStatus::Cancelled;
  } catch (const std::exception& e) {
    r = JobResult{};
    r.index = job.index;
    record_failure(r, e);
  }
  if (r.status != JobStatus::Ok) {
    r.zones.clear();
    r.targets.clear();
    r.paths.clear();
  }
  r.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

} // namespace zonepath::scenarios
