// Uses zonepath::core alone: the SHA-256 of "abc" (FIPS 180-2, appendix B.1).
#include <iostream>

#include "zonepath/core/sha256.hpp"

int main() {
  const bool hash_ok =
      zonepath::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  std::cout << (hash_ok ? "core ok" : "core wrong") << '\n';
  return hash_ok ? 0 : 1;
}
