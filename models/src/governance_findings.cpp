// The governance findings (docs/findings.md, "Governance"): what an ISMS auditor samples and a
// change board asks about, read from the analysed report.
#include <algorithm>

#include "site_loader_impl.hpp"
#include "zonepath/models/catalog_iso27001.hpp"
#include "zonepath/models/governance.hpp"
#include "zonepath/models/report.hpp"

namespace zonepath::models {

namespace {

std::vector<std::string> controls_for(const std::string& requirement, std::vector<std::string> extra) {
  std::vector<std::string> ids = {requirement};
  for (auto& e : extra) ids.push_back(std::move(e));
  return iso27001_union(ids);
}

std::string who(const std::string& owner, const std::string& record) {
  return "owner " + (owner.empty() ? std::string("not named") : owner) + ", change record " +
         (record.empty() ? std::string("none") : record);
}

void expired_temporaries(const Site& site, const Report& report, std::vector<Finding>& out) {
  for (const TemporaryEntry& e : report.temporary) {
    if (e.state != TemporalState::Expired) continue;
    const Temporary& t = e.temporary;
    Finding f;
    f.rule = "temporary-access-expired";
    const bool severe = t.kind == TemporaryKind::VendorSession || t.kind == TemporaryKind::Bypass;
    f.severity = severe ? Severity::High : Severity::Medium;
    if (e.element == TemporaryElement::Asset) {
      f.asset = e.id;
      f.zone = e.zone;
    } else if (site.conduit_index(e.id) != kNone) {
      f.conduit = e.id;
    } else {
      f.zone = e.id;
    }
    f.message = std::string(to_string(t.kind)) + " " + e.label + " was valid until " + t.valid_until_text +
                " but is still configured on " + report.as_of->text() + " (" + who(t.owner, t.change_record) +
                "): remove it or renew it through the change process";
    switch (t.kind) {
    case TemporaryKind::VendorSession:
      f.requirement = "SR 1.13";
      f.zcr = "ZCR 3.6";
      f.iso27001 = controls_for(f.requirement, {"compensating", "supplier-remote-access"});
      break;
    case TemporaryKind::TemporaryConnection:
      f.requirement = e.element == TemporaryElement::Asset ? "SR 2.3" : "SR 5.2";
      f.zcr = "ZCR 3.4";
      f.iso27001 = controls_for(f.requirement, {"compensating"});
      break;
    default:
      f.requirement = "SR 5.2";
      f.zcr = "ZCR 5.8";
      f.iso27001 = controls_for(f.requirement, {"compensating"});
      f.iso27001.insert(std::lower_bound(f.iso27001.begin(), f.iso27001.end(), std::string("A.7.13"),
                                         [](const std::string& a, const std::string& b) { return a < b; }),
                        "A.7.13");
      break;
    }
    out.push_back(std::move(f));
  }
}

void acceptances(const Report& report, std::vector<Finding>& out) {
  // One finding per zone and decision, however many register rows (threats) it covers.
  std::vector<std::string> seen;
  for (const RegisterRow& row : report.risk_register) {
    if (!row.acceptance) continue;
    const RegisterAcceptance& a = *row.acceptance;
    auto report_once = [&](const char* rule, Severity severity, std::string message) {
      std::string key = std::string(rule) + "|" + row.zone + "|" + a.accepted_by + "|" + a.date.text();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) return;
      seen.push_back(key);
      Finding f;
      f.rule = rule;
      f.severity = severity;
      f.zone = row.zone;
      f.message = std::move(message);
      f.zcr = "ZCR 7";
      out.push_back(std::move(f));
    };
    const std::string decision = std::string(to_string(row.treatment)) + " decision by " + a.accepted_by +
                                 " of " + a.date.text() + " for zone " + row.zone;
    if (a.overdue)
      report_once("risk-acceptance-overdue", row.risk.tolerable ? Severity::Medium : Severity::High,
                  decision + " was due for review by " + a.review_by.text() + "; on " + report.as_of->text() +
                      " the risk is level " + std::to_string(row.risk.level) +
                      (row.risk.tolerable ? "" : " (intolerable)"));
    if (a.exceeded)
      report_once("risk-acceptance-exceeded", Severity::High,
                  decision + " signed off risk level " + std::to_string(a.risk_level) + "; from threat " +
                      row.threat + " it is now level " + std::to_string(row.risk.level) +
                      ", which the decision does not cover");
  }
}

struct Owner {
  std::string zone, conduit;
};

void controls(const Site& site, const Report& report, std::vector<Finding>& out) {
  auto check = [&](const ControlCredit& c, const Owner& where, const std::string& asset) {
    const CompensatingControl& cc = c.control;
    std::string subject = "compensating control '" + cc.control + "' (" +
                          (cc.change_record.empty() ? "no change record" : cc.change_record) + ")";
    Finding f;
    f.zone = where.zone;
    f.conduit = where.conduit;
    f.asset = asset;
    f.requirement = cc.requirements.empty() ? "" : cc.requirements.front();
    f.iso27001 = controls_for(f.requirement, {"compensating"});
    f.zcr = "ZCR 5.8";
    const EvidenceFlag flag = control_flag(c, report.as_of);
    if (flag == EvidenceFlag::ReviewOverdue) {
      f.rule = "control-review-overdue";
      f.severity = Severity::Medium;
      f.message = subject + " was due for review by " + cc.review_by->text() + " and earns no credit on " +
                  report.as_of->text();
      out.push_back(f);
    } else if (flag == EvidenceFlag::NotCredited) {
      f.rule = "control-not-credited";
      f.severity = Severity::Low;
      f.message = subject + " is " + to_string(cc.status) + " but earns no credit: " + c.reason;
      out.push_back(f);
    }
  };
  for (Index z = 0; z < site.zones.size(); ++z)
    for (const auto& c : report.assessment.zones[z].controls) check(c, {site.zones[z].id, ""}, "");
  for (Index c = 0; c < site.conduits.size(); ++c)
    for (const auto& cc : report.assessment.conduits[c].controls) check(cc, {"", site.conduits[c].id}, "");
  for (Index a = 0; a < site.assets.size(); ++a)
    for (const auto& c : report.assessment.assets[a])
      check(c, {site.zones[site.assets[a].zone].id, ""}, site.assets[a].id);
}

// One finding per location and rule, naming how many records and the first three, so that a
// zone with forty unverified records gives one line.
void records(const Site& site, const Report& report, std::vector<Finding>& out) {
  auto check = [&](const RequirementAssessment& ra, const Owner& where) {
    std::vector<std::string> missing, stale;
    for (const AssessedRequirement& r : ra.records) {
      switch (record_flag(r, report.as_of)) {
      case EvidenceFlag::EvidenceMissing:
        missing.push_back(r.requirement->id + " (none)");
        break;
      case EvidenceFlag::Placeholder:
        missing.push_back(r.requirement->id + " (placeholder)");
        break;
      case EvidenceFlag::VerificationOverdue:
        stale.push_back(r.requirement->id + " (" + r.last_verified->text() + ")");
        break;
      default:
        break;
      }
    }
    const std::string place = where.zone.empty() ? "conduit " + where.conduit : "zone " + where.zone;
    auto emit = [&](const char* rule, Severity severity, const std::vector<std::string>& ids,
                    const std::string& what) {
      if (ids.empty()) return;
      Finding f;
      f.rule = rule;
      f.severity = severity;
      f.zone = where.zone;
      f.conduit = where.conduit;
      f.requirement = ids.front().substr(0, ids.front().find(" ("));
      f.iso27001 = iso27001_for(f.requirement);
      f.zcr = "ZCR 5.8";
      std::string examples;
      for (std::size_t i = 0; i < ids.size() && i < 3; ++i) examples += (i ? ", " : "") + ids[i];
      f.message = std::to_string(ids.size()) + " requirement record" + (ids.size() == 1 ? "" : "s") + " of " +
                  place + " " + what + ": " + examples + (ids.size() > 3 ? ", ..." : "");
      out.push_back(std::move(f));
    };
    emit("evidence-missing", Severity::Medium, missing, "claim a status without a real evidence reference");
    if (report.as_of)
      emit("verification-overdue", Severity::Low, stale,
           "were last verified more than " + std::to_string(kVerificationIntervalDays) + " days before " +
               report.as_of->text());
  };
  for (Index z = 0; z < site.zones.size(); ++z) check(report.assessment.zones[z], {site.zones[z].id, ""});
  for (Index c = 0; c < site.conduits.size(); ++c)
    check(report.assessment.conduits[c], {"", site.conduits[c].id});
}

} // namespace

const char* to_string(EvidenceFlag flag) {
  static constexpr const char* kNames[] = {
      "", "evidence-missing", "placeholder", "verification-overdue", "review-overdue", "not-credited"};
  return kNames[static_cast<std::size_t>(flag)];
}

EvidenceFlag record_flag(const AssessedRequirement& r, const std::optional<Date>& as_of) {
  if (r.source != RecordSource::Record || r.status == RequirementStatus::NotMet) return EvidenceFlag::None;
  if (r.evidence.empty()) return EvidenceFlag::EvidenceMissing;
  if (std::any_of(r.evidence.begin(), r.evidence.end(),
                  [](const std::string& e) { return detail::is_placeholder_reference(e); }))
    return EvidenceFlag::Placeholder;
  if (as_of && r.last_verified && r.last_verified->days + kVerificationIntervalDays < as_of->days)
    return EvidenceFlag::VerificationOverdue;
  return EvidenceFlag::None;
}

EvidenceFlag control_flag(const ControlCredit& c, const std::optional<Date>& as_of) {
  if (as_of && c.control.review_by && *c.control.review_by < *as_of) return EvidenceFlag::ReviewOverdue;
  if (!c.credited && c.control.status != ControlStatus::Proposed) return EvidenceFlag::NotCredited;
  return EvidenceFlag::None;
}

std::vector<Finding> governance_findings(const Site& site, const Report& report) {
  std::vector<Finding> out;
  expired_temporaries(site, report, out);
  acceptances(report, out);
  controls(site, report, out);
  records(site, report, out);
  return out;
}

} // namespace zonepath::models
