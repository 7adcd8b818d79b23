// The fast reader of raw graphs: simdjson's DOM parser (a validating, multi-GB/s parse) and
// one walk of its tape straight into the AttackGraphBuilder. It takes only documents that the
// checking reader (graph_json.cpp: nlohmann plus JsonChecker) accepts and builds the same
// graph; everything else, including what it could read but leaves alone (x- extension data,
// labels that are not strings, a UTF-8 byte order mark), makes it decline, and the caller runs
// the checking reader, whose diagnostics name the file, pointer, line and column.
#include <simdjson.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/limits.hpp"

#include "graph_name_index.hpp"

namespace zonepath {

// The reader's helpers, with its lookup tables (graph_name_index.hpp).
namespace fast_graph {

static_assert(simdjson::SIMDJSON_PADDING <= kInputPadding, "read_input_file must reserve simdjson's padding");

namespace dom = simdjson::dom;

// Thrown inside the walk when the document leaves the fast path; read_graph_fast catches it.
struct Decline {};

template <class T> T need(simdjson::simdjson_result<T> r) {
  T value;
  if (std::move(r).get(value) != simdjson::SUCCESS) throw Decline{};
  return value;
}

// A JSON number as JsonChecker::get_number reads it: integers convert, non-numbers decline.
// simdjson refuses what no double holds (1e999), as nlohmann does.
double number(dom::element v) {
  if (!v.is_number()) throw Decline{};
  return need(v.get_double());
}

std::string_view text_of(dom::element v) {
  return need(v.get_string());
}

// Index of `key` among `allowed`; declines on another key (unknown, or x- extension data whose
// values the checking reader scans for duplicate keys) and on a key given twice.
template <std::size_t N>
std::size_t key_index(std::string_view key, const std::string_view (&allowed)[N], unsigned& seen) {
  static_assert(N <= 32);
  for (std::size_t i = 0; i < N; ++i) {
    if (!same(allowed[i], key)) continue;
    if (seen & (1u << i)) throw Decline{};
    seen |= 1u << i;
    return i;
  }
  throw Decline{};
}

constexpr std::string_view kRootKeys[] = {"schema", "nodes", "edges"};
constexpr std::string_view kNodeKeys[] = {"id", "prior", "type", "label"};
constexpr std::string_view kEdgeKeys[] = {"from", "to",    "p",       "ttc",  "technique",    "cost",
                                          "via",  "means", "service", "port", "vulnerability"};
enum EdgeKey : unsigned {
  kFrom,
  kTo,
  kP,
  kTtc,
  kTechnique,
  kCost,
  kVia,
  kMeans,
  kService,
  kPort,
  kVulnerability
};

// The object's members by the position of their key in `allowed` (null: absent).
template <std::size_t N>
std::array<dom::element, N> members(dom::element v, const std::string_view (&allowed)[N], unsigned& seen) {
  std::array<dom::element, N> out{};
  for (auto field : need(v.get_object())) out[key_index(field.key, allowed, seen)] = field.value;
  return out;
}

// parse_ttc's rules: each distribution with exactly its parameters, in range.
TtcDistribution read_ttc(dom::element v) {
  unsigned seen = 0;
  static constexpr std::string_view keys[] = {"dist",  "mean",  "value", "mu",  "sigma",
                                              "shape", "scale", "low",   "high"};
  auto m = members(v, keys, seen);
  if (!(seen & 1u)) throw Decline{};
  auto only = [&](unsigned params) {
    if (seen != (1u | params)) throw Decline{};
  };
  auto at_least = [&](std::size_t i, bool strict) {
    double x = number(m[i]);
    if (strict ? !(x > 0) : !(x >= 0)) throw Decline{};
    return x;
  };
  std::string_view dist = text_of(m[0]);
  if (dist == "exponential") {
    only(1u << 1);
    return TtcDistribution::exponential(at_least(1, true));
  }
  if (dist == "fixed") {
    only(1u << 2);
    return TtcDistribution::fixed(at_least(2, false));
  }
  if (dist == "lognormal") {
    only(1u << 3 | 1u << 4);
    double mu = number(m[3]);
    return TtcDistribution::lognormal(mu, at_least(4, false));
  }
  if (dist == "gamma") {
    only(1u << 5 | 1u << 6);
    double shape = at_least(5, true);
    return TtcDistribution::gamma(shape, at_least(6, true));
  }
  if (dist == "uniform") {
    only(1u << 7 | 1u << 8);
    double low = at_least(7, false), high = at_least(8, false);
    if (high < low) throw Decline{};
    return TtcDistribution::uniform(low, high);
  }
  throw Decline{};
}

class FastGraphReader {
public:
  AttackGraph read(dom::element root) {
    unsigned seen = 0;
    auto top = members(root, kRootKeys, seen);
    if (seen != 7u || text_of(top[0]) != kGraphSchema) throw Decline{};
    dom::array nodes = need(top[1].get_array());
    NameIndex ids(nodes.size());
    read_nodes(nodes, ids);
    EdgeColumns columns;
    read_edges(need(top[2].get_array()), ids, columns);
    global_cancel_token().throw_if_cancelled();
    // The builder's own checks (limits) throw GraphError, which the caller turns into a
    // decline.
    return builder_.build(std::move(columns));
  }

private:
  void poll(std::size_t i) const {
    if ((i & 4095) == 0) global_cancel_token().throw_if_cancelled();
  }

  void read_nodes(dom::array nodes, NameIndex& ids) {
    builder_.reserve(nodes.size(), 0);
    std::size_t i = 0;
    for (dom::element n : nodes) {
      poll(i++);
      unsigned seen = 0;
      auto m = members(n, kNodeKeys, seen);
      if (!(seen & 1u)) throw Decline{};
      NodeSpec spec;
      std::string_view id = text_of(m[0]);
      if (id.empty()) throw Decline{};
      if (seen & 2u) {
        spec.prior = number(m[1]);
        if (spec.prior < 0 || spec.prior > 1) throw Decline{};
      }
      if (seen & 4u) {
        std::string_view type = text_of(m[2]);
        if (type == "and")
          spec.kind = NodeKind::And;
        else if (type != "or")
          throw Decline{};
      }
      // A label may be any value; only strings are sure to hold no duplicate key.
      if (seen & 8u) (void)text_of(m[3]);
      if (!ids.insert(id)) throw Decline{};
      spec.name = std::string(id);
      builder_.add_node(std::move(spec));
    }
  }

  void read_edges(dom::array edges, const NameIndex& ids, EdgeColumns& c) {
    c.reserve(edges.size());
    LabelTable technique, via;
    StepDetailTable details;
    // Edges come grouped by source in the files zonepath writes: the last source's lookup is
    // reused.
    std::string_view last_from;
    NodeId last_from_id = kNoNode;
    std::size_t i = 0;
    for (dom::element e : edges) {
      poll(i++);
      unsigned seen = 0;
      auto m = members(e, kEdgeKeys, seen);
      constexpr unsigned required = 1u << kFrom | 1u << kTo | 1u << kP;
      if ((seen & required) != required) throw Decline{};
      auto has = [&](EdgeKey k) { return (seen & (1u << k)) != 0; };
      std::string_view from = text_of(m[kFrom]);
      if (last_from_id == kNoNode || !same(from, last_from)) {
        last_from = from;
        if ((last_from_id = ids.find(from)) == kNoNode) throw Decline{};
      }
      const NodeId to = ids.find(text_of(m[kTo]));
      if (to == kNoNode) throw Decline{};
      const double p = number(m[kP]);
      if (p < 0 || p > 1) throw Decline{};
      double cost = 1.0;
      if (has(kCost) && (cost = number(m[kCost])) < 0) throw Decline{};
      c.push_plain(last_from_id, to, p, cost, has(kTtc) ? read_ttc(m[kTtc]) : default_ttc());
      if (has(kTechnique)) {
        const std::uint32_t id = technique.intern(text_of(m[kTechnique]));
        // The checking reader refuses a graph past the limit of distinct techniques.
        if (technique.size() > kMaxGraphTechniques + 1) throw Decline{};
        c.technique.back() = static_cast<std::uint16_t>(id);
      }
      if (has(kVia)) c.via.back() = via.intern(text_of(m[kVia]));
      c.detail.back() = details.intern(step_detail(m, has));
    }
    c.techniques = technique.release();
    c.vias = via.release();
    c.details = details.release();
  }

  // The edge's step detail as views into the document.
  template <class Has>
  static StepDetailRef step_detail(const std::array<dom::element, std::size(kEdgeKeys)>& m, const Has& has) {
    StepDetailRef d;
    if (has(kMeans)) d.means = text_of(m[kMeans]);
    if (has(kService)) d.service = text_of(m[kService]);
    if (has(kVulnerability)) d.vulnerability = text_of(m[kVulnerability]);
    if (has(kPort)) {
      // JsonChecker::as_integer also takes a whole float (80.0).
      double port = number(m[kPort]);
      if (!(port >= 1 && port <= 65535 && port == std::floor(port))) throw Decline{};
      d.port = static_cast<std::uint16_t>(port);
    }
    return d;
  }

  AttackGraphBuilder builder_;
};

} // namespace fast_graph

namespace {

bool fast_reader_disabled() {
  const char* reader = std::getenv("ZONEPATH_GRAPH_READER");
  return reader && std::string_view(reader) == "checking";
}

} // namespace

bool may_be_graph(std::string_view text) {
  const std::string_view schema = kGraphSchema;
  return ::memmem(text.data(), text.size(), schema.data(), schema.size()) != nullptr;
}

std::optional<AttackGraph> read_graph_fast(const std::string& text) {
  if (fast_reader_disabled() || !may_be_graph(text)) return std::nullopt;
  // nlohmann skips a UTF-8 byte order mark, simdjson does not; such files take the checking
  // reader. Strings are parsed in place when the text carries simdjson's padding.
  if (text.starts_with("\xEF\xBB\xBF")) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const bool copy = text.capacity() - text.size() < simdjson::SIMDJSON_PADDING;
  if (parser.parse(text.data(), text.size(), copy).get(root) != simdjson::SUCCESS) return std::nullopt;
  try {
    return fast_graph::FastGraphReader().read(root);
  } catch (const fast_graph::Decline&) {
    return std::nullopt;
  } catch (const GraphError&) {
    return std::nullopt;
  }
}

} // namespace zonepath
