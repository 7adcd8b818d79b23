// Streaming JSON writer of a generated site: zones and conduits are small and built as JSON
// values; assets are written one line each straight from the plan.
#include "zonepath/scenarios/generate_site.hpp"

#include <iostream>
#include <optional>

#include "generate_layout.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath::scenarios {
namespace {

using ojson = nlohmann::ordered_json;
using namespace gen;

ojson zone_consequence(const std::string& kind) {
  if (kind == "enterprise") return {{"financial", 3}, {"regulatory", 2}, {"confidentiality", 3}};
  if (kind == "dmz") return {{"production", 2}, {"financial", 2}, {"confidentiality", 3}};
  if (kind == "operations") return {{"production", 3}, {"financial", 3}, {"confidentiality", 2}};
  if (kind == "supervisory") return {{"safety", 2}, {"production", 3}, {"financial", 3}};
  if (kind == "control") return {{"safety", 3}, {"environment", 2}, {"production", 3}, {"financial", 3}};
  if (kind == "safety") return {{"safety", 3}, {"environment", 3}, {"production", 3}};
  if (kind == "remote") return {{"environment", 3}, {"production", 3}};
  return nullptr;
}

std::vector<const char*> zone_countermeasures(const std::string& kind) {
  if (kind == "enterprise")
    return {"SR 1.1", "SR 1.1 RE 1", "SR 1.3", "SR 1.7", "SR 3.2", "SR 3.2 RE 2", "SR 7.3"};
  if (kind == "dmz")
    return {"SR 1.1",      "SR 1.1 RE 1", "SR 1.3", "SR 1.5", "SR 1.7", "SR 2.1", "SR 2.8", "SR 3.2",
            "SR 3.2 RE 1", "SR 5.1",      "SR 5.2", "SR 6.1", "SR 6.2", "SR 7.3", "SR 7.6"};
  if (kind == "operations")
    return {"SR 1.1", "SR 1.1 RE 1", "SR 1.3", "SR 2.1", "SR 2.8", "SR 3.2", "SR 5.1", "SR 6.2", "SR 7.3"};
  if (kind == "supervisory")
    return {"SR 1.1", "SR 1.3", "SR 2.1", "SR 2.8", "SR 3.2", "SR 5.1", "SR 7.3", "SR 7.6"};
  if (kind == "control") return {"SR 1.1", "SR 2.1", "SR 5.1", "SR 7.3", "SR 7.6"};
  if (kind == "safety")
    return {"SR 1.1", "SR 1.1 RE 1", "SR 2.1", "SR 3.1", "SR 3.4",
            "SR 5.1", "SR 5.1 RE 1", "SR 7.3", "SR 7.6"};
  if (kind == "remote") return {"SR 1.1", "SR 5.1"};
  return {};
}

std::string dotted(std::uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
         std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255);
}

ojson zone_json(const Layout& L, std::size_t z) {
  const ZonePlan& p = L.zones[z];
  ojson j = {{"id", p.id}, {"name", p.name}};
  if (p.purdue >= 0) j["purdue"] = p.purdue;
  j["kind"] = p.kind;
  j["x-subnets"] = {dotted(p.net) + "/" + std::to_string(p.prefix)};
  if (p.prefix == 0) j["x-interfaces"] = {"wan0"}; // the firewalls' Internet side
  RandomStream rng(L.options.seed, 0x20'0000'0000ull + z);
  ojson cms = ojson::array();
  std::string dropped_base;
  for (const char* cm : zone_countermeasures(p.kind)) {
    const std::string id = cm;
    const bool enhancement = id.find(" RE ") != std::string::npos;
    if (enhancement && id.compare(0, dropped_base.size(), dropped_base) == 0 && !dropped_base.empty())
      continue;
    if (rng.uniform() >= 0.15) {
      cms.push_back(id); // about one in seven is missing: gaps to find
    } else if (!enhancement) {
      dropped_base = id + " "; // its enhancements go with it
    }
  }
  if (!cms.empty()) j["countermeasures"] = cms;
  if (p.kind == "control" && rng.uniform() < 0.2)
    j["compensating"] = {{{"requirements", {"SR 3.3"}},
                          {"control", "Weekly comparison of controller programs against the golden copy."},
                          {"change_record", "MOC-2025-" + std::to_string(1000 + z)},
                          {"status", "verified"},
                          {"credited_sl", 2},
                          {"owner", "OT engineering"}}};
  if (p.kind == "dmz") j["sl_t"] = {2, 2, 2, 2, 3, 2, 2};
  if (p.kind == "safety") j["sl_t"] = {3, 3, 3, 2, 3, 2, 3};
  ojson c = zone_consequence(static_cast<int>(z) == L.plant ? "control" : p.kind);
  if (!c.is_null()) j["consequence"] = c;
  return j;
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
}

class AssetWriter {
public:
  explicit AssetWriter(const Layout& L) : L_(L), controllers_(L.zones.size()) {
    for (std::size_t z = 0; z < L.zones.size(); ++z) {
      const auto& kind = L.zones[z].kind;
      if (kind == "control" || kind == "safety")
        controllers_[z] = L.find(static_cast<int>(z),
                                 {Role::Plc, Role::DcsController, Role::Pac, Role::Rtu, Role::Ied, Role::Sis},
                                 static_cast<int>(z) == L.plant ? ~std::size_t{0} : 24);
    }
  }

  // Appends one asset object (no trailing comma) to `out`.
  void write(std::uint32_t a, std::string& out) const {
    const AssetPlan& p = L_.assets[a];
    const RoleSpec& role = role_spec(p.role);
    const ProductSpec& product = role.products[p.product];
    out += "{\"id\":";
    append_string(out, L_.asset_id(a));
    out += ",\"zone\":";
    append_string(out, L_.zones[p.zone].id);
    if (const ZonePlan& zone = L_.zones[p.zone]; zone.prefix > 0)
      out += ",\"x-ip\":\"" + dotted(zone.net + 1 + (a - zone.first)) + '"';
    out += ",\"type\":";
    append_string(out, role.type);
    out += ",\"vendor\":";
    append_string(out, product.vendor);
    out += ",\"product\":";
    append_string(out, product.product);
    out += ",\"services\":[";
    bool creds = p.flags & kDefaultCredentials;
    for (std::size_t i = 0; i < product.services.size(); ++i) {
      const auto& s = product.services[i];
      if (i) out += ',';
      out += "{\"protocol\":";
      append_string(out, s.protocol);
      out += ",\"port\":" + std::to_string(s.port);
      if (creds &&
          (s.protocol == "http" || s.protocol == "https" || s.protocol == "telnet" || s.protocol == "vnc")) {
        out += ",\"default_credentials\":true";
        creds = false;
      }
      out += '}';
    }
    out += ']';
    if ((p.flags & kVulnerable) && !product.cves.empty()) {
      out += ",\"vulnerabilities\":[";
      for (std::size_t i = 0; i < product.cves.size(); ++i) {
        if (i) out += ',';
        out += "{\"id\":";
        append_string(out, product.cves[i].id);
        out += ",\"cvss\":";
        append_string(out, product.cves[i].cvss);
        out += ",\"service\":";
        append_string(out, product.cves[i].service);
        out += '}';
      }
      out += ']';
    }
    write_manages(a, out);
    if (product.legacy) out += ",\"legacy\":true";
    if (p.flags & kUnpatchable) out += ",\"patchable\":false";
    if (p.flags & kCrownJewel) {
      out += p.role == Role::Sis ? ",\"consequence\":{\"safety\":5,\"environment\":4,\"production\":4}"
                                 : ",\"consequence\":{\"safety\":4,\"production\":5}";
    }
    out += '}';
  }

private:
  // Engineering workstations manage controllers: in an area, one cell each in turn; in a SIS
  // zone, its logic solvers; in a flat plant, 16 controllers each in turn.
  void write_manages(std::uint32_t a, std::string& out) const {
    const AssetPlan& p = L_.assets[a];
    if (p.role != Role::EngWorkstation) return;
    const ZonePlan& zone = L_.zones[p.zone];
    const std::vector<std::uint32_t>* list = nullptr;
    std::size_t begin = 0, count = 24;
    if (zone.kind == "supervisory" && zone.area >= 0) {
      const auto& cells = L_.cells[static_cast<std::size_t>(zone.area)];
      if (cells.empty()) return;
      list = &controllers_[static_cast<std::size_t>(cells[(p.number - 1) % cells.size()])];
    } else if (zone.kind == "safety" || static_cast<int>(p.zone) == L_.plant) {
      list = &controllers_[p.zone];
      if (static_cast<int>(p.zone) == L_.plant && !list->empty()) {
        count = 16;
        begin = (std::size_t(p.number - 1) * count) % list->size();
      }
    }
    if (!list || list->empty()) return;
    out += ",\"manages\":[";
    for (std::size_t i = 0; i < std::min(count, list->size()); ++i) {
      if (i) out += ',';
      append_string(out, L_.asset_id((*list)[(begin + i) % list->size()]));
    }
    out += ']';
  }

  const Layout& L_;
  std::vector<std::vector<std::uint32_t>> controllers_;
};

} // namespace

GenerateSummary generate_site(const GenerateOptions& options, std::ostream& out) {
  std::optional<ProgressPhase> planning(std::in_place, options.progress, "plan layout");
  Layout L = plan_layout(options);
  ConduitSet conduits = plan_conduits(L);
  ojson threats = plan_threat_actors(L);
  planning.reset();
  GenerateSummary sum;
  sum.site_id = L.site_id;
  sum.zones = L.zones.size();
  sum.assets = L.assets.size();
  sum.conduits = conduits.conduits.size();
  sum.rules = conduits.rules;
  sum.misconfigurations = conduits.misconfigurations;
  sum.threat_actors = threats.size();

  std::string buf;
  buf.reserve(1 << 20);
  const ProgressPhase writing(options.progress, "write site", sum.zones + sum.assets + sum.conduits);
  std::uint64_t items = 0; // written into buf since the last flush
  // Called after each zone, asset and conduit: counts it, and writes a full megabyte out.
  auto flush = [&](bool force) {
    ++items;
    if (!force && buf.size() < (1u << 20)) return;
    global_cancel_token().throw_if_cancelled(); // Ctrl-C: stop at the next megabyte
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    sum.bytes += buf.size();
    buf.clear();
    writing.advance(items);
    items = 0;
  };
  ojson site = {
      {"id", L.site_id},
      {"name", std::string("Generated ") + (L.plant >= 0 ? "flat" : "segmented") + " plant, " +
                   std::to_string(options.assets) + " assets, seed " + std::to_string(options.seed)},
      {"description", "Synthetic site from `zonepath generate` (docs/generate.md). Fictional plant; "
                      "real products, protocols and CVEs."}};
  buf += "{\"schema\":\"zonepath/site/v1\",\n\"site\":" + site.dump() + ",\n\"zones\":[\n";
  for (std::size_t z = 0; z < L.zones.size(); ++z) {
    buf += zone_json(L, z).dump();
    buf += z + 1 < L.zones.size() ? ",\n" : "\n";
    flush(false);
  }
  buf += "],\n\"assets\":[\n";
  AssetWriter writer(L);
  for (std::uint32_t a = 0; a < L.assets.size(); ++a) {
    writer.write(a, buf);
    buf += a + 1 < L.assets.size() ? ",\n" : "\n";
    if (L.assets[a].flags & kCrownJewel) ++sum.crown_jewels;
    const auto& product = role_spec(L.assets[a].role).products[L.assets[a].product];
    if ((L.assets[a].flags & kVulnerable) && !product.cves.empty()) ++sum.vulnerable_assets;
    flush(false);
  }
  buf += "],\n\"conduits\":[\n";
  for (std::size_t c = 0; c < conduits.conduits.size(); ++c) {
    buf += conduits.conduits[c].dump();
    buf += c + 1 < conduits.conduits.size() ? ",\n" : "\n";
    flush(false);
  }
  buf += "],\n\"threat_actors\":" + threats.dump() +
         ",\n\"models\":{\"threat\":\"default\",\"consequence\":\"default\"}}\n";
  flush(true);
  return sum;
}

GenerateSummary generate_site_file(const GenerateOptions& options, const std::string& path) {
  if (path == "-") {
    auto sum = generate_site(options, std::cout);
    std::cout.flush();
    return sum;
  }
  GenerateSummary sum;
  write_file_atomic(path, [&](std::ostream& out) { sum = generate_site(options, out); });
  return sum;
}

} // namespace zonepath::scenarios
