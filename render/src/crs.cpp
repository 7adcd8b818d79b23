// Builds a zone's cybersecurity requirements specification (IEC 62443-3-2 ZCR 6) from the site
// and its analysis: what the zone must meet, what it relies on, and where its boundary is.
#include <algorithm>

#include "crs_document.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::render::detail {

namespace {

using models::Index;
using models::kNone;

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& s : items)
    if (!s.empty()) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string zone_name(const models::Site& site, Index z) {
  return z == kNone ? "*" : site.zones[z].id;
}

std::string rule_text(const models::Site& site, const models::Rule& r,
                      const std::optional<models::Date>& as_of) {
  std::string text = std::to_string(r.priority) + " " + (r.allow ? "allow " : "deny ") +
                     zone_name(site, r.from_zone) + " -> " + zone_name(site, r.to_zone);
  text += " " + (r.protocols.empty() ? std::string("any protocol") : join(r.protocols, "/"));
  if (!r.ports.empty()) {
    std::vector<std::string> ports;
    for (auto p : r.ports) ports.push_back(std::to_string(p));
    text += " port " + join(ports, "/");
  }
  auto assets = [&](const std::vector<Index>& list) {
    std::vector<std::string> ids;
    for (Index a : list) ids.push_back(site.assets[a].id);
    return join(ids);
  };
  if (!r.src_assets.empty()) text += " from " + assets(r.src_assets);
  if (!r.dst_assets.empty()) text += " to " + assets(r.dst_assets);
  if (r.temporary)
    text += " [" + std::string(to_string(r.temporary->kind)) + ", " +
            to_string(models::temporal_state(*r.temporary, as_of)) + ", until " +
            r.temporary->valid_until_text + "]";
  return text;
}

std::string rules_summary(const models::Site& site, const std::vector<models::Rule>& rules,
                          const std::optional<models::Date>& as_of) {
  std::size_t allow = 0;
  for (const auto& r : rules) allow += r.allow;
  std::string text = std::to_string(allow) + " allow, " + std::to_string(rules.size() - allow) + " deny";
  for (const auto& r : rules) text += "; " + rule_text(site, r, as_of);
  return text;
}

CrsSection target(const models::ZoneResult& z) {
  CrsSection s{
      "Target security level (SL-T)", {}, {{"FR", "Name", "SL-T", "How it was set", "SL-A", "Gap"}, {}}};
  s.paragraphs.push_back("SL-T " + models::sl_vector_text(z.sl_t) + " (FR1..FR7). " +
                         (z.sl_t_declared
                              ? "Declared in the site model; zonepath also derives one from the "
                                "simulated risk (docs/risk.md) and compares."
                              : "Derived from the simulated risk: the reduction in likelihood the "
                                "zone's consequence needs, per threat actor tier, at least the "
                                "floor of the zone's kind (docs/risk.md)."));
  for (int fr = 1; fr <= models::kFrCount; ++fr) {
    const int i = fr - 1;
    std::string how = z.sl_t_declared ? "declared " + std::to_string((*z.sl_t_declared)[i]) + "; derived " +
                                            std::to_string(z.sl_t_derived[i])
                                      : "derived from the risk";
    if (std::find(z.declared_below_derived.begin(), z.declared_below_derived.end(), fr) !=
        z.declared_below_derived.end())
      how += " (declared below the derived target)";
    s.table.rows.push_back({"FR" + std::to_string(fr) + " " + std::string(models::fr_abbrev(fr)),
                            std::string(models::fr_name(fr)), std::to_string(z.sl_t[i]), how,
                            std::to_string(z.sl_a[i]), std::to_string(z.gap[i])});
  }
  return s;
}

CrsSection requirements(const models::ZoneResult& z, const models::RequirementAssessment& ra) {
  CrsSection s{
      "Requirements to meet at SL-T",
      {},
      {{"Requirement", "Title", "From SL", "Record", "Counts up to SL", "Meets SL-T", "Evidence", "Note"},
       {}}};
  std::size_t total = 0, met = 0;
  for (int fr = 1; fr <= models::kFrCount; ++fr) {
    const int sl = z.sl_t[fr - 1];
    for (const models::Requirement* r : models::required_for(fr, sl)) {
      const models::AssessedRequirement* rec = ra.find(r->id);
      const int counts = ra.counts_up_to(*r);
      ++total;
      met += counts >= sl;
      s.table.rows.push_back(
          {r->id, r->title, std::to_string(r->min_sl),
           rec ? std::string(to_string(rec->status)) + " (" + to_string(rec->source) + ")" : "no record",
           std::to_string(counts), counts >= sl ? "yes" : "no", rec ? join(rec->evidence) : "",
           rec ? (rec->note.empty() ? rec->justification : rec->note) : ""});
    }
  }
  s.paragraphs.push_back(std::to_string(total) +
                         " IEC 62443-3-3 requirements and enhancements selected by the "
                         "SL-T; " +
                         std::to_string(met) + " met at SL-T, " + std::to_string(total - met) +
                         " still to meet.");
  return s;
}

CrsSection controls(const models::Site& site, const models::Report& report, Index zone) {
  CrsSection s{"Compensating controls relied on",
               {},
               {{"Where", "Requirements", "Control", "Status", "Credited to SL", "Review by", "Change record",
                 "Credit"},
                {}}};
  auto row = [&](const std::string& where, const models::ControlCredit& c) {
    const auto& cc = c.control;
    s.table.rows.push_back({where, join(cc.requirements), cc.control, to_string(cc.status),
                            cc.credited_sl ? std::to_string(cc.credited_sl) : "",
                            cc.review_by ? cc.review_by->text() : "", cc.change_record,
                            c.credited ? "credited" : "no credit: " + c.reason});
  };
  for (const auto& c : report.assessment.zones[zone].controls) row("zone " + site.zones[zone].id, c);
  for (Index a : site.zones[zone].assets)
    for (const auto& c : report.assessment.assets[a]) row("asset " + site.assets[a].id, c);
  if (s.table.rows.empty()) s.paragraphs.push_back("None: the zone relies on no compensating control.");
  return s;
}

CrsSection boundary(const models::Site& site, const models::Report& report, Index zone) {
  const models::Zone& z = site.zones[zone];
  CrsSection s{"Zone boundary: assets", {}, {{"Asset", "Name", "Type", "Product", "SL-C", "Services"}, {}}};
  s.paragraphs.push_back(std::to_string(z.assets.size()) + " assets. Traffic inside the zone: " +
                         (z.isolated              ? "isolated (only the intra-zone rules allow)"
                          : z.intra_rules.empty() ? "open"
                                                  : "open except the intra-zone rules") +
                         (z.intra_rules.empty()
                              ? ""
                              : "; intra-zone rules: " + rules_summary(site, z.intra_rules, report.as_of)));
  for (Index a : z.assets) {
    const models::Asset& as = site.assets[a];
    std::vector<std::string> services;
    for (const auto& sv : as.services)
      services.push_back(sv.protocol + (sv.port ? ":" + std::to_string(sv.port) : ""));
    s.table.rows.push_back({as.id, as.name, as.type, join({as.vendor, as.product, as.version}, " "),
                            as.sl_c ? models::sl_vector_text(*as.sl_c) : "not stated", join(services)});
  }
  return s;
}

CrsSection conduits(const models::Site& site, const models::Report& report, Index zone) {
  CrsSection s{"Conduits", {}, {{"Conduit", "Kind", "Other zone", "SL-T", "Protection", "Rules"}, {}}};
  for (const models::ConduitResult& cr : report.conduits) {
    const models::Conduit& c = site.conduits[cr.conduit];
    if (c.zones[0] != zone && c.zones[1] != zone) continue;
    std::vector<std::string> protection;
    if (c.direction)
      protection.push_back("one-way " + site.zones[(*c.direction)[0]].id + " -> " +
                           site.zones[(*c.direction)[1]].id);
    if (c.inspection) protection.push_back("protocol inspection");
    s.table.rows.push_back({c.id, c.kind, zone_name(site, c.zones[0] == zone ? c.zones[1] : c.zones[0]),
                            models::sl_vector_text(cr.sl_t), join(protection),
                            rules_summary(site, c.rules, report.as_of)});
  }
  if (s.table.rows.empty()) s.paragraphs.push_back("None: the zone has no conduit.");
  return s;
}

} // namespace

CrsDocument build_crs(const models::Site& site, const models::Report& report, Index zone) {
  auto it = std::find_if(report.zones.begin(), report.zones.end(),
                         [&](const models::ZoneResult& z) { return z.zone == zone; });
  if (it == report.zones.end() || zone >= report.assessment.zones.size() ||
      report.assessment.assets.size() < site.assets.size())
    throw RenderError("crs: the report has no analysis of zone index " + std::to_string(zone));
  const models::Zone& z = site.zones[zone];
  CrsDocument doc;
  doc.title =
      "Cybersecurity requirements specification: zone " + z.id + (z.name.empty() ? "" : " (" + z.name + ")");
  doc.intro.push_back("IEC 62443-3-2 ZCR 6 for zone " + z.id + " of site " + site.id +
                      (z.kind.empty() ? "" : ", kind " + z.kind) +
                      (site.scope.empty() ? "" : ", system under consideration " + site.scope.id) +
                      (report.as_of ? ", assessed on " + report.as_of->text() : "") + ".");
  if (!z.description.empty()) doc.intro.push_back(z.description);
  if (!z.responsible.empty())
    doc.intro.push_back("Responsible: " + models::responsible_text(z.responsible) + ".");
  doc.sections.push_back(target(*it));
  doc.sections.push_back(requirements(*it, report.assessment.zones[zone]));
  doc.sections.push_back(controls(site, report, zone));
  doc.sections.push_back(boundary(site, report, zone));
  doc.sections.push_back(conduits(site, report, zone));
  return doc;
}

} // namespace zonepath::render::detail
