// The site generator: valid by construction for several sizes, shapes and seeds, deterministic
// by seed, with the structure and mixes docs/generate.md promises (checked on the JSON itself,
// independently of the generator's own bookkeeping).
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "zonepath/core/error.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/generate_site.hpp"

namespace zp = zonepath;
using zp::scenarios::GenerateOptions;
using zp::scenarios::SiteShape;
using json = nlohmann::json;

namespace {

std::string generate(const GenerateOptions& o, zp::scenarios::GenerateSummary* sum = nullptr) {
  std::ostringstream out;
  auto s = zp::scenarios::generate_site(o, out);
  if (sum) *sum = s;
  return out.str();
}

GenerateOptions opts(std::uint64_t assets, std::uint64_t seed, SiteShape shape = SiteShape::Segmented,
                     std::uint32_t zones = 0) {
  GenerateOptions o;
  o.assets = assets;
  o.seed = seed;
  o.shape = shape;
  o.zones = zones;
  return o;
}

} // namespace

TEST(Generate, ValidForSeveralSizesShapesAndSeeds) {
  for (auto shape : {SiteShape::Segmented, SiteShape::Flat})
    for (std::uint64_t assets : {100u, 457u, 3000u})
      for (std::uint64_t seed : {1u, 2u, 99u}) {
        zp::scenarios::GenerateSummary sum;
        std::string text = generate(opts(assets, seed, shape), &sum);
        json j = json::parse(text);
        zp::models::SitePtr site;
        ASSERT_NO_THROW(site = zp::models::load_site_json(j, "generated")) << assets << " " << seed;
        EXPECT_EQ(site->assets.size(), assets);
        EXPECT_EQ(sum.assets, assets);
        EXPECT_EQ(sum.zones, site->zones.size());
        EXPECT_EQ(sum.conduits, site->conduits.size());
        EXPECT_EQ(sum.bytes, text.size());
        EXPECT_EQ(site->threat_actors.size(), 5u);
      }
}

TEST(Generate, SameSeedSameBytesOtherSeedOtherSite) {
  EXPECT_EQ(generate(opts(2000, 5)), generate(opts(2000, 5)));
  EXPECT_NE(generate(opts(2000, 5)), generate(opts(2000, 6)));
  EXPECT_EQ(generate(opts(800, 5, SiteShape::Flat)), generate(opts(800, 5, SiteShape::Flat)));
}

TEST(Generate, ZoneCountFollowsTheOptionAndTheDefault) {
  // Default: assets / 40, at least 8.
  EXPECT_EQ(json::parse(generate(opts(100, 1)))["zones"].size(), 8u);
  EXPECT_EQ(json::parse(generate(opts(4000, 1)))["zones"].size(), 100u);
  EXPECT_EQ(json::parse(generate(opts(1000, 1, SiteShape::Segmented, 13)))["zones"].size(), 13u);
  EXPECT_EQ(json::parse(generate(opts(1000, 1, SiteShape::Flat)))["zones"].size(), 4u);
}

TEST(Generate, RejectsOutOfRangeOptions) {
  EXPECT_THROW(generate(opts(99, 1)), zp::LimitError);
  EXPECT_THROW(generate(opts(1'000'001, 1)), zp::LimitError);
  EXPECT_THROW(generate(opts(1000, 1, SiteShape::Segmented, 7)), zp::LimitError);
  EXPECT_THROW(generate(opts(100, 1, SiteShape::Segmented, 90)), zp::LimitError); // cells need 2 assets each
  EXPECT_THROW(generate(opts(1000, 1, SiteShape::Flat, 10)), zp::LimitError);
}

TEST(Generate, AboutTwelvePercentOfAssetsCarryRealCves) {
  json j = json::parse(generate(opts(20000, 3)));
  const std::set<std::string> known = {"CVE-2017-0144",  "CVE-2019-0708", "CVE-2021-34527", "CVE-2020-1472",
                                       "CVE-2021-44228", "CVE-2018-0171", "CVE-2019-11510", "CVE-2023-46805",
                                       "CVE-2024-21887", "CVE-2024-3400", "CVE-2020-15782", "CVE-2021-22681",
                                       "CVE-2022-1161",  "CVE-2023-3595", "CVE-2021-22779", "CVE-2023-6448",
                                       "CVE-2024-1480"};
  std::size_t vulnerable = 0;
  for (const auto& a : j["assets"]) {
    if (!a.contains("vulnerabilities")) continue;
    ++vulnerable;
    for (const auto& v : a["vulnerabilities"]) {
      EXPECT_TRUE(known.count(v["id"].get<std::string>())) << v["id"];
      // The vulnerable service is one the asset exposes (the loader checks it too).
      bool has = false;
      for (const auto& s : a["services"]) has |= s["protocol"] == v["service"];
      EXPECT_TRUE(has) << a["id"];
    }
  }
  const double share = double(vulnerable) / 20000;
  EXPECT_GT(share, 0.09);
  EXPECT_LT(share, 0.15);
}

TEST(Generate, PurdueStructureOfTheSegmentedShape) {
  json j = json::parse(generate(opts(5000, 4)));
  std::map<std::string, std::string> kind;
  for (const auto& z : j["zones"]) kind[z["id"]] = z["kind"];
  std::map<std::string, int> count;
  for (const auto& z : j["zones"]) ++count[z["kind"].get<std::string>()];
  EXPECT_EQ(count["untrusted"], 1);
  EXPECT_EQ(count["dmz"], 1);
  EXPECT_EQ(count["supervisory"], count["safety"]); // one SIS zone per area
  EXPECT_GE(count["control"], count["supervisory"]);
  for (const auto& c : j["conduits"]) {
    const std::string a = kind[c["zones"][0]], b = kind[c["zones"][1]];
    // Control and safety zones only ever connect to their supervisory zone.
    if (b == "control" || b == "safety") {
      EXPECT_EQ(a, "supervisory") << c["id"];
    }
    // The Internet reaches the plant only through the enterprise edge and the DMZ, except for
    // planted mistakes, which say so.
    if (a == "untrusted" && b != "enterprise" && b != "dmz") {
      EXPECT_EQ(c["rules"][0]["description"].get<std::string>().rfind("MISCONFIGURATION", 0), 0u);
    }
  }
  // Every asset of a control cell is an OT device type.
  const std::set<std::string> ot = {"plc", "field-io", "hmi",   "ied", "dcs-controller",
                                    "pac", "rtu",      "switch"};
  for (const auto& a : j["assets"])
    if (kind[a["zone"]] == "control") {
      EXPECT_TRUE(ot.count(a["type"].get<std::string>())) << a["id"];
    }
}

TEST(Generate, PlantedMistakesAreCountedAndMarked) {
  zp::scenarios::GenerateSummary sum;
  json j = json::parse(generate(opts(40000, 8), &sum));
  std::size_t marked = 0, rules = 0;
  for (const auto& c : j["conduits"])
    for (const auto& r : c.value("rules", json::array())) {
      ++rules;
      if (r["description"].get<std::string>().rfind("MISCONFIGURATION", 0) == 0) ++marked;
    }
  EXPECT_EQ(sum.misconfigurations, marked);
  EXPECT_EQ(sum.rules, rules);
  // About 6% of ~1000 conduits: far from zero, far from all.
  EXPECT_GT(marked, 20u);
  EXPECT_LT(marked, 150u);
}

TEST(Generate, ThreatActorsSpanTheFourTiers) {
  auto site = zp::models::load_site_json(json::parse(generate(opts(500, 2))), "generated");
  std::set<int> tiers;
  for (const auto& t : site->threat_actors) {
    tiers.insert(t.sophistication);
    EXPECT_FALSE(t.starts.empty());
  }
  EXPECT_EQ(tiers, (std::set<int>{1, 2, 3, 4}));
}
