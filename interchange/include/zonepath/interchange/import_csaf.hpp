// CSAF 2.0 security advisories (the cisagov/CSAF format of CISA's ICS advisories) -> asset
// vulnerabilities. The product tree (vendor / product family / product name / version or
// version range branches) is matched against the site's assets (vendor, product, version);
// every match carries its reason, and every near miss (vendor matches but not the product,
// product matches but the version lies outside the range, version unknown, ...) is reported
// so that an analyst can check it by hand.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/csaf_versions.hpp"
#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

struct CsafProduct {
  std::string id;        // product_id, e.g. "CSAFPID-0001"
  std::string vendor;    // "" when the tree has no vendor branch above it (then the CPE's or purl's)
  std::string product;   // product family and name joined by a space
  std::string version;   // "" = every version
  bool range = false;    // version is a product_version_range expression
  std::string full_name; // product.name
  // Other names of the same product: the product of its CPE or purl, and for a relationship
  // ("Firmware V2 installed_on Device X") the component's name.
  std::vector<std::string> alt_products;
  std::vector<std::string> model_numbers; // product_identification_helper.model_numbers, '*' = any characters
  std::string relationship;               // relationship category when the product comes from one
};

struct CsafScore {
  std::string vector; // CVSS v3.x vector string
  std::vector<std::string> products;
};

struct CsafVulnerability {
  std::string cve, title, cwe;
  std::vector<std::string> affected; // product ids: known_affected, first_affected, last_affected
  std::vector<CsafScore> scores;     // CVSS v3 scores only
  std::string text;                  // notes, title and remediation details, URLs removed (service matching)
  std::string pointer;               // "/vulnerabilities/3", for messages
};

struct CsafAdvisory {
  std::string file, id, title;
  std::vector<CsafProduct> products;
  std::vector<CsafVulnerability> vulnerabilities;
  std::string text; // document title and notes, for service matching
  std::vector<ImportNote> notes;
};

// Whether a JSON value looks like a CSAF document (document.csaf_version present).
bool is_csaf(const nlohmann::json& root);
// Reads a CSAF 2.0 advisory. Throws ValidationError (file, pointer, line, column) when it is
// not CSAF 2.0 or its product tree / vulnerabilities are malformed.
CsafAdvisory parse_csaf(const JsonDocument& doc);

// Vendors match after dropping corporate words ("Mitsubishi Electric" = "Mitsubishi") and
// through a short list of brand aliases ("Allen-Bradley" = "Rockwell Automation").
bool vendors_match(const std::string& a, const std::string& b);
// Products match when the tokens of one are all among the tokens of the other ("FX5-ENET"
// within "MELSEC iQ-F Series FX5-ENET"; "FX5-ENET/IP" is another product). Remarks in
// parentheses and the words family, series, variants, all are not tokens, so a family
// ("SIMATIC S7-300 CPU family (incl. related ET200 CPUs and SIPLUS variants)") matches its
// members ("SIMATIC S7-300 CPU 315-2 PN/DP").
bool products_match(const std::string& advisory_product, const std::string& asset_product,
                    const std::string& vendor);
// Share of tokens the two names have in common (Jaccard, 0..1), to rank near misses.
double product_similarity(const std::string& advisory_product, const std::string& asset_product,
                          const std::string& vendor);
// A model or order number of the advisory ("6ES7315-2EH14-0AB0", "BMEP*") in the asset's product.
bool model_number_match(const std::string& pattern, const std::string& asset_product);

struct CsafOptions {
  // An asset whose version the inventory does not know: a near miss (false) or a match.
  bool unknown_version_affected = false;
  // Near misses reported per asset and advisory, the most similar products first; the rest
  // are counted ("near_misses_omitted").
  std::size_t near_miss_limit = 3;
  // Sets the caller's phase total to the site's assets and counts them as they are matched.
  ProgressReporter* progress = nullptr;
};

struct CsafResult {
  nlohmann::json matches =
      nlohmann::json::array(); // {asset, advisory, product_id, product, cve, cvss, service, reason, attached}
  nlohmann::json near_misses = nlohmann::json::array(); // {asset, advisory, product_id, product, reason}
  std::size_t near_misses_omitted = 0;                  // beyond the limit per asset
  std::size_t attached = 0;
  std::vector<ImportNote> notes;
};

// Matches the advisory against the site's assets and adds the CVEs to the matched assets'
// vulnerabilities (skipping ones already there).
CsafResult import_csaf(const CsafAdvisory& advisory, nlohmann::json& site, const CsafOptions& options = {});

} // namespace zonepath::interchange
