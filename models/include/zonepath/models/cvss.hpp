// CVSS v3.0/v3.1 base vectors: strict parsing and the FIRST base score (docs/sources.md section 7).
// The exploitability sub-score feeds the threat sophistication model's step probability.
#pragma once

#include <string>
#include <string_view>

namespace zonepath::models {

struct CvssV3 {
  std::string version; // "3.0" or "3.1"
  std::string vector;  // the input, as given

  // Metric letters as written (AV 'N'|'A'|'L'|'P', AC 'L'|'H', PR 'N'|'L'|'H', UI 'N'|'R',
  // S 'U'|'C', C/I/A 'H'|'L'|'N').
  char av = 0, ac = 0, pr = 0, ui = 0, s = 0, c = 0, i = 0, a = 0;
  bool scope_changed = false;

  // Metric weights of the specification; pr_w already depends on scope.
  double av_w = 0, ac_w = 0, pr_w = 0, ui_w = 0, c_w = 0, i_w = 0, a_w = 0;

  double exploitability = 0; // 8.22 x AV x AC x PR x UI, at most ~3.887
  double iss = 0;            // 1 - (1-C)(1-I)(1-A)
  double impact = 0;         // may be negative for scope-changed vectors without impact
  double base_score = 0;     // 0.0 .. 10.0, one decimal, FIRST Roundup
  std::string severity;      // "None", "Low", "Medium", "High", "Critical"
};

// Parses "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H". Each of the eight base metrics must
// appear exactly once with a known value; temporal (E, RL, RC) and environmental (CR, IR, AR, MAV,
// MAC, MPR, MUI, MS, MC, MI, MA) metrics are validated the same way and then ignored. Metrics may
// come in any order, as the specification allows. Throws zonepath::ModelError naming the bad part:
// "expected prefix CVSS:3.0/ or CVSS:3.1/", "unknown metric 'XX'", "unknown value 'X' for metric
// AV", "duplicate metric AC", "missing metric PR", "empty metric", "malformed metric 'AVN'".
CvssV3 parse_cvss_v3(std::string_view vector);

// The specification's Roundup (CVSS v3.1 Appendix A): the smallest number with one decimal that
// is >= x, computed on integers so that 4.000000001 rounds to 4.0, not 4.1. v3.0 vectors use
// the same function (3.1 only made the rounding exact).
double cvss_roundup(double x);

// Qualitative severity rating scale: 0.0 None, 0.1-3.9 Low, 4.0-6.9 Medium, 7.0-8.9 High,
// 9.0-10.0 Critical.
std::string_view cvss_severity(double score);

} // namespace zonepath::models
