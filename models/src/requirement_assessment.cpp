#include "zonepath/models/requirement_assessment.hpp"

#include <algorithm>

namespace zonepath::models {

namespace {

bool counts_fully(RequirementStatus s) {
  return s == RequirementStatus::Met || s == RequirementStatus::NotApplicable;
}

RequirementAssessment assess_owner(const std::vector<std::string>& countermeasures,
                                   const std::vector<RequirementRecord>& records,
                                   const std::vector<CompensatingControl>& controls,
                                   const std::optional<Date>& as_of) {
  RequirementAssessment out;
  for (const auto& c : controls) out.controls.push_back(credit_control(c, as_of));
  for (const Requirement& r : requirements()) {
    AssessedRequirement a;
    a.requirement = &r;
    bool recorded = false;
    if (std::find(countermeasures.begin(), countermeasures.end(), r.id) != countermeasures.end()) {
      a.status = RequirementStatus::Met;
      a.source = RecordSource::Countermeasure;
      recorded = true;
    }
    for (const auto& rec : records) {
      if (rec.id != r.id) continue;
      a.status = rec.status;
      a.source = RecordSource::Record;
      a.evidence = rec.evidence;
      a.justification = rec.justification;
      a.owner = rec.owner;
      a.last_verified = rec.last_verified;
      recorded = true;
    }
    // A control may name the SR or its IEC 62443-4-2 counterpart (or both): it counts once.
    const std::string key = requirement_key(r.id);
    int credit = 0;
    for (std::size_t i = 0; i < controls.size(); ++i) {
      const auto& names = controls[i].requirements;
      if (std::none_of(names.begin(), names.end(),
                       [&](const std::string& id) { return requirement_key(id) == key; }))
        continue;
      a.controls.push_back(i);
      if (out.controls[i].credited) credit = std::max(credit, controls[i].credited_sl);
    }
    if (!recorded && a.controls.empty()) continue;
    if (!recorded) {
      a.status = RequirementStatus::Compensated;
      a.source = RecordSource::Control;
    }
    a.counts_up_to = counts_fully(a.status) ? 4 : credit;
    if (!counts_fully(a.status)) {
      if (a.controls.empty())
        a.note = a.status == RequirementStatus::Compensated
                     ? "compensated, but no compensating control names it"
                     : std::string(to_string(a.status));
      else if (credit == 0)
        a.note = "no compensating control for it earns credit";
      else
        a.note = "compensating controls credited up to SL " + std::to_string(credit);
    }
    out.records.push_back(std::move(a));
  }
  return out;
}

} // namespace

const char* to_string(RecordSource source) {
  switch (source) {
  case RecordSource::Record:
    return "record";
  case RecordSource::Countermeasure:
    return "countermeasures";
  case RecordSource::Control:
    return "compensating";
  }
  return "record";
}

const AssessedRequirement* RequirementAssessment::find(std::string_view id) const {
  for (const auto& r : records)
    if (r.requirement->id == id) return &r;
  return nullptr;
}

int RequirementAssessment::counts_up_to(const Requirement& r) const {
  const AssessedRequirement* a = find(r.id);
  return a ? a->counts_up_to : 0;
}

std::vector<std::string> RequirementAssessment::missing_for(int fr, int sl) const {
  std::vector<std::string> out;
  if (sl <= 0) return out;
  for (const Requirement* r : required_for(fr, sl))
    if (counts_up_to(*r) < sl) out.push_back(r->id);
  return out;
}

std::vector<std::string> RequirementAssessment::missing(const SlVector& sl_t) const {
  std::vector<std::string> out;
  for (int fr = 1; fr <= kFrCount; ++fr)
    for (auto& id : missing_for(fr, sl_t[fr - 1])) out.push_back(std::move(id));
  return out;
}

ControlCredit credit_control(const CompensatingControl& control, const std::optional<Date>& as_of) {
  ControlCredit c{control, false, {}};
  if (control.status != ControlStatus::Verified && control.status != ControlStatus::Validated)
    c.reason = std::string("status ") + to_string(control.status) +
               ": only verified or validated controls earn credit";
  else if (control.credited_sl <= 0)
    c.reason = "no credited_sl";
  else if (control.review_by && as_of && *control.review_by < *as_of)
    c.reason = "review overdue: review_by " + control.review_by->text() + " is before the assessment date " +
               as_of->text();
  else
    c.credited = true;
  return c;
}

SiteAssessment assess_requirements(const Site& site, const std::optional<Date>& as_of) {
  SiteAssessment out;
  out.as_of = as_of;
  out.zones.reserve(site.zones.size());
  for (const Zone& z : site.zones)
    out.zones.push_back(assess_owner(z.countermeasures, z.requirements, z.compensating, as_of));
  out.conduits.reserve(site.conduits.size());
  for (const Conduit& c : site.conduits)
    out.conduits.push_back(assess_owner(c.countermeasures, c.requirements, c.compensating, as_of));
  out.assets.reserve(site.assets.size());
  for (const Asset& a : site.assets) {
    std::vector<ControlCredit> credits;
    for (const auto& c : a.compensating) credits.push_back(credit_control(c, as_of));
    out.assets.push_back(std::move(credits));
  }
  return out;
}

std::string control_text(const ControlCredit& c) {
  std::string names;
  for (const auto& id : c.control.requirements) names += (names.empty() ? "" : ", ") + id;
  std::string state =
      std::string(to_string(c.control.status)) +
      (c.credited ? ", credited to SL " + std::to_string(c.control.credited_sl) : ", no credit: " + c.reason);
  std::string record = c.control.change_record.empty() ? "" : c.control.change_record + "; ";
  return names + ": " + c.control.control + " (" + record + state + ")";
}

std::string record_text(const AssessedRequirement& r) {
  std::string out = r.requirement->id + " " + to_string(r.status);
  const std::string& why = !r.justification.empty() ? r.justification : r.note;
  if (!why.empty()) out += ": " + why;
  if (!r.evidence.empty()) {
    std::string list;
    for (const auto& e : r.evidence) list += (list.empty() ? "" : ", ") + e;
    out += " (evidence " + list + ")";
  }
  return out;
}

std::string requirement_key(std::string_view id) {
  auto space = id.find(' ');
  if (space == std::string_view::npos) return std::string(id);
  return std::string(id.substr(space + 1));
}

} // namespace zonepath::models
