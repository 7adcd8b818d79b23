// The workbench app's files (serve/web/), built into the binary by serve/embed_web.cmake so that
// the app needs no network and no file next to the executable.
#pragma once

#include <string_view>
#include <vector>

namespace zonepath::serve::detail {

struct WebAsset {
  std::string_view name;         // "index.html", "app.js", ...
  std::string_view content_type; // "text/javascript; charset=utf-8", ...
  std::string_view body;
};

const std::vector<WebAsset>& web_assets();
// The asset called `name` exactly, or nullptr.
const WebAsset* find_web_asset(std::string_view name);

} // namespace zonepath::serve::detail
