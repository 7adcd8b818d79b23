#include "zonepath/models/governance.hpp"

#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/report.hpp"

namespace zonepath::models {

const char* to_string(TemporaryElement e) {
  switch (e) {
  case TemporaryElement::Rule:
    return "rule";
  case TemporaryElement::Conduit:
    return "conduit";
  case TemporaryElement::Asset:
    return "asset";
  }
  return "rule";
}

namespace {

std::string rule_label(const Rule& r, const std::string& where) {
  std::string text = "rule " + std::to_string(r.priority) + " (" + (r.allow ? "allow" : "deny");
  if (!r.description.empty()) text += ": " + r.description;
  return text + ") on " + where;
}

void add_rules(const Site& site, const std::vector<Rule>& rules, const std::string& id,
               const std::string& where, const std::optional<Date>& as_of, std::vector<TemporaryEntry>& out) {
  // Rules are kept sorted by priority; the register lists them as written.
  std::vector<const Rule*> order;
  for (const Rule& r : rules)
    if (r.temporary) order.push_back(&r);
  std::sort(order.begin(), order.end(),
            [](const Rule* a, const Rule* b) { return a->position < b->position; });
  for (const Rule* r : order) {
    TemporaryEntry e{TemporaryElement::Rule, id,
                     rule_label(*r, where),  r->to_zone != kNone ? site.zones[r->to_zone].id : std::string(),
                     *r->temporary,          temporal_state(*r->temporary, as_of)};
    out.push_back(std::move(e));
  }
}

} // namespace

std::vector<TemporaryEntry> temporary_elements(const Site& site, const std::optional<Date>& as_of_in) {
  const std::optional<Date> as_of = as_of_in ? as_of_in : site.as_of;
  std::vector<TemporaryEntry> out;
  for (const Zone& z : site.zones) add_rules(site, z.intra_rules, z.id, "zone " + z.id, as_of, out);
  for (const Conduit& c : site.conduits) {
    if (c.temporary)
      out.push_back({TemporaryElement::Conduit, c.id, "conduit " + c.id, site.zones[c.zones[1]].id,
                     *c.temporary, temporal_state(*c.temporary, as_of)});
    add_rules(site, c.rules, c.id, "conduit " + c.id, as_of, out);
  }
  for (const Asset& a : site.assets)
    if (a.temporary)
      out.push_back({TemporaryElement::Asset, a.id, "asset " + a.id, site.zones[a.zone].id, *a.temporary,
                     temporal_state(*a.temporary, as_of)});
  return out;
}

void apply_risk_treatment(const Site& site, Report& report) {
  const ConsequenceModel model = load_consequence_model(site.consequence_model);
  for (RegisterRow& row : report.risk_register) {
    const Index z = site.zone_index(row.zone);
    for (const Responsible& p : site.zones[z].responsible)
      if (p.role == PartyRole::AssetOwner && row.risk_owner.empty()) row.risk_owner = p.party;
    row.treatment = row.risk.tolerable ? RiskTreatment::Accept : RiskTreatment::Mitigate;
    row.target_risk = row.risk.level == 0 ? 0 : std::min(row.risk.level, model.tolerable_max);
    for (const RiskAcceptance& a : site.risk_acceptances) {
      if (a.zone != z || (a.threat != "*" && a.threat != row.threat)) continue;
      row.treatment = a.treatment;
      if (!a.risk_owner.empty()) row.risk_owner = a.risk_owner;
      row.target_risk = a.target_risk                          ? a.target_risk
                        : a.treatment == RiskTreatment::Accept ? row.risk.level
                                                               : row.target_risk;
      RegisterAcceptance acc;
      acc.accepted_by = a.accepted_by;
      acc.justification = a.justification;
      acc.change_record = a.change_record;
      acc.date = a.date;
      acc.review_by = a.review_by;
      acc.risk_level = a.risk_level;
      acc.overdue = report.as_of && a.review_by < *report.as_of;
      acc.exceeded = a.risk_level && row.risk.level > a.risk_level;
      row.acceptance = acc;
      break;
    }
  }
}

} // namespace zonepath::models
