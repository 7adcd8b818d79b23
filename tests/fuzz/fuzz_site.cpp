// libFuzzer target: arbitrary bytes as a site model. The only acceptable failure is a
// zonepath::Error (a clear message); a valid site must also translate into attack graphs. The
// document JsonDocument builds (simdjson's fast path, or nlohmann's checking parser) must be
// the one nlohmann::json::parse builds from the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"

#include "../core/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zonepath;
  try {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto doc = JsonDocument::parse(text, "fuzz.json");
    if (!zonepath::testing::same_json(doc.root(), nlohmann::json::parse(text))) __builtin_trap();
    models::Site site = models::load_site(doc);
    // Keep each input cheap: translation is linear, but a fuzzer-made site can be large.
    if (site.assets.size() > 200) return 0;
    auto ctx = models::SiteContext::make(site);
    for (const auto& actor : site.threat_actors) (void)models::build_site_graph(ctx, actor);
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap(); // every error must say something
  }
  return 0;
}
