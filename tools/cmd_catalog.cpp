// `zonepath catalog [NAME] [--json]`: prints one of the compiled-in catalogs, so analysts can see
// (and cite) exactly which SR/RE table, protocol facts and crosswalk a result was computed with.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "command.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/catalog_protocols.hpp"
#include "zonepath/models/catalog_requirements.hpp"
#include "zonepath/models/catalog_techniques.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::catalog_command {
namespace {

using nlohmann::json;
namespace zm = zonepath::models;

using Row = std::vector<std::string>;

// Terminal columns of a UTF-8 string: the flags use ✔ ◐ ⚠, one column but three bytes each.
std::size_t columns(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void print_table(const Row& header, const std::vector<Row>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t k = 0; k < header.size(); ++k) width[k] = columns(header[k]);
  for (const Row& r : rows) {
    for (std::size_t k = 0; k < r.size(); ++k) width[k] = std::max(width[k], columns(r[k]));
  }
  auto line = [&](const Row& r) {
    std::string out;
    for (std::size_t k = 0; k < r.size(); ++k) {
      out += r[k];
      if (k + 1 < r.size()) out.append(width[k] - columns(r[k]) + 2, ' ');
    }
    // Empty trailing cells would leave blanks at the end of the line.
    out.erase(out.find_last_not_of(' ') + 1);
    std::cout << out << '\n';
  };
  line(header);
  Row rule;
  for (std::size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const Row& r : rows) line(r);
}

template <class Seq, class F> std::string join(const Seq& seq, const std::string& sep, F&& f) {
  std::string out;
  for (const auto& x : seq) {
    if (!out.empty()) out += sep;
    out += f(x);
  }
  return out;
}

std::string level(std::optional<double> p) {
  if (!p) return "any";
  std::ostringstream os;
  os << *p;
  return os.str();
}

json level_json(std::optional<double> p) {
  return p ? json(*p) : json(nullptr);
}

void requirements(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& r : zm::requirements()) {
    out.push_back({{"id", r.id},
                   {"fr", r.fr},
                   {"fr_abbrev", zm::fr_abbrev(r.fr)},
                   {"title", r.title},
                   {"min_sl", r.min_sl},
                   {"parent", r.parent.empty() ? json(nullptr) : json(r.parent)},
                   {"flag", r.flag},
                   {"iso27001", zm::iso27001_for(r.id)}});
    rows.push_back({r.id, std::string(zm::fr_abbrev(r.fr)), std::to_string(r.min_sl),
                    (r.re ? "  " : "") + r.title, r.flag});
  }
  if (as_json) return print_json(out);
  print_table({"ID", "FR", "MIN SL", "TITLE", "FLAG"}, rows);
  std::cout << "\nmin_sl: lowest SL-T in that FR at which IEC 62443-3-3 selects the SR or RE.\n";
}

void component_requirements(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& c : zm::component_requirements()) {
    out.push_back({{"id", c.id},
                   {"fr", c.fr},
                   {"title", c.title},
                   {"component_types", c.component_types.empty() ? "all" : c.component_types},
                   {"parent", c.parent.empty() ? json(nullptr) : json(c.parent)},
                   {"flag", c.flag}});
    rows.push_back(
        {c.id, c.component_types.empty() ? "all" : c.component_types, (c.re ? "  " : "") + c.title, c.flag});
  }
  if (as_json) return print_json(out);
  print_table({"ID", "TYPES", "TITLE", "FLAG"}, rows);
}

void protocols(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& p : zm::protocols()) {
    out.push_back({{"name", p.name},
                   {"display", p.display},
                   {"ports", p.ports},
                   {"transport", zm::to_string(p.transport)},
                   {"auth", zm::to_string(p.auth)},
                   {"industrial", p.industrial},
                   {"secure_variant", p.secure_variant.empty() ? json(nullptr) : json(p.secure_variant)},
                   {"category", p.category},
                   {"remote_service", p.remote_service},
                   {"note", p.note}});
    rows.push_back({std::string(p.name), join(p.ports, ",", [](int port) { return std::to_string(port); }),
                    std::string(zm::to_string(p.transport)), std::string(zm::to_string(p.auth)),
                    p.industrial ? "yes" : "no", std::string(p.secure_variant), std::string(p.category),
                    p.remote_service ? "yes" : "no", std::string(p.note)});
  }
  if (as_json) return print_json(out);
  print_table(
      {"NAME", "PORTS", "TRANSPORT", "AUTH", "ICS", "SECURE VARIANT", "CATEGORY", "REMOTE SVC", "NOTE"},
      rows);
}

void techniques(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  auto tactic_name = [](std::string_view id) {
    const zm::Tactic* t = zm::find_tactic(id);
    return t ? std::string(t->name) : std::string(id);
  };
  for (const auto& t : zm::techniques()) {
    out.push_back({{"id", t.id},
                   {"name", t.name},
                   {"tactics", t.tactics},
                   {"url", zm::technique_url(t.id)},
                   {"note", t.note}});
    rows.push_back(
        {std::string(t.id), std::string(t.name), join(t.tactics, ", ", tactic_name), std::string(t.note)});
  }
  if (as_json) return print_json(out);
  print_table({"ID", "NAME", "TACTICS", "NOTE"}, rows);
  std::cout << "\nDeprecated, rejected in models: "
            << join(zm::deprecated_techniques(), ", ", [](std::string_view id) { return std::string(id); })
            << '\n';
}

void tactics(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& t : zm::tactics()) {
    out.push_back({{"id", t.id}, {"name", t.name}});
    rows.push_back({std::string(t.id), std::string(t.name)});
  }
  if (as_json) return print_json(out);
  print_table({"ID", "NAME"}, rows);
}

void asset_types(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& a : zm::asset_types()) {
    out.push_back({{"name", a.name},
                   {"attack_asset_id", a.attack_asset_id.empty() ? json(nullptr) : json(a.attack_asset_id)},
                   {"display", a.display},
                   {"purdue", level_json(a.purdue)},
                   {"component_type", zm::to_string(a.component)},
                   {"iacs", a.iacs},
                   {"safety", a.safety},
                   {"controller", a.controller}});
    rows.push_back({std::string(a.name), std::string(a.attack_asset_id), level(a.purdue),
                    std::string(zm::to_string(a.component)), a.iacs ? "yes" : "no", a.safety ? "yes" : "no",
                    a.controller ? "yes" : "no"});
  }
  if (as_json) return print_json(out);
  print_table({"TYPE", "ATT&CK", "PURDUE", "4-2 TYPE", "IACS", "SAFETY", "CONTROLLER"}, rows);
}

void zone_kinds(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& z : zm::zone_kinds()) {
    out.push_back({{"name", z.name},
                   {"purdue", level_json(z.purdue)},
                   {"trust_rank", z.trust_rank},
                   {"external", z.external},
                   {"description", z.description}});
    rows.push_back({std::string(z.name), level(z.purdue), std::to_string(z.trust_rank),
                    z.external ? "yes" : "no", std::string(z.description)});
  }
  if (as_json) return print_json(out);
  print_table({"KIND", "PURDUE", "TRUST RANK", "EXTERNAL", "DESCRIPTION"}, rows);
}

void iso27001(bool as_json) {
  std::vector<std::string> keys;
  for (const auto& r : zm::requirements()) {
    if (!r.is_enhancement()) keys.push_back(r.id);
  }
  for (auto topic : zm::iso27001_topics()) keys.emplace_back(topic);
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& key : keys) {
    const auto ids = zm::iso27001_for(key);
    json controls = json::array();
    for (const auto& id : ids) controls.push_back({{"id", id}, {"title", zm::iso27001_title(id)}});
    out.push_back({{"requirement", key}, {"controls", controls}});
    rows.push_back({key, join(ids, "; ", [](const std::string& id) {
                      return id + " " + std::string(zm::iso27001_title(id));
                    })});
  }
  if (as_json) return print_json(out);
  print_table({"REQUIREMENT", "ISO/IEC 27001:2022 ANNEX A (suggested crosswalk)"}, rows);
  std::cout << "\nREs inherit their SR's controls. Practitioner-level suggestion, not an official"
               " mapping.\n";
}

struct Entry {
  const char* name;
  void (*print)(bool);
  std::size_t (*count)();
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = {
      {"requirements", requirements, [] { return zm::requirements().size(); }},
      {"component-requirements", component_requirements, [] { return zm::component_requirements().size(); }},
      {"protocols", protocols, [] { return zm::protocols().size(); }},
      {"techniques", techniques, [] { return zm::techniques().size(); }},
      {"tactics", tactics, [] { return zm::tactics().size(); }},
      {"asset-types", asset_types, [] { return zm::asset_types().size(); }},
      {"zone-kinds", zone_kinds, [] { return zm::zone_kinds().size(); }},
      {"iso27001", iso27001, [] { return zm::iso27001_controls().size(); }},
  };
  return all;
}

void summary(bool as_json) {
  json out = json::array();
  std::vector<Row> rows;
  for (const auto& e : entries()) {
    out.push_back({{"name", e.name}, {"entries", e.count()}});
    rows.push_back({e.name, std::to_string(e.count())});
  }
  if (as_json) return print_json(out);
  print_table({"CATALOG", "ENTRIES"}, rows);
  std::cout << "\nzonepath catalog NAME [--json] prints one; sources in docs/catalogs.md.\n";
}

struct Options {
  std::string name;
  bool json = false;
};

[[maybe_unused]] const bool registered = register_command("catalog", 90, [](CLI::App& app) {
  auto opts = std::make_shared<Options>();
  auto* sub =
      app.add_subcommand("catalog", "Print a compiled-in catalog: IEC 62443 requirements, protocols, ATT&CK "
                                    "for ICS techniques, asset types, ISO 27001 crosswalk");
  std::vector<std::string> names;
  for (const auto& e : entries()) names.emplace_back(e.name);
  sub->add_option("name", opts->name, "Catalog to print; without it, list the catalogs")
      ->check(CLI::IsMember(names));
  sub->add_flag("--json", opts->json, "Print JSON on stdout");
  sub->footer("Example:\n  zonepath catalog\n  zonepath catalog protocols\n"
              "  zonepath catalog requirements --json");
  sub->callback([opts] {
    if (opts->name.empty()) return summary(opts->json);
    for (const auto& e : entries()) {
      if (opts->name == e.name) return e.print(opts->json);
    }
  });
});

} // namespace
} // namespace zonepath::cli::catalog_command
