// The parts of an nftables ruleset the importer models, read from `nft -j list ruleset`:
// chains with their rules reduced to match conditions and a verdict. Internal to the nftables
// importer (import_nftables.cpp reads the document and inlines jumps, import_nftables_expr.cpp
// reads one rule's expressions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange::nft {

using PortRanges = std::vector<std::pair<int, int>>;

// What a rule (or a chain of jumps) requires of a packet; an unset field matches anything.
struct Cond {
  std::optional<std::vector<Ipv4Net>> saddr, daddr;
  std::optional<PortRanges> dport;
  std::optional<std::vector<std::string>> iif, oif;
  std::optional<std::vector<std::string>> l4; // "tcp", "udp" (tcp dport, ip protocol, meta l4proto)
};

// Both conditions at once; false when no packet can meet them.
bool intersect(const Cond& a, const Cond& b, Cond& out);

enum class Verdict { None, Accept, Drop, Jump, Goto, Return };

struct Rule {
  int line = 0;
  std::string where; // "table inet filter, chain forward, handle 7"
  std::string comment;
  Cond cond;
  Verdict verdict = Verdict::None;
  std::string target; // chain of a jump or goto
  bool usable = true; // false: reported at parse time and left out
};

struct Chain {
  std::string family, table, name, type, hook, policy;
  long long prio = 0;
  int line = 0;
  std::vector<Rule> rules;
};

// Named sets by "family table name": their declared type and elements.
struct Set {
  std::string type;
  nlohmann::json elements = nlohmann::json::array();
};
using Sets = std::map<std::string, Set>;
inline std::string set_key(const std::string& family, const std::string& table, const std::string& name) {
  return family + " " + table + " " + name;
}

// A remark on one rule: level ("error": rule left out, "warning", "info") and message.
struct Remark {
  std::string level, message;
};

// Reads the "expr" list of a rule into its condition and verdict. Returns false (with an
// "error" remark saying why) when the rule cannot be translated; warnings and infos go to
// `remarks` either way.
bool read_expressions(const nlohmann::json& expr, const Sets& sets, const std::string& family,
                      const std::string& table, Rule& rule, std::vector<Remark>& remarks);

} // namespace zonepath::interchange::nft
