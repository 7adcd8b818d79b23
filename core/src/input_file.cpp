#include "zonepath/core/input_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <streambuf>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zonepath/core/error.hpp"

namespace zonepath {

namespace {

[[noreturn]] void refuse(const std::string& path, std::string message) {
  Diagnostic d;
  d.file = path;
  d.message = std::move(message);
  throw ParseError(d);
}

class Descriptor {
public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

private:
  int fd_;
};

// Opens without blocking (O_NONBLOCK: open(2) of a FIFO with no writer would wait for one),
// refuses what is neither a regular file nor a pipe, then reads in blocking mode.
int open_input(const std::string& path) {
  if (path.empty()) refuse(path, "empty file name");
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    struct stat st {};
    if (err == ENXIO && ::stat(path.c_str(), &st) == 0) // a socket
      refuse(path, "cannot read: it is " + file_type_name(st.st_mode) + ", not a file");
    refuse(path, std::string("cannot open file: ") + std::strerror(err));
  }
  Descriptor guard(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) refuse(path, std::string("cannot open file: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
    refuse(path, "cannot read: it is " + file_type_name(st.st_mode) + ", not a file");
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return guard.release();
}

// Reads what is available; a FIFO whose writer has not appeared reads as the end (0).
ssize_t read_some(int fd, char* buffer, std::size_t size) {
  for (;;) {
    ssize_t n = ::read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

class FdInBuf : public std::streambuf {
public:
  FdInBuf(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FdInBuf() override { ::close(fd_); }

protected:
  int_type underflow() override {
    ssize_t n = read_some(fd_, buffer_.data(), buffer_.size());
    if (n < 0) refuse(path_, std::string("read error: ") + std::strerror(errno));
    if (n == 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(buffer_[0]);
  }

private:
  int fd_;
  std::string path_;
  std::array<char, 1 << 16> buffer_{};
};

class FdInStream : public std::istream {
public:
  FdInStream(int fd, std::string path) : std::istream(nullptr), buf_(fd, std::move(path)) {
    rdbuf(&buf_);
    exceptions(std::ios::badbit); // a read error propagates as the ParseError thrown above
  }

private:
  FdInBuf buf_;
};

} // namespace

std::string file_type_name(unsigned mode) {
  switch (mode & S_IFMT) {
  case S_IFREG:
    return "a regular file";
  case S_IFDIR:
    return "a directory";
  case S_IFCHR:
    return "a character device";
  case S_IFBLK:
    return "a block device";
  case S_IFIFO:
    return "a FIFO (named pipe)";
  case S_IFSOCK:
    return "a socket";
  case S_IFLNK:
    return "a symbolic link";
  default:
    return "not a regular file";
  }
}

std::string read_input_file(const std::string& path, std::size_t max_bytes, const CancelToken* cancel) {
  Descriptor fd(open_input(path));
  struct stat st {};
  ::fstat(fd.get(), &st);
  const bool regular = S_ISREG(st.st_mode);
  const auto declared = static_cast<std::size_t>(regular && st.st_size > 0 ? st.st_size : 0);
  if (declared > max_bytes)
    refuse(path, "file of " + std::to_string(declared) + " bytes exceeds the limit of " +
                     std::to_string(max_bytes) + " bytes");
  // A regular file is read in one piece of its size, with the padding of kInputPadding: no
  // copy, which for a file of hundreds of MB costs as much as the read itself. What follows
  // (a file that grew since fstat, a pipe) comes in chunks of 1 MiB joined at the end: a
  // growing string would double its buffer and hold twice the cap while a stream of unknown
  // length is refused at the cap.
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::vector<std::string> chunks;
  std::size_t total = 0;
  if (declared > 0) {
    std::string head;
    head.reserve(declared + kInputPadding);
    head.resize(declared);
    std::size_t filled = 0;
    while (filled < declared) {
      check_cancel(cancel);
      ssize_t n = read_some(fd.get(), head.data() + filled, std::min(declared - filled, kChunk));
      if (n < 0) refuse(path, std::string("cannot read file: ") + std::strerror(errno));
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
    }
    head.resize(filled);
    total = filled;
    chunks.push_back(std::move(head));
    if (filled < declared) return std::move(chunks.front()); // the file shrank: all there is
  }
  for (;;) {
    check_cancel(cancel);
    // Read one byte beyond the cap to tell "exactly the cap" from "more than the cap".
    std::string chunk(std::min(kChunk, max_bytes + 1 - total), '\0');
    std::size_t filled = 0;
    while (filled < chunk.size()) {
      ssize_t n = read_some(fd.get(), chunk.data() + filled, chunk.size() - filled);
      if (n < 0) refuse(path, std::string("cannot read file: ") + std::strerror(errno));
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
    }
    const bool end_of_input = filled < chunk.size(); // the inner loop stopped at a read of 0
    chunk.resize(filled);
    total += filled;
    if (total > max_bytes)
      refuse(path, (regular ? "file" : "input read from " + file_type_name(st.st_mode)) +
                       " exceeds the limit of " + std::to_string(max_bytes) + " bytes");
    if (filled) chunks.push_back(std::move(chunk));
    if (end_of_input) break;
  }
  std::string text;
  if (chunks.size() == 1 && chunks.front().capacity() >= chunks.front().size() + kInputPadding) {
    text = std::move(chunks.front());
  } else {
    text.reserve(total + kInputPadding);
    for (auto& c : chunks) {
      text += c;
      std::string().swap(c);
    }
  }
  if (text.empty() && S_ISFIFO(st.st_mode))
    refuse(path, "nothing to read: it is " + file_type_name(st.st_mode) + " and no writer sent any data");
  return text;
}

std::unique_ptr<std::istream> open_input_stream(const std::string& path) {
  return std::make_unique<FdInStream>(open_input(path), path);
}

} // namespace zonepath
