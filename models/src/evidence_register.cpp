#include "zonepath/models/evidence_register.hpp"

#include <sstream>

#include "soa_internal.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath::models {

using detail::add_unique;
using detail::join;

const char* to_string(EvidenceItem item) {
  return item == EvidenceItem::Record ? "record" : "compensating-control";
}

const char* to_string(EvidenceLocation where) {
  static constexpr const char* kNames[] = {"zone", "conduit", "asset"};
  return kNames[static_cast<std::size_t>(where)];
}

namespace {

struct Place {
  EvidenceLocation where;
  std::string id;
};

void records(const RequirementAssessment& ra, const Place& place, const std::optional<Date>& as_of,
             std::vector<EvidenceRow>& out) {
  for (const AssessedRequirement& r : ra.records) {
    EvidenceRow row;
    row.where = place.where;
    row.location = place.id;
    row.requirements = {r.requirement->id};
    row.status = to_string(r.status);
    row.source = to_string(r.source);
    row.counts_up_to = r.counts_up_to;
    row.evidence = r.evidence;
    for (std::size_t c : r.controls) add_unique(row.change_records, ra.controls[c].control.change_record);
    row.owner = r.owner;
    row.last_verified = r.last_verified;
    row.flag = record_flag(r, as_of);
    row.note = !r.note.empty() ? r.note : r.justification;
    out.push_back(std::move(row));
  }
}

void control(const ControlCredit& c, const Place& place, const std::optional<Date>& as_of,
             std::vector<EvidenceRow>& out) {
  const CompensatingControl& cc = c.control;
  EvidenceRow row;
  row.item = EvidenceItem::Control;
  row.where = place.where;
  row.location = place.id;
  row.requirements = cc.requirements;
  row.control = cc.control;
  row.status = to_string(cc.status);
  row.counts_up_to = cc.credited_sl;
  row.credited = c.credited;
  add_unique(row.evidence, cc.validation_record);
  add_unique(row.change_records, cc.change_record);
  row.owner = cc.owner;
  row.review_by = cc.review_by;
  row.flag = control_flag(c, as_of);
  row.note = c.reason;
  out.push_back(std::move(row));
}

std::string date_text(const std::optional<Date>& d) {
  return d ? d->text() : std::string();
}

} // namespace

std::vector<EvidenceRow> build_evidence_register(const Site& site, const Report& report) {
  std::vector<EvidenceRow> out;
  const SiteAssessment& sa = report.assessment;
  // A report assembled by hand may carry no assessment: only what it has is listed.
  for (Index z = 0; z < site.zones.size() && z < sa.zones.size(); ++z) {
    const Place place{EvidenceLocation::Zone, site.zones[z].id};
    records(sa.zones[z], place, report.as_of, out);
    for (const ControlCredit& c : sa.zones[z].controls) control(c, place, report.as_of, out);
    for (Index a : site.zones[z].assets)
      if (a < sa.assets.size())
        for (const ControlCredit& c : sa.assets[a])
          control(c, {EvidenceLocation::Asset, site.assets[a].id}, report.as_of, out);
  }
  for (Index c = 0; c < site.conduits.size() && c < sa.conduits.size(); ++c) {
    const Place place{EvidenceLocation::Conduit, site.conduits[c].id};
    records(sa.conduits[c], place, report.as_of, out);
    for (const ControlCredit& cc : sa.conduits[c].controls) control(cc, place, report.as_of, out);
  }
  return out;
}

const std::vector<std::string>& evidence_columns() {
  static const std::vector<std::string> columns = {
      "item",          "location_kind", "location", "requirements", "control",        "status",
      "source",        "counts_up_to",  "credited", "evidence",     "change_records", "owner",
      "last_verified", "review_by",     "flag",     "note"};
  return columns;
}

std::vector<std::string> evidence_cells(const EvidenceRow& r) {
  return {to_string(r.item),
          to_string(r.where),
          r.location,
          join(r.requirements, "; "),
          r.control,
          r.status,
          r.source,
          std::to_string(r.counts_up_to),
          r.credited ? (*r.credited ? "yes" : "no") : "",
          join(r.evidence, "; "),
          join(r.change_records, "; "),
          r.owner,
          date_text(r.last_verified),
          date_text(r.review_by),
          to_string(r.flag),
          r.note};
}

std::string evidence_register_csv(const std::vector<EvidenceRow>& rows) {
  std::ostringstream out;
  out << join(evidence_columns(), ",") << '\n';
  for (const EvidenceRow& r : rows) {
    const auto cells = evidence_cells(r);
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << '\n';
  }
  return out.str();
}

} // namespace zonepath::models
