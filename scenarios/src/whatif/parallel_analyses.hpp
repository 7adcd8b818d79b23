// Progress of analyses that run side by side (what-if scenarios and their baseline, two designs,
// before and after a change). They cannot open phases on the caller's reporter: phases nest on
// the one thread that drives them. Each analysis reports to a reporter of its own instead, and
// the Monte Carlo samples it draws, the bulk of its work, are counted into one phase of the
// caller whose total is known before any analysis starts.
#pragma once

#include <cstdint>

#include "zonepath/models/analysis.hpp"

namespace zonepath::scenarios::detail {

// The samples analyze_site(site, options) draws: every threat actor of the site without
// countermeasures (for SL-T), then each selected actor (all when none is named) with them.
std::uint64_t analysis_samples(const models::Site& site, const models::AnalysisOptions& options);

// analyze_site, counting its samples into the current phase of options.progress as they are
// drawn. Any number may run at once (the count is one atomic add); the result is the same as
// without progress. A null options.progress: plain analyze_site.
models::Report analyze_counting_samples(const models::Site& site, models::AnalysisOptions options);

} // namespace zonepath::scenarios::detail
