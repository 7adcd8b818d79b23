#include "zonepath/models/catalog_requirements.hpp"

#include <iterator>
#include <string>
#include <unordered_map>

#include "zonepath/core/error.hpp"

namespace zonepath::models {

namespace {

const std::array<FoundationalRequirement, 7> kFrs{{
    {1, "IAC", "Identification and authentication control"},
    {2, "UC", "Use control"},
    {3, "SI", "System integrity"},
    {4, "DC", "Data confidentiality"},
    {5, "RDF", "Restricted data flow"},
    {6, "TRE", "Timely response to events"},
    {7, "RA", "Resource availability"},
}};

struct Row {
  int fr, sr, re, min_sl;
  const char* title;
  const char* flag;
};

// One row per SR (re == 0) followed by its REs. min_sl is the first SL column of the table in
// docs/sources.md section 1 that ticks the SR, or that lists "(n)" for RE n. Flags are copied
// from that table so that disputed cells stay visible in reports and in `zonepath catalog requirements`.
constexpr Row kRows[] = {
    {1, 1, 0, 1, "Human user identification and authentication", "✔"},
    {1, 1, 1, 2, "Unique identification and authentication", "✔"},
    {1, 1, 2, 3, "Multifactor authentication for untrusted networks", "✔"},
    {1, 1, 3, 4, "Multifactor authentication for all networks", "✔"},
    {1, 2, 0, 2, "Software process and device identification and authentication", ""},
    {1, 2, 1, 3, "Unique identification and authentication", ""},
    {1, 3, 0, 1, "Account management", ""},
    {1, 3, 1, 3, "Unified account management", ""},
    {1, 4, 0, 1, "Identifier management", ""},
    {1, 5, 0, 1, "Authenticator management", ""},
    {1, 5, 1, 3, "Hardware security for software process identity credentials", ""},
    {1, 6, 0, 1, "Wireless access management", ""},
    {1, 6, 1, 2, "Unique identification and authentication", ""},
    {1, 7, 0, 1, "Strength of password-based authentication", ""},
    {1, 7, 1, 3, "Password generation and lifetime restrictions for human users", ""},
    {1, 7, 2, 4, "Password lifetime restrictions for all users", ""},
    {1, 8, 0, 2, "Public key infrastructure certificates", ""},
    {1, 9, 0, 2, "Strength of public key authentication", ""},
    {1, 9, 1, 3, "Hardware security for public key authentication", ""},
    {1, 10, 0, 1, "Authenticator feedback", ""},
    {1, 11, 0, 1, "Unsuccessful login attempts", ""},
    {1, 12, 0, 1, "System use notification", ""},
    {1, 13, 0, 1, "Access via untrusted networks", ""},
    {1, 13, 1, 2, "Explicit access request approval", ""},
    {2, 1, 0, 1, "Authorization enforcement", ""},
    {2, 1, 1, 2, "Authorization enforcement for all users", ""},
    {2, 1, 2, 2, "Permission mapping to roles", ""},
    {2, 1, 3, 3, "Supervisor override", ""},
    {2, 1, 4, 4, "Dual approval", ""},
    {2, 2, 0, 1, "Wireless use control", ""},
    {2, 2, 1, 3, "Identify and report unauthorized wireless devices", "⚠ one source puts RE 1 at SL2"},
    {2, 3, 0, 1, "Use control for portable and mobile devices", ""},
    {2, 3, 1, 3, "Enforcement of security status of portable and mobile devices",
     "⚠ one source puts RE 1 at SL2"},
    {2, 4, 0, 1, "Mobile code", ""},
    {2, 4, 1, 3, "Mobile code integrity check", ""},
    {2, 5, 0, 1, "Session lock", ""},
    {2, 6, 0, 2, "Remote session termination", ""},
    {2, 7, 0, 3, "Concurrent session control", ""},
    {2, 8, 0, 1, "Auditable events", ""},
    {2, 8, 1, 3, "Centrally managed, system-wide audit trail", ""},
    {2, 9, 0, 1, "Audit storage capacity", ""},
    {2, 9, 1, 3, "Warn when audit record storage capacity threshold reached", ""},
    {2, 10, 0, 1, "Response to audit processing failures", ""},
    {2, 11, 0, 2, "Timestamps", ""},
    {2, 11, 1, 3, "Internal time synchronization", ""},
    {2, 11, 2, 4, "Protection of time source integrity", ""},
    {2, 12, 0, 3, "Non-repudiation", ""},
    {2, 12, 1, 4, "Non-repudiation for all users", ""},
    {3, 1, 0, 1, "Communication integrity", ""},
    {3, 1, 1, 3, "Cryptographic integrity protection", ""},
    {3, 2, 0, 1, "Malicious code protection", ""},
    {3, 2, 1, 2, "Malicious code protection on entry and exit points", ""},
    {3, 2, 2, 3, "Central management and reporting for malicious code protection", ""},
    {3, 3, 0, 1, "Security functionality verification", ""},
    {3, 3, 1, 3, "Automated mechanisms for security functionality verification", ""},
    {3, 3, 2, 4, "Security functionality verification during normal operation", ""},
    {3, 4, 0, 2, "Software and information integrity", "✔ COR1:2014 made SL1 not selected"},
    {3, 4, 1, 3, "Automated notification about integrity violations", ""},
    {3, 5, 0, 1, "Input validation", ""},
    {3, 6, 0, 1, "Deterministic output", ""},
    {3, 7, 0, 2, "Error handling", ""},
    {3, 8, 0, 2, "Session integrity", ""},
    {3, 8, 1, 3, "Invalidation of session IDs after session termination", ""},
    {3, 8, 2, 3, "Unique session ID generation", ""},
    {3, 8, 3, 4, "Randomness of session IDs", ""},
    {3, 9, 0, 2, "Protection of audit information", ""},
    {3, 9, 1, 4, "Audit records on write-once media", ""},
    {4, 1, 0, 1, "Information confidentiality", ""},
    {4, 1, 1, 2, "Protection of confidentiality at rest or in transit via untrusted networks", ""},
    {4, 1, 2, 4, "Protection of confidentiality across zone boundaries", "⚠ one source puts RE 2 at SL3"},
    {4, 2, 0, 2, "Information persistence", ""},
    {4, 2, 1, 3, "Purging of shared memory resources", ""},
    {4, 3, 0, 1, "Use of cryptography", ""},
    {5, 1, 0, 1, "Network segmentation", ""},
    {5, 1, 1, 2, "Physical network segmentation", ""},
    {5, 1, 2, 3, "Independence from non-control system networks", ""},
    {5, 1, 3, 4, "Logical and physical isolation of critical networks", ""},
    {5, 2, 0, 1, "Zone boundary protection", ""},
    {5, 2, 1, 2, "Deny by default, allow by exception", ""},
    {5, 2, 2, 3, "Island mode", ""},
    {5, 2, 3, 3, "Fail close", "⚠ one source puts RE 3 at SL4"},
    {5, 3, 0, 1, "General purpose person-to-person communication restrictions", ""},
    {5, 3, 1, 3, "Prohibit all general purpose person-to-person communications", ""},
    {5, 4, 0, 1, "Application partitioning", "⚠ one source starts it at SL2"},
    {6, 1, 0, 1, "Audit log accessibility", ""},
    {6, 1, 1, 3, "Programmatic access to audit logs", ""},
    {6, 2, 0, 2, "Continuous monitoring", ""},
    {7, 1, 0, 1, "Denial of service protection", "◐"},
    {7, 1, 1, 2, "Manage communication loads", "◐"},
    {7, 1, 2, 3, "Limit DoS effects to other systems or networks", "◐"},
    {7, 2, 0, 1, "Resource management", ""},
    {7, 3, 0, 1, "Control system backup", ""},
    {7, 3, 1, 2, "Backup verification", ""},
    {7, 3, 2, 3, "Backup automation", ""},
    {7, 4, 0, 1, "Control system recovery and reconstitution", ""},
    {7, 5, 0, 1, "Emergency power", ""},
    {7, 6, 0, 1, "Network and security configuration settings", ""},
    {7, 6, 1, 3, "Machine-readable reporting of current security settings", ""},
    {7, 7, 0, 1, "Least functionality", ""},
    {7, 8, 0, 2, "Control system component inventory", ""},
};

std::string sr_id(int fr, int sr) {
  return "SR " + std::to_string(fr) + "." + std::to_string(sr);
}

struct Catalog {
  std::vector<Requirement> all;
  std::unordered_map<std::string_view, const Requirement*> by_id;

  Catalog() {
    all.reserve(std::size(kRows));
    for (const Row& r : kRows) {
      Requirement q;
      q.fr = r.fr;
      q.sr = r.sr;
      q.re = r.re;
      q.min_sl = r.min_sl;
      q.title = r.title;
      q.flag = r.flag;
      q.id = sr_id(r.fr, r.sr);
      if (r.re != 0) {
        q.parent = q.id;
        q.id += " RE " + std::to_string(r.re);
      }
      all.push_back(std::move(q));
    }
    // Keys view into `all`, which is never resized after this point.
    for (const Requirement& q : all) by_id.emplace(q.id, &q);
  }
};

const Catalog& catalog() {
  static const Catalog c;
  return c;
}

} // namespace

const std::array<FoundationalRequirement, 7>& foundational_requirements() {
  return kFrs;
}

const FoundationalRequirement& foundational_requirement(int fr) {
  if (fr < 1 || fr > 7) {
    throw ModelError("foundational requirement number " + std::to_string(fr) + " is out of range 1..7");
  }
  return kFrs[static_cast<std::size_t>(fr - 1)];
}

std::string_view fr_abbrev(int fr) {
  return foundational_requirement(fr).abbrev;
}
std::string_view fr_name(int fr) {
  return foundational_requirement(fr).name;
}

int fr_from_abbrev(std::string_view abbrev) {
  for (const auto& f : kFrs) {
    if (f.abbrev == abbrev) return f.number;
  }
  if (abbrev.size() == 3 && abbrev.substr(0, 2) == "FR" && abbrev[2] >= '1' && abbrev[2] <= '7') {
    return abbrev[2] - '0';
  }
  return 0;
}

const std::vector<Requirement>& requirements() {
  return catalog().all;
}

const Requirement* find_requirement(std::string_view id) {
  const auto& m = catalog().by_id;
  auto it = m.find(id);
  return it == m.end() ? nullptr : it->second;
}

std::vector<const Requirement*> required_for(int fr, int sl) {
  foundational_requirement(fr); // range check
  if (sl < 0 || sl > 4) {
    throw ModelError("security level " + std::to_string(sl) + " is out of range 0..4");
  }
  std::vector<const Requirement*> out;
  for (const Requirement& q : catalog().all) {
    if (q.fr == fr && q.min_sl <= sl) out.push_back(&q);
  }
  return out;
}

} // namespace zonepath::models
