// Warnings of the loaders: a model that loads but is probably not what was meant (a protocol
// name one letter off the catalog's). They travel with what was loaded (Site::warnings) and go
// to the sink the application installs: the CLI prints each once on stderr; the default sink
// drops them.
#pragma once

#include <functional>

#include "zonepath/core/error.hpp"

namespace zonepath {

using WarningSink = std::function<void(const Diagnostic&)>;

// Replaces the process-wide sink (thread-safe); an empty sink drops warnings.
void set_warning_sink(WarningSink sink);
// Passes a warning to the sink.
void emit_warning(const Diagnostic& d);

} // namespace zonepath
