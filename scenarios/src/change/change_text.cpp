// The terminal summary of `zonepath change`: the date assessed and the required flows the change
// stops first, then the verdict, the ratings that moved, SL changes, findings and paths, the
// evidence to re-verify and the Annex A controls concerned.
#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "change_internal.hpp"

namespace zonepath::scenarios {

namespace {

// Paths listed on the terminal; the JSON and the pages hold them all.
constexpr std::size_t kPathLines = 20;

// The most likely path of each threat actor and crown jewel, most likely first (ties: actor,
// then target).
std::vector<const PathChange*> top_path_per_target(const std::vector<PathChange>& list) {
  std::map<std::pair<std::string, std::string>, const PathChange*> best;
  for (const auto& p : list) {
    const PathChange*& b = best[{p.threat, p.target}];
    if (!b || p.probability > b->probability) b = &p;
  }
  std::vector<const PathChange*> out;
  for (const auto& [key, p] : best) out.push_back(p);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->probability > b->probability; });
  return out;
}

const char* level_name(int level) {
  static const char* const names[] = {"-", "very low", "low", "moderate", "high", "very high"};
  return level >= 0 && level <= 5 ? names[level] : "?";
}

std::string rating(const std::optional<models::RiskRating>& r) {
  if (!r) return "-";
  char p[32];
  std::snprintf(p, sizeof p, "%.3f", r->probability);
  return std::string(level_name(r->level)) + (r->tolerable ? "" : " (NOT tolerable)") + " p=" + p;
}

std::string joined(const std::vector<std::string>& list, const char* sep = ", ") {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : sep) + s;
  return out;
}

void date_line(std::ostream& os, const ChangeImpact& r) {
  if (!r.as_of) {
    os << "Assessed with no date: every temporary element counts as in force\n";
    return;
  }
  os << "Assessed as of " << r.as_of->text();
  switch (r.as_of_source) {
  case AsOfSource::Window:
    os << " (first day of the change window)";
    break;
  case AsOfSource::Option:
    os << " (--as-of)";
    break;
  default:
    os << " (the site's as_of)";
    break;
  }
  os << '\n';
}

void risk_section(std::ostream& os, const ChangeImpact& r) {
  int raised = 0, lowered = 0, unchanged = 0;
  std::ostringstream rows;
  for (const auto& row : r.risks) {
    raised += row.raised();
    lowered += row.lowered();
    if (!row.raised() && !row.lowered()) {
      ++unchanged;
      continue;
    }
    rows << "  " << (row.raised() ? "RAISED  " : "lowered ") << row.zone << " / " << row.threat << ": "
         << rating(row.risk.before) << " -> " << rating(row.risk.after) << '\n';
  }
  os << (raised ? "Verdict: risk RISES: " + std::to_string(raised) + " zone/threat rating(s) raised"
                : std::string("Verdict: no zone/threat risk rating rises"))
     << (lowered ? ", " + std::to_string(lowered) + " lowered" : "") << '\n'
     << "\nRisk per zone and threat actor (before -> after):\n"
     << rows.str() << "  " << unchanged << " rating(s) unchanged\n";
}

void sl_section(std::ostream& os, const ChangeImpact& r) {
  static const char* const fr[] = {"FR1 IAC", "FR2 UC", "FR3 SI", "FR4 DC", "FR5 RDF", "FR6 TRE", "FR7 RA"};
  std::ostringstream rows;
  auto emit = [&](const char* kind, const auto& list) {
    for (const auto& d : list)
      for (int i = 0; i < models::kFrCount; ++i) {
        auto at = [i](const std::optional<models::SlVector>& v) { return v ? std::to_string((*v)[i]) : "-"; };
        if (at(d.sl_a.before) == at(d.sl_a.after) && at(d.gap.before) == at(d.gap.after)) continue;
        rows << "  " << kind << ' ' << d.id << ' ' << fr[i] << ": SL-A " << at(d.sl_a.before) << " -> "
             << at(d.sl_a.after) << ", gap " << at(d.gap.before) << " -> " << at(d.gap.after) << '\n';
      }
  };
  emit("zone", r.diff.zones);
  emit("conduit", r.diff.conduits);
  os << "\nSL-A and gap changes:\n" << (rows.str().empty() ? "  none\n" : rows.str());
}

void findings_and_paths(std::ostream& os, const ChangeImpact& r) {
  os << "\nFindings new (" << r.diff.findings_added.size() << "):\n";
  for (const auto& f : r.diff.findings_added)
    os << "  + [" << models::to_string(f.severity) << "] " << f.rule << ": " << f.message << '\n';
  os << "Findings resolved (" << r.diff.findings_removed.size() << "):\n";
  for (const auto& f : r.diff.findings_removed)
    os << "  - [" << models::to_string(f.severity) << "] " << f.rule << ": " << f.message << '\n';
  auto paths = [&](const char* title, const std::vector<PathChange>& list, char mark) {
    const auto top = top_path_per_target(list);
    os << title << " (" << list.size() << "; the most likely per threat actor and crown jewel):\n";
    for (std::size_t i = 0; i < top.size() && i < kPathLines; ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", top[i]->probability);
      os << "  " << mark << " [" << top[i]->threat << " -> " << top[i]->target << "] p=" << buf << ": "
         << joined(top[i]->nodes, " -> ") << '\n';
    }
    if (top.size() > kPathLines)
      os << "  ... " << top.size() - kPathLines
         << " more threat actor / crown jewel pairs (all paths: --json)\n";
  };
  paths("Attack paths appearing", r.diff.paths_appeared, '+');
  paths("Attack paths no longer among the most likely", r.diff.paths_disappeared, '-');
}

void evidence_section(std::ostream& os, const ChangeImpact& r) {
  os << "\nTouched by the change:\n";
  for (const auto& e : r.touched)
    os << "  " << to_string(e.kind) << ' ' << e.id << ": " << joined(e.reasons, "; ") << '\n';
  os << "Evidence to re-verify (" << r.reverify.size() << "):\n";
  for (const auto& v : r.reverify) {
    os << "  " << to_string(v.where_kind) << ' ' << v.where << ": ";
    if (v.kind == EvidenceKind::RequirementRecord)
      os << v.id << ' ' << v.status;
    else
      os << "compensating control \"" << v.id << "\" (" << joined(v.requirements) << ") " << v.status;
    os << "; owner " << (v.owner.empty() ? "-" : v.owner)
       << (v.owner_source == OwnerSource::AssetOwner ? " (asset owner)" : "") << "; evidence "
       << (v.evidence.empty() ? "none" : joined(v.evidence));
    if (!v.change_record.empty()) os << "; change record " << v.change_record;
    if (v.last_verified) os << "; last verified " << v.last_verified->text();
    if (v.review_by) os << "; review by " << v.review_by->text();
    os << '\n';
  }
  os << "\nISO/IEC 27001 Annex A controls concerned (" << r.iso27001.size() << "):\n";
  for (const auto& c : r.iso27001) {
    os << "  " << c.id << ' ' << c.title << ':';
    if (!c.requirements.empty()) os << " requirements " << joined(c.requirements) << ';';
    for (const auto& a : c.applicability) os << ' ' << a << ';';
    os << '\n';
  }
}

} // namespace

std::string change_impact_text(const ChangeImpact& r) {
  std::ostringstream os;
  const ChangeRequest& c = r.change;
  os << "Change " << c.id << ": " << c.title << " (" << c.file() << ")\nRequested by " << c.requested_by
     << '\n';
  if (c.window) os << "Window " << c.window->valid_from_text << " to " << c.window->valid_until_text << '\n';
  date_line(os, r);
  os << "Site " << (r.before_site->name.empty() ? r.before_site->id : r.before_site->name) << " ("
     << r.site_file << "): " << r.after_report.samples << " samples, seed " << r.after_report.seed << '\n'
     << required_flows_line(r.diff) << "\nOperations:\n";
  for (const auto& a : r.after.applied) {
    os << "  " << a.index + 1 << ". " << a.summary;
    if (!a.override_reason.empty()) os << " [override: " << a.override_reason << "]";
    os << '\n';
  }
  os << '\n';
  risk_section(os, r);
  sl_section(os, r);
  findings_and_paths(os, r);
  evidence_section(os, r);
  return os.str();
}

} // namespace zonepath::scenarios
