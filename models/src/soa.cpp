#include "zonepath/models/soa.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "soa_internal.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

namespace detail {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

} // namespace detail

using detail::add_unique;
using detail::join;

const char* to_string(SoaDecidedBy by) {
  return by == SoaDecidedBy::Model ? "model" : "organisation";
}

const char* to_string(MappingBasis basis) {
  return basis == MappingBasis::Crosswalk ? "crosswalk" : "zonepath-judgement";
}

namespace {

// "1.1" for "SR 1.1", "SR 1.1 RE 2" and "CR 1.1 RE 2": the SR a record or control belongs to.
std::string sr_key(const std::string& id) {
  std::string key = requirement_key(id);
  return key.substr(0, key.find(" RE "));
}

bool covers(const std::set<std::string>& srs, const std::string& id) {
  return srs.count(sr_key(id)) != 0;
}

// Counts over the zones and conduits whose records or SL-T name the control's SRs.
struct Tally {
  int counting = 0, not_applicable = 0, short_of = 0, partial = 0; // partial: records so marked
  std::vector<std::string> na_reasons;
};

// One zone or conduit: returns whether it is concerned.
bool tally(const RequirementAssessment& ra, const std::vector<std::string>& missing,
           const std::set<std::string>& srs, Tally& t, SoaRow& row) {
  bool concerned = false;
  std::set<std::string> short_ids;
  for (const auto& m : missing)
    if (covers(srs, m)) short_ids.insert(m);
  for (const AssessedRequirement& r : ra.records) {
    if (!covers(srs, r.requirement->id)) continue;
    concerned = true;
    if (r.status == RequirementStatus::NotApplicable) {
      ++t.not_applicable;
      add_unique(t.na_reasons, r.justification);
    } else if (r.counts_up_to > 0) {
      ++t.counting;
    } else {
      t.partial += r.status == RequirementStatus::Partial;
      short_ids.insert(r.requirement->id);
    }
    for (const auto& e : r.evidence) add_unique(row.evidence, e);
    add_unique(row.owners, r.owner);
  }
  for (const ControlCredit& c : ra.controls)
    if (std::any_of(c.control.requirements.begin(), c.control.requirements.end(),
                    [&](const std::string& id) { return covers(srs, id); })) {
      concerned = true;
      add_unique(row.change_records, c.control.change_record);
      add_unique(row.evidence, c.control.validation_record);
      add_unique(row.owners, c.control.owner);
    }
  t.short_of += int(short_ids.size());
  return concerned || !short_ids.empty();
}

void from_requirements(const Site& site, const Report& report, SoaRow& row) {
  const std::set<std::string> srs = [&] {
    std::set<std::string> s;
    for (const auto& id : row.requirements) s.insert(sr_key(id));
    return s;
  }();
  Tally t;
  // A report assembled by hand (tests, other writers) may carry results without the assessment.
  const SiteAssessment& sa = report.assessment;
  for (const ZoneResult& z : report.zones) {
    if (z.zone >= sa.zones.size()) continue;
    if (tally(sa.zones[z.zone], z.missing, srs, t, row)) add_unique(row.zones, site.zones[z.zone].id);
    for (Index a : site.zones[z.zone].assets) {
      if (a >= sa.assets.size()) continue;
      for (const ControlCredit& c : sa.assets[a])
        if (std::any_of(c.control.requirements.begin(), c.control.requirements.end(),
                        [&](const std::string& id) { return covers(srs, id); })) {
          add_unique(row.assets, site.assets[a].id);
          add_unique(row.change_records, c.control.change_record);
          add_unique(row.evidence, c.control.validation_record);
          add_unique(row.owners, c.control.owner);
        }
    }
  }
  for (const ConduitResult& c : report.conduits)
    if (c.conduit < sa.conduits.size() && tally(sa.conduits[c.conduit], c.missing, srs, t, row))
      add_unique(row.conduits, site.conduits[c.conduit].id);

  // Partly there when something counts or a record says partial; nothing counting is not
  // implemented; all counting is implemented; no record and nothing required is not assessed.
  row.status = t.short_of   ? (t.counting || t.partial ? SoaStatus::Partial : SoaStatus::NotImplemented)
               : t.counting ? SoaStatus::Implemented
                            : SoaStatus::NotAssessed;
  const std::string what = "IEC 62443-3-3 " + join(row.requirements);
  if (t.not_applicable && !t.counting && !t.short_of) {
    row.applicable = false;
    row.justification = "every record of " + what + " is not applicable: " + join(t.na_reasons, "; ");
    return;
  }
  if (row.zones.empty() && row.conduits.empty()) {
    row.justification = what + ": no zone's or conduit's SL-T requires it and no record names it";
    return;
  }
  row.justification = what + " in " + std::to_string(row.zones.size()) + " zone(s) and " +
                      std::to_string(row.conduits.size()) + " conduit(s): " + std::to_string(t.counting) +
                      " record(s) met or credited, " + std::to_string(t.short_of) +
                      " requirement(s) short of SL-T";
}

constexpr const char* kOrganisational =
    "organisational control of the ISMS: applicable to the system under consideration; its status is "
    "the organisation's to record (site soa), the model holds nothing for it";
constexpr const char* kCrosswalk =
    "suggested IEC 62443-3-3 to ISO/IEC 27001:2022 crosswalk (practitioner-level, not an official mapping; "
    "docs/sources.md section 10)";

// The crosswalk row that names a control without a requirement ("patching a vulnerability").
std::string crosswalk_topic(std::string_view control) {
  for (std::string_view topic : iso27001_topics()) {
    auto ids = iso27001_for(topic);
    if (std::find(ids.begin(), ids.end(), control) != ids.end()) return std::string(topic);
  }
  return {};
}

void mapping(SoaRow& row) {
  const AnnexAControl& c = *row.control;
  row.requirements = annex_a_requirements(c.id);
  if (!row.requirements.empty()) {
    row.basis = MappingBasis::Crosswalk;
    row.mapping_source = kCrosswalk;
  } else if (std::string topic = crosswalk_topic(c.id); !topic.empty()) {
    row.basis = MappingBasis::Crosswalk;
    row.mapping_source = std::string(kCrosswalk) + ", row '" + topic + "'";
  } else if (c.applicability == Applicability::Incidents) {
    row.requirements = {"SR 6.1", "SR 6.2"};
    row.mapping_source = "zonepath: events are assessed and incidents handled from the audit logs (SR 6.1) "
                         "and continuous monitoring (SR 6.2)";
  } else {
    row.mapping_source = "zonepath: no IEC 62443-3-3 requirement; programme links only";
  }
}

void apply_decision(const Site& site, SoaRow& row) {
  for (const SoaDecision& d : site.soa) {
    if (d.control != row.control->id) continue;
    row.decided_by = SoaDecidedBy::Organisation;
    if (d.applicable) row.applicable = *d.applicable;
    if (!d.justification.empty()) row.justification = d.justification;
    if (d.status) row.status = *d.status;
    for (const auto& e : d.evidence) add_unique(row.evidence, e);
    if (!d.owner.empty()) {
      row.owners.erase(std::remove(row.owners.begin(), row.owners.end(), d.owner), row.owners.end());
      row.owners.insert(row.owners.begin(), d.owner);
    }
  }
}

} // namespace

std::vector<SoaRow> build_soa(const Site& site, const Report& report) {
  std::vector<SoaRow> rows;
  rows.reserve(annex_a_controls().size());
  for (const AnnexAControl& c : annex_a_controls()) {
    SoaRow row;
    row.control = &c;
    mapping(row);
    if (!row.requirements.empty())
      from_requirements(site, report, row);
    else
      row.justification = kOrganisational;
    const std::string seen = detail::model_evidence(site, report, row);
    const bool optional =
        c.applicability == Applicability::NetworkServices || c.applicability == Applicability::OffPremises;
    if (!seen.empty()) {
      row.justification = row.requirements.empty() ? seen : row.justification + "; " + seen;
    } else if (optional && row.requirements.empty()) {
      row.applicable = false;
      row.justification =
          c.applicability == Applicability::NetworkServices
              ? "no WAN or VPN conduit: the system under consideration uses no network service "
                "of a provider"
              : "no remote or vendor zone and no temporarily connected device: no asset of the "
                "system under consideration is used off the premises";
    }
    apply_decision(site, row);
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace zonepath::models
