#include "zonepath/scenarios/batch_jobs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/core/rng.hpp"
#include "zonepath/core/sha256.hpp"

namespace zonepath::scenarios {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Bumped when a change of zonepath changes what a job computes from the same inputs.
constexpr const char* kJobFormat = "zonepath-batch-job/v1";

std::string read_bytes(const std::string& path, bool& ok) {
  try {
    std::string text = read_input_file(path);
    ok = true;
    return text;
  } catch (const ParseError&) {
    ok = false; // the job that loads it reports why
    return {};
  }
}

// The "schema" of a JSON file without keeping the document; "" when unreadable or absent.
std::string schema_of(const std::string& path) {
  bool ok = false;
  std::string text = read_bytes(path, ok);
  if (!ok) return {};
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("schema") || !j["schema"].is_string()) return {};
  return j["schema"].get<std::string>();
}

void add_file(const std::string& path, BatchInputs& out) {
  const std::string schema = schema_of(path);
  if (schema == "zonepath/scenario/v1")
    out.scenarios.push_back(path);
  else if (schema.empty() || schema == "zonepath/site/v1")
    out.sites.push_back(path);
  else
    out.skipped.push_back(path);
}

void add_list(const fs::path& list, BatchInputs& out) {
  std::istringstream in(read_input_file(list.string()));
  std::string line;
  while (std::getline(in, line)) {
    auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    auto e = line.find_last_not_of(" \t\r");
    fs::path p = line.substr(b, e - b + 1);
    if (p.is_relative()) p = list.parent_path() / p;
    add_file(p.lexically_normal().string(), out);
  }
}

} // namespace

BatchInputs collect_batch_inputs(const std::vector<std::string>& args) {
  BatchInputs out;
  for (const auto& arg : args) {
    fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add_file(f, out);
    } else if (fs::is_regular_file(p, ec)) {
      if (p.extension() == ".json")
        add_file(arg, out);
      else
        add_list(p, out);
    } else {
      const auto status = fs::status(p, ec);
      throw StoreError("batch input '" + arg + "' is " +
                       (ec || !fs::exists(status)
                            ? std::string("missing")
                            : "not a directory or a file: it is " +
                                  file_type_name(static_cast<unsigned>(fs::is_character_file(status) ? S_IFCHR
                                                                       : fs::is_block_file(status)   ? S_IFBLK
                                                                       : fs::is_fifo(status)         ? S_IFIFO
                                                                                             : S_IFSOCK))));
    }
  }
  return out;
}

std::uint64_t derive_job_seed(std::uint64_t batch_seed, const std::string& identity_sha256) {
  std::uint64_t h =
      parse_integer<std::uint64_t>(std::string_view(identity_sha256).substr(0, 16), 16).value(); // hex digits
  return splitmix64(batch_seed ^ splitmix64(h)) >> 1; // 63 bits: fits SQLite's INTEGER
}

std::vector<BatchJob> plan_batch_jobs(const BatchInputs& inputs, const BatchJobOptions& options) {
  struct ScenarioInfo {
    std::string file, sha, base;
  };
  std::vector<ScenarioInfo> scenarios;
  for (const auto& f : inputs.scenarios) {
    bool ok = false;
    std::string text = read_bytes(f, ok);
    ScenarioInfo s{f, sha256_hex(text), ""};
    json j = json::parse(text, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("base") && j["base"].is_string())
      s.base = j["base"].get<std::string>();
    scenarios.push_back(std::move(s));
  }
  std::vector<BatchJob> jobs;
  auto push = [&](BatchJob job) {
    // The scenario is left out on purpose: a scenario job and its baseline draw the same random
    // numbers (common random numbers), so their difference is the scenario's effect, not noise.
    Sha256 id;
    id.field(job.site_sha256).field(job.threat);
    const std::string identity = id.hex();
    job.samples = options.samples;
    job.paths_per_target = options.paths_per_target;
    if (options.as_of) job.as_of = options.as_of->text();
    job.seed = derive_job_seed(options.seed, identity);
    Sha256 h;
    h.field(kJobFormat)
        .field(job.site_file)
        .field(job.site_sha256)
        .field(job.scenario_file)
        .field(job.scenario_sha256)
        .field(job.threat)
        .field(std::to_string(options.samples))
        .field(std::to_string(options.seed))
        .field(std::to_string(options.paths_per_target));
    // Only when given, so that the jobs of earlier runs without --as-of keep their hashes.
    if (options.as_of) h.field("as-of " + job.as_of);
    job.input_hash = h.hex();
    job.index = jobs.size();
    jobs.push_back(std::move(job));
  };
  for (const auto& site : inputs.sites) {
    bool ok = false;
    std::string text = read_bytes(site, ok);
    BatchJob base;
    base.site_file = site;
    base.site_sha256 = sha256_hex(text);
    json j = ok ? json::parse(text, nullptr, false) : json();
    std::vector<std::string> threats;
    std::string site_id;
    if (!ok)
      base.load_error = "cannot read '" + site + "'";
    else if (j.is_discarded())
      base.load_error = "not valid JSON";
    else if (j.is_object()) {
      if (j.contains("site") && j["site"].is_object() && j["site"].contains("id") &&
          j["site"]["id"].is_string())
        site_id = j["site"]["id"].get<std::string>();
      if (j.contains("threat_actors") && j["threat_actors"].is_array())
        for (const auto& t : j["threat_actors"])
          if (t.is_object() && t.contains("id") && t["id"].is_string())
            threats.push_back(t["id"].get<std::string>());
    }
    j = json(); // release the document before the next site
    if (threats.empty()) {
      // One job stands for the whole site: running it reports why the site cannot be used.
      if (base.load_error.empty()) base.load_error = "the site has no threat actors";
      push(base);
      continue;
    }
    std::vector<const ScenarioInfo*> applicable = {nullptr};
    for (const auto& s : scenarios)
      if (s.base.empty() || s.base == site_id) applicable.push_back(&s);
    for (const ScenarioInfo* s : applicable)
      for (const auto& t : threats) {
        BatchJob job = base;
        if (s) {
          job.scenario_file = s->file;
          job.scenario_sha256 = s->sha;
        }
        job.threat = t;
        push(std::move(job));
      }
  }
  return jobs;
}

} // namespace zonepath::scenarios
