// Input detection: one sniff of the file, then a table of recognisers asked in order. Adding
// a format means adding a recogniser row (and its ImportKind); what no row claims is refused.
#include "zonepath/interchange/import_detect.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/interchange/import_rules.hpp"

namespace zonepath::interchange {

using nlohmann::json;

const char* to_string(ImportKind kind) {
  switch (kind) {
  case ImportKind::Inventory:
    return "inventory";
  case ImportKind::Csaf:
    return "csaf";
  case ImportKind::Rules:
    return "rules";
  case ImportKind::Iptables:
    return "iptables";
  case ImportKind::Pfsense:
    return "pfsense";
  case ImportKind::Nftables:
    return "nftables";
  case ImportKind::Nmap:
    return "nmap";
  case ImportKind::Auto:
    break;
  }
  return "auto";
}

ImportKind parse_import_kind(const std::string& name) {
  for (ImportKind k : {ImportKind::Auto, ImportKind::Inventory, ImportKind::Csaf, ImportKind::Rules,
                       ImportKind::Iptables, ImportKind::Pfsense, ImportKind::Nftables, ImportKind::Nmap})
    if (name == to_string(k)) return k;
  throw Error("unknown import kind '" + name +
              "' (use auto, inventory, csaf, rules, iptables, pfsense, nftables or nmap)");
}

namespace {

std::string abbreviated(std::string s, std::size_t max = 60) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return s.size() > max ? s.substr(0, max) + "..." : s;
}

// Name of the first element, after the XML declaration, comments, processing instructions
// and a DOCTYPE; "" when there is none.
std::string xml_root_name(const std::string& text, std::size_t pos) {
  while (pos < text.size()) {
    pos = text.find('<', pos);
    if (pos == std::string::npos) return "";
    if (text.compare(pos, 4, "<!--") == 0) {
      pos = text.find("-->", pos);
      if (pos == std::string::npos) return "";
      pos += 3;
    } else if (text.compare(pos, 2, "<?") == 0 || text.compare(pos, 2, "<!") == 0) {
      pos = text.find('>', pos);
      if (pos == std::string::npos) return "";
      ++pos;
    } else {
      std::size_t end = pos + 1;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                   std::string_view("_:.-").find(text[end]) != std::string_view::npos))
        ++end;
      return text.substr(pos + 1, end - pos - 1);
    }
  }
  return "";
}

std::string json_signature(const json& root) {
  if (!root.is_object()) return std::string("JSON ") + root.type_name();
  std::string keys;
  int n = 0;
  for (const auto& [k, v] : root.items()) {
    if (n++ == 5) {
      keys += ", ...";
      break;
    }
    keys += (keys.empty() ? "" : ", ") + k;
  }
  return "JSON object with keys " + (keys.empty() ? std::string("(none)") : keys);
}

std::string first_line(const std::string& text, std::size_t pos) {
  std::size_t nl = text.find('\n', pos);
  return trim(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
}

bool inventory_csv(const InputSniff& s) {
  if (!s.csv || s.csv->header.empty()) return false;
  for (const auto& h : s.inventory_headers)
    if (s.csv->column(h) >= 0) return true;
  // Text whose "header" holds addresses is data (grepable scanner output, logs), not a header.
  static const std::regex address(R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})");
  for (const auto& h : s.csv->header)
    if (std::regex_search(h, address)) return false;
  std::vector<ImportNote> notes;
  auto cols = detect_inventory_columns(*s.csv, {}, notes);
  bool identifies = cols.count("ip") || cols.count("hostname") || cols.count("id");
  return identifies && (cols.size() >= 2 || s.csv->header.size() == 1);
}

bool rule_table_csv(const InputSniff& s) {
  if (!s.csv) return false;
  auto has = [&](std::initializer_list<const char*> names) {
    return std::any_of(s.csv->header.begin(), s.csv->header.end(), [&](const std::string& h) {
      return std::find_if(names.begin(), names.end(), [&](const char* n) { return squash(h) == n; }) !=
             names.end();
    });
  };
  return has({"action", "verdict", "decision"}) && has({"source", "from", "src"}) &&
         has({"destination", "to", "dst", "dest"});
}

std::string supported_list() {
  std::string out;
  for (const auto& r : input_recognisers()) out += std::string(out.empty() ? "" : "; ") + r.what;
  return out;
}

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
  Diagnostic d;
  d.file = path;
  d.message = message;
  d.suggestion = "supported: " + supported_list();
  throw ParseError(d);
}

} // namespace

InputSniff sniff_input(const std::string& path, const std::string& text) {
  InputSniff s;
  s.path = path;
  s.text = &text;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text.compare(first, 3, "\xEF\xBB\xBF") == 0)
    first = text.find_first_not_of(" \t\r\n", first + 3);
  if (first == std::string::npos) {
    s.signature = "empty file";
    return s;
  }
  if (text[first] == '{' || text[first] == '[') {
    s.shape = InputShape::Json;
    s.json = JsonDocument::parse(text, path).root();
    s.signature = json_signature(s.json);
    return s;
  }
  if (text[first] == '<') {
    s.shape = InputShape::Xml;
    s.xml_root = xml_root_name(text, first);
    s.signature = "XML document, root element <" + s.xml_root + ">";
    return s;
  }
  s.shape = InputShape::Text;
  try {
    s.csv = parse_csv(text, path);
  } catch (const ParseError&) {
    s.csv.reset(); // not CSV: the recognisers that need a header decline
  }
  if (s.csv && s.csv->header.size() >= 2) {
    std::string header;
    for (const auto& h : s.csv->header) header += (header.empty() ? "" : ",") + h;
    s.signature = "CSV with header '" + abbreviated(header) + "'";
  } else {
    s.signature = "text, first line '" + abbreviated(first_line(text, first)) + "'";
  }
  return s;
}

const std::vector<InputRecogniser>& input_recognisers() {
  static const std::vector<InputRecogniser> table = {
      {ImportKind::Csaf, "CSAF 2.0 advisory (JSON with document.csaf_version)",
       [](const InputSniff& s) { return s.shape == InputShape::Json && is_csaf(s.json); }},
      {ImportKind::Pfsense, "pfSense/OPNsense configuration (XML, root element pfsense or opnsense)",
       [](const InputSniff& s) {
         return s.shape == InputShape::Xml && (s.xml_root == "pfsense" || s.xml_root == "opnsense");
       }},
      {ImportKind::Nmap, "Nmap scan (XML of nmap -oX, root element nmaprun)",
       [](const InputSniff& s) { return s.shape == InputShape::Xml && s.xml_root == "nmaprun"; }},
      {ImportKind::Nftables, "nftables ruleset (JSON of nft -j list ruleset, a top-level \"nftables\" array)",
       [](const InputSniff& s) {
         return s.shape == InputShape::Json && s.json.is_object() && s.json.contains("nftables") &&
                s.json["nftables"].is_array();
       }},
      {ImportKind::Iptables, "iptables-save text (*filter, :FORWARD or -A FORWARD lines)",
       [](const InputSniff& s) { return s.shape == InputShape::Text && is_iptables_save(*s.text); }},
      {ImportKind::Rules, "firewall rule table CSV (action, source and destination columns)",
       [](const InputSniff& s) { return s.shape == InputShape::Text && rule_table_csv(s); }},
      {ImportKind::Inventory,
       "asset inventory CSV (an IP, hostname or asset id column and one more known column)",
       [](const InputSniff& s) { return s.shape == InputShape::Text && inventory_csv(s); }},
  };
  return table;
}

ImportKind detect_import_kind(const std::string& path, const std::string& text,
                              const std::vector<std::string>& inventory_headers) {
  InputSniff s = sniff_input(path, text);
  s.inventory_headers = inventory_headers;
  for (const auto& r : input_recognisers())
    if (r.matches(s)) return r.kind;
  refuse(path, "unknown input kind: " + s.signature);
}

void check_forced_kind(ImportKind kind, const std::string& path, const std::string& text) {
  InputSniff s = sniff_input(path, text);
  bool fits = kind == ImportKind::Csaf || kind == ImportKind::Nftables  ? s.shape == InputShape::Json
              : kind == ImportKind::Pfsense || kind == ImportKind::Nmap ? s.shape == InputShape::Xml
                                                                        : s.shape == InputShape::Text;
  // iptables-save without a FORWARD chain still has rule, chain or table lines.
  static const std::regex iptables_line(R"((^|\n)\s*(-A |:[A-Za-z]|\*[a-z]))");
  if (fits && kind == ImportKind::Iptables) fits = std::regex_search(text, iptables_line);
  if (!fits) refuse(path, std::string("not ") + to_string(kind) + " input: " + s.signature);
}

} // namespace zonepath::interchange
