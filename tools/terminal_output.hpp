// What the CLI prints passes through terminal_escape (core/text_escape.hpp): ids, names and
// messages come from input files, and an ESC or OSC sequence in them must not reach the
// terminal raw (it could recolour, retitle or forge a line such as "ok").
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>

namespace zonepath::cli {

// While alive, std::cout and std::cerr escape control characters; restores them when destroyed.
class TerminalEscaping {
public:
  TerminalEscaping();
  ~TerminalEscaping();
  TerminalEscaping(const TerminalEscaping&) = delete;
  TerminalEscaping& operator=(const TerminalEscaping&) = delete;

private:
  class Buf;
  std::unique_ptr<Buf> out_, err_;
};

} // namespace zonepath::cli
