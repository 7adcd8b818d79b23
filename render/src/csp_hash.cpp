// base64 (RFC 4648) of the script's SHA-256 (core/sha256.hpp).
#include "csp_hash.hpp"

#include <cstdint>

#include "zonepath/core/sha256.hpp"

namespace zonepath::render::detail {

namespace {

std::string base64(const std::uint8_t* data, std::size_t n) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < n; i += 3) {
    std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16;
    if (i + 1 < n) v |= static_cast<std::uint32_t>(data[i + 1]) << 8;
    if (i + 2 < n) v |= data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < n ? kAlphabet[v & 63] : '=';
  }
  return out;
}

} // namespace

std::string csp_script_hash(std::string_view script) {
  const auto digest = Sha256().update(script).digest();
  return "'sha256-" + base64(digest.data(), digest.size()) + "'";
}

} // namespace zonepath::render::detail
