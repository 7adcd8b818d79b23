// Matching CSAF products to assets: vendor names, product tokens, version ranges, and the
// service an advisory's vulnerability sits in.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "zonepath/models/cvss.hpp"
#include "zonepath/interchange/import_csaf.hpp"

namespace zonepath::interchange {

using namespace models;

using nlohmann::json;

namespace {

std::vector<std::string> words(const std::string& text, const char* separators) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : lower(text) + separators[0]) {
    if (std::string_view(separators).find(c) != std::string_view::npos) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::set<std::string> vendor_tokens(const std::string& vendor) {
  static const std::set<std::string> corporate = {"inc", "corp", "corporation", "co", "ltd", "limited", "gmbh",
                                                  "ag", "sa", "llc", "plc", "electric", "electronics", "automation",
                                                  "systems", "industries", "industrial", "the", "kg", "group"};
  static const std::map<std::string, std::string> brands = {
      {"allenbradley", "rockwell"}, {"rockwellsoftware", "rockwell"}, {"modicon", "schneider"},
      {"telemecanique", "schneider"}, {"melsec", "mitsubishi"}, {"simatic", "siemens"}};
  std::set<std::string> out;
  if (auto it = brands.find(squash(vendor)); it != brands.end()) return {it->second};
  for (const auto& w : words(vendor, " ,.-&()/")) {
    if (corporate.count(w)) continue;
    auto it = brands.find(w);
    out.insert(it != brands.end() ? it->second : w);
  }
  return out;
}

template <class Set>
bool subset(const Set& a, const Set& b) {
  return std::all_of(a.begin(), a.end(), [&](const auto& x) { return b.count(x) > 0; });
}

std::set<std::string> product_tokens(const std::string& product, const std::string& vendor) {
  static const std::set<std::string> noise = {"series", "the", "and", "version", "versions", "all", "for", "of", "with"};
  std::set<std::string> vt = vendor_tokens(vendor);
  std::set<std::string> out;
  for (const auto& w : words(product, " ,:;()[]")) {
    std::string t = w;
    while (!t.empty() && (t.back() == '.' || t.back() == '-')) t.pop_back();
    if (!t.empty() && !noise.count(t) && !vt.count(t)) out.insert(t);
  }
  return out;
}

// Products named "OS" or "Firmware" stand for the firmware of every device of the vendor.
bool generic_firmware(const std::set<std::string>& tokens) {
  static const std::set<std::string> generic = {"os", "firmware", "fw", "operating", "system"};
  return !tokens.empty() && subset(tokens, generic);
}

int compare(const std::vector<long>& a, const std::vector<long>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    long x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// Protocol -> words that name it in advisory text (matched as whole words, case-insensitive).
const std::vector<std::pair<std::string, std::vector<std::string>>>& service_words() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> w = {
      {"pcom", {"pcom"}}, {"enip", {"cip", "ethernet/ip", "enip"}}, {"modbus-tcp", {"modbus"}},
      {"s7comm", {"s7comm", "s7"}}, {"s7commplus", {"s7commplus", "s7comm+"}}, {"slmp", {"slmp", "mc protocol"}},
      {"fins", {"fins"}}, {"dnp3", {"dnp3"}}, {"bacnet", {"bacnet"}}, {"iec104", {"iec 60870-5-104", "iec 104"}},
      {"iec61850-mms", {"mms", "iec 61850"}}, {"opc-ua", {"opc ua", "opc-ua"}}, {"opc-da", {"opc da", "dcom"}},
      {"profinet", {"profinet"}}, {"hart-ip", {"hart-ip"}}, {"fox", {"fox"}}, {"mqtt", {"mqtt"}},
      {"http", {"web server", "webserver", "web interface", "web-based", "http"}},
      {"https", {"web server", "webserver", "web interface", "web-based", "https"}},
      {"ssh", {"ssh"}}, {"telnet", {"telnet"}}, {"ftp", {"ftp"}}, {"tftp", {"tftp"}}, {"snmp", {"snmp"}},
      {"rdp", {"rdp", "remote desktop"}}, {"vnc", {"vnc"}}, {"smb", {"smb"}}, {"sql", {"sql"}}};
  return w;
}

bool has_word(const std::string& text, const std::string& word) {
  for (std::size_t p = text.find(word); p != std::string::npos; p = text.find(word, p + 1)) {
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(text[p - 1]));
    std::size_t e = p + word.size();
    bool right = e >= text.size() || !std::isalnum(static_cast<unsigned char>(text[e]));
    if (left && right) return true;
  }
  return false;
}

} // namespace

std::vector<long> version_components(const std::string& text) {
  std::vector<long> out;
  std::size_t i = text.find_first_of("0123456789");
  if (i == std::string::npos) return out;
  long cur = 0;
  bool digits = false;
  for (; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur = cur * 10 + (c - '0');
      digits = true;
      if (cur > 1000000000L) return {};
    } else if (c == '.' || c == '_') {
      if (digits) out.push_back(cur);
      cur = 0;
      digits = false;
    } else {
      break; // "5.007 (signed)", "1.2.3-rc1": the numeric head is the version
    }
  }
  if (digits) out.push_back(cur);
  return out;
}

VersionCheck check_version(const std::string& expression, bool range, const std::string& asset_version) {
  VersionCheck r;
  std::string expr = trim(expression);
  std::string low = lower(expr);
  if (low.rfind("vers:", 0) == 0) {
    auto slash = low.find('/');
    expr = slash == std::string::npos ? "" : expr.substr(slash + 1);
    low = lower(expr);
  }
  if (expr.empty() || low == "*" || low.find("all versions") != std::string::npos || low == "all") {
    r.understood = r.affected = true;
    r.explanation = "all versions affected";
    return r;
  }
  std::vector<long> have = version_components(asset_version);
  if (have.empty()) {
    r.understood = false;
    r.explanation = asset_version.empty() ? "asset version unknown" : "asset version '" + asset_version + "' not numeric";
    return r;
  }
  if (!range) {
    std::vector<long> want = version_components(expr);
    if (want.empty()) {
      r.explanation = "advisory version '" + expression + "' not numeric";
      return r;
    }
    // "V28" names the whole 28.x line; "v5.007" names 5.7.x.
    r.understood = true;
    r.affected = have.size() >= want.size() && std::equal(want.begin(), want.end(), have.begin());
    r.explanation = "version " + asset_version + (r.affected ? " is " : " is not ") + expression;
    return r;
  }
  r.affected = true;
  std::size_t start = 0;
  while (start <= expr.size()) {
    std::size_t bar = expr.find('|', start);
    std::string part = trim(expr.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    start = bar == std::string::npos ? expr.size() + 1 : bar + 1;
    if (part.empty()) continue;
    std::string op;
    for (const char* o : {"<=", ">=", "!=", "<", ">", "="})
      if (part.rfind(o, 0) == 0) {
        op = o;
        break;
      }
    std::vector<long> bound = version_components(part.substr(op.size()));
    if (bound.empty()) {
      r.explanation = "version range '" + expression + "' not understood";
      return r;
    }
    int c = compare(have, bound);
    bool ok = op == "<"   ? c < 0
              : op == "<=" ? c <= 0
              : op == ">"  ? c > 0
              : op == ">=" ? c >= 0
              : op == "!=" ? c != 0
                           : c == 0;
    r.affected = r.affected && ok;
  }
  r.understood = true;
  r.explanation = "version " + asset_version + (r.affected ? " within " : " outside ") + expression;
  return r;
}

bool vendors_match(const std::string& a, const std::string& b) {
  auto ta = vendor_tokens(a), tb = vendor_tokens(b);
  if (ta.empty() || tb.empty()) return false;
  return subset(ta, tb) || subset(tb, ta);
}

bool products_match(const std::string& advisory_product, const std::string& asset_product, const std::string& vendor) {
  auto a = product_tokens(advisory_product, vendor), b = product_tokens(asset_product, vendor);
  if (a.empty() || b.empty()) return false;
  return subset(a, b) || subset(b, a);
}

CsafResult import_csaf(const CsafAdvisory& adv, json& site, const CsafOptions& options) {
  CsafResult res;
  res.notes = adv.notes;
  if (!site.contains("assets") || !site["assets"].is_array()) return res;
  for (auto& asset : site["assets"]) {
    if (!asset.is_object()) continue;
    std::string id = asset.value("id", ""), vendor = asset.value("vendor", ""), product = asset.value("product", "");
    std::string version = asset.value("version", "");
    bool vendor_hit = false, product_hit = false;
    std::set<std::string> attached_here;
    for (const auto& p : adv.products) {
      bool v_ok = !p.vendor.empty() && vendors_match(p.vendor, vendor);
      vendor_hit = vendor_hit || v_ok;
      auto tokens = product_tokens(p.product, p.vendor);
      bool generic = v_ok && generic_firmware(tokens);
      bool p_ok = generic || products_match(p.product, product, p.vendor);
      if (!p_ok) continue;
      product_hit = true;
      auto miss = [&](std::string reason) {
        res.near_misses.push_back({{"asset", id}, {"advisory", adv.id}, {"product_id", p.id},
                                   {"product", p.full_name}, {"reason", std::move(reason)}});
      };
      if (!v_ok) {
        miss(vendor.empty() ? "product matches '" + p.product + "' but the asset has no vendor (advisory: '" +
                                  p.vendor + "')"
                            : "product matches '" + p.product + "' but vendor '" + vendor + "' is not '" + p.vendor + "'");
        continue;
      }
      VersionCheck vc = check_version(p.version, p.range, version);
      if (!vc.understood && !(options.unknown_version_affected && version_components(version).empty())) {
        miss("vendor and product match, but " + vc.explanation + " (advisory: '" + p.version + "')");
        continue;
      }
      if (vc.understood && !vc.affected) {
        miss("vendor and product match, " + vc.explanation);
        continue;
      }
      std::string reason = "vendor '" + vendor + "' = '" + p.vendor + "', " +
                           (generic ? "advisory product '" + p.product + "' is the vendor's device firmware"
                                    : "product '" + product + "' ~ '" + p.product + "'") +
                           ", " + (vc.understood ? vc.explanation : "version unknown, assumed affected");
      for (const auto& v : adv.vulnerabilities) {
        if (std::find(v.affected.begin(), v.affected.end(), p.id) == v.affected.end()) continue;
        std::string vector;
        for (const auto& s : v.scores)
          if (std::find(s.products.begin(), s.products.end(), p.id) != s.products.end()) vector = s.vector;
        if (vector.empty() && !v.scores.empty()) vector = v.scores.front().vector;
        // The service: the asset's protocols that the advisory's text names.
        std::string text = lower(v.text + "\n" + adv.text);
        std::vector<std::string> named;
        for (const auto& s : asset.value("services", json::array())) {
          std::string proto = s.is_object() ? s.value("protocol", "") : "";
          for (const auto& [name, keys] : service_words())
            if (name == proto && std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return has_word(text, k); }) &&
                std::find(named.begin(), named.end(), proto) == named.end())
              named.push_back(proto);
        }
        std::string service = named.size() == 1 ? named.front() : "";
        std::string service_reason = named.size() == 1 ? "advisory names " + service
                                     : named.empty()   ? "advisory names none of the asset's services: all services"
                                                       : "advisory names several of the asset's services: all services";
        bool valid_vector = false;
        if (!vector.empty()) {
          try {
            parse_cvss_v3(vector);
            valid_vector = true;
          } catch (const Error&) {
          }
        }
        bool duplicate = attached_here.count(v.cve) > 0;
        for (const auto& existing : asset.value("vulnerabilities", json::array()))
          duplicate = duplicate || (existing.is_object() && existing.value("id", "") == v.cve);
        bool attach = valid_vector && !duplicate;
        json m = {{"asset", id}, {"advisory", adv.id}, {"product_id", p.id}, {"product", p.full_name},
                  {"cve", v.cve}, {"cvss", vector}, {"service", service}, {"reason", reason},
                  {"service_reason", service_reason}, {"attached", attach}};
        if (!valid_vector) m["not_attached"] = vector.empty() ? "no CVSS v3 vector in the advisory" : "invalid CVSS v3 vector";
        else if (duplicate) m["not_attached"] = "the asset already lists " + v.cve;
        res.matches.push_back(m);
        if (!attach) continue;
        if (!asset.contains("vulnerabilities") || !asset["vulnerabilities"].is_array()) asset["vulnerabilities"] = json::array();
        json vuln = {{"id", v.cve}, {"cvss", vector}};
        if (!service.empty()) vuln["service"] = service;
        std::string desc = adv.id + ": " + adv.title;
        if (!trim(v.cwe).empty()) desc += " (" + trim(v.cwe) + ")";
        vuln["description"] = desc;
        vuln["x-advisory"] = adv.id;
        vuln["x-product"] = p.full_name;
        asset["vulnerabilities"].push_back(vuln);
        attached_here.insert(v.cve);
        ++res.attached;
      }
    }
    if (vendor_hit && !product_hit) {
      std::string names;
      std::set<std::string> seen;
      for (const auto& p : adv.products)
        if (seen.insert(p.product).second) names += (names.empty() ? "" : ", ") + p.product;
      res.near_misses.push_back({{"asset", id}, {"advisory", adv.id}, {"product_id", ""}, {"product", ""},
                                 {"reason", "vendor '" + vendor + "' matches but product '" + product +
                                                "' is none of: " + names}});
    }
  }
  return res;
}

} // namespace zonepath::interchange
