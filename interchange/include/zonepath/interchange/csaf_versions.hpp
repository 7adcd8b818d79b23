// Versions and version ranges of security advisories: the purl-spec VERS syntax
// ("vers:generic/>=1.0|<2.0", "vers:all/*") and the notations CISA's CSAF files actually
// contain ("< V3.X.17" with X for any minor release, Rockwell's per-train lists
// "<V33.017_V34.014_V35.013_V36.011", "<=Firmware_6.62", "<SV1.70IR26", "All versions",
// "prior to 2.1", "1.4 and earlier", "V2.0 and later", "1.0 through 1.5"). What cannot be read
// is reported as not understood with its text, never guessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace zonepath::interchange {

// One component of a version: a number, a word ("rc", "ir", "s"), or the wildcard X.
struct VersionPart {
  enum class Kind { Number, Word, Wildcard } kind = Kind::Number;
  long number = 0;
  std::string word; // lower case
  bool operator==(const VersionPart&) const = default;
};

// "V10.006" -> 10 6; "SV1.70IR26" -> 1 70 ir 26; "Firmware_6.62" -> 6 62; "V3.X.17" -> 3 X 17.
// Leading words (Firmware, FW, Version, Rev, Build) and a v / sv prefix are dropped; a
// trailing remark in parentheses or after a blank is ignored. nullopt when no version is there.
std::optional<std::vector<VersionPart>> parse_version(const std::string& text);
std::string version_text(const std::vector<VersionPart>& v); // "3.X.17"

// Ordering: numbers numerically, words alphabetically, a missing number counts as 0
// (9.9 = 9.9.00); a missing word part is newer than a pre-release word (rc, beta, alpha, pre,
// dev: 1.0rc1 < 1.0) and older than any other suffix (4.2 < 4.2a). A wildcard in either
// version matches any one component (3.2.12 < 3.X.17 compares 3 = 3, then 12 < 17).
int compare_versions(const std::vector<VersionPart>& a, const std::vector<VersionPart>& b);

enum class Comparator { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };
const char* to_string(Comparator c); // "<", "<=", ...

struct VersionConstraint {
  Comparator op = Comparator::Equal;
  std::vector<VersionPart> version;
  std::string text; // the bound as written ("V34.014"), for explanations
};

// A parsed product_version or product_version_range.
struct VersionRange {
  enum class Form {
    All,         // "vers:all/*", "*", "All versions"
    Line,        // product_version "V28": the release line 28.x (prefix match)
    Constraints, // VERS constraints ("<2.0", ">=1.1|<=1.2", "1.0 and later")
    Trains,      // per-train upper bounds: each release train (first component) has its own
    Unknown      // not understood: `text` is reported
  } form = Form::Unknown;
  std::vector<VersionConstraint>
      constraints;               // Constraints: sorted by version; Trains: one `<` or `<=` per train
  std::vector<VersionPart> line; // Line
  std::string text;              // as written
  std::string problem;           // why it is Unknown
};

// `range` is false for a product_version branch (a version or release line), true for a
// product_version_range.
VersionRange parse_version_range(const std::string& text, bool range);

struct VersionCheck {
  bool understood = false; // the expression (and the version) could be read
  bool affected = false;
  std::string explanation;
};
// Whether `asset_version` lies in the range, with the reason ("version V34.011 is in train 34,
// below V34.014"). Not understood when the range or the asset's version cannot be read.
VersionCheck check_version(const VersionRange& range, const std::string& asset_version);
VersionCheck check_version(const std::string& expression, bool range, const std::string& asset_version);

// The numeric head of a version, for callers that only need numbers ("V10.006" -> 10 6).
std::vector<long> version_components(const std::string& text);

} // namespace zonepath::interchange
