#include "zonepath/core/ttc.hpp"

#include <cmath>

namespace zonepath {

double TtcDistribution::mean() const {
  switch (kind) {
  case TtcKind::Fixed:
    return a;
  case TtcKind::Exponential:
    return a;
  case TtcKind::LogNormal:
    return std::exp(double(a) + double(b) * b / 2.0);
  case TtcKind::Gamma:
    return double(a) * b;
  case TtcKind::Uniform:
    return (double(a) + b) / 2.0;
  }
  return a;
}

std::string TtcDistribution::name() const {
  switch (kind) {
  case TtcKind::Fixed:
    return "fixed";
  case TtcKind::Exponential:
    return "exponential";
  case TtcKind::LogNormal:
    return "lognormal";
  case TtcKind::Gamma:
    return "gamma";
  case TtcKind::Uniform:
    return "uniform";
  }
  return "fixed";
}

} // namespace zonepath
