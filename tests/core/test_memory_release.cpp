// A large parsed document gives its memory back through the release hook when it is freed,
// once; a small one does not call it.
#include <string>

#include <gtest/gtest.h>

#include "zonepath/core/json_document.hpp"
#include "zonepath/core/memory_release.hpp"

namespace zonepath {
namespace {

int releases = 0;
void count_release() {
  ++releases;
}

// A hook set for one test, unset after it whatever happens.
struct HookForTest {
  HookForTest() {
    releases = 0;
    set_memory_release_hook(count_release);
  }
  ~HookForTest() { set_memory_release_hook(nullptr); }
};

TEST(MemoryRelease, LargeDocumentReleasesOnceWhenFreed) {
  HookForTest hook;
  const std::string big = "{\"pad\": \"" + std::string(kReleaseAfterDocumentBytes, 'x') + "\"}";
  {
    JsonDocument doc = JsonDocument::parse(big, "big.json");
    JsonDocument moved = std::move(doc); // the emptied original releases nothing
    EXPECT_EQ(moved.root()["pad"].get_ref<const std::string&>().size(), kReleaseAfterDocumentBytes);
    EXPECT_EQ(releases, 0);
  }
  EXPECT_EQ(releases, 1);
}

TEST(MemoryRelease, SmallDocumentReleasesNothing) {
  HookForTest hook;
  { JsonDocument doc = JsonDocument::parse(R"({"a": [1, 2, 3]})", "small.json"); }
  EXPECT_EQ(releases, 0);
  release_free_memory(); // the hook itself, called directly
  EXPECT_EQ(releases, 1);
}

} // namespace
} // namespace zonepath
