#include "zonepath/models/site.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace zonepath::models {

namespace {

// One table per enum: the names are the file format (docs/model.md).
template <class E, std::size_t N> struct Names {
  std::array<std::pair<E, const char*>, N> entries;
  const char* name(E e) const {
    for (const auto& [v, n] : entries)
      if (v == e) return n;
    return "";
  }
  std::optional<E> parse(std::string_view text) const {
    for (const auto& [v, n] : entries)
      if (text == n) return v;
    return std::nullopt;
  }
};

constexpr Names<RequirementStatus, 5> kRequirementStatus{{{
    {RequirementStatus::Met, "met"},
    {RequirementStatus::Partial, "partial"},
    {RequirementStatus::NotMet, "not-met"},
    {RequirementStatus::NotApplicable, "not-applicable"},
    {RequirementStatus::Compensated, "compensated"},
}}};

constexpr Names<ControlStatus, 4> kControlStatus{{{
    {ControlStatus::Proposed, "proposed"},
    {ControlStatus::Implemented, "implemented"},
    {ControlStatus::Verified, "verified"},
    {ControlStatus::Validated, "validated"},
}}};

constexpr Names<SlcSource, 3> kSlcSource{{{
    {SlcSource::SupplierCertificate, "supplier-certificate"},
    {SlcSource::ComponentAssessment, "4-2-assessment"},
    {SlcSource::AssessorEstimate, "assessor-estimate"},
}}};

constexpr Names<FunctionClass, 2> kFunctionClass{{{
    {FunctionClass::Read, "read"},
    {FunctionClass::Write, "write"},
}}};

} // namespace

const char* to_string(FunctionClass f) {
  return kFunctionClass.name(f);
}
std::optional<FunctionClass> parse_function_class(std::string_view text) {
  return kFunctionClass.parse(text);
}

const char* to_string(RequirementStatus status) {
  return kRequirementStatus.name(status);
}
std::optional<RequirementStatus> parse_requirement_status(std::string_view text) {
  return kRequirementStatus.parse(text);
}
const char* to_string(ControlStatus status) {
  return kControlStatus.name(status);
}
std::optional<ControlStatus> parse_control_status(std::string_view text) {
  return kControlStatus.parse(text);
}
const char* to_string(SlcSource source) {
  return kSlcSource.name(source);
}
std::optional<SlcSource> parse_slc_source(std::string_view text) {
  return kSlcSource.parse(text);
}

const char* likelihood_level_name(int level) {
  static constexpr std::array<const char*, 5> kNames = {"very-low", "low", "moderate", "high", "very-high"};
  return level >= 1 && level <= 5 ? kNames[static_cast<std::size_t>(level - 1)] : "";
}
std::optional<int> parse_likelihood_level(std::string_view text) {
  for (int level = 1; level <= 5; ++level)
    if (text == likelihood_level_name(level)) return level;
  return std::nullopt;
}

std::string sl_vector_text(const SlVector& v, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += separator;
    out += std::to_string(v[i]);
  }
  return out;
}

Consequence Site::effective_consequence(Index asset) const {
  const Asset& a = assets[asset];
  Consequence c = zones[a.zone].consequence;
  for (int d = 0; d < kDimensionCount; ++d)
    c.severity[d] = std::max(c.severity[d], a.consequence.severity[d]);
  return c;
}

SitePtr with_as_of(const SitePtr& site, const std::optional<Date>& as_of) {
  if (!as_of || site->as_of == as_of) return site;
  auto copy = std::make_shared<Site>(*site);
  copy->as_of = as_of;
  return copy;
}

} // namespace zonepath::models
