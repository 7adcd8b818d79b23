// Design findings of a test site, and those of one rule, for the findings tests.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "zonepath/models/access_map.hpp"
#include "zonepath/models/findings.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::fixture {

inline std::vector<models::Finding> findings_of(const models::Site& site,
                                                const std::vector<models::SlVector>& sl_t = {}) {
  return models::find_design_issues(site, models::AccessMap::compute(site), sl_t);
}

inline std::vector<models::Finding> of_rule(const std::vector<models::Finding>& all,
                                            const std::string& rule) {
  std::vector<models::Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const models::Finding& f) { return f.rule == rule; });
  return out;
}

inline std::vector<models::Finding> of_rule(const models::Site& site, const std::string& rule) {
  return of_rule(findings_of(site), rule);
}

} // namespace zonepath::fixture
