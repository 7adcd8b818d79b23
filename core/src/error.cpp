#include "zonepath/core/error.hpp"

namespace zonepath {

std::string Diagnostic::format() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) {
    out.push_back(':');
    out.append(std::to_string(line));
    out.push_back(':');
    out.append(std::to_string(column));
  }
  out += ": ";
  out += pointer.empty() ? "/" : pointer;
  out += ": " + message;
  if (!value.empty()) out += " (value: " + value + ")";
  if (!suggestion.empty()) out += "; " + suggestion;
  return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    if (!out.empty()) out += '\n';
    out += d.format();
  }
  return out;
}
} // namespace

ParseError::ParseError(Diagnostic d) : Error(d.format()), diagnostic_(std::move(d)) {}

ValidationError::ValidationError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

} // namespace zonepath
