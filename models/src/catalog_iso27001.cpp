#include "zonepath/models/catalog_iso27001.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

namespace {

using Ids = std::vector<std::string_view>;

// Control titles: ISO/IEC 27001:2022 Annex A, as quoted in docs/sources.md section 10; the
// titles of A.5.20..A.5.22, which the crosswalk only cites as a range, are the published 2022
// titles.
std::vector<Iso27001Control> build_controls() {
  return {
      {"A.5.9", "Inventory of information and other associated assets"},
      {"A.5.14", "Information transfer"},
      {"A.5.15", "Access control"},
      {"A.5.16", "Identity management"},
      {"A.5.17", "Authentication information"},
      {"A.5.18", "Access rights"},
      {"A.5.19", "Information security in supplier relationships"},
      {"A.5.20", "Addressing information security within supplier agreements"},
      {"A.5.21", "Managing information security in the ICT supply chain"},
      {"A.5.22", "Monitoring, review and change management of supplier services"},
      {"A.5.30", "ICT readiness for business continuity"},
      {"A.6.7", "Remote working"},
      {"A.7.10", "Storage media"},
      {"A.7.11", "Supporting utilities"},
      {"A.8.1", "User endpoint devices"},
      {"A.8.2", "Privileged access rights"},
      {"A.8.3", "Information access restriction"},
      {"A.8.5", "Secure authentication"},
      {"A.8.6", "Capacity management"},
      {"A.8.7", "Protection against malware"},
      {"A.8.8", "Management of technical vulnerabilities"},
      {"A.8.9", "Configuration management"},
      {"A.8.10", "Information deletion"},
      {"A.8.13", "Information backup"},
      {"A.8.14", "Redundancy of information processing facilities"},
      {"A.8.15", "Logging"},
      {"A.8.16", "Monitoring activities"},
      {"A.8.17", "Clock synchronization"},
      {"A.8.19", "Installation of software on operational systems"},
      {"A.8.20", "Networks security"},
      {"A.8.22", "Segregation of networks"},
      {"A.8.23", "Web filtering"},
      {"A.8.24", "Use of cryptography"},
      {"A.8.26", "Application security requirements"},
      {"A.8.29", "Security testing in development and acceptance"},
      {"A.8.32", "Change management"},
  };
}

// SR number "x.y" -> controls, row by row from the crosswalk table (docs/sources.md section 10), which groups
// several SRs per row; the grouping is expanded here so each SR can be looked up directly.
std::unordered_map<std::string_view, Ids> build_crosswalk() {
  std::unordered_map<std::string_view, Ids> m;
  auto row = [&m](std::initializer_list<std::string_view> srs, Ids controls) {
    for (std::string_view sr : srs) m.emplace(sr, controls);
  };
  row({"1.1", "1.2"}, {"A.5.16", "A.8.5"});
  row({"1.3", "1.4"}, {"A.5.16", "A.5.18"});
  row({"1.5", "1.7", "1.9", "1.10", "1.11", "1.12"}, {"A.5.17", "A.8.5"});
  row({"1.6", "2.2"}, {"A.8.20"});
  row({"1.8", "4.3"}, {"A.8.24"});
  row({"1.13"}, {"A.6.7", "A.8.20"});
  row({"2.1"}, {"A.5.15", "A.8.2", "A.8.3"});
  row({"2.3"}, {"A.8.1", "A.7.10"});
  row({"2.4", "3.2"}, {"A.8.7"});
  row({"2.5", "2.6", "2.7"}, {"A.8.1", "A.8.5"});
  row({"2.8", "2.9", "2.10", "2.12", "3.9", "6.1"}, {"A.8.15"});
  row({"2.11"}, {"A.8.17"});
  row({"3.1", "4.1"}, {"A.8.24", "A.5.14"});
  row({"3.3"}, {"A.8.29"});
  row({"3.4"}, {"A.8.19", "A.8.32"});
  row({"3.5", "3.6", "3.7", "3.8"}, {"A.8.26"});
  row({"4.2"}, {"A.8.10"});
  row({"5.1", "5.4"}, {"A.8.22"});
  row({"5.2"}, {"A.8.20", "A.8.22"});
  row({"5.3"}, {"A.5.14", "A.8.23"});
  row({"6.2"}, {"A.8.16"});
  row({"7.1", "7.2"}, {"A.8.6"});
  row({"7.3"}, {"A.8.13"});
  row({"7.4"}, {"A.5.30", "A.8.14"});
  row({"7.5"}, {"A.7.11"});
  row({"7.6", "7.7"}, {"A.8.9"});
  row({"7.8"}, {"A.5.9"});
  // Remediation topics that are not requirements.
  row({"patch"}, {"A.8.8"});
  row({"compensating"}, {"A.8.32"});
  row({"supplier-remote-access"}, {"A.5.19", "A.5.20", "A.5.21", "A.5.22"});
  return m;
}

const std::unordered_map<std::string_view, Ids>& crosswalk() {
  static const auto m = build_crosswalk();
  return m;
}

std::vector<std::string> lookup(std::string_view key) {
  const auto& m = crosswalk();
  auto it = m.find(key);
  if (it == m.end()) return {};
  return {it->second.begin(), it->second.end()};
}

} // namespace

const std::vector<Iso27001Control>& iso27001_controls() {
  static const auto all = build_controls();
  return all;
}

std::string_view iso27001_title(std::string_view control_id) {
  const auto& all = iso27001_controls();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == control_id; });
  return it == all.end() ? std::string_view{} : it->title;
}

const std::vector<std::string_view>& iso27001_topics() {
  static const std::vector<std::string_view> topics = {"patch", "compensating", "supplier-remote-access"};
  return topics;
}

std::vector<std::string> iso27001_for(std::string_view requirement_id) {
  const auto& topics = iso27001_topics();
  if (std::find(topics.begin(), topics.end(), requirement_id) != topics.end()) {
    return lookup(requirement_id);
  }
  // An RE inherits its SR's controls; a CR borrows the SR with the same number, which 4-2 derives
  // its common requirements from.
  if (const Requirement* r = find_requirement(requirement_id)) {
    return lookup(std::to_string(r->fr) + "." + std::to_string(r->sr));
  }
  if (const ComponentRequirement* c = find_component_requirement(requirement_id)) {
    return lookup(std::to_string(c->fr) + "." + std::to_string(c->number));
  }
  return {};
}

namespace {
// "A.5.14" -> {5, 14}: Annex A ids sort by their numbers, not as text (0 for a missing part).
std::pair<int, int> annex_key(std::string_view id) {
  int clause = 0, control = 0;
  if (id.starts_with("A.")) {
    const char* end = id.data() + id.size();
    auto [next, ec] = std::from_chars(id.data() + 2, end, clause);
    if (ec == std::errc{} && next != end && *next == '.') std::from_chars(next + 1, end, control);
  }
  return {clause, control};
}
} // namespace

std::vector<std::string> iso27001_union(const std::vector<std::string>& requirement_ids) {
  // Each id's key worked out once (a zone's union sorts hundreds of them); the key follows from
  // the id, so equal pairs are repeats of one id.
  std::vector<std::pair<std::pair<int, int>, std::string>> keyed;
  for (const auto& r : requirement_ids)
    for (auto& c : iso27001_for(r)) keyed.emplace_back(annex_key(c), std::move(c));
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  std::vector<std::string> out;
  out.reserve(keyed.size());
  for (auto& [key, id] : keyed) out.push_back(std::move(id));
  return out;
}

} // namespace zonepath::models
