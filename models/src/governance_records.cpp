#include "zonepath/models/governance_records.hpp"

#include <array>

namespace zonepath::models {

namespace {
constexpr std::array<const char*, 4> kRoles = {"asset-owner", "system-integrator", "product-supplier",
                                               "service-provider"};
constexpr std::array<const char*, 4> kTreatments = {"mitigate", "accept", "transfer", "avoid"};

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<const char*, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<E>(i);
  return std::nullopt;
}
} // namespace

const char* to_string(PartyRole role) {
  return kRoles[static_cast<std::size_t>(role)];
}

std::optional<PartyRole> parse_party_role(std::string_view text) {
  return parse_name<PartyRole>(kRoles, text);
}

const char* to_string(RiskTreatment t) {
  return kTreatments[static_cast<std::size_t>(t)];
}

std::optional<RiskTreatment> parse_risk_treatment(std::string_view text) {
  return parse_name<RiskTreatment>(kTreatments, text);
}

std::string responsible_text(const std::vector<Responsible>& parties) {
  std::string out;
  for (const auto& p : parties) {
    if (!out.empty()) out += "; ";
    out += p.party + " (" + to_string(p.role) + ")";
  }
  return out;
}

} // namespace zonepath::models
