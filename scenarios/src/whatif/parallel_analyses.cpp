#include "parallel_analyses.hpp"

#include "zonepath/core/progress.hpp"

namespace zonepath::scenarios::detail {

namespace {

// Turns the "Monte Carlo <actor>" phases of one analysis into samples counted on the caller's
// reporter. Called under the analysis's own reporter lock, so it needs no lock of its own.
class SampleForwarder final : public ProgressSink {
public:
  explicit SampleForwarder(ProgressReporter& parent) : parent_(parent) {}
  void on_event(const ProgressEvent& e) override {
    if (!e.phase.starts_with("Monte Carlo ")) return;
    if (e.kind == ProgressEventKind::begin) {
      counted_ = 0;
      return;
    }
    if (e.done > counted_) {
      parent_.advance(e.done - counted_);
      counted_ = e.done;
    }
  }

private:
  ProgressReporter& parent_;
  std::uint64_t counted_ = 0; // of the Monte Carlo phase under way
};

} // namespace

std::uint64_t analysis_samples(const models::Site& site, const models::AnalysisOptions& options) {
  const std::uint64_t actors = site.threat_actors.size();
  const std::uint64_t selected = options.threats.empty() ? actors : options.threats.size();
  return options.samples * (actors + selected);
}

models::Report analyze_counting_samples(const models::Site& site, models::AnalysisOptions options) {
  ProgressReporter* parent = options.progress;
  if (!parent) return models::analyze_site(site, options);
  SampleForwarder forward(*parent);
  ProgressOptions own_options;
  own_options.min_interval = 0.05; // forwarded more often than the caller draws
  ProgressReporter own(&forward, own_options);
  options.progress = &own;
  models::Report report = models::analyze_site(site, options);
  own.finish();
  return report;
}

} // namespace zonepath::scenarios::detail
