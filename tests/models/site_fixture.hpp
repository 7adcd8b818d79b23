// Helpers for tests that build small sites from JSON text.
#pragma once

#include <string>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::fixture {

// A site from the JSON fragments of zones, assets, conduits and threat actors.
inline models::Site make_site(const std::string& zones, const std::string& assets,
                              const std::string& conduits, const std::string& threats = "[]",
                              const std::string& extra = "") {
  std::string text = R"({"schema": "zonepath/site/v1", "site": {"id": "t"}, "zones": )" + zones +
                     R"(, "assets": )" + assets + R"(, "conduits": )" + conduits + R"(, "threat_actors": )" +
                     threats + extra + "}";
  return models::load_site(JsonDocument::parse(text, "test.json"));
}

} // namespace zonepath::fixture
