// Field readers shared by the sections of the site loader: SL vectors, consequences,
// requirement ids, compensating controls and id references.
#include <algorithm>

#include "site_loader_impl.hpp"
#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models::detail {

std::optional<SlVector> SiteReader::read_sl(const json& obj, const std::string& ptr, const char* key) {
  if (!obj.contains(key)) return std::nullopt;
  const json& v = obj.at(key);
  std::string vp = ptr + "/" + key;
  auto level = [&](const json& x, const std::string& xp) -> std::optional<std::uint8_t> {
    auto n = check_.as_integer(x, xp);
    if (!n) return std::nullopt;
    if (*n < 0 || *n > 4) {
      check_.error(xp, "security level must be 0..4", &x);
      return std::nullopt;
    }
    return static_cast<std::uint8_t>(*n);
  };
  SlVector out{};
  if (v.is_array()) {
    if (v.size() != 7) {
      check_.error(vp, "an SL vector must have exactly 7 entries (FR1..FR7), got " + std::to_string(v.size()),
                   &v);
      return std::nullopt;
    }
    bool ok = true;
    for (std::size_t i = 0; i < 7; ++i) {
      auto l = level(v[i], vp + "/" + std::to_string(i));
      if (l)
        out[i] = *l;
      else
        ok = false;
    }
    return ok ? std::optional<SlVector>(out) : std::nullopt;
  }
  auto l = level(v, vp);
  if (!l) return std::nullopt;
  out.fill(*l);
  return out;
}

Consequence SiteReader::read_consequence(const json& obj, const std::string& ptr) {
  Consequence c;
  const json* v = check_.get_object(obj, ptr, "consequence");
  if (!v) return c;
  std::string cp = ptr + "/consequence";
  check_.check_keys(*v, cp,
                    {"safety", "environment", "production", "financial", "regulatory", "confidentiality"});
  for (int d = 0; d < kDimensionCount; ++d) {
    auto s = check_.get_integer(*v, cp, kDimensionNames[d]);
    if (!s) continue;
    if (*s < 1 || *s > 5)
      check_.error(cp + "/" + kDimensionNames[d], "severity must be 1..5", &v->at(kDimensionNames[d]));
    else
      c.severity[d] = static_cast<std::uint8_t>(*s);
  }
  return c;
}

std::vector<std::string> SiteReader::read_requirements(const json& obj, const std::string& ptr,
                                                       const char* key) {
  std::vector<std::string> out;
  const json* list = check_.get_array(obj, ptr, key);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& r = (*list)[i];
    std::string rp = ptr + "/" + key + "/" + std::to_string(i);
    if (!r.is_string()) {
      check_.error(rp, std::string("expected string, got ") + JsonChecker::type_name(r), &r);
      continue;
    }
    std::string id = r.get<std::string>();
    if (!is_known_requirement_id(id)) {
      std::vector<std::string_view> ids;
      for (const auto& req : requirements()) ids.push_back(req.id);
      std::string near = did_you_mean(id, ids);
      check_.error(rp, "unknown requirement '" + id + "'", &r,
                   near.empty()
                       ? "write ids like 'SR 5.2' or 'SR 5.2 RE 1' (IEC 62443-3-3) or 'CR 3.14' (4-2)"
                       : "did you mean '" + near + "'?");
      continue;
    }
    out.push_back(std::move(id));
  }
  return out;
}

std::string SiteReader::suggest_id(const std::string& id, Site::Kind kind) const {
  std::vector<std::string_view> names;
  if (site_.ids.size() > 20000) return {};
  for (const auto& [k, ref] : site_.ids)
    if (ref.kind == kind) names.push_back(k);
  std::sort(names.begin(), names.end());
  return did_you_mean(id, names);
}

Index SiteReader::resolve(const std::string& id, Site::Kind kind, const std::string& ptr, const json* value,
                          const char* what) {
  auto it = site_.ids.find(id);
  if (it != site_.ids.end() && it->second.kind == kind) return it->second.index;
  std::string near = suggest_id(id, kind);
  check_.error(ptr, std::string("unknown ") + what + " '" + id + "'", value,
               near.empty() ? "" : "did you mean '" + near + "'?");
  return kNone;
}

std::vector<Index> SiteReader::resolve_list(const json& obj, const std::string& ptr, const char* key,
                                            Site::Kind kind, const char* what) {
  std::vector<Index> out;
  const json* list = check_.get_array(obj, ptr, key);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& v = (*list)[i];
    std::string vp = ptr + "/" + key + "/" + std::to_string(i);
    if (!v.is_string()) {
      check_.error(vp, std::string("expected string, got ") + JsonChecker::type_name(v), &v);
      continue;
    }
    Index idx = resolve(v.get<std::string>(), kind, vp, &v, what);
    if (idx != kNone && std::find(out.begin(), out.end(), idx) == out.end()) out.push_back(idx);
  }
  return out;
}

} // namespace zonepath::models::detail
