// Time-to-compromise distributions of attack steps (MAL/securiCAD style), in days.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "zonepath/core/log_unit.hpp"

namespace zonepath {

enum class TtcKind : std::uint8_t { Fixed, Exponential, LogNormal, Gamma, Uniform };

// Parameters by kind: Fixed{a = value}; Exponential{a = mean}; LogNormal{a = mu, b = sigma};
// Gamma{a = shape, b = scale}; Uniform{a = low, b = high}. Stored as float to keep edges small.
struct TtcDistribution {
  TtcKind kind = TtcKind::Fixed;
  float a = 0.0f;
  float b = 0.0f;

  static TtcDistribution fixed(double value) { return {TtcKind::Fixed, float(value), 0.0f}; }
  static TtcDistribution exponential(double mean) { return {TtcKind::Exponential, float(mean), 0.0f}; }
  static TtcDistribution lognormal(double mu, double sigma) {
    return {TtcKind::LogNormal, float(mu), float(sigma)};
  }
  static TtcDistribution gamma(double shape, double scale) {
    return {TtcKind::Gamma, float(shape), float(scale)};
  }
  static TtcDistribution uniform(double low, double high) {
    return {TtcKind::Uniform, float(low), float(high)};
  }

  double mean() const;
  // Draws one duration; deterministic for a given stream (Rng: see rng.hpp).
  template <class Rng> double sample(Rng& rng) const {
    switch (kind) {
    case TtcKind::Fixed:
      return a;
    case TtcKind::Exponential:
      return -double(a) * log_unit(rng.open_uniform());
    case TtcKind::LogNormal:
      return std::exp(double(a) + double(b) * rng.normal());
    case TtcKind::Uniform:
      return double(a) + (double(b) - a) * rng.uniform();
    case TtcKind::Gamma:
      return sample_gamma(rng, a) * b;
    }
    return a;
  }

  std::string name() const; // "exponential", "lognormal", ...

private:
  // Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape).
  template <class Rng> static double sample_gamma(Rng& rng, double shape) {
    if (shape < 1.0) return sample_gamma(rng, shape + 1.0) * std::pow(rng.open_uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = rng.normal(), v = 1.0 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      double u = rng.open_uniform();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }
};

} // namespace zonepath
