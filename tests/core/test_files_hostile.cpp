// Input and output files on a hostile filesystem: what a path names (directory, device, FIFO,
// symlink), exclusive temporary files, modes kept, all-or-nothing sets; and JSON text that
// lies (duplicate keys, NUL bytes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/text_escape.hpp"

using namespace zonepath;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "zp-hostile-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  fs::path path_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string parse_message(const std::string& path) {
  try {
    read_input_file(path);
  } catch (const ParseError& e) {
    return e.diagnostic().message;
  }
  return "no error";
}

} // namespace

TEST(InputFile, NamesWhatThePathIs) {
  TempDir dir;
  EXPECT_EQ(parse_message((dir / "").string()), "cannot read: it is a directory, not a file");
  EXPECT_EQ(parse_message("/dev/zero"), "cannot read: it is a character device, not a file");
  EXPECT_NE(parse_message((dir / "missing").string()).find("No such file"), std::string::npos);
}

TEST(InputFile, FifoWithoutWriterReadsAsNothingInsteadOfBlocking) {
  TempDir dir;
  const auto fifo = dir / "f";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(parse_message(fifo.string()).find("no writer sent any data"), std::string::npos);
}

TEST(InputFile, CapIsExactAndHoldsForPipes) {
  TempDir dir;
  const auto file = dir / "ten";
  std::ofstream(file) << "0123456789";
  EXPECT_EQ(read_input_file(file.string(), 10), "0123456789");
  EXPECT_NE(parse_message(file.string()).find("no error"), std::string::npos);
  try {
    read_input_file(file.string(), 9);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().message, "file of 10 bytes exceeds the limit of 9 bytes");
  }
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "0123456789", 10), 10);
  ::close(fds[1]);
  const std::string through_pipe = "/proc/self/fd/" + std::to_string(fds[0]);
  try {
    read_input_file(through_pipe, 9);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().message, "input read from a FIFO (named pipe) exceeds the limit of 9 bytes");
  }
  ::close(fds[0]);
}

TEST(AtomicFile, RefusesTargetsThatAreNotRegularFiles) {
  TempDir dir;
  const auto fifo = dir / "out";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THROW(write_file_atomic(fifo.string(), "x"), StoreError);
  EXPECT_THROW(write_file_atomic((dir / "").string(), "x"), StoreError);
  EXPECT_THROW(write_file_atomic("/dev/null", "x"), StoreError);
  fs::create_symlink("/dev/null", dir / "to-device");
  EXPECT_THROW(write_file_atomic((dir / "to-device").string(), "x"), StoreError);
  fs::create_symlink(dir / "nowhere", dir / "dangling");
  EXPECT_THROW(write_file_atomic((dir / "dangling").string(), "x"), StoreError);
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"dangling", "out", "to-device"}));
}

TEST(AtomicFile, KeepsModeAndWritesThroughASymlink) {
  TempDir dir;
  const auto real = dir / "real.json";
  std::ofstream(real) << "old";
  ASSERT_EQ(::chmod(real.c_str(), 0640), 0);
  fs::create_symlink("real.json", dir / "link.json");
  write_file_atomic((dir / "link.json").string(), "new");
  EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
  EXPECT_EQ(slurp(real), "new");
  struct stat st {};
  ASSERT_EQ(::stat(real.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"link.json", "real.json"}));
}

TEST(AtomicFile, ASetIsAllOrNothing) {
  TempDir dir;
  std::ofstream(dir / "a") << "old a";
  {
    AtomicFileSet set;
    set.add((dir / "a").string(), "new a");
    EXPECT_THROW(set.add((dir / "b").string(), [](std::ostream&) { throw RenderError("writer failed"); }),
                 RenderError);
    // Not committed: destroyed with "a" staged.
  }
  EXPECT_EQ(slurp(dir / "a"), "old a");
  EXPECT_EQ(dir.names(), std::vector<std::string>{"a"});
  AtomicFileSet set;
  set.add((dir / "a").string(), "new a");
  set.add((dir / "b").string(), "new b");
  set.commit();
  EXPECT_EQ(slurp(dir / "a"), "new a");
  EXPECT_EQ(slurp(dir / "b"), "new b");
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"a", "b"}));
}

TEST(AtomicFile, ManyStagedFilesDoNotExhaustDescriptors) {
  TempDir dir;
  AtomicFileSet set;
  for (int i = 0; i < 300; ++i) set.add((dir / ("f" + std::to_string(i))).string(), std::to_string(i));
  set.commit();
  EXPECT_EQ(dir.names().size(), 300u);
  EXPECT_EQ(slurp(dir / "f299"), "299");
}

TEST(JsonText, DuplicateKeysAreLocatedAtTheSecond) {
  const std::string text = "{\"a\": 1,\n \"r\": [{\"x\": 1}, {\"act\": \"allow\",\n   \"act\": \"deny\"}]}";
  try {
    JsonDocument::parse(text, "d.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().pointer, "/r/1/act");
    EXPECT_EQ(e.diagnostic().line, 3);
    EXPECT_EQ(e.diagnostic().column, 11);
    EXPECT_NE(e.diagnostic().message.find("duplicate key 'act'"), std::string::npos);
  }
  // The same key in different objects is fine, and so is an escaped spelling of another key.
  EXPECT_NO_THROW(JsonDocument::parse("{\"a\": {\"k\": 1}, \"b\": {\"k\": 2}, \"k\": [{\"k\": 0}]}"));
  EXPECT_THROW(JsonDocument::parse("{\"k\": 1, \"\\u006b\": 2}"), ParseError); // "\u006b" is "k"
}

TEST(JsonText, NulBytesAreLocated) {
  try {
    JsonDocument::parse(std::string("{\"a\": 1}\n") + '\0' + "{\"b\": 2}", "n.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().line, 2);
    EXPECT_EQ(e.diagnostic().column, 1);
  }
}

TEST(TextEscape, GraphvizStringsKeepBackslashesAndNuls) {
  EXPECT_EQ(dot_tooltip("a\\Gb\nc"), "a\\\\\\\\Gb\\nc"); // one backslash becomes four
  EXPECT_EQ(dot_tooltip(std::string("x\0y", 3)), "x\xEF\xBF\xBDy");
  EXPECT_EQ(dot_string(std::string("x\0y", 3)), "x\xEF\xBF\xBDy");
  EXPECT_EQ(dot_html_label(std::string("<\0>", 3)), "&lt;\xEF\xBF\xBD&gt;");
}

TEST(TextEscape, TerminalEscapeLeavesNoControlSequence) {
  EXPECT_EQ(terminal_escape("ok\x1b]0;x\x07\r\nz\rw\t\x7f"), "ok\\u001b]0;x\\u0007\r\nz\\u000dw\t\\u007f");
  EXPECT_EQ(terminal_escape("\xc2\x9b"
                            "31m caf\xc3\xa9"),
            "\\u009b31m caf\xc3\xa9"); // C1 CSI; é kept
  EXPECT_EQ(invalid_utf8_offset("caf\xc3\xa9"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_offset("caf\xe9!"), 3u);           // Latin-1 é
  EXPECT_EQ(invalid_utf8_offset("\xc0\xaf"), 0u);           // overlong '/'
  EXPECT_EQ(invalid_utf8_offset("a\xed\xa0\x80"), 1u);      // surrogate
  EXPECT_EQ(invalid_utf8_offset("ab\xf4\x90\x80\x80"), 2u); // above U+10FFFF
  EXPECT_EQ(invalid_utf8_offset("\xf0\x9f\x98\x80"), std::string_view::npos);
}
