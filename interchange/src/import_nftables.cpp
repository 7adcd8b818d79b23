// nftables JSON (`nft -j list ruleset`) -> FirewallRule list: the forward base chains of ip and
// inet tables in hook priority order, jumps and gotos inlined with bounds, the policy last.
#include "zonepath/interchange/import_nftables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "nftables_ruleset.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::interchange {

using nlohmann::json;

namespace nft {
namespace {

struct Document {
  std::vector<Chain> chains; // document order
  Sets sets;
};

std::string str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

// Chains, sets and rules of the document; each rule's expressions read once, with the remarks
// reported at the rule's line.
Document read_document(const JsonDocument& doc, const std::string& name, std::vector<ImportNote>& notes) {
  const json& items = doc.root()["nftables"];
  std::vector<Diagnostic> where(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) where[i].pointer = "/nftables/" + std::to_string(i);
  doc.locate(where);
  Document d;
  std::map<std::string, std::size_t> chain_index;
  std::set<std::string> reported_tables;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    if (!item.is_object()) continue;
    if (auto it = item.find("chain"); it != item.end() && it->is_object()) {
      Chain c{str(*it, "family"),
              str(*it, "table"),
              str(*it, "name"),
              str(*it, "type"),
              str(*it, "hook"),
              str(*it, "policy"),
              0,
              where[i].line,
              {}};
      if (auto p = it->find("prio"); p != it->end() && p->is_number_integer()) c.prio = p->get<long long>();
      chain_index[set_key(c.family, c.table, c.name)] = d.chains.size();
      d.chains.push_back(std::move(c));
    } else if (auto s = item.find("set"); s != item.end() && s->is_object()) {
      Set set;
      set.type = s->contains("type") ? (*s)["type"].dump() : "";
      if (s->contains("elem")) set.elements = (*s)["elem"];
      d.sets[set_key(str(*s, "family"), str(*s, "table"), str(*s, "name"))] = std::move(set);
    } else if (auto t = item.find("table"); t != item.end() && t->is_object()) {
      std::string family = str(*t, "family");
      if (family != "ip" && family != "inet" && reported_tables.insert(family + " " + str(*t, "name")).second)
        notes.push_back({name, where[i].line, family == "ip6" ? "warning" : "info",
                         "table " + family + " " + str(*t, "name") + " not modelled (" +
                             (family == "ip6" ? std::string("IPv6") : "not IPv4 forwarding") + ")",
                         str(*t, "name")});
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    auto it = item.is_object() ? item.find("rule") : item.end();
    if (it == item.end() || !it->is_object()) continue;
    const json& r = *it;
    std::string family = str(r, "family"), table = str(r, "table"), chain = str(r, "chain");
    auto ci = chain_index.find(set_key(family, table, chain));
    if (ci == chain_index.end() || (family != "ip" && family != "inet")) continue;
    Chain& c = d.chains[ci->second];
    Rule rule;
    rule.line = where[i].line;
    rule.where = "table " + family + " " + table + ", chain " + chain + ", handle " +
                 (r.contains("handle") ? r["handle"].dump() : "?");
    rule.comment = str(r, "comment");
    std::vector<Remark> remarks;
    if (c.type == "nat") {
      remarks.push_back({"warning", "NAT rule not translated: the model has no address translation"});
      rule.usable = false;
    } else {
      rule.usable = read_expressions(r.value("expr", json()), d.sets, family, table, rule, remarks);
      if (rule.usable && rule.verdict == Verdict::Return &&
          (rule.cond.saddr || rule.cond.daddr || rule.cond.dport || rule.cond.iif || rule.cond.oif))
        remarks.push_back({"warning",
                           "conditional return not modelled: the chain's later rules are kept as if it "
                           "were absent"});
    }
    bool modelled_chain = c.hook.empty() || c.hook == "forward";
    for (const auto& m : remarks)
      if (modelled_chain || m.level == "warning")
        notes.push_back(
            {name, rule.line, m.level, m.message + (m.level == "error" ? "; rule skipped" : ""), rule.where});
    c.rules.push_back(std::move(rule));
  }
  return d;
}

struct Flattener {
  const std::string& name;
  std::vector<ImportNote>& notes;
  const NftablesOptions& options;
  std::map<std::string, const Chain*> chains;
  std::size_t visited = 0;
  std::int64_t next_priority = 10;
  std::vector<FirewallRule> out;

  [[noreturn]] void limit(const Chain& chain, const std::string& why) const {
    throw LimitError(name + ": chain " + chain.name + " (table " + chain.family + " " + chain.table +
                     "): " + why);
  }

  void emit_rule(const Rule& rule, const Cond& c, bool allow, const std::string& description = {}) {
    std::vector<std::string> iifs = c.iif ? *c.iif : std::vector<std::string>{""};
    std::vector<std::string> oifs = c.oif ? *c.oif : std::vector<std::string>{""};
    for (const auto& i : iifs)
      for (const auto& o : oifs) {
        FirewallRule r;
        r.file = name;
        r.line = rule.line;
        r.allow = allow;
        r.priority = next_priority;
        next_priority += 10;
        r.src_interface = i;
        r.dst_interface = o;
        if (c.saddr) r.src_nets = *c.saddr;
        if (c.daddr) r.dst_nets = *c.daddr;
        if (c.dport)
          for (auto [lo, hi] : *c.dport) add_port_range(r, lo, hi);
        if (c.l4 && c.l4->size() == 1 && ((*c.l4)[0] == "tcp" || (*c.l4)[0] == "udp"))
          r.transport = (*c.l4)[0];
        r.description = !description.empty() ? description : rule.comment.empty() ? rule.where : rule.comment;
        out.push_back(std::move(r));
      }
  }

  // Inlines `chain` under the conditions of the rules that jumped to it.
  void emit(const Chain& chain, const Cond& outer, int depth, const Chain& base) {
    if (depth > options.max_jump_depth)
      limit(chain, "jumps nested deeper than " + std::to_string(options.max_jump_depth) + " (a loop?)");
    for (const Rule& rule : chain.rules) {
      if (++visited > options.max_inlined_rules)
        limit(chain, "inlining its jumps visits more than " + std::to_string(options.max_inlined_rules) +
                         " rules (chains jumped into from many places multiply)");
      if (!rule.usable) continue;
      Cond c;
      if (!intersect(outer, rule.cond, c)) continue; // the jump's conditions exclude this rule
      bool tcp_or_udp = !c.l4 || std::any_of(c.l4->begin(), c.l4->end(),
                                             [](const std::string& p) { return p == "tcp" || p == "udp"; });
      if (!tcp_or_udp) continue; // sctp, dccp, gre, ...: no modelled service speaks them
      switch (rule.verdict) {
      case Verdict::Accept:
      case Verdict::Drop:
        emit_rule(rule, c, rule.verdict == Verdict::Accept);
        break;
      case Verdict::Jump:
      case Verdict::Goto: {
        auto it = chains.find(set_key(chain.family, chain.table, rule.target));
        if (it == chains.end()) {
          notes.push_back({name, rule.line, "error",
                           "jump to chain '" + rule.target +
                               "' which is not in the table; "
                               "rule skipped",
                           rule.where});
          break;
        }
        emit(*it->second, c, depth + 1, base);
        // A goto does not come back: what its chain leaves undecided meets the base policy.
        if (rule.verdict == Verdict::Goto && depth == 0)
          emit_rule(rule, c, base.policy != "drop",
                    "goto " + rule.target + " (" + rule.where +
                        "): what it leaves undecided meets the chain policy");
        else if (rule.verdict == Verdict::Goto)
          notes.push_back(
              {name, rule.line, "warning", "goto inside a jumped-to chain modelled like a jump", rule.where});
        break;
      }
      case Verdict::Return:
        if (!rule.cond.saddr && !rule.cond.daddr && !rule.cond.dport && !rule.cond.iif && !rule.cond.oif)
          return;
        break;
      case Verdict::None:
        break;
      }
    }
  }
};

} // namespace
} // namespace nft

bool is_nftables_json(const std::string& text) {
  std::size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string::npos || text[i] != '{') return false;
  i = text.find_first_not_of(" \t\r\n", i + 1);
  return i != std::string::npos && text.compare(i, 10, "\"nftables\"") == 0;
}

std::vector<FirewallRule> parse_nftables_json(const std::string& text, const std::string& name,
                                              std::vector<ImportNote>& notes,
                                              const NftablesOptions& options) {
  JsonDocument doc = JsonDocument::parse(text, name);
  if (!doc.root().is_object() || !doc.root().contains("nftables") || !doc.root()["nftables"].is_array())
    throw ParseError(doc.diagnostic("",
                                    "not an nftables ruleset: expected {\"nftables\": [...]} as printed by "
                                    "`nft -j list ruleset`"));
  nft::Document d = nft::read_document(doc, name, notes);
  nft::Flattener f{name, notes, options, {}, 0, 10, {}};
  std::vector<const nft::Chain*> bases;
  for (const auto& c : d.chains) {
    f.chains[nft::set_key(c.family, c.table, c.name)] = &c;
    if (c.family != "ip" && c.family != "inet") continue;
    if (c.hook == "forward" && c.type == "filter") {
      bases.push_back(&c);
    } else if (!c.hook.empty() && c.type != "nat" && !c.rules.empty()) {
      notes.push_back(
          {name, c.line, "info",
           "chain " + c.name + " (hook " + c.hook + ") not modelled: " +
               (c.hook == "input" || c.hook == "output" ? "traffic to or from the firewall itself"
                                                        : "only the forward hook filters between zones"),
           std::to_string(c.rules.size()) + " rules"});
    }
  }
  std::stable_sort(bases.begin(), bases.end(),
                   [](const nft::Chain* a, const nft::Chain* b) { return a->prio < b->prio; });
  if (bases.size() > 1)
    notes.push_back({name, bases[1]->line, "warning",
                     std::to_string(bases.size()) +
                         " forward base chains are read as one list in priority order: an "
                         "accept in an earlier chain is final here, while nftables still "
                         "passes the packet to the later chains",
                     ""});
  bool drop = false;
  for (const nft::Chain* base : bases) {
    f.emit(*base, nft::Cond{}, 0, *base);
    drop |= base->policy == "drop";
  }
  if (!bases.empty()) {
    FirewallRule policy;
    policy.file = name;
    policy.line = bases.front()->line;
    policy.policy = true;
    policy.allow = !drop;
    policy.description = std::string("forward policy ") + (drop ? "drop" : "accept");
    f.out.push_back(policy);
  } else {
    notes.push_back({name, 0, "warning",
                     "no filter chain on the forward hook of an ip or inet table: nothing to import", ""});
  }
  return std::move(f.out);
}

} // namespace zonepath::interchange
