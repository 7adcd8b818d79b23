// The governance part of the site loader (docs/model.md, "Governance"): temporary states of
// rules, conduits and assets, responsible parties, the scope, risk acceptances and the
// organisation's Statement of Applicability decisions.
#include <algorithm>

#include "site_loader_impl.hpp"
#include "zonepath/models/catalog_annex_a.hpp"

namespace zonepath::models::detail {

std::optional<Temporary> SiteReader::read_temporary(const json& obj, const std::string& ptr) {
  const json* t = check_.get_object(obj, ptr, "temporary");
  if (!t) return std::nullopt;
  const std::string tp = ptr + "/temporary";
  check_.check_keys(*t, tp, {"kind", "valid_from", "valid_until", "owner", "change_record", "description"});
  Temporary out;
  bool ok = true;
  if (auto kind = check_.get_string(*t, tp, "kind", true)) {
    if (auto parsed = parse_temporary_kind(*kind)) {
      out.kind = *parsed;
    } else {
      check_.error(tp + "/kind", "unknown temporary kind '" + *kind + "'", &t->at("kind"),
                   "use maintenance-window, vendor-session, bypass or temporary-connection");
      ok = false;
    }
  } else {
    ok = false;
  }
  // A date alone starts at the beginning of its day and, as an end, lasts to the end of it.
  auto instant = [&](const char* key, bool end) -> std::optional<Instant> {
    auto text = check_.get_string(*t, tp, key, end);
    if (!text) return std::nullopt;
    bool date_only = false;
    auto i = parse_instant(*text, &date_only);
    if (!i) {
      check_.error(tp + "/" + key, "expected an ISO 8601 date or date-time", &t->at(key),
                   "write 2026-12-08 or 2026-12-08T06:00:00Z");
      return std::nullopt;
    }
    (end ? out.valid_until_text : out.valid_from_text) = *text;
    if (end && date_only) i->seconds += 86400;
    return i;
  };
  out.valid_from = instant("valid_from", false);
  auto until = instant("valid_until", true);
  if (until) out.valid_until = *until;
  if (until && out.valid_from && *out.valid_from >= *until)
    check_.error(tp + "/valid_until", "valid_until must be after valid_from", &t->at("valid_until"));
  if (auto owner = check_.get_string(*t, tp, "owner", true)) out.owner = *owner;
  out.change_record = read_reference(*t, tp, "change_record", true);
  if (!ok || !until) return std::nullopt;
  return out;
}

std::vector<Responsible> SiteReader::read_responsible(const json& obj, const std::string& ptr) {
  std::vector<Responsible> out;
  const json* list = check_.get_array(obj, ptr, "responsible");
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& r = (*list)[i];
    std::string rp = ptr + "/responsible/" + std::to_string(i);
    if (!check_.expect_object(r, rp)) continue;
    check_.check_keys(r, rp, {"party", "role", "contact"});
    Responsible p;
    auto party = check_.get_string(r, rp, "party", true);
    auto role = check_.get_string(r, rp, "role", true);
    if (role) {
      if (auto parsed = parse_party_role(*role))
        p.role = *parsed;
      else {
        check_.error(rp + "/role", "unknown role '" + *role + "'", &r.at("role"),
                     "use asset-owner, system-integrator, product-supplier or service-provider");
        role.reset();
      }
    }
    if (party && role) {
      p.party = *party;
      out.push_back(std::move(p));
    }
  }
  return out;
}

void SiteReader::read_scope() {
  const json* s = check_.get_object(root_, "", "scope");
  if (!s) return;
  check_.check_keys(*s, "/scope", {"id", "name", "isms_scope", "description"});
  if (auto v = check_.get_string(*s, "/scope", "id", true)) site_.scope.id = *v;
  check_name(*s, "/scope", "name", site_.scope.name);
  check_name(*s, "/scope", "isms_scope", site_.scope.isms_scope);
  check_name(*s, "/scope", "description", site_.scope.description);
}

void SiteReader::read_risk_acceptances() {
  const json* list = check_.get_array(root_, "", "risk_acceptances");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& a = (*list)[i];
    const std::string ap = "/risk_acceptances/" + std::to_string(i);
    if (!check_.expect_object(a, ap)) continue;
    check_.check_keys(a, ap,
                      {"zone", "threat", "treatment", "accepted_by", "date", "review_by", "justification",
                       "risk_owner", "risk_level", "target_risk", "change_record"});
    RiskAcceptance r;
    bool ok = true;
    if (auto zone = check_.get_string(a, ap, "zone", true))
      ok &= (r.zone = resolve(*zone, Site::Kind::Zone, ap + "/zone", &a.at("zone"), "zone")) != kNone;
    else
      ok = false;
    if (auto threat = check_.get_string(a, ap, "threat", true)) {
      if (*threat != "*" &&
          resolve(*threat, Site::Kind::ThreatActor, ap + "/threat", &a.at("threat"), "threat actor") == kNone)
        ok = false;
      r.threat = *threat;
    } else {
      ok = false;
    }
    if (auto t = check_.get_string(a, ap, "treatment")) {
      if (auto parsed = parse_risk_treatment(*t))
        r.treatment = *parsed;
      else
        check_.error(ap + "/treatment", "unknown treatment '" + *t + "'", &a.at("treatment"),
                     "use mitigate, accept, transfer or avoid");
    }
    for (auto [key, out] :
         {std::pair{"accepted_by", &r.accepted_by}, std::pair{"justification", &r.justification}}) {
      auto v = check_.get_string(a, ap, key, true);
      if (v && v->find_first_not_of(" \t\n") == std::string::npos)
        check_.error(ap + "/" + key, std::string(key) + " must not be empty", &a.at(key));
      if (v) *out = *v;
    }
    check_name(a, ap, "risk_owner", r.risk_owner);
    if (a.contains("change_record")) r.change_record = read_reference(a, ap, "change_record", false);
    auto date = read_date(a, ap, "date");
    auto review = read_date(a, ap, "review_by");
    if (!a.contains("date"))
      check_.error(ap, "missing required key 'date'", nullptr, "the date of the sign-off");
    if (!a.contains("review_by"))
      check_.error(ap, "missing required key 'review_by'", nullptr, "an acceptance is reviewed by a date");
    if (date) r.date = *date;
    if (review) r.review_by = *review;
    if (date && review && *review < *date)
      check_.error(ap + "/review_by", "review_by is before the date of the acceptance", &a.at("review_by"));
    for (auto [key, out] :
         {std::pair{"risk_level", &r.risk_level}, std::pair{"target_risk", &r.target_risk}}) {
      auto v = check_.get_integer(a, ap, key);
      if (!v) continue;
      if (*v < 1 || *v > 5)
        check_.error(ap + "/" + key, std::string(key) + " must be a risk level 1..5", &a.at(key));
      else
        *out = int(*v);
    }
    if (ok && date && review) site_.risk_acceptances.push_back(std::move(r));
  }
}

void SiteReader::read_soa() {
  const json* list = check_.get_array(root_, "", "soa");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& d = (*list)[i];
    const std::string dp = "/soa/" + std::to_string(i);
    if (!check_.expect_object(d, dp)) continue;
    check_.check_keys(d, dp, {"control", "applicable", "justification", "status", "evidence", "owner"});
    SoaDecision s;
    auto control = check_.get_string(d, dp, "control", true);
    if (control && !find_annex_a_control(*control)) {
      check_.error(dp + "/control", "'" + *control + "' is not an ISO/IEC 27001:2022 Annex A control",
                   &d.at("control"),
                   "write A.5.1 .. A.5.37, A.6.1 .. A.6.8, A.7.1 .. A.7.14 or A.8.1 .. A.8.34");
      control.reset();
    }
    if (control && std::any_of(site_.soa.begin(), site_.soa.end(),
                               [&](const SoaDecision& x) { return x.control == *control; }))
      check_.error(dp + "/control", "control '" + *control + "' has two SoA decisions", &d.at("control"));
    s.applicable = check_.get_bool(d, dp, "applicable");
    check_name(d, dp, "justification", s.justification);
    if (s.applicable && !*s.applicable && s.justification.find_first_not_of(" \t\n") == std::string::npos)
      check_.error(dp, "a control excluded from the SoA needs a justification (ISO/IEC 27001 6.1.3 d)",
                   nullptr, "add \"justification\": \"...\"");
    if (auto st = check_.get_string(d, dp, "status")) {
      s.status = parse_soa_status(*st);
      if (!s.status)
        check_.error(dp + "/status", "unknown implementation status '" + *st + "'", &d.at("status"),
                     "use implemented, partial, not-implemented or not-assessed");
    }
    s.evidence = check_.get_string_list(d, dp, "evidence");
    check_name(d, dp, "owner", s.owner);
    if (control) {
      s.control = *control;
      site_.soa.push_back(std::move(s));
    }
  }
}

} // namespace zonepath::models::detail
