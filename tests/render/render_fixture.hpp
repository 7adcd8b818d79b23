// The small plant of tests/data/render/small-plant.json and a hand-made report for it, so that
// the renderer is tested on values worked out by hand rather than on the analysis' output.
#pragma once

#include <string>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::render_test {

inline std::string data_file(const std::string& name) {
  return std::string(ZONEPATH_TEST_DATA) + "/render/" + name;
}

inline models::SitePtr small_plant() {
  return models::load_site_json_file(data_file("small-plant.json"));
}

inline models::SlVector sl(std::initializer_list<int> v) {
  models::SlVector out{};
  int i = 0;
  for (int x : v) out[i++] = static_cast<std::uint8_t>(x);
  if (v.size() == 1) out.fill(static_cast<std::uint8_t>(*v.begin()));
  return out;
}

// No zone has countermeasures, so SL-A is 0 everywhere and the gap equals the declared SL-T:
// ent 1, dmz 2, ops 0, cell 3 (largest), internet none.
inline models::Report small_plant_report(const models::Site& site) {
  models::Report r;
  r.site_id = site.id;
  r.site_name = site.name;
  r.threats.push_back({"apt", 3, std::nullopt});
  const models::SlVector targets[] = {sl({0}), sl({1}), sl({2}), sl({0}), sl({3, 3, 3, 1, 3, 2, 3})};
  for (models::Index z = 0; z < site.zones.size(); ++z) {
    models::ZoneResult zr;
    zr.zone = z;
    zr.sl_t = zr.gap = targets[z];
    zr.sl_a = sl({0});
    r.zones.push_back(zr);
  }
  r.crown_jewels = {"plc-1"};
  // clang-format off
  nlohmann::json path = {
      {"target", "plc-1"}, {"rank", 1}, {"nodes", {"internet", "web-1", "ews-1", "plc-1"}},
      {"probability", 0.36}, {"cost", 1.0}, {"ttc_mean_days", 12.5},
      {"steps",
       {{{"from", "internet"}, {"to", "web-1"}, {"via", "fw-inet-dmz"}, {"p", 0.8}, {"technique", "T0866"}, {"ttc_mean", 2.5}},
        {{"from", "web-1"}, {"to", "ews-1"}, {"via", "fw-dmz-cell"}, {"p", 0.5}, {"technique", "T0866"}, {"ttc_mean", 7.0}},
        {{"from", "ews-1"}, {"to", "plc-1"}, {"via", "cell"}, {"p", 0.9}, {"technique", "T0843"}, {"ttc_mean", 3.0}}}}};
  // clang-format on
  r.paths.push_back({"apt", "plc-1", 1, path});
  return r;
}

} // namespace zonepath::render_test
