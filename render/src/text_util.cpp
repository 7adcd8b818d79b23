#include "text_util.hpp"

#include <algorithm>

#include "zonepath/core/numbers.hpp"
#include "zonepath/core/path_listing.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_techniques.hpp"

namespace zonepath::render::detail {

const char* const kFrNames[models::kFrCount] = {"FR1 IAC", "FR2 UC",  "FR3 SI", "FR4 DC",
                                                "FR5 RDF", "FR6 TRE", "FR7 RA"};
const char* const kRiskNames[6] = {"-", "very low", "low", "moderate", "high", "very high"};

std::string number(double value, int digits) {
  return format_general(value, digits);
}

std::string percent(double share) {
  return format_fixed(share * 100.0, 1) + "%";
}

std::string sl_text(const models::SlVector& v) {
  return models::sl_vector_text(v);
}

int max_gap(const models::SlVector& gap) {
  return *std::max_element(gap.begin(), gap.end());
}

const char* gap_color(int gap) {
  static const char* colors[] = {"#a6d96a", "#fee08b", "#fdae61", "#f46d43"};
  return colors[std::clamp(gap, 0, 3)];
}

double zone_level(const models::Zone& zone) {
  if (zone.purdue) return *zone.purdue;
  const auto* kind = models::find_zone_kind(zone.kind);
  return kind && kind->purdue ? *kind->purdue : 0.0;
}

std::string level_text(double level) {
  return "L" + number(level, 3);
}

std::string zone_title(const models::Zone& zone) {
  return zone.name.empty() ? zone.id : zone.name;
}

std::string join_nodes(const nlohmann::json& path) {
  std::string out;
  for (const auto& n : path.value("nodes", nlohmann::json::array()))
    out += (out.empty() ? "" : " \u2192 ") + n.get<std::string>();
  return out;
}

std::string technique_title(const std::string& id) {
  const auto* t = models::find_technique(id);
  return t ? id + " " + std::string(t->name) : id;
}

std::string step_uses(const nlohmann::json& step) {
  StepDetail d;
  d.means = step.value("means", "");
  d.service = step.value("service", "");
  d.port = step.value("port", std::uint16_t{0});
  d.vulnerability = step.value("vulnerability", "");
  return detail_text(d);
}

std::string initiation_text(int level) {
  return level ? models::likelihood_level_name(level) : "not stated";
}

std::string jewel_reason(const models::Report& report, const std::string& id) {
  for (std::size_t i = 0; i < report.crown_jewels.size() && i < report.crown_jewel_reasons.size(); ++i)
    if (report.crown_jewels[i] == id) return report.crown_jewel_reasons[i];
  return "";
}

std::string declared_below_text(const models::ZoneResult& z) {
  if (z.declared_below_derived.empty() || !z.sl_t_declared) return "";
  std::string frs;
  for (int fr : z.declared_below_derived) frs += (frs.empty() ? "" : ", ") + std::string(kFrNames[fr - 1]);
  return "declared SL-T is below the derived target in " + frs + " (declared " + sl_text(*z.sl_t_declared) +
         ", derived " + sl_text(z.sl_t_derived) + "); gaps use the declared target";
}

} // namespace zonepath::render::detail
