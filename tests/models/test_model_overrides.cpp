// Per-site overrides of the threat and consequence models: applied, checked at load time, and
// misspelt names rejected instead of silently falling back to the defaults.
#include <gtest/gtest.h>

#include "site_fixture.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/threat_model.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

std::string load_error(const std::string& models) {
  try {
    fixture::make_site(R"([{"id": "z"}])", "[]", "[]", "[]", R"(, "models": )" + models);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(ModelOverrides, ThreatOverrideIsApplied) {
  auto m = load_threat_model(nlohmann::json::parse(R"({"means": {"remote-service": {"base_p": 0.5}}})"));
  EXPECT_DOUBLE_EQ(m.means[static_cast<int>(Means::RemoteService)].base_p, 0.5);
}

TEST(ModelOverrides, TimeDistributionIsReplacedWhole) {
  auto m = load_threat_model(nlohmann::json::parse(
      R"({"means": {"remote-service": {"ttc": {"dist": "lognormal", "mu": 1.6, "sigma": 1}}}})"));
  EXPECT_EQ(m.means[static_cast<int>(Means::RemoteService)].ttc.kind, TtcKind::LogNormal);
}

TEST(ModelOverrides, MisspeltMeansIsAnErrorWithSuggestion) {
  std::string e = load_error(R"({"threat": {"means": {"remote-servce": {"base_p": 0.5}}}})");
  EXPECT_NE(e.find("/models/threat"), std::string::npos) << e;
  EXPECT_NE(e.find("remote-service"), std::string::npos) << e; // did you mean
}

TEST(ModelOverrides, OutOfRangeProbabilityIsRejectedAtLoad) {
  std::string e = load_error(R"({"threat": {"means": {"remote-service": {"base_p": 1.5}}}})");
  EXPECT_NE(e.find("[0, 1]"), std::string::npos) << e;
}

TEST(ModelOverrides, MisspeltConsequenceKeyIsRejected) {
  std::string e = load_error(R"({"consequence": {"tolerable_mx": 3}})");
  EXPECT_NE(e.find("tolerable_mx"), std::string::npos) << e;
  EXPECT_EQ(load_error(R"({"consequence": {"tolerable_max": 3}})"), "");
  EXPECT_EQ(load_consequence_model(nlohmann::json::parse(R"({"tolerable_max": 3})")).tolerable_max, 3);
}
