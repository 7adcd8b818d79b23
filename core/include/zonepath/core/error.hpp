// The one exception hierarchy of zonepath: every stage throws its own subclass of
// zonepath::Error, and third-party errors are translated into these at the boundary.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zonepath {

// Where a problem sits in an input file, and what was found there.
struct Diagnostic {
  std::string file;       // path as given by the user, or "<memory>"
  std::string pointer;    // RFC 6901 JSON pointer, "" for the document root
  int line = 0;           // 1-based, 0 when unknown
  int column = 0;         // 1-based, 0 when unknown
  std::string value;      // the offending value, abbreviated
  std::string message;    // what is wrong
  std::string suggestion; // how to fix it, may be empty

  // "site.json:12:7: /zones/3/kind: unknown zone kind 'dmzz' (did you mean 'dmz'?)"
  std::string format() const;
};

// As `validate --json` lists it and Python's ParseError.diagnostic holds it.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Diagnostic, file, pointer, line, column, value, message, suggestion)

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Reading or parsing an input file failed (I/O, malformed JSON, limits).
class ParseError : public Error {
public:
  explicit ParseError(Diagnostic d);
  const Diagnostic& diagnostic() const { return diagnostic_; }

private:
  Diagnostic diagnostic_;
};

// A well-formed document breaks the schema or the model's rules; holds every problem found.
class ValidationError : public Error {
public:
  explicit ValidationError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

// clang-format off
class GraphError : public Error { using Error::Error; };     // engine misuse or bad graph
class ModelError : public Error { using Error::Error; };     // IEC 62443 model stage
class AnalysisError : public Error { using Error::Error; };  // an analysis cannot run
class ScenarioError : public Error { using Error::Error; };  // what-if / compare / plan
class RenderError : public Error { using Error::Error; };    // Graphviz and report writers
class StoreError : public Error { using Error::Error; };     // SQLite results store, files
class LimitError : public Error { using Error::Error; };     // a configured limit was exceeded
class CancelledError : public Error { using Error::Error; }; // the run was interrupted
// clang-format on

} // namespace zonepath
