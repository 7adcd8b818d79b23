// The Content-Security-Policy source that allows exactly one inline script, so that report.html
// runs its own script and nothing a model string might smuggle in (defence in depth behind the
// HTML escaping).
#pragma once

#include <string>
#include <string_view>

namespace zonepath::render::detail {

// "'sha256-<base64 of SHA-256(script)>'" (CSP Level 2 hash source).
std::string csp_script_hash(std::string_view script);

} // namespace zonepath::render::detail
