#include "zonepath/interchange/import_site.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::interchange {

using namespace models;

using nlohmann::json;

json load_site_value(const std::string& path, ProgressReporter* progress) {
  JsonDocument doc = is_yaml_path(path) ? load_yaml_file(path) : JsonDocument::load_file(path, {}, progress);
  load_site(doc); // refuses an invalid starting point with its own file's locations
  return doc.root();
}

namespace {

json notes_json(const std::vector<ImportNote>& notes) {
  json out = json::array();
  for (const auto& n : notes) out.push_back(note_json(n));
  return out;
}

// Inventories create assets, scans complete them, rules then resolve hosts, advisories match last.
int rank(ImportKind k) {
  return k == ImportKind::Inventory ? 0 : k == ImportKind::Nmap ? 1 : k == ImportKind::Csaf ? 3 : 2;
}

void report_rules(json& r, std::size_t read, const RuleImportResult& res, std::vector<ImportNote> notes) {
  notes.insert(notes.end(), res.notes.begin(), res.notes.end());
  r["rules_read"] = read;
  r["rules"] = res.rules;
  r["skipped"] = res.skipped;
  r["conduits_created"] = res.conduits_created;
  r["conduits_replaced"] = res.conduits_replaced;
  r["notes"] = notes_json(notes);
}

// The bytes to read, for the "read files" phase: a file that cannot be measured counts as empty
// here (reading it reports the error).
std::uint64_t total_bytes(const std::vector<std::string>& files) {
  std::uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

} // namespace

ImportOutcome import_files(const json& site_in, const std::string& site_name,
                           const std::vector<std::string>& files, const ImportOptions& options) {
  ImportOutcome out;
  out.site = site_in;
  std::vector<ImportNote> notes;
  ZoneMap zones = ZoneMap::from_site(out.site);
  if (!options.zone_map.empty()) {
    zones.add_file(options.zone_map, out.site, notes);
    zones.store(out.site); // later imports into the written site reuse the map
  }
  struct Input {
    std::string path, text;
    ImportKind kind;
  };
  std::vector<Input> inputs;
  std::vector<std::string> mapped_headers; // --column FIELD=HEADER names an inventory's headers
  for (const auto& [field, header] : options.inventory.columns) mapped_headers.push_back(header);
  std::optional<ProgressPhase> reading(std::in_place, options.progress, "read files", total_bytes(files));
  for (const auto& f : files) {
    std::string text = read_text_file(f);
    reading->advance(text.size());
    // Every input must be UTF-8 before anything reads it, XML too: the Nmap and pfSense readers
    // parse as UTF-8 whatever the declaration says, and would pass Latin-1 bytes on into names.
    require_utf8(text, f);
    ImportKind kind = options.kind;
    if (kind == ImportKind::Auto)
      kind = detect_import_kind(f, text, mapped_headers);
    else
      check_forced_kind(kind, f, text);
    inputs.push_back({f, std::move(text), kind});
  }
  reading.reset();
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const Input& a, const Input& b) { return rank(a.kind) < rank(b.kind); });

  json reports = json::array();
  std::size_t added = 0, updated = 0, unplaced = 0, rules = 0, skipped = 0, vulns = 0, near = 0;
  // Inventories and scans add and update assets alike: the same report fields and totals.
  auto report_assets = [&](json& r, const auto& res) {
    r["added"] = res.added;
    r["updated"] = res.updated;
    r["placed"] = res.placed;
    r["unplaced"] = res.unplaced;
    r["notes"] = notes_json(res.notes);
    added += res.added;
    updated += res.updated;
    unplaced += res.unplaced.size();
  };
  const ProgressPhase importing(options.progress, "import files", inputs.size());
  for (const auto& in : inputs) {
    // Rows, hosts, rules or assets matched, counted by the importer once it knows how many.
    std::optional<ProgressPhase> records(std::in_place, options.progress,
                                         "import " + std::filesystem::path(in.path).filename().string());
    json r = {{"file", in.path}, {"kind", to_string(in.kind)}};
    if (in.kind == ImportKind::Inventory) {
      CsvTable t = parse_csv(in.text, in.path, options.delimiter);
      InventoryOptions io = options.inventory;
      io.progress = options.progress;
      InventoryResult res = import_inventory(t, out.site, zones, io);
      r["delimiter"] = std::string(1, t.delimiter);
      r["columns"] = res.columns;
      r["rows"] = res.rows;
      report_assets(r, res);
    } else if (in.kind == ImportKind::Csaf) {
      CsafAdvisory adv = parse_csaf(JsonDocument::parse(in.text, in.path));
      CsafOptions co = options.csaf;
      co.progress = options.progress;
      CsafResult res = import_csaf(adv, out.site, co);
      r["advisory"] = adv.id;
      r["title"] = adv.title;
      r["products"] = adv.products.size();
      r["cves"] = adv.vulnerabilities.size();
      r["matches"] = res.matches;
      r["near_misses"] = res.near_misses;
      r["near_misses_omitted"] = res.near_misses_omitted;
      r["attached"] = res.attached;
      r["notes"] = notes_json(res.notes);
      vulns += res.attached;
      near += res.near_misses.size();
    } else if (in.kind == ImportKind::Nmap) {
      NmapScan scan = parse_nmap_xml(in.text, in.path);
      NmapImportOptions no;
      no.default_zone = options.inventory.default_zone;
      no.progress = options.progress;
      NmapResult res = import_nmap(scan, in.path, out.site, zones, no);
      r["scan"] = {{"args", scan.args}, {"started", scan.started}, {"version", scan.version}};
      r["hosts"] = res.hosts;
      report_assets(r, res);
    } else if (in.kind == ImportKind::Pfsense) {
      std::vector<ImportNote> parse_notes;
      PfsenseConfig cfg = parse_pfsense_config(in.text, in.path, zones, parse_notes);
      RuleImportOptions ro = options.rules;
      ro.scope = cfg.zones; // "any" is what lies behind this firewall's interfaces
      ro.progress = options.progress;
      RuleImportResult res = import_rules(cfg.rules, out.site, zones, ro);
      r["product"] = cfg.product;
      r["interfaces"] = cfg.interfaces;
      report_rules(r, cfg.rules.size(), res, std::move(parse_notes));
      rules += res.rules.size();
      skipped += res.skipped.size();
    } else {
      std::vector<ImportNote> parse_notes;
      std::vector<FirewallRule> fw =
          in.kind == ImportKind::Rules
              ? parse_rule_table(parse_csv(in.text, in.path, options.delimiter), parse_notes)
          : in.kind == ImportKind::Nftables ? parse_nftables_json(in.text, in.path, parse_notes)
                                            : parse_iptables_save(in.text, in.path, parse_notes);
      RuleImportOptions ro = options.rules;
      ro.progress = options.progress;
      RuleImportResult res = import_rules(fw, out.site, zones, ro);
      report_rules(r, fw.size(), res, std::move(parse_notes));
      rules += res.rules.size();
      skipped += res.skipped.size();
    }
    reports.push_back(std::move(r));
    records.reset();
    importing.advance();
  }
  load_site_json(out.site, site_name); // the written file must load; throws with pointers otherwise
  out.report = {{"site", site_name},
                {"files", reports},
                {"notes", notes_json(notes)},
                {"summary",
                 {{"assets_added", added},
                  {"assets_updated", updated},
                  {"rows_unplaced", unplaced},
                  {"rules_placed", rules},
                  {"rules_skipped", skipped},
                  {"vulnerabilities_attached", vulns},
                  {"near_misses", near}}}};
  return out;
}

} // namespace zonepath::interchange
