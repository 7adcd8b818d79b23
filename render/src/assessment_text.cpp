#include "assessment_text.hpp"

#include <iomanip>

namespace zonepath::render::detail {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void add_records(std::vector<RecordRow>& rows, const std::string& where,
                 const models::RequirementAssessment& a) {
  for (const auto& rec : a.records) {
    if (rec.status == models::RequirementStatus::Met) continue;
    rows.push_back({where, rec.requirement->id, models::to_string(rec.status),
                    rec.justification.empty() ? rec.note : rec.justification, joined(rec.evidence)});
  }
}

void add_controls(std::vector<ControlRow>& rows, const std::string& where,
                  const std::vector<models::ControlCredit>& controls) {
  for (const auto& c : controls) {
    const auto& k = c.control;
    rows.push_back({where, k.control, joined(k.requirements), models::to_string(k.status),
                    c.credited ? "SL " + std::to_string(k.credited_sl) : "none: " + c.reason, k.owner,
                    k.change_record, k.review_by ? k.review_by->text() : "", c.credited});
  }
}

} // namespace

std::string as_of_text(const models::Report& r) {
  if (!r.as_of)
    return "No assessment date (site.as_of or --as-of): review_by dates of compensating controls were not "
           "checked";
  return "Assessment date " + r.as_of->text() + " (" + r.as_of_source + ")";
}

std::vector<RecordRow> record_rows(const models::Site& site, const models::Report& r) {
  std::vector<RecordRow> rows;
  for (std::size_t z = 0; z < r.assessment.zones.size(); ++z)
    add_records(rows, "zone " + site.zones[z].id, r.assessment.zones[z]);
  for (std::size_t c = 0; c < r.assessment.conduits.size(); ++c)
    add_records(rows, "conduit " + site.conduits[c].id, r.assessment.conduits[c]);
  return rows;
}

std::vector<ControlRow> control_rows(const models::Site& site, const models::Report& r) {
  std::vector<ControlRow> rows;
  for (std::size_t z = 0; z < r.assessment.zones.size(); ++z) {
    add_controls(rows, "zone " + site.zones[z].id, r.assessment.zones[z].controls);
    for (models::Index a : site.zones[z].assets)
      add_controls(rows, "asset " + site.assets[a].id, r.assessment.assets[a]);
  }
  for (std::size_t c = 0; c < r.assessment.conduits.size(); ++c)
    add_controls(rows, "conduit " + site.conduits[c].id, r.assessment.conduits[c].controls);
  return rows;
}

std::vector<UnknownCapability> unknown_capability(const models::Site& site, const models::Report& r) {
  std::vector<UnknownCapability> out;
  for (const auto& z : r.zones) {
    if (z.capability_unknown.empty()) continue;
    UnknownCapability u{site.zones[z.zone].id, {}};
    for (models::Index a : z.capability_unknown) u.assets.push_back(site.assets[a].id);
    out.push_back(std::move(u));
  }
  return out;
}

void print_assessment(std::ostream& out, const models::Site& site, const models::Report& r) {
  out << as_of_text(r) << '\n';
  if (auto rows = record_rows(site, r); !rows.empty()) {
    out << "\nRequirement records not simply met:\n";
    for (const auto& row : rows) {
      out << "  " << std::left << std::setw(26) << row.where << std::setw(12) << row.requirement
          << std::setw(16) << row.status << row.why;
      if (!row.evidence.empty()) out << " (evidence " << row.evidence << ")";
      out << '\n';
    }
  }
  if (auto rows = control_rows(site, r); !rows.empty()) {
    out << "\nCompensating controls:\n";
    for (const auto& row : rows)
      out << "  " << std::left << std::setw(14) << (row.credited ? "credited" : "NOT credited")
          << std::setw(26) << row.where << row.requirements << ": " << row.control << " ("
          << (row.change_record.empty() ? "" : row.change_record + "; ") << row.status << ", "
          << (row.credited ? "credited to " + row.credit : "no credit: " + row.credit.substr(6)) << ")\n";
  }
  if (auto unknown = unknown_capability(site, r); !unknown.empty()) {
    out << "\nCapability unknown (no sl_c; legacy assets capped at the assumed SL-C):\n";
    for (const auto& u : unknown) {
      out << "  " << std::setw(26) << u.zone;
      for (std::size_t i = 0; i < u.assets.size(); ++i) out << (i ? ", " : "") << u.assets[i];
      out << '\n';
    }
  }
}

} // namespace zonepath::render::detail
