#include "zonepath/core/markov_chain.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include "zonepath/core/error.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath {

namespace {

using SpMat = Eigen::SparseMatrix<double>; // column-major, as SparseLU requires
using Vec = Eigen::VectorXd;
constexpr std::uint32_t kNoColumn = ~std::uint32_t{0};

// One factorisation (or preconditioner) of a matrix, many right-hand sides.
class LinearSolver {
public:
  LinearSolver(const SpMat& a, const MarkovOptions& opt)
      : opt_(opt), iterative_(a.rows() > Eigen::Index(opt.iterative_above)) {
    if (iterative_) {
      bicg_.compute(a);
      bicg_.setTolerance(opt.tolerance);
    } else {
      lu_.analyzePattern(a);
      lu_.factorize(a);
      if (lu_.info() != Eigen::Success)
        throw AnalysisError("Markov chain: I - Q is singular (with give_up = 0 the walk can cycle forever)");
    }
  }
  const char* name() const { return iterative_ ? "bicgstab" : "sparse-lu"; }
  std::size_t iterations = 0;
  double error = 0.0;

  Vec solve(const Vec& b) {
    if (!iterative_) return lu_.solve(b);
    Vec x = Vec::Zero(b.size());
    iterations = 0;
    error = 0.0;
    if (b.isZero(0.0)) return x;
    // Chunks of iterations so that cancellation is honoured during long solves.
    const std::size_t chunk = 200;
    while (iterations < opt_.max_iterations) {
      check_cancel(opt_.cancel);
      bicg_.setMaxIterations(Eigen::Index(std::min(chunk, opt_.max_iterations - iterations)));
      x = bicg_.solveWithGuess(b, x);
      iterations += std::size_t(bicg_.iterations());
      error = bicg_.error();
      if (bicg_.info() == Eigen::Success) return x;
      if (bicg_.info() == Eigen::NumericalIssue) break;
    }
    throw AnalysisError("Markov chain: BiCGSTAB did not converge (relative error " + format_fixed(error, 6) +
                        " after " + std::to_string(iterations) + " iterations)");
  }

private:
  const MarkovOptions& opt_;
  bool iterative_;
  Eigen::SparseLU<SpMat, Eigen::COLAMDOrdering<int>> lu_;
  Eigen::BiCGSTAB<SpMat, Eigen::DiagonalPreconditioner<double>> bicg_;
};

void check_finite(const MarkovRow& row) {
  bool ok = std::isfinite(row.gave_up) && std::isfinite(row.dead_end) && std::isfinite(row.expected_steps);
  for (double a : row.absorption) ok = ok && std::isfinite(a);
  if (!ok) throw AnalysisError("Markov chain: the solution is not finite (singular system)");
}

} // namespace

MarkovResult absorbing_markov_chain(const AttackGraph& g, std::span<const NodeId> sources,
                                    std::span<const NodeId> targets, const MarkovOptions& opt) {
  const std::size_t n = g.node_count();
  for (NodeId s : sources)
    if (s >= n) throw GraphError("source node id " + std::to_string(s) + " out of range");
  for (NodeId t : targets)
    if (t >= n) throw GraphError("target node id " + std::to_string(t) + " out of range");
  const double give_up = opt.give_up;
  if (!(give_up >= 0.0 && give_up <= 1.0)) throw AnalysisError("Markov chain: give_up must be within [0, 1]");
  if (!(opt.tolerance > 0.0)) throw AnalysisError("Markov chain: tolerance must be > 0");

  const std::size_t nt = targets.size();
  std::vector<std::uint32_t> target_col(n, kNoColumn);
  for (std::size_t i = 0; i < nt; ++i)
    if (target_col[targets[i]] == kNoColumn) target_col[targets[i]] = std::uint32_t(i);

  MarkovResult result;
  double prior_sum = 0.0;
  for (NodeId s : sources)
    if (g.prior(s) > 0.0 &&
        std::find(result.sources.begin(), result.sources.end(), s) == result.sources.end()) {
      result.sources.push_back(s);
      prior_sum += g.prior(s);
    }
  if (!(prior_sum > 0.0)) throw AnalysisError("Markov chain: no source with a prior above 0");

  // Transient states: nodes the walk can visit (reachable from a source without passing a
  // target) that are neither targets nor dead ends.
  auto weight_out = [&](NodeId u) {
    double w = 0.0;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) w += g.p(e);
    return w;
  };
  std::vector<std::uint32_t> state(n, kNoColumn); // transient index
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<NodeId> order, stack;
  for (NodeId s : result.sources)
    if (!seen[s]) {
      seen[s] = 1;
      stack.push_back(s);
    }
  while (!stack.empty()) {
    const NodeId u = stack.back();
    stack.pop_back();
    if (target_col[u] != kNoColumn || !(weight_out(u) > 0.0)) continue;
    state[u] = std::uint32_t(order.size());
    order.push_back(u);
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (g.p(e) > 0.0 && !seen[g.to(e)]) {
        seen[g.to(e)] = 1;
        stack.push_back(g.to(e));
      }
  }
  check_cancel(opt.cancel);
  const Eigen::Index ts = Eigen::Index(order.size());
  result.transient_states = order.size();

  // A = I - Q; R has one column per target and a last one for dead ends.
  std::vector<Eigen::Triplet<double>> a_entries, r_entries;
  a_entries.reserve(order.size() * 4);
  for (Eigen::Index i = 0; i < ts; ++i) {
    const NodeId u = order[i];
    const double w = weight_out(u);
    double moved = 0.0, self = 0.0;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const double p = g.p(e);
      if (!(p > 0.0)) continue;
      const double q = (1.0 - give_up) * p * p / w;
      moved += p * p / w;
      const NodeId v = g.to(e);
      if (v == u)
        self += q;
      else if (state[v] != kNoColumn)
        a_entries.emplace_back(i, Eigen::Index(state[v]), -q);
      else if (target_col[v] != kNoColumn)
        r_entries.emplace_back(i, Eigen::Index(target_col[v]), q);
      else
        r_entries.emplace_back(i, Eigen::Index(nt), q); // dead end
    }
    const double stay = (1.0 - give_up) * std::max(0.0, 1.0 - moved) + self;
    a_entries.emplace_back(i, i, 1.0 - stay);
  }
  SpMat a(ts, ts), r(ts, Eigen::Index(nt + 1));
  a.setFromTriplets(a_entries.begin(), a_entries.end()); // duplicates (parallel edges) add up
  r.setFromTriplets(r_entries.begin(), r_entries.end());
  a_entries = {};
  r_entries = {};

  // Start distribution; sources that absorb at once contribute directly.
  Vec pi = Vec::Zero(ts);
  MarkovRow& row = result.weighted;
  row.absorption.assign(nt, 0.0);
  for (NodeId s : result.sources) {
    const double w = g.prior(s) / prior_sum;
    if (state[s] != kNoColumn)
      pi[state[s]] += w;
    else if (target_col[s] != kNoColumn)
      row.absorption[target_col[s]] += w;
    else
      row.dead_end += w;
  }
  result.solver = "none";
  if (ts > 0) {
    SpMat at = a.transpose();
    LinearSolver solver_t(at, opt);
    check_cancel(opt.cancel);
    const Vec y = solver_t.solve(pi); // expected visits to each transient node
    result.solver = solver_t.name();
    result.iterations = solver_t.iterations;
    result.residual = solver_t.error;
    const Vec absorbed = r.transpose() * y;
    for (std::size_t j = 0; j < nt; ++j) row.absorption[j] += absorbed[Eigen::Index(j)];
    row.dead_end += absorbed[Eigen::Index(nt)];
    row.expected_steps = y.sum();
    row.gave_up = give_up * row.expected_steps;
  }
  // A repeated target reports the same absorption as its first occurrence.
  for (std::size_t j = 0; j < nt; ++j) row.absorption[j] = row.absorption[target_col[targets[j]]];
  check_finite(row);

  if (opt.per_source) {
    // (I - Q) X = [R | 1], column by column; one row of X per source.
    result.per_source.assign(result.sources.size(), MarkovRow{});
    std::optional<LinearSolver> solver;
    if (ts > 0) solver.emplace(a, opt);
    for (std::size_t k = 0; k < result.sources.size(); ++k) {
      MarkovRow& rk = result.per_source[k];
      rk.absorption.assign(nt, 0.0);
      const NodeId s = result.sources[k];
      if (state[s] == kNoColumn) {
        if (target_col[s] != kNoColumn)
          rk.absorption[target_col[s]] = 1.0;
        else
          rk.dead_end = 1.0;
      }
    }
    if (ts > 0) {
      for (Eigen::Index c = 0; c <= Eigen::Index(nt) + 1; ++c) {
        check_cancel(opt.cancel);
        const Vec b = c <= Eigen::Index(nt) ? Vec(r.col(c)) : Vec::Ones(ts);
        const Vec x = solver->solve(b);
        for (std::size_t k = 0; k < result.sources.size(); ++k) {
          const std::uint32_t i = state[result.sources[k]];
          if (i == kNoColumn) continue;
          MarkovRow& rk = result.per_source[k];
          if (c < Eigen::Index(nt))
            rk.absorption[std::size_t(c)] = x[i];
          else if (c == Eigen::Index(nt))
            rk.dead_end = x[i];
          else
            rk.expected_steps = x[i];
        }
      }
      for (std::size_t k = 0; k < result.sources.size(); ++k) {
        MarkovRow& rk = result.per_source[k];
        if (state[result.sources[k]] != kNoColumn) rk.gave_up = give_up * rk.expected_steps;
        for (std::size_t j = 0; j < nt; ++j) rk.absorption[j] = rk.absorption[target_col[targets[j]]];
        check_finite(rk);
      }
    }
  }
  return result;
}

} // namespace zonepath
