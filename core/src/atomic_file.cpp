#include "zonepath/core/atomic_file.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <streambuf>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"

namespace zonepath {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw StoreError("cannot write '" + path + "': " + why);
}

std::string errno_text(int err) {
  return std::strerror(err);
}

// A streambuf over a file descriptor that remembers the first write error (ENOSPC, EFBIG, EIO).
class FdBuf : public std::streambuf {
public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }
  bool flush_all() { return sync() == 0; }

protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

private:
  bool drain() {
    const char* p = pbase();
    while (p < pptr() && error_ == 0) {
      ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      p += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// Where the bytes go: the target itself, or the regular file a symbolic link at the target names.
struct Target {
  fs::path path;
  bool exists = false;
  struct stat st {};
};

Target resolve_target(const std::string& given) {
  if (given.empty()) fail(given, "empty file name");
  Target t;
  t.path = given;
  struct stat st {};
  if (::lstat(given.c_str(), &st) != 0) {
    if (errno != ENOENT) fail(given, errno_text(errno));
    return t;
  }
  if (S_ISLNK(st.st_mode)) {
    if (::stat(given.c_str(), &st) != 0)
      fail(given, "it is a symbolic link to a missing or unreachable file (" + errno_text(errno) + ")");
    if (!S_ISREG(st.st_mode))
      fail(given, "it is a symbolic link to " + file_type_name(st.st_mode) + "; give a regular file");
    std::error_code ec;
    t.path = fs::canonical(given, ec);
    if (ec) fail(given, ec.message());
  } else if (!S_ISREG(st.st_mode)) {
    fail(given, "it is " + file_type_name(st.st_mode) + ", not a regular file; give a file name");
  }
  t.exists = true;
  t.st = st;
  return t;
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}() ^
                                          (static_cast<std::uint64_t>(::getpid()) << 32)};
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string s;
  auto v = rng();
  for (int i = 0; i < 12; ++i, v /= 36) s += digits[v % 36];
  return s;
}

// The umask without changing it (umask(2) would race with other threads creating files).
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "Umask:") {
      std::string octal;
      status >> octal;
      return static_cast<mode_t>(std::stoul(octal, nullptr, 8));
    }
    std::getline(status, key);
  }
  return 022;
}

} // namespace

struct AtomicFileSet::Staged {
  std::string given; // as the caller named it, for messages
  fs::path target;   // the regular file replaced
  fs::path named;    // the temporary's name, empty while it is anonymous (O_TMPFILE)
  int fd = -1;

  ~Staged() {
    if (fd >= 0) ::close(fd);
    if (!named.empty()) ::unlink(named.c_str());
  }

  fs::path directory() const {
    fs::path dir = target.parent_path();
    return dir.empty() ? fs::path(".") : dir;
  }

  // A hidden, unpredictable name beside the target, created exclusively (O_EXCL never follows
  // a symbolic link planted there).
  fs::path fresh_name() const {
    return directory() / ("." + target.filename().string() + ".tmp-" + random_suffix());
  }

  void open(const Target& t) {
    const mode_t mode = t.exists ? (t.st.st_mode & 0777) : (0666 & ~current_umask());
#ifdef O_TMPFILE
    fd = ::open(directory().c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
      fs::path name = fresh_name();
      fd = ::open(name.c_str(), O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0600);
      if (fd >= 0)
        named = name;
      else if (errno != EEXIST)
        fail(given, "cannot create a temporary file in '" + directory().string() + "': " + errno_text(errno));
    }
    if (fd < 0) fail(given, "cannot create a temporary file in '" + directory().string() + "'");
    if (::fchmod(fd, mode) != 0) fail(given, "cannot set the file mode: " + errno_text(errno));
    if (t.exists && (t.st.st_uid != ::geteuid() || t.st.st_gid != ::getegid())) {
      [[maybe_unused]] int ignored = ::fchown(fd, t.st.st_uid, t.st.st_gid); // allowed for root only
    }
  }

  void write(const std::function<void(std::ostream&)>& produce) {
    FdBuf buf(fd);
    std::ostream out(&buf);
    produce(out);
    out.flush();
    if (buf.error() != 0) fail(given, errno_text(buf.error()));
    if (!out) fail(given, "write failed");
    if (::fsync(fd) != 0 && errno != EINVAL) fail(given, errno_text(errno));
  }

  // Gives an anonymous temporary file a name (so that its descriptor can be closed).
  void name_it() {
    if (!named.empty()) return;
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    for (int attempt = 0; attempt < 100; ++attempt) {
      fs::path name = fresh_name();
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0 ||
          ::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) {
        named = name;
        return;
      }
      if (errno != EEXIST) fail(given, "cannot link the temporary file: " + errno_text(errno));
    }
    fail(given, "cannot name the temporary file");
  }

  void release_descriptor() {
    if (fd < 0) return;
    name_it();
    if (::close(fd) != 0) {
      fd = -1;
      fail(given, errno_text(errno));
    }
    fd = -1;
  }

  void rename_into_place() {
    if (fd >= 0) release_descriptor();
    if (::rename(named.c_str(), target.c_str()) != 0) fail(given, errno_text(errno));
    named.clear();
  }
};

AtomicFileSet::AtomicFileSet() = default;
AtomicFileSet::~AtomicFileSet() = default;

void AtomicFileSet::add(const std::string& path, std::string_view content) {
  add(path,
      [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

void AtomicFileSet::add(const std::string& path, const std::function<void(std::ostream&)>& write) {
  // Descriptors are a limited resource: beyond a few dozen staged files, name them and close.
  constexpr std::size_t kOpenDescriptors = 64;
  auto staged = std::make_unique<Staged>();
  staged->given = path;
  Target target = resolve_target(path);
  staged->target = target.path;
  staged->open(target);
  staged->write(write);
  if (staged_.size() >= kOpenDescriptors) staged->release_descriptor();
  staged_.push_back(std::move(staged));
  paths_.push_back(path);
}

void AtomicFileSet::commit() {
  global_cancel_token().throw_if_cancelled();
  for (auto& s : staged_) s->name_it();
  for (auto& s : staged_) s->release_descriptor();
  std::set<fs::path> directories;
  for (auto& s : staged_) {
    s->rename_into_place();
    directories.insert(s->directory());
  }
  // The renames themselves reach the disk with the directory.
  for (const auto& dir : directories) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    ::fsync(fd);
    ::close(fd);
  }
  staged_.clear();
}

void write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFileSet set;
  set.add(path, content);
  set.commit();
}

void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write) {
  AtomicFileSet set;
  set.add(path, write);
  set.commit();
}

} // namespace zonepath
