// Advisory version ranges: the notations (VERS and the vendor forms CISA publishes) read into
// constraints, and a version checked against them.
#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "csaf_versions_internal.hpp"
#include "zonepath/interchange/csaf_versions.hpp"
#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

using namespace detail;

namespace {

bool satisfies(int c, Comparator op) {
  switch (op) {
  case Comparator::Less:
    return c < 0;
  case Comparator::LessEqual:
    return c <= 0;
  case Comparator::Greater:
    return c > 0;
  case Comparator::GreaterEqual:
    return c >= 0;
  case Comparator::Equal:
    return c == 0;
  case Comparator::NotEqual:
    return c != 0;
  }
  return false;
}

// "<=", "<", ... at the start of s (blanks after it skipped); Equal with nothing consumed when
// there is none.
Comparator take_comparator(std::string_view& s) {
  static const std::array<std::pair<std::string_view, Comparator>, 8> ops = {
      {{"<=", Comparator::LessEqual},
       {">=", Comparator::GreaterEqual},
       {"!=", Comparator::NotEqual},
       {"=<", Comparator::LessEqual},
       {"=>", Comparator::GreaterEqual},
       {"<", Comparator::Less},
       {">", Comparator::Greater},
       {"=", Comparator::Equal}}};
  for (const auto& [text, op] : ops)
    if (starts_with(s, text)) {
      s.remove_prefix(text.size());
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      return op;
    }
  return Comparator::Equal;
}

std::optional<std::vector<VersionPart>> strict_version(std::string_view text) {
  // A bound must be a version and nothing else but a remark in parentheses.
  std::string s = trim(text);
  if (auto paren = s.find('('); paren != std::string::npos && paren > 0) s = trim(s.substr(0, paren));
  auto v = parse_version(s);
  if (!v) return std::nullopt;
  std::string low = lower(s);
  std::string_view rest = strip_version_words(s, low, 0);
  for (char c : rest)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+' ||
          c == '*'))
      return std::nullopt;
  return v;
}

// Per-train list "V33.017_V34.014_V35.013": every part a version with at least two numbers.
std::optional<std::vector<VersionConstraint>> train_list(std::string_view text, Comparator op) {
  std::vector<VersionConstraint> out;
  std::size_t start = 0;
  std::string s(text);
  while (start <= s.size()) {
    std::size_t us = s.find('_', start);
    std::string part = s.substr(start, us == std::string::npos ? std::string::npos : us - start);
    start = us == std::string::npos ? s.size() + 1 : us + 1;
    if (part.empty()) continue;
    if (!is_digit(part.front()) &&
        !(part.size() > 1 && (part[0] == 'v' || part[0] == 'V') && is_digit(part[1])))
      return std::nullopt;
    auto v = strict_version(part);
    if (!v || v->size() < 2 || v->front().kind != VersionPart::Kind::Number) return std::nullopt;
    out.push_back({op, *v, part});
  }
  if (out.size() < 2) return std::nullopt;
  return out;
}

struct Phrase {
  std::string_view words;
  bool suffix; // "1.4 and earlier" (suffix) or "prior to 1.4" (prefix)
  Comparator op;
};

// Constraints of one '|'-separated piece; false when it cannot be read.
bool read_piece(std::string piece, std::vector<VersionConstraint>& out, VersionRange& r) {
  static const std::array<Phrase, 22> phrases = {{
      {"and earlier", true, Comparator::LessEqual},  {"and prior", true, Comparator::LessEqual},
      {"and older", true, Comparator::LessEqual},    {"and below", true, Comparator::LessEqual},
      {"and lower", true, Comparator::LessEqual},    {"or earlier", true, Comparator::LessEqual},
      {"or lower", true, Comparator::LessEqual},     {"or older", true, Comparator::LessEqual},
      {"and later", true, Comparator::GreaterEqual}, {"and newer", true, Comparator::GreaterEqual},
      {"and above", true, Comparator::GreaterEqual}, {"and higher", true, Comparator::GreaterEqual},
      {"or later", true, Comparator::GreaterEqual},  {"or higher", true, Comparator::GreaterEqual},
      {"or newer", true, Comparator::GreaterEqual},  {"prior to", false, Comparator::Less},
      {"before", false, Comparator::Less},           {"earlier than", false, Comparator::Less},
      {"older than", false, Comparator::Less},       {"below", false, Comparator::Less},
      {"up to", false, Comparator::LessEqual},       {"from", false, Comparator::GreaterEqual},
  }};
  std::string low = lower(piece);
  for (const char* lead : {"all versions", "versions", "version"})
    if (starts_with(low, lead) && low.size() > std::string_view(lead).size() &&
        !is_alpha(low[std::string_view(lead).size()])) {
      piece = trim(piece.substr(std::string_view(lead).size()));
      low = lower(piece);
      break;
    }
  // Two-sided: "1.0 through 1.5", "1.0 to 1.5", "1.0 - 1.5", "between 1.0 and 1.5".
  for (const char* sep : {" through ", " thru ", " to ", " - ", " and "}) {
    std::size_t at = low.find(sep);
    if (at == std::string::npos) continue;
    std::string left = trim(piece.substr(0, at)),
                right = trim(piece.substr(at + std::string_view(sep).size()));
    std::string left_low = lower(left);
    if (starts_with(left_low, "between "))
      left = trim(left.substr(8));
    else if (starts_with(left_low, "from "))
      left = trim(left.substr(5));
    else if (std::string_view(sep) == " and ")
      continue; // "and" alone joins only after "between"
    auto a = strict_version(left), b = strict_version(right);
    if (!a || !b) continue;
    out.push_back({Comparator::GreaterEqual, *a, left});
    out.push_back({Comparator::LessEqual, *b, right});
    return true;
  }
  for (const auto& p : phrases) {
    if (p.suffix ? !ends_with(low, p.words) : !starts_with(low, p.words)) continue;
    std::string rest =
        p.suffix ? piece.substr(0, piece.size() - p.words.size()) : piece.substr(p.words.size());
    auto v = strict_version(rest);
    if (!v) return false;
    out.push_back({p.op, *v, trim(rest)});
    return true;
  }
  if (ends_with(low, "+")) {
    auto v = strict_version(piece.substr(0, piece.size() - 1));
    if (!v) return false;
    out.push_back({Comparator::GreaterEqual, *v, trim(piece.substr(0, piece.size() - 1))});
    return true;
  }
  std::string_view s(piece);
  Comparator op = take_comparator(s);
  if ((op == Comparator::Less || op == Comparator::LessEqual) && s.find('_') != std::string_view::npos) {
    if (auto trains = train_list(s, op)) {
      r.form = VersionRange::Form::Trains;
      for (auto& t : *trains) out.push_back(std::move(t));
      return true;
    }
  }
  auto v = strict_version(s);
  if (!v) return false;
  out.push_back({op, *v, trim(s)});
  return true;
}

bool means_all(const std::string& low) {
  return low.empty() || low == "*" || low == "all" || low == "all versions" || low == "vers:all/*" ||
         low == "any" || low == "all firmware versions";
}

std::string head_number(const std::vector<VersionPart>& v) {
  return v.empty() || v.front().kind != VersionPart::Kind::Number ? "?" : std::to_string(v.front().number);
}

} // namespace

VersionRange parse_version_range(const std::string& text, bool range) {
  VersionRange r;
  r.text = text;
  std::string t = trim(text);
  std::string low = lower(t);
  if (means_all(low)) {
    r.form = VersionRange::Form::All;
    return r;
  }
  if (starts_with(low, "vers:")) {
    std::size_t slash = t.find('/');
    if (slash == std::string::npos) {
      r.problem = "VERS range without a scheme/constraints part";
      return r;
    }
    t = trim(t.substr(slash + 1)); // schemes: the generic ordering serves them all
    low = lower(t);
    if (means_all(low)) {
      r.form = VersionRange::Form::All;
      return r;
    }
    range = true;
  }
  if (!range && !t.empty() && std::string_view("<>=!").find(t.front()) == std::string_view::npos) {
    if (auto v = strict_version(t)) {
      r.form = VersionRange::Form::Line;
      r.line = *v;
      return r;
    }
  }
  r.form = VersionRange::Form::Constraints;
  std::size_t start = 0;
  std::size_t pieces = 0;
  while (start <= t.size()) {
    std::size_t bar = t.find('|', start);
    std::string piece = trim(t.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    start = bar == std::string::npos ? t.size() + 1 : bar + 1;
    if (piece.empty()) continue;
    ++pieces;
    if (means_all(lower(piece))) {
      r.form = VersionRange::Form::All;
      r.constraints.clear();
      return r;
    }
    if (!read_piece(piece, r.constraints, r)) {
      r.form = VersionRange::Form::Unknown;
      r.problem = "cannot read '" + piece + "'";
      r.constraints.clear();
      return r;
    }
  }
  if (r.constraints.empty() || (r.form == VersionRange::Form::Trains && pieces > 1)) {
    r.form = VersionRange::Form::Unknown;
    r.problem = r.constraints.empty() ? "no version in it" : "a per-train list must stand alone";
    r.constraints.clear();
    return r;
  }
  std::stable_sort(r.constraints.begin(), r.constraints.end(),
                   [](const VersionConstraint& a, const VersionConstraint& b) {
                     return compare_versions(a.version, b.version) < 0;
                   });
  return r;
}

namespace {

// The purl-spec VERS algorithm over constraints sorted by version.
bool vers_contains(const std::vector<VersionConstraint>& cs, const std::vector<VersionPart>& v) {
  bool only_not_equal = true;
  for (const auto& c : cs) {
    int cmp = compare_versions(v, c.version);
    if (c.op == Comparator::Equal && cmp == 0) return true;
    if (c.op == Comparator::NotEqual && cmp == 0) return false;
    only_not_equal = only_not_equal && c.op == Comparator::NotEqual;
  }
  if (only_not_equal) return true; // "!=1.0": every other version
  std::vector<const VersionConstraint*> rest;
  for (const auto& c : cs)
    if (c.op != Comparator::Equal && c.op != Comparator::NotEqual) rest.push_back(&c);
  if (rest.empty()) return false;
  auto holds = [&](const VersionConstraint* c) { return satisfies(compare_versions(v, c->version), c->op); };
  auto upper = [](const VersionConstraint* c) {
    return c->op == Comparator::Less || c->op == Comparator::LessEqual;
  };
  if (upper(rest.front()) && holds(rest.front())) return true;
  if (!upper(rest.back()) && holds(rest.back())) return true;
  for (std::size_t i = 0; i + 1 < rest.size(); ++i)
    if (!upper(rest[i]) && upper(rest[i + 1]) && holds(rest[i]) && holds(rest[i + 1])) return true;
  return false;
}

} // namespace

VersionCheck check_version(const VersionRange& range, const std::string& asset_version) {
  VersionCheck r;
  if (range.form == VersionRange::Form::All) {
    r.understood = r.affected = true;
    r.explanation = "all versions affected";
    return r;
  }
  if (range.form == VersionRange::Form::Unknown) {
    r.explanation = "version range '" + range.text + "' not understood (" + range.problem + ")";
    return r;
  }
  auto have = parse_version(asset_version);
  if (!have) {
    r.explanation = trim(asset_version).empty() ? "asset version unknown"
                                                : "asset version '" + asset_version + "' not readable";
    return r;
  }
  r.understood = true;
  switch (range.form) {
  case VersionRange::Form::Line: {
    // "V28" covers 28.x; "1.2.0" is also "1.2" (a missing number counts as 0).
    bool in = true;
    for (std::size_t i = 0; in && i < range.line.size(); ++i) {
      const VersionPart& want = range.line[i];
      if (i >= have->size())
        in = want.kind == VersionPart::Kind::Number && want.number == 0;
      else
        in = want.kind == VersionPart::Kind::Wildcard || compare_versions({(*have)[i]}, {want}) == 0;
    }
    r.affected = in;
    r.explanation = "version " + asset_version + (in ? " is " : " is not ") + range.text;
    return r;
  }
  case VersionRange::Form::Trains: {
    // Each train (first component) has its own bound; a train older than every listed one is
    // affected, one newer than all is not, one missing in between is not guessed.
    const auto& cs = range.constraints;
    std::string train = head_number(*have);
    for (const auto& c : cs)
      if (compare_versions({have->front()}, {c.version.front()}) == 0) {
        r.affected = satisfies(compare_versions(*have, c.version), c.op);
        r.explanation = "version " + asset_version + " is in train " + train +
                        (r.affected ? ", below " : ", not below ") +
                        (c.op == Comparator::LessEqual ? "or at " : "") + c.text + " (" + range.text + ")";
        return r;
      }
    if (compare_versions({have->front()}, {cs.front().version.front()}) < 0) {
      r.affected = true;
      r.explanation =
          "version " + asset_version + " is in train " + train + ", older than every train of " + range.text;
    } else if (compare_versions({have->front()}, {cs.back().version.front()}) > 0) {
      r.explanation =
          "version " + asset_version + " is in train " + train + ", newer than every train of " + range.text;
    } else {
      r.understood = false;
      r.explanation =
          "version " + asset_version + " is in train " + train + ", which " + range.text + " does not list";
    }
    return r;
  }
  default:
    break;
  }
  r.affected = vers_contains(range.constraints, *have);
  r.explanation = "version " + asset_version + (r.affected ? " within " : " outside ") + trim(range.text);
  return r;
}

VersionCheck check_version(const std::string& expression, bool range, const std::string& asset_version) {
  return check_version(parse_version_range(expression, range), asset_version);
}

} // namespace zonepath::interchange
