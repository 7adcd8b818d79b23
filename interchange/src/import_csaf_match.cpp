// Matching CSAF products to assets: vendor names, product tokens, version ranges, and the
// service an advisory's vulnerability sits in.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "zonepath/interchange/import_csaf.hpp"
#include "zonepath/models/cvss.hpp"

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
  static const std::set<std::string> corporate = {
      "inc",     "corp",       "corporation", "co",  "ltd",      "limited",     "gmbh",
      "ag",      "sa",         "llc",         "plc", "electric", "electronics", "automation",
      "systems", "industries", "industrial",  "the", "kg",       "group"};
  static const std::map<std::string, std::string> brands = {
      {"allenbradley", "rockwell"},   {"rockwellsoftware", "rockwell"}, {"modicon", "schneider"},
      {"telemecanique", "schneider"}, {"melsec", "mitsubishi"},         {"simatic", "siemens"}};
  std::set<std::string> out;
  if (auto it = brands.find(squash(vendor)); it != brands.end()) return {it->second};
  for (const auto& w : words(vendor, " ,.-&()/")) {
    if (corporate.count(w)) continue;
    auto it = brands.find(w);
    out.insert(it != brands.end() ? it->second : w);
  }
  return out;
}

template <class Set> bool subset(const Set& a, const Set& b) {
  return std::all_of(a.begin(), a.end(), [&](const auto& x) { return b.count(x) > 0; });
}

// "SIMATIC S7-300 CPU family (incl. related ET200 CPUs and SIPLUS variants)" -> "SIMATIC S7-300
// CPU family": what parentheses and brackets hold is a remark or an order number.
std::string without_remarks(const std::string& text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[')
      ++depth;
    else if ((c == ')' || c == ']') && depth > 0)
      --depth;
    else if (depth == 0)
      out += c;
    if (depth > 0 && out.size() && out.back() != ' ') out += ' ';
  }
  return out;
}

bool family_name(const std::string& product) {
  std::string low = " " + lower(without_remarks(product)) + " ";
  for (const char* w : {" family ", " series ", " all ", " families ", " product line "})
    if (low.find(w) != std::string::npos) return true;
  return false;
}

std::set<std::string> product_tokens(const std::string& product, const std::string& vendor) {
  static const std::set<std::string> noise = {"series",   "the",      "and",  "version",   "versions",
                                              "all",      "for",      "of",   "with",      "family",
                                              "families", "variants", "incl", "including", "models"};
  std::set<std::string> vt = vendor_tokens(vendor);
  std::set<std::string> out;
  for (const auto& w : words(without_remarks(product), " ,:;")) {
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

// Protocol -> words that name it in advisory text (matched as whole words, case-insensitive).
const std::vector<std::pair<std::string, std::vector<std::string>>>& service_words() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> w = {
      {"pcom", {"pcom"}},
      {"enip", {"cip", "ethernet/ip", "enip"}},
      {"modbus-tcp", {"modbus"}},
      {"s7comm", {"s7comm", "s7"}},
      {"s7commplus", {"s7commplus", "s7comm+"}},
      {"slmp", {"slmp", "mc protocol"}},
      {"fins", {"fins"}},
      {"dnp3", {"dnp3"}},
      {"bacnet", {"bacnet"}},
      {"iec104", {"iec 60870-5-104", "iec 104"}},
      {"iec61850-mms", {"mms", "iec 61850"}},
      {"opc-ua", {"opc ua", "opc-ua"}},
      {"opc-da", {"opc da", "dcom"}},
      {"profinet", {"profinet"}},
      {"hart-ip", {"hart-ip"}},
      {"fox", {"fox"}},
      {"mqtt", {"mqtt"}},
      {"http", {"web server", "webserver", "web interface", "web-based", "http"}},
      {"https", {"web server", "webserver", "web interface", "web-based", "https"}},
      {"ssh", {"ssh"}},
      {"telnet", {"telnet"}},
      {"ftp", {"ftp"}},
      {"tftp", {"tftp"}},
      {"snmp", {"snmp"}},
      {"rdp", {"rdp", "remote desktop"}},
      {"vnc", {"vnc"}},
      {"smb", {"smb"}},
      {"sql", {"sql"}}};
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

bool vendors_match(const std::string& a, const std::string& b) {
  auto ta = vendor_tokens(a), tb = vendor_tokens(b);
  if (ta.empty() || tb.empty()) return false;
  return subset(ta, tb) || subset(tb, ta);
}

bool products_match(const std::string& advisory_product, const std::string& asset_product,
                    const std::string& vendor) {
  auto a = product_tokens(advisory_product, vendor), b = product_tokens(asset_product, vendor);
  if (a.empty() || b.empty()) return false;
  return subset(a, b) || subset(b, a);
}

double product_similarity(const std::string& advisory_product, const std::string& asset_product,
                          const std::string& vendor) {
  auto a = product_tokens(advisory_product, vendor), b = product_tokens(asset_product, vendor);
  std::size_t common = 0;
  for (const auto& t : a) common += b.count(t);
  std::size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

bool model_number_match(const std::string& pattern, const std::string& asset_product) {
  std::string pat = lower(trim(pattern));
  if (pat.empty() || pat == "*") return false;
  // Glob with '*' against each blank-separated word of the asset's product.
  auto glob = [](const std::string& p, const std::string& t) {
    std::size_t pi = 0, ti = 0, star = std::string::npos, mark = 0;
    while (ti < t.size()) {
      if (pi < p.size() && p[pi] == t[ti]) {
        ++pi;
        ++ti;
      } else if (pi < p.size() && p[pi] == '*') {
        star = pi++;
        mark = ti;
      } else if (star != std::string::npos) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
  };
  for (const auto& w : words(asset_product, " ,;()[]"))
    if (glob(pat, w)) return true;
  return false;
}

namespace {

struct AssetFacts {
  std::string id, vendor, product, version;
};

// How one advisory product relates to one asset.
struct ProductFit {
  bool vendor_ok = false, product_ok = false;
  std::string how;       // "product 'X' ~ 'Y'", for the match reason
  double similarity = 0; // to rank near misses
};

ProductFit fit(const CsafProduct& p, const AssetFacts& a) {
  ProductFit f;
  f.vendor_ok = !p.vendor.empty() && vendors_match(p.vendor, a.vendor);
  auto tokens = product_tokens(p.product, p.vendor);
  f.similarity = product_similarity(p.product, a.product, p.vendor);
  if (f.vendor_ok && generic_firmware(tokens)) {
    f.product_ok = true;
    f.how = "advisory product '" + p.product + "' is the vendor's device firmware";
    return f;
  }
  if (products_match(p.product, a.product, p.vendor)) {
    f.product_ok = true;
    f.how = "product '" + a.product + "' ~ '" + p.product + "'" + (family_name(p.product) ? " (family)" : "");
    f.similarity = std::max(f.similarity, 0.5);
    return f;
  }
  for (const auto& alt : p.alt_products)
    if (products_match(alt, a.product, p.vendor)) {
      f.product_ok = true;
      f.how = "product '" + a.product + "' ~ '" + alt + "' (" +
              (p.relationship.empty() ? "cpe/purl" : p.relationship) + ")";
      return f;
    }
  for (const auto& m : p.model_numbers)
    if (model_number_match(m, a.product)) {
      f.product_ok = true;
      f.how = "product '" + a.product + "' has model number " + m;
      return f;
    }
  return f;
}

// Rockwell publishes one upper bound per release train, either in one range
// ("<V33.017_V34.014") or as sibling products of one product name ("<V33.017", "<V34.014"):
// siblings are read as one per-train list, and only the sibling of the asset's train decides.
struct TrainGroups {
  std::vector<int> group;           // per product, -1 when none
  std::vector<VersionRange> ranges; // per group
  std::vector<std::vector<std::size_t>> members;
};

TrainGroups train_groups(const std::vector<CsafProduct>& products, const std::vector<VersionRange>& parsed) {
  TrainGroups g;
  g.group.assign(products.size(), -1);
  std::map<std::string, std::vector<std::size_t>> by_name;
  for (std::size_t i = 0; i < products.size(); ++i) {
    const auto& r = parsed[i];
    bool single_upper =
        r.form == VersionRange::Form::Constraints && r.constraints.size() == 1 &&
        (r.constraints[0].op == Comparator::Less || r.constraints[0].op == Comparator::LessEqual) &&
        r.constraints[0].version.size() >= 2 && r.constraints[0].version[0].kind == VersionPart::Kind::Number;
    if (single_upper) by_name[lower(products[i].vendor) + "\n" + lower(products[i].product)].push_back(i);
  }
  for (auto& [name, idx] : by_name) {
    std::set<long> trains;
    for (auto i : idx) trains.insert(parsed[i].constraints[0].version[0].number);
    if (idx.size() < 2 || trains.size() != idx.size()) continue;
    VersionRange r;
    r.form = VersionRange::Form::Trains;
    for (auto i : idx) {
      r.constraints.push_back(parsed[i].constraints[0]);
      r.text += (r.text.empty() ? "" : " | ") + products[i].version;
    }
    std::sort(r.constraints.begin(), r.constraints.end(),
              [](const VersionConstraint& a, const VersionConstraint& b) {
                return compare_versions(a.version, b.version) < 0;
              });
    for (auto i : idx) g.group[i] = static_cast<int>(g.ranges.size());
    g.ranges.push_back(std::move(r));
    g.members.push_back(idx);
  }
  return g;
}

// The sibling whose train the version belongs to (else the oldest train for older versions,
// else the first sibling, which then reports the outcome).
std::size_t deciding_member(const TrainGroups& g, int group, const std::vector<VersionRange>& parsed,
                            const std::string& version) {
  const auto& idx = g.members[static_cast<std::size_t>(group)];
  auto v = parse_version(version);
  if (!v || v->empty()) return idx.front();
  std::size_t oldest = idx.front();
  for (auto i : idx) {
    const auto& bound = parsed[i].constraints[0].version;
    if (compare_versions({v->front()}, {bound.front()}) == 0) return i;
    if (compare_versions({bound.front()}, {parsed[oldest].constraints[0].version.front()}) < 0) oldest = i;
  }
  return compare_versions({v->front()}, {parsed[oldest].constraints[0].version.front()}) < 0 ? oldest
                                                                                             : idx.front();
}

// The service of the asset that the vulnerability's text names, if exactly one.
std::pair<std::string, std::string> affected_service(const json& asset, const CsafVulnerability& v,
                                                     const CsafAdvisory& adv) {
  std::string text = lower(v.text + "\n" + adv.text);
  std::vector<std::string> named;
  for (const auto& s : asset.value("services", json::array())) {
    std::string proto = s.is_object() ? s.value("protocol", "") : "";
    for (const auto& [name, keys] : service_words())
      if (name == proto &&
          std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return has_word(text, k); }) &&
          std::find(named.begin(), named.end(), proto) == named.end())
        named.push_back(proto);
  }
  std::string service = named.size() == 1 ? named.front() : "";
  std::string reason = named.size() == 1 ? "advisory names " + service
                       : named.empty()   ? "advisory names none of the asset's services: all services"
                                         : "advisory names several of the asset's services: all services";
  return {service, reason};
}

bool valid_cvss(const std::string& vector) {
  if (vector.empty()) return false;
  try {
    parse_cvss_v3(vector);
    return true;
  } catch (const Error&) {
    return false;
  }
}

struct NearMiss {
  double similarity;
  std::size_t order;
  json entry;
};

// Attaches the vulnerabilities of advisory product p to the asset; one match entry each.
void attach_product(const CsafAdvisory& adv, const CsafProduct& p, const std::string& reason, json& asset,
                    const AssetFacts& a, std::set<std::string>& attached_here, CsafResult& res) {
  for (const auto& v : adv.vulnerabilities) {
    if (std::find(v.affected.begin(), v.affected.end(), p.id) == v.affected.end()) continue;
    std::string vector;
    for (const auto& s : v.scores)
      if (std::find(s.products.begin(), s.products.end(), p.id) != s.products.end()) vector = s.vector;
    if (vector.empty() && !v.scores.empty()) vector = v.scores.front().vector;
    auto [service, service_reason] = affected_service(asset, v, adv);
    bool valid_vector = valid_cvss(vector);
    bool duplicate = attached_here.count(v.cve) > 0;
    for (const auto& existing : asset.value("vulnerabilities", json::array()))
      duplicate = duplicate || (existing.is_object() && existing.value("id", "") == v.cve);
    bool attach = valid_vector && !duplicate;
    json m = {{"asset", a.id},          {"advisory", adv.id}, {"product_id", p.id},
              {"product", p.full_name}, {"cve", v.cve},       {"cvss", vector},
              {"service", service},     {"reason", reason},   {"service_reason", service_reason},
              {"attached", attach}};
    if (!valid_vector)
      m["not_attached"] = vector.empty() ? "no CVSS v3 vector in the advisory" : "invalid CVSS v3 vector";
    else if (duplicate)
      m["not_attached"] = "the asset already lists " + v.cve;
    res.matches.push_back(m);
    if (!attach) continue;
    if (!asset.contains("vulnerabilities") || !asset["vulnerabilities"].is_array())
      asset["vulnerabilities"] = json::array();
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

} // namespace

CsafResult import_csaf(const CsafAdvisory& adv, json& site, const CsafOptions& options) {
  CsafResult res;
  res.notes = adv.notes;
  if (!site.contains("assets") || !site["assets"].is_array()) return res;
  std::vector<VersionRange> parsed;
  for (const auto& p : adv.products) parsed.push_back(parse_version_range(p.version, p.range));
  TrainGroups groups = train_groups(adv.products, parsed);
  if (options.progress) options.progress->set_total(site["assets"].size());
  for (auto& asset : site["assets"]) {
    progress_advance(options.progress);
    if (!asset.is_object()) continue;
    AssetFacts a{asset.value("id", ""), asset.value("vendor", ""), asset.value("product", ""),
                 asset.value("version", "")};
    bool vendor_hit = false, product_hit = false;
    std::set<std::string> attached_here;
    std::vector<NearMiss> misses;
    auto miss = [&](double similarity, const CsafProduct& p, std::string reason) {
      misses.push_back({similarity,
                        misses.size(),
                        {{"asset", a.id},
                         {"advisory", adv.id},
                         {"product_id", p.id},
                         {"product", p.full_name},
                         {"reason", std::move(reason)}}});
    };
    for (std::size_t i = 0; i < adv.products.size(); ++i) {
      const CsafProduct& p = adv.products[i];
      ProductFit f = fit(p, a);
      vendor_hit = vendor_hit || f.vendor_ok;
      if (!f.product_ok) continue;
      product_hit = true;
      if (!f.vendor_ok) {
        miss(f.similarity, p,
             a.vendor.empty() ? "product matches '" + p.product +
                                    "' but the asset has no vendor (advisory: '" + p.vendor + "')"
                              : "product matches '" + p.product + "' but vendor '" + a.vendor + "' is not '" +
                                    p.vendor + "'");
        continue;
      }
      int g = groups.group[i];
      if (g >= 0 && deciding_member(groups, g, parsed, a.version) != i) continue; // a sibling's train decides
      VersionCheck vc =
          check_version(g >= 0 ? groups.ranges[static_cast<std::size_t>(g)] : parsed[i], a.version);
      bool unknown_version = !parse_version(a.version);
      if (!vc.understood && !(options.unknown_version_affected && unknown_version)) {
        miss(f.similarity + 1, p,
             "vendor and product match, but " + vc.explanation + " (advisory: '" + p.version + "')");
        continue;
      }
      if (vc.understood && !vc.affected) {
        miss(f.similarity + 1, p, "vendor and product match, " + vc.explanation);
        continue;
      }
      std::string reason = "vendor '" + a.vendor + "' = '" + p.vendor + "', " + f.how + ", " +
                           (vc.understood ? vc.explanation : "version unknown, assumed affected");
      attach_product(adv, p, reason, asset, a, attached_here, res);
    }
    if (vendor_hit && !product_hit) {
      // The few products closest to the asset's, not the whole tree.
      std::vector<std::pair<double, std::string>> ranked;
      std::set<std::string> seen;
      for (std::size_t i = 0; i < adv.products.size(); ++i)
        if (seen.insert(adv.products[i].product).second)
          ranked.push_back({product_similarity(adv.products[i].product, a.product, adv.products[i].vendor),
                            adv.products[i].product});
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const auto& x, const auto& y) { return x.first > y.first; });
      std::string names;
      for (std::size_t i = 0; i < ranked.size() && i < options.near_miss_limit; ++i)
        names += (names.empty() ? "" : ", ") + ranked[i].second;
      if (ranked.size() > options.near_miss_limit)
        names += " (and " + std::to_string(ranked.size() - options.near_miss_limit) + " other products)";
      misses.push_back({0,
                        misses.size(),
                        {{"asset", a.id},
                         {"advisory", adv.id},
                         {"product_id", ""},
                         {"product", ""},
                         {"reason", "vendor '" + a.vendor + "' matches but product '" + a.product +
                                        "' is none of the advisory's products; closest: " + names}}});
    }
    std::stable_sort(misses.begin(), misses.end(), [](const NearMiss& x, const NearMiss& y) {
      return x.similarity != y.similarity ? x.similarity > y.similarity : x.order < y.order;
    });
    for (std::size_t i = 0; i < misses.size(); ++i) {
      if (i < options.near_miss_limit)
        res.near_misses.push_back(std::move(misses[i].entry));
      else
        ++res.near_misses_omitted;
    }
  }
  return res;
}

} // namespace zonepath::interchange
