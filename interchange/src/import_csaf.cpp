// Reading CSAF 2.0 advisories: the product tree's branches flattened into products, and the
// vulnerabilities with their affected product ids and CVSS v3 vectors.
#include "zonepath/interchange/import_csaf.hpp"

#include <regex>

#include "zonepath/core/json_checker.hpp"

namespace zonepath::interchange {

using namespace models;

using nlohmann::json;

namespace {

std::string without_urls(const std::string& text) {
  static const std::regex url(R"(https?://[^\s\)\]"]+)");
  return std::regex_replace(text, url, " ");
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
          if (n.is_object() && n.value("category", "") != "legal_disclaimer" && n.contains("text") && n["text"].is_string())
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
      if (tree->contains("relationships"))
        out_.notes.push_back({out_.file, 0, "info",
                              "product_tree relationships (products installed on platforms) are not matched", ""});
    }
    if (const json* vulns = check_.get_array(root, "", "vulnerabilities"))
      for (std::size_t i = 0; i < vulns->size(); ++i) read_vulnerability((*vulns)[i], "/vulnerabilities/" + std::to_string(i));
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
      if (*category == "vendor") next.vendor = *name;
      else if (*category == "product_family" || *category == "product_name") next.names.push_back(*name);
      else if (*category == "product_version") next.version = *name;
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
      out_.notes.push_back({out_.file, 0, "warning", "vulnerability without a CVE id; named " + out.cve, ptr});
    }
    if (auto title = check_.get_string(v, ptr, "title")) out.title = *title;
    if (const json* cwe = check_.get_object(v, ptr, "cwe"))
      out.cwe = cwe->value("id", "") + " " + cwe->value("name", "");
    std::string text = out.title;
    if (const json* notes = check_.get_array(v, ptr, "notes"))
      for (const auto& n : *notes)
        if (n.is_object() && n.contains("text") && n["text"].is_string()) text += "\n" + n["text"].get<std::string>();
    if (const json* rem = check_.get_array(v, ptr, "remediations"))
      for (const auto& r : *rem)
        if (r.is_object() && r.contains("details") && r["details"].is_string()) text += "\n" + r["details"].get<std::string>();
    out.text = without_urls(text);
    if (const json* status = check_.get_object(v, ptr, "product_status"))
      for (const char* key : {"known_affected", "first_affected", "last_affected"})
        for (const auto& id : check_.get_string_list(*status, ptr + "/product_status", key)) out.affected.push_back(id);
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

CsafAdvisory parse_csaf(const JsonDocument& doc) { return CsafReader(doc).read(); }

} // namespace zonepath::interchange
