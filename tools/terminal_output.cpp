#include "terminal_output.hpp"

#include <iostream>
#include <string>

#include "zonepath/core/text_escape.hpp"

namespace zonepath::cli {

// Unbuffered: each write is escaped and passed on at once, so the order with C stdio output
// (the batch progress line) is kept. A CR or a 0xC2 lead byte at the end of a write is held
// back until the next byte tells whether it starts a CR LF line end or a C1 control.
class TerminalEscaping::Buf : public std::streambuf {
public:
  Buf(std::ostream& stream) : stream_(stream), target_(stream.rdbuf()) { stream_.rdbuf(this); }
  ~Buf() override {
    flush_held(true);
    stream_.rdbuf(target_);
  }

protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    xsputn(&c, 1);
    return ch;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::string text = std::move(held_);
    held_.clear();
    text.append(s, static_cast<std::size_t>(n));
    if (!text.empty() && (text.back() == '\r' || text.back() == '\xc2')) {
      held_ = text.back();
      text.pop_back();
    }
    const std::string out = terminal_escape(text);
    target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    return n;
  }
  int sync() override { return target_->pubsync(); }

private:
  void flush_held(bool at_end) {
    if (held_.empty() || !at_end) return;
    const std::string out = terminal_escape(held_);
    held_.clear();
    target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    target_->pubsync();
  }

  std::ostream& stream_;
  std::streambuf* target_;
  std::string held_;
};

TerminalEscaping::TerminalEscaping()
    : out_(std::make_unique<Buf>(std::cout)), err_(std::make_unique<Buf>(std::cerr)) {}

TerminalEscaping::~TerminalEscaping() {
  std::cout.flush();
  std::cerr.flush();
}

} // namespace zonepath::cli
