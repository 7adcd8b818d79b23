// What the Python Site wraps: the site document as given (for to_dict and pickling) and the
// loaded model, or the validation problems that kept it from loading.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::py_bindings {

struct SiteHandle {
  std::string name; // file path, or "<dict>"
  std::string text; // the JSON text (a file's own bytes, or a dump of a dict)
  std::shared_ptr<const JsonDocument> doc;
  models::SitePtr site;           // null when the document is not a valid site
  std::vector<Diagnostic> errors; // why it is not

  // Parses (ParseError on malformed JSON) and validates, keeping validation problems.
  static std::shared_ptr<SiteHandle> from_document(JsonDocument doc, std::string text);
  // The model; throws ValidationError with every problem when the site is invalid.
  const models::Site& require() const;
};

} // namespace zonepath::py_bindings
