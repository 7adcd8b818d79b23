#include "zonepath/models/cvss.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"

namespace zonepath::models {

namespace {

struct MetricDef {
  std::string_view name;
  std::string_view values; // allowed one-letter values
};

// The eight base metrics first, in specification order: their index is the slot in `letters`.
constexpr std::array<MetricDef, 22> kMetrics{{
    {"AV", "NALP"}, {"AC", "LH"},   {"PR", "NLH"},    {"UI", "NR"},    {"S", "UC"},     {"C", "HLN"},
    {"I", "HLN"},   {"A", "HLN"},   {"E", "XUPFH"},   {"RL", "XOTWU"}, {"RC", "XURC"},  {"CR", "XLMH"},
    {"IR", "XLMH"}, {"AR", "XLMH"}, {"MAV", "XNALP"}, {"MAC", "XLH"},  {"MPR", "XNLH"}, {"MUI", "XNR"},
    {"MS", "XUC"},  {"MC", "XNLH"}, {"MI", "XNLH"},   {"MA", "XNLH"},
}};
constexpr std::size_t kBaseCount = 8;

[[noreturn]] void fail(std::string_view vector, const std::string& what) {
  throw ModelError("invalid CVSS vector '" + std::string(vector) + "': " + what);
}

// Weights from the CVSS v3.1 specification, section 7.4 (docs/sources.md section 7).
double av_weight(char v) {
  return v == 'N' ? 0.85 : v == 'A' ? 0.62 : v == 'L' ? 0.55 : 0.20;
}
double ac_weight(char v) {
  return v == 'L' ? 0.77 : 0.44;
}
double ui_weight(char v) {
  return v == 'N' ? 0.85 : 0.62;
}
double cia_weight(char v) {
  return v == 'H' ? 0.56 : v == 'L' ? 0.22 : 0.0;
}
double pr_weight(char v, bool changed) {
  // A privilege that crosses a scope boundary is worth more to the attacker.
  if (v == 'N') return 0.85;
  if (v == 'L') return changed ? 0.68 : 0.62;
  return changed ? 0.50 : 0.27;
}

} // namespace

double cvss_roundup(double x) {
  // Working on x * 100000 as an integer drops the binary noise of the multiplications, so a
  // value that is mathematically 4.0 is not pushed up to 4.1.
  const std::int64_t i = std::llround(x * 100000.0);
  if (i % 10000 == 0) return static_cast<double>(i) / 100000.0;
  return (std::floor(static_cast<double>(i) / 10000.0) + 1.0) / 10.0;
}

std::string_view cvss_severity(double score) {
  if (score <= 0.0) return "None";
  if (score < 4.0) return "Low";
  if (score < 7.0) return "Medium";
  if (score < 9.0) return "High";
  return "Critical";
}

CvssV3 parse_cvss_v3(std::string_view vector) {
  CvssV3 out;
  out.vector = std::string(vector);
  constexpr std::string_view kPrefix30 = "CVSS:3.0/", kPrefix31 = "CVSS:3.1/";
  if (vector.starts_with(kPrefix31)) {
    out.version = "3.1";
  } else if (vector.starts_with(kPrefix30)) {
    out.version = "3.0";
  } else {
    fail(vector, "expected prefix CVSS:3.0/ or CVSS:3.1/");
  }

  std::array<char, kMetrics.size()> letters{};
  std::string_view rest = vector.substr(kPrefix31.size());
  // An empty body falls through to "missing metric AV"; an empty part anywhere else is an error.
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part.empty()) fail(vector, "empty metric (stray '/')");
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size()) {
      fail(vector, "malformed metric '" + std::string(part) + "' (expected NAME:VALUE)");
    }
    const std::string_view name = part.substr(0, colon), value = part.substr(colon + 1);
    const auto def =
        std::find_if(kMetrics.begin(), kMetrics.end(), [&](const MetricDef& m) { return m.name == name; });
    if (def == kMetrics.end()) fail(vector, "unknown metric '" + std::string(name) + "'");
    const auto slot = static_cast<std::size_t>(def - kMetrics.begin());
    if (letters[slot] != 0) fail(vector, "duplicate metric " + std::string(name));
    if (value.size() != 1 || def->values.find(value[0]) == std::string_view::npos) {
      fail(vector, "unknown value '" + std::string(value) + "' for metric " + std::string(name));
    }
    letters[slot] = value[0];
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) fail(vector, "empty metric (stray '/')");
  }
  for (std::size_t k = 0; k < kBaseCount; ++k) {
    if (letters[k] == 0) fail(vector, "missing metric " + std::string(kMetrics[k].name));
  }

  out.av = letters[0];
  out.ac = letters[1];
  out.pr = letters[2];
  out.ui = letters[3];
  out.s = letters[4];
  out.c = letters[5];
  out.i = letters[6];
  out.a = letters[7];
  out.scope_changed = out.s == 'C';

  out.av_w = av_weight(out.av);
  out.ac_w = ac_weight(out.ac);
  out.pr_w = pr_weight(out.pr, out.scope_changed);
  out.ui_w = ui_weight(out.ui);
  out.c_w = cia_weight(out.c);
  out.i_w = cia_weight(out.i);
  out.a_w = cia_weight(out.a);

  out.exploitability = 8.22 * out.av_w * out.ac_w * out.pr_w * out.ui_w;
  out.iss = 1.0 - (1.0 - out.c_w) * (1.0 - out.i_w) * (1.0 - out.a_w);
  if (out.scope_changed) {
    out.impact = 7.52 * (out.iss - 0.029) - 3.25 * std::pow(out.iss - 0.02, 15);
  } else {
    out.impact = 6.42 * out.iss;
  }
  if (out.impact <= 0.0) {
    out.base_score = 0.0;
  } else if (out.scope_changed) {
    out.base_score = cvss_roundup(std::min(1.08 * (out.impact + out.exploitability), 10.0));
  } else {
    out.base_score = cvss_roundup(std::min(out.impact + out.exploitability, 10.0));
  }
  out.severity = std::string(cvss_severity(out.base_score));
  return out;
}

} // namespace zonepath::models
