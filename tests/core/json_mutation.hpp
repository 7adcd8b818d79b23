// One random edit of a JSON text for the mutation tests of the fast readers: a byte of
// `alphabet` replaces, is inserted before, or the edit deletes the byte at a random place.
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace zonepath::testing {

inline void mutate_byte(std::string& text, std::mt19937& rng, std::string_view alphabet) {
  const std::size_t at = rng() % text.size();
  const char c = alphabet[rng() % alphabet.size()];
  switch (rng() % 3) {
  case 0:
    text[at] = c;
    break;
  case 1:
    text.insert(at, 1, c);
    break;
  default:
    text.erase(at, 1);
  }
}

} // namespace zonepath::testing
