// The assessment part of the site loader: per-requirement records of zones and conduits and
// compensating controls with their lifecycle (docs/model.md, "Requirement records").
#include <algorithm>
#include <cctype>

#include "site_loader_impl.hpp"
#include "zonepath/models/catalog_component_requirements.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models::detail {

bool is_placeholder_reference(std::string_view text) {
  std::string squashed;
  for (unsigned char c : text)
    if (std::isalnum(c)) squashed += char(std::tolower(c));
  if (squashed.empty()) return true; // "-", "?", "...", blanks
  static const char* const kPlaceholders[] = {
      "tbd",          "tbc", "tba",   "todo",  "na",       "none",        "pending", "unknown", "placeholder",
      "changerecord", "xxx", "crxxx", "crtbd", "tobedone", "tobedefined", "fixme",   "null",    "nil"};
  for (const char* p : kPlaceholders)
    if (squashed == p) return true;
  // "TBD - ask Bob", "TODO: raise CR", "CR-XXXX", "xxxx"
  for (const char* prefix : {"tbd", "tbc", "todo", "fixme", "tobe"})
    if (squashed.rfind(prefix, 0) == 0) return true;
  if (squashed.find_first_not_of('x') == std::string::npos) return true;
  if (squashed.size() > 2 && squashed.rfind("cr", 0) == 0 &&
      squashed.find_first_not_of('x', 2) == std::string::npos)
    return true;
  return false;
}

std::optional<Date> SiteReader::read_date(const json& obj, const std::string& ptr, const char* key) {
  auto text = check_.get_string(obj, ptr, key);
  if (!text) return std::nullopt;
  auto d = parse_date(*text);
  if (!d) check_.error(ptr + "/" + key, "expected an ISO 8601 date YYYY-MM-DD", &obj.at(key));
  return d;
}

std::string SiteReader::read_reference(const json& obj, const std::string& ptr, const char* key,
                                       bool required) {
  auto text = check_.get_string(obj, ptr, key);
  if (!text) {
    if (required && !obj.contains(key))
      check_.error(ptr,
                   std::string("missing ") + key + ": it must be traceable to a record of the change process",
                   nullptr, std::string("add \"") + key + "\": \"CR-...\"");
    return {};
  }
  if (is_placeholder_reference(*text)) {
    check_.error(ptr + "/" + key, std::string(key) + " must name a real record, not a placeholder",
                 &obj.at(key),
                 "give the record's id in your change process, or use status \"proposed\" until it exists");
    return {};
  }
  return *text;
}

CompensatingControl SiteReader::read_control(const json& c, const std::string& ptr) {
  CompensatingControl cc;
  check_.check_keys(c, ptr,
                    {"requirement", "requirements", "control", "change_record", "status", "credited_sl",
                     "owner", "validation_record", "review_by", "description", "responsible", "services"});
  cc.services = check_.get_string_list(c, ptr, "services");
  if (c.contains("requirement") && c.contains("requirements"))
    check_.error(ptr, "give either 'requirement' or 'requirements', not both", &c.at("requirement"));
  if (c.contains("requirements")) {
    cc.requirements = read_requirements(c, ptr, "requirements");
    if (c.at("requirements").is_array() && c.at("requirements").empty())
      check_.error(ptr + "/requirements", "a compensating control must name at least one requirement",
                   &c.at("requirements"));
  } else if (auto req = check_.get_string(c, ptr, "requirement", true)) {
    if (is_known_requirement_id(*req))
      cc.requirements.push_back(*req);
    else
      check_.error(ptr + "/requirement", "unknown requirement '" + *req + "'", &c.at("requirement"));
  }
  if (auto control = check_.get_string(c, ptr, "control", true)) cc.control = *control;
  if (auto st = check_.get_string(c, ptr, "status")) {
    if (auto parsed = parse_control_status(*st))
      cc.status = *parsed;
    else
      check_.error(ptr + "/status", "unknown control status '" + *st + "'", &c.at("status"),
                   "use proposed, implemented, verified or validated");
  }
  // A control that exists must be traceable; a proposal has no change record yet.
  cc.change_record = read_reference(c, ptr, "change_record", cc.status != ControlStatus::Proposed);
  if (c.contains("validation_record"))
    cc.validation_record = read_reference(c, ptr, "validation_record", false);
  if (auto sl = check_.get_integer(c, ptr, "credited_sl")) {
    if (*sl < 1 || *sl > 4)
      check_.error(ptr + "/credited_sl", "credited_sl must be 1..4", &c.at("credited_sl"));
    else
      cc.credited_sl = int(*sl);
  } else if ((cc.status == ControlStatus::Verified || cc.status == ControlStatus::Validated) &&
             !c.contains("credited_sl")) {
    check_.error(ptr,
                 "a verified or validated compensating control must state credited_sl, the level it is "
                 "credited up to",
                 nullptr, "add \"credited_sl\": 1..4");
  }
  check_name(c, ptr, "owner", cc.owner);
  cc.review_by = read_date(c, ptr, "review_by");
  check_name(c, ptr, "description", cc.description);
  cc.responsible = read_responsible(c, ptr);
  return cc;
}

std::vector<CompensatingControl> SiteReader::read_compensating(const json& obj, const std::string& ptr) {
  std::vector<CompensatingControl> out;
  const json* list = check_.get_array(obj, ptr, "compensating");
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& c = (*list)[i];
    std::string cp = ptr + "/compensating/" + std::to_string(i);
    if (!check_.expect_object(c, cp)) continue;
    out.push_back(read_control(c, cp));
  }
  return out;
}

std::vector<RequirementRecord> SiteReader::read_records(const json& obj, const std::string& ptr,
                                                        const std::vector<std::string>& countermeasures) {
  std::vector<RequirementRecord> out;
  const json* list = check_.get_array(obj, ptr, "requirements");
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& r = (*list)[i];
    std::string rp = ptr + "/requirements/" + std::to_string(i);
    if (!check_.expect_object(r, rp)) continue;
    check_.check_keys(r, rp,
                      {"id", "status", "evidence", "justification", "owner", "last_verified", "description"});
    RequirementRecord rec;
    auto id = check_.get_string(r, rp, "id", true);
    auto status = check_.get_string(r, rp, "status", true);
    if (id && !find_requirement(*id)) {
      std::vector<std::string_view> ids;
      for (const auto& req : requirements()) ids.push_back(req.id);
      std::string near = did_you_mean(*id, ids);
      check_.error(rp + "/id", "'" + *id + "' is not an IEC 62443-3-3 system requirement", &r.at("id"),
                   near.empty() ? "records name SRs and REs such as 'SR 1.6' or 'SR 5.2 RE 1'"
                                : "did you mean '" + near + "'?");
      id.reset();
    }
    if (id) {
      bool twice =
          std::any_of(out.begin(), out.end(), [&](const RequirementRecord& x) { return x.id == *id; });
      bool listed = std::find(countermeasures.begin(), countermeasures.end(), *id) != countermeasures.end();
      if (twice || listed)
        check_.error(rp + "/id",
                     "requirement '" + *id + "' is recorded twice" +
                         (listed ? " (also in countermeasures, the shorthand for met)" : ""),
                     &r.at("id"));
      rec.id = *id;
    }
    if (status) {
      if (auto parsed = parse_requirement_status(*status))
        rec.status = *parsed;
      else {
        check_.error(rp + "/status", "unknown requirement status '" + *status + "'", &r.at("status"),
                     "use met, partial, not-met, not-applicable or compensated");
        status.reset();
      }
    }
    rec.evidence = check_.get_string_list(r, rp, "evidence");
    check_name(r, rp, "justification", rec.justification);
    if (status && rec.status == RequirementStatus::NotApplicable &&
        rec.justification.find_first_not_of(" \t\n") == std::string::npos)
      check_.error(r.contains("justification") ? rp + "/justification" : rp,
                   "a not-applicable requirement needs a justification",
                   r.contains("justification") ? &r.at("justification") : nullptr,
                   "say why it does not apply, e.g. \"no wireless in this zone\"");
    check_name(r, rp, "owner", rec.owner);
    rec.last_verified = read_date(r, rp, "last_verified");
    check_name(r, rp, "description", rec.description);
    if (id && status) out.push_back(std::move(rec));
  }
  return out;
}

} // namespace zonepath::models::detail
