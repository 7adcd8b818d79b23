// Advisory versions: tokenising them ("V3.X.17", "SV1.70IR26", "Firmware__14.2s0") and
// ordering them. The ranges over them are in csaf_version_ranges.cpp.
#include "zonepath/interchange/csaf_versions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "csaf_versions_internal.hpp"
#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

namespace detail {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Drops "Firmware", "FW", "Version", ... and a v / sv directly before the first digit.
std::string_view strip_version_words(std::string_view s, const std::string& low_all, std::size_t offset) {
  static const std::array<std::string_view, 9> words = {"firmware", "versions", "version", "ver",  "fw",
                                                        "revision", "rev",      "release", "build"};
  std::string_view low(low_all);
  low = low.substr(offset, s.size());
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (auto w : words) {
      if (starts_with(low, w) && (low.size() == w.size() || !is_alpha(low[w.size()]))) {
        s.remove_prefix(w.size());
        low.remove_prefix(w.size());
        std::size_t skip = 0;
        while (skip < s.size() &&
               (s[skip] == ' ' || s[skip] == '_' || s[skip] == ':' || s[skip] == '.' || s[skip] == '-'))
          ++skip;
        s.remove_prefix(skip);
        low.remove_prefix(skip);
        changed = true;
        break;
      }
    }
  }
  if (starts_with(low, "sv") && low.size() > 2 && is_digit(low[2]))
    s.remove_prefix(2);
  else if (starts_with(low, "v") && low.size() > 1 && is_digit(low[1]))
    s.remove_prefix(1);
  return s;
}

} // namespace detail

using namespace detail;

namespace {

constexpr std::size_t kMaxParts = 32; // longer "versions" are not versions

bool prerelease(const std::string& word) {
  static const std::array<std::string_view, 6> words = {"alpha", "beta", "rc", "pre", "dev", "preview"};
  return std::find(words.begin(), words.end(), word) != words.end();
}

} // namespace

std::optional<std::vector<VersionPart>> parse_version(const std::string& text) {
  std::string s = trim(text);
  std::string low = lower(s);
  std::string_view v = strip_version_words(s, low, 0);
  if (!v.empty() && !is_digit(v.front())) {
    // One word before the version, as inventories write it: "OS 12.20", "Release V2.1".
    std::size_t blank = v.find(' ');
    bool word = blank != std::string_view::npos && blank > 0 &&
                std::all_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(blank), is_alpha);
    if (word) {
      std::string rest = trim(v.substr(blank));
      std::string rest_low = lower(rest);
      std::string_view r = strip_version_words(rest, rest_low, 0);
      if (!r.empty() && is_digit(r.front())) return parse_version(std::string(r));
    }
    return std::nullopt;
  }
  if (v.empty()) return std::nullopt;
  std::vector<VersionPart> out;
  std::size_t i = 0;
  while (i < v.size() && out.size() < kMaxParts) {
    char c = v[i];
    if (is_digit(c)) {
      long n = 0;
      while (i < v.size() && is_digit(v[i])) {
        n = n * 10 + (v[i] - '0');
        if (n > 1000000000L) return std::nullopt;
        ++i;
      }
      out.push_back({VersionPart::Kind::Number, n, ""});
    } else if (is_alpha(c)) {
      std::size_t start = i;
      while (i < v.size() && is_alpha(v[i])) ++i;
      std::string word = lower(v.substr(start, i - start));
      bool alone = (start == 0 || !std::isalnum(static_cast<unsigned char>(v[start - 1]))) &&
                   (i == v.size() || !std::isalnum(static_cast<unsigned char>(v[i])));
      if (word == "x" && alone)
        out.push_back({VersionPart::Kind::Wildcard, 0, ""});
      else
        out.push_back({VersionPart::Kind::Word, 0, word});
    } else if (c == '*') {
      out.push_back({VersionPart::Kind::Wildcard, 0, ""});
      ++i;
    } else if (c == '.' || c == '_' || c == '-' || c == '+') {
      ++i;
    } else {
      break; // "5.007 (signed)": what follows a blank or a parenthesis is a remark
    }
  }
  if (out.size() >= kMaxParts) return std::nullopt;
  return out;
}

std::string version_text(const std::vector<VersionPart>& v) {
  std::string out;
  for (const auto& p : v) {
    if (!out.empty() && !(p.kind == VersionPart::Kind::Word && !out.empty() && is_digit(out.back())))
      out += '.';
    out += p.kind == VersionPart::Kind::Number ? std::to_string(p.number)
           : p.kind == VersionPart::Kind::Word ? p.word
                                               : "X";
  }
  return out;
}

int compare_versions(const std::vector<VersionPart>& a, const std::vector<VersionPart>& b) {
  using K = VersionPart::Kind;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const VersionPart* pa = i < a.size() ? &a[i] : nullptr;
    const VersionPart* pb = i < b.size() ? &b[i] : nullptr;
    if ((pa && pa->kind == K::Wildcard) || (pb && pb->kind == K::Wildcard)) continue;
    if (!pa) {
      if (pb->kind == K::Number) {
        if (pb->number != 0) return -1;
        continue;
      }
      return prerelease(pb->word) ? 1 : -1;
    }
    if (!pb) {
      if (pa->kind == K::Number) {
        if (pa->number != 0) return 1;
        continue;
      }
      return prerelease(pa->word) ? -1 : 1;
    }
    if (pa->kind == K::Number && pb->kind == K::Number) {
      if (pa->number != pb->number) return pa->number < pb->number ? -1 : 1;
    } else if (pa->kind == K::Word && pb->kind == K::Word) {
      if (pa->word != pb->word) return pa->word < pb->word ? -1 : 1;
    } else {
      return pa->kind == K::Word ? -1 : 1; // a word against a number: the word is the older
    }
  }
  return 0;
}

const char* to_string(Comparator c) {
  switch (c) {
  case Comparator::Less:
    return "<";
  case Comparator::LessEqual:
    return "<=";
  case Comparator::Greater:
    return ">";
  case Comparator::GreaterEqual:
    return ">=";
  case Comparator::Equal:
    return "=";
  case Comparator::NotEqual:
    return "!=";
  }
  return "=";
}

std::vector<long> version_components(const std::string& text) {
  std::vector<long> out;
  auto v = parse_version(text);
  if (!v) return out;
  for (const auto& p : *v) {
    if (p.kind != VersionPart::Kind::Number) break;
    out.push_back(p.number);
  }
  return out;
}

} // namespace zonepath::interchange
