// One `zonepath import` run: files of several kinds (asset inventory CSV, CSAF advisory,
// firewall rule table CSV, iptables-save, nftables JSON, pfSense/OPNsense config.xml, Nmap XML;
// recognised by import_detect.hpp) applied in a fixed order to a site, then the result
// validated as a site model. Inventories come first (they create the assets and their
// addresses), scans next (they complete them), firewall rules then (hosts resolve to those
// assets), advisories last (they match the assets' vendor/product/version).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/progress.hpp"
#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/interchange/import_detect.hpp"
#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/interchange/import_nftables.hpp"
#include "zonepath/interchange/import_nmap.hpp"
#include "zonepath/interchange/import_pfsense.hpp"
#include "zonepath/interchange/import_rules.hpp"

namespace zonepath::interchange {

struct ImportOptions {
  ImportKind kind = ImportKind::Auto; // applies to every file when not Auto
  std::string zone_map;               // zone-map CSV, "" for none
  char delimiter = 0;                 // CSV separator, 0 = detect
  InventoryOptions inventory;
  CsafOptions csaf;
  RuleImportOptions rules;
  // Phases: read files (bytes), import files (files done) with one phase per file inside it,
  // "import NAME", counting its rows, hosts, rules or assets matched.
  ProgressReporter* progress = nullptr;
};

struct ImportOutcome {
  nlohmann::json site;   // the new site model (validated)
  nlohmann::json report; // {"files": [{file, kind, ...}], "notes": [...], "summary": {...}}
};

// Reads a site file (JSON or YAML) as a JSON value after validating it as a site model.
// `progress`: the bytes parsed, counted into its current phase.
nlohmann::json load_site_value(const std::string& path, ProgressReporter* progress = nullptr);

// Applies the files to a copy of `site`. Throws ParseError for unreadable files and
// ValidationError (pointers into the new site) when the result is not a valid site.
ImportOutcome import_files(const nlohmann::json& site, const std::string& site_name,
                           const std::vector<std::string>& files, const ImportOptions& options);

} // namespace zonepath::interchange
