// SHA-256 (FIPS 180-4), incremental. Batch jobs name their inputs by it (a rerun can tell
// finished work from changed inputs) and report.html's Content-Security-Policy allows its one
// script by it. Small enough to carry here rather than link a crypto library for that.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace zonepath {

class Sha256 {
public:
  Sha256();
  Sha256& update(std::string_view data);
  // Adds a length-prefixed field, so that ("ab","c") and ("a","bc") hash differently.
  Sha256& field(std::string_view data);
  std::array<std::uint8_t, 32> digest();
  std::string hex(); // 64 lowercase hex digits

private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t bytes_ = 0;
};

std::string sha256_hex(std::string_view data);

} // namespace zonepath
