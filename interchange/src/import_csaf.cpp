// Reading CSAF 2.0 advisories: the product tree's branches flattened into products, and the
// vulnerabilities with their affected product ids and CVSS v3 vectors.
#include "zonepath/interchange/import_csaf.hpp"

#include <cctype>
#include <regex>

#include "zonepath/core/json_checker.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::interchange {

using nlohmann::json;

namespace {

std::string without_urls(const std::string& text) {
  static const std::regex url(R"(https?://[^\s\)\]"]+)");
  return std::regex_replace(text, url, " ");
}

struct ProductName {
  std::string vendor, product, version;
};

std::string cpe_field(const std::string& f) {
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '\\' && i + 1 < f.size())
      out += f[++i];
    else
      out += f[i] == '_' ? ' ' : f[i];
  }
  return out == "*" || out == "-" ? "" : out;
}

// cpe:2.3:part:vendor:product:version:... or cpe:/part:vendor:product:version
ProductName parse_cpe(const std::string& cpe) {
  std::string body;
  if (cpe.rfind("cpe:2.3:", 0) == 0)
    body = cpe.substr(8);
  else if (cpe.rfind("cpe:/", 0) == 0)
    body = cpe.substr(5);
  else
    return {};
  std::vector<std::string> f;
  std::string cur;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size()) {
      cur += body[i];
      cur += body[++i];
    } else if (body[i] == ':') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += body[i];
    }
  }
  f.push_back(cur);
  if (f.size() < 3) return {};
  return {cpe_field(f[1]), cpe_field(f[2]), f.size() > 3 ? cpe_field(f[3]) : ""};
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(*parse_integer<int>(std::string_view(s).substr(i + 1, 2), 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// pkg:type/namespace/name@version?qualifiers#subpath
ProductName parse_purl(const std::string& purl) {
  if (purl.rfind("pkg:", 0) != 0) return {};
  std::string body = purl.substr(4);
  body = body.substr(0, body.find('#'));
  body = body.substr(0, body.find('?'));
  ProductName n;
  if (auto at = body.rfind('@'); at != std::string::npos) {
    n.version = percent_decoded(body.substr(at + 1));
    body.resize(at);
  }
  std::vector<std::string> seg;
  for (std::size_t start = 0; start <= body.size();) {
    std::size_t slash = body.find('/', start);
    std::string part = body.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!part.empty()) seg.push_back(percent_decoded(part));
    start = slash == std::string::npos ? body.size() + 1 : slash + 1;
  }
  if (seg.size() < 2) return {};
  n.product = seg.back();
  if (seg.size() >= 3) n.vendor = seg[seg.size() - 2];
  return n;
}

struct BranchPath {
  std::string vendor;
  std::vector<std::string> names;
  std::string version;
  bool range = false;
};

class CsafReader {
public:
  explicit CsafReader(const JsonDocument& doc) : doc_(doc), check_(doc) {}

  CsafAdvisory read() {
    const json& root = doc_.root();
    out_.file = doc_.name();
    if (!check_.expect_object(root, "")) check_.throw_if_errors();
    const json* document = check_.get_object(root, "", "document", true);
    if (document) {
      auto version = check_.get_string(*document, "/document", "csaf_version", true);
      if (version && *version != "2.0")
        check_.error("/document/csaf_version", "unsupported CSAF version '" + *version + "'",
                     &document->at("csaf_version"), "expected '2.0'");
      if (auto title = check_.get_string(*document, "/document", "title")) out_.title = *title;
      if (const json* tracking = check_.get_object(*document, "/document", "tracking", true))
        if (auto id = check_.get_string(*tracking, "/document/tracking", "id", true)) out_.id = *id;
      out_.text = out_.title;
      if (const json* notes = check_.get_array(*document, "/document", "notes"))
        for (const auto& n : *notes)
          if (n.is_object() && n.value("category", "") != "legal_disclaimer" && n.contains("text") &&
              n["text"].is_string())
            out_.text += "\n" + n["text"].get<std::string>();
      out_.text = without_urls(out_.text);
    }
    check_.throw_if_errors();
    if (const json* tree = check_.get_object(root, "", "product_tree", true)) {
      if (const json* branches = check_.get_array(*tree, "/product_tree", "branches"))
        walk(*branches, "/product_tree/branches", BranchPath{});
      if (const json* names = check_.get_array(*tree, "/product_tree", "full_product_names"))
        for (std::size_t i = 0; i < names->size(); ++i)
          add_product((*names)[i], "/product_tree/full_product_names/" + std::to_string(i), BranchPath{});
      if (const json* rels = check_.get_array(*tree, "/product_tree", "relationships"))
        for (std::size_t i = 0; i < rels->size(); ++i)
          add_relationship((*rels)[i], "/product_tree/relationships/" + std::to_string(i));
    }
    if (const json* vulns = check_.get_array(root, "", "vulnerabilities"))
      for (std::size_t i = 0; i < vulns->size(); ++i)
        read_vulnerability((*vulns)[i], "/vulnerabilities/" + std::to_string(i));
    check_.throw_if_errors();
    return std::move(out_);
  }

private:
  void walk(const json& branches, const std::string& ptr, const BranchPath& path) {
    for (std::size_t i = 0; i < branches.size(); ++i) {
      const json& b = branches[i];
      std::string bp = ptr + "/" + std::to_string(i);
      if (!check_.expect_object(b, bp)) continue;
      auto category = check_.get_string(b, bp, "category", true);
      auto name = check_.get_string(b, bp, "name", true);
      if (!category || !name) continue;
      BranchPath next = path;
      if (*category == "vendor")
        next.vendor = *name;
      else if (*category == "product_family" || *category == "product_name")
        next.names.push_back(*name);
      else if (*category == "product_version")
        next.version = *name;
      else if (*category == "product_version_range") {
        next.version = *name;
        next.range = true;
      }
      // service_pack, architecture, language, ... narrow the product without changing what we match.
      if (const json* p = check_.get_object(b, bp, "product")) add_product(*p, bp + "/product", next);
      if (const json* sub = check_.get_array(b, bp, "branches")) walk(*sub, bp + "/branches", next);
    }
  }

  void add_product(const json& p, const std::string& ptr, const BranchPath& path) {
    if (!check_.expect_object(p, ptr)) return;
    CsafProduct prod;
    auto id = check_.get_string(p, ptr, "product_id", true);
    auto name = check_.get_string(p, ptr, "name", true);
    if (!id || !name) return;
    prod.id = *id;
    prod.full_name = *name;
    prod.vendor = path.vendor;
    for (const auto& n : path.names) prod.product += (prod.product.empty() ? "" : " ") + n;
    if (prod.product.empty()) prod.product = *name; // full_product_names: the name is all there is
    prod.version = path.version;
    prod.range = path.range;
    if (const json* helper = check_.get_object(p, ptr, "product_identification_helper"))
      read_helper(*helper, ptr + "/product_identification_helper", prod);
    out_.products.push_back(std::move(prod));
  }

  // cpe and purl name the vendor, product and version where the branches do not; model
  // numbers are matched against the asset's product.
  void read_helper(const json& h, const std::string& ptr, CsafProduct& prod) {
    prod.model_numbers = check_.get_string_list(h, ptr, "model_numbers");
    for (const char* key : {"cpe", "purl"}) {
      auto text = check_.get_string(h, ptr, key);
      if (!text) continue;
      ProductName n = *key == 'c' ? parse_cpe(*text) : parse_purl(*text);
      if (n.product.empty()) {
        out_.notes.push_back({out_.file, 0, "warning", std::string(key) + " not understood; ignored", *text});
        continue;
      }
      if (prod.vendor.empty()) prod.vendor = n.vendor;
      prod.alt_products.push_back(n.product);
      if (prod.version.empty() && !n.version.empty()) prod.version = n.version;
    }
  }

  // "Component installed_on / default_component_of Platform": the new product is the platform
  // (what an inventory lists) at the component's version, also known by the component's name.
  void add_relationship(const json& r, const std::string& ptr) {
    if (!check_.expect_object(r, ptr)) return;
    auto category = check_.get_string(r, ptr, "category", true);
    auto ref = check_.get_string(r, ptr, "product_reference", true);
    auto rel = check_.get_string(r, ptr, "relates_to_product_reference", true);
    const json* full = check_.get_object(r, ptr, "full_product_name", true);
    if (!category || !ref || !rel || !full) return;
    auto id = check_.get_string(*full, ptr + "/full_product_name", "product_id", true);
    auto name = check_.get_string(*full, ptr + "/full_product_name", "name", true);
    if (!id || !name) return;
    auto find = [&](const std::string& pid) -> const CsafProduct* {
      for (const auto& p : out_.products)
        if (p.id == pid) return &p;
      return nullptr;
    };
    const CsafProduct* component = find(*ref);
    const CsafProduct* platform = find(*rel);
    if (!component || !platform) {
      check_.error(ptr, "relationship names an unknown product id", &r,
                   "product ids come from the product tree");
      return;
    }
    CsafProduct prod;
    prod.id = *id;
    prod.full_name = *name;
    prod.relationship = *category;
    prod.vendor = !platform->vendor.empty() ? platform->vendor : component->vendor;
    prod.product = platform->product;
    prod.alt_products = {component->product};
    const CsafProduct& versioned = !component->version.empty() ? *component : *platform;
    prod.version = versioned.version;
    prod.range = versioned.range;
    prod.model_numbers = platform->model_numbers;
    out_.products.push_back(std::move(prod));
  }

  void read_vulnerability(const json& v, const std::string& ptr) {
    if (!check_.expect_object(v, ptr)) return;
    CsafVulnerability out;
    out.pointer = ptr;
    if (auto cve = check_.get_string(v, ptr, "cve")) out.cve = *cve;
    if (out.cve.empty()) {
      // Advisories without a CVE id still name their weakness; keep them under the advisory id.
      out.cve = out_.id + "#" + ptr.substr(ptr.rfind('/') + 1);
      out_.notes.push_back(
          {out_.file, 0, "warning", "vulnerability without a CVE id; named " + out.cve, ptr});
    }
    if (auto title = check_.get_string(v, ptr, "title")) out.title = *title;
    if (const json* cwe = check_.get_object(v, ptr, "cwe"))
      out.cwe = cwe->value("id", "") + " " + cwe->value("name", "");
    std::string text = out.title;
    if (const json* notes = check_.get_array(v, ptr, "notes"))
      for (const auto& n : *notes)
        if (n.is_object() && n.contains("text") && n["text"].is_string())
          text += "\n" + n["text"].get<std::string>();
    if (const json* rem = check_.get_array(v, ptr, "remediations"))
      for (const auto& r : *rem)
        if (r.is_object() && r.contains("details") && r["details"].is_string())
          text += "\n" + r["details"].get<std::string>();
    out.text = without_urls(text);
    if (const json* status = check_.get_object(v, ptr, "product_status"))
      for (const char* key : {"known_affected", "first_affected", "last_affected"})
        for (const auto& id : check_.get_string_list(*status, ptr + "/product_status", key))
          out.affected.push_back(id);
    if (const json* scores = check_.get_array(v, ptr, "scores")) {
      for (std::size_t i = 0; i < scores->size(); ++i) {
        const json& s = (*scores)[i];
        std::string sp = ptr + "/scores/" + std::to_string(i);
        if (!check_.expect_object(s, sp)) continue;
        const json* v3 = check_.get_object(s, sp, "cvss_v3");
        if (!v3) continue;
        auto vector = check_.get_string(*v3, sp + "/cvss_v3", "vectorString", true);
        if (!vector) continue;
        out.scores.push_back({*vector, check_.get_string_list(s, sp, "products")});
      }
    }
    out_.vulnerabilities.push_back(std::move(out));
  }

  const JsonDocument& doc_;
  JsonChecker check_;
  CsafAdvisory out_;
};

} // namespace

bool is_csaf(const json& root) {
  return root.is_object() && root.contains("document") && root["document"].is_object() &&
         root["document"].contains("csaf_version");
}

CsafAdvisory parse_csaf(const JsonDocument& doc) {
  return CsafReader(doc).read();
}

} // namespace zonepath::interchange
