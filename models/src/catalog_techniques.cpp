#include "zonepath/models/catalog_techniques.hpp"

#include <algorithm>
#include <string>

namespace zonepath::models {

namespace {

// Tactic ids and names: docs/sources.md section 6 (mitre/cti ics-attack.json, v18.1). Function-local
// statics throughout, so that other translation units may use the catalog during static init.
std::vector<Tactic> build_tactics() {
  return {
      {"TA0108", "Initial Access"},
      {"TA0104", "Execution"},
      {"TA0110", "Persistence"},
      {"TA0111", "Privilege Escalation"},
      {"TA0103", "Evasion"},
      {"TA0102", "Discovery"},
      {"TA0109", "Lateral Movement"},
      {"TA0100", "Collection"},
      {"TA0101", "Command and Control"},
      {"TA0107", "Inhibit Response Function"},
      {"TA0106", "Impair Process Control"},
      {"TA0105", "Impact"},
  };
}

constexpr std::string_view EXE = "TA0104", IA = "TA0108", PE = "TA0111", PERS = "TA0110", EV = "TA0103",
                           LM = "TA0109", IRF = "TA0107", IPC = "TA0106", IMP = "TA0105";
constexpr std::string_view kSecondTactic =
    "⚠ second tactic from ATT&CK for ICS as we know it, not checked in the cited release";

std::vector<Technique> build_techniques() {
  // Names and the tactic each technique is listed under: docs/sources.md section 6. Where the
  // source itself gives two tactics (T0859, T0866, T0886) both are kept.
  std::vector<Technique> t = {
      {"T0803", "Block Command Message", {IRF}, ""},
      {"T0804", "Block Reporting Message", {IRF}, ""},
      {"T0806", "Brute Force I/O", {IPC}, ""},
      {"T0809", "Data Destruction", {IRF}, ""},
      {"T0812", "Default Credentials", {LM}, ""},
      {"T0813", "Denial of Control", {IMP}, ""},
      {"T0814", "Denial of Service", {IRF}, ""},
      {"T0815", "Denial of View", {IMP}, ""},
      {"T0816", "Device Restart/Shutdown", {IRF}, ""},
      {"T0817", "Drive-by Compromise", {IA}, ""},
      {"T0819", "Exploit Public-Facing Application", {IA}, ""},
      {"T0822", "External Remote Services", {IA}, ""},
      {"T0826", "Loss of Availability", {IMP}, ""},
      {"T0827", "Loss of Control", {IMP}, ""},
      {"T0828", "Loss of Productivity and Revenue", {IMP}, ""},
      {"T0829", "Loss of View", {IMP}, ""},
      {"T0831", "Manipulation of Control", {IMP}, ""},
      {"T0832", "Manipulation of View", {IMP}, ""},
      {"T0836", "Modify Parameter", {IPC}, ""},
      {"T0837", "Loss of Protection", {IMP}, ""},
      {"T0838", "Modify Alarm Settings", {IRF}, ""},
      {"T0839", "Module Firmware", {IPC, PERS}, kSecondTactic},
      {"T0843", "Program Download", {LM}, ""},
      // MITRE ATT&CK for ICS T0846 Remote System Discovery (TA0102, docs/sources.md section 6),
      // emitted on the "holding a host gives its zone network" step.
      {"T0846", "Remote System Discovery", {"TA0102"}, ""},
      {"T0847", "Replication Through Removable Media", {IA}, ""},
      {"T0848", "Rogue Master", {IA}, ""},
      {"T0855", "Unauthorized Command Message", {IPC}, ""},
      {"T0856", "Spoof Reporting Message", {IPC, EV}, kSecondTactic},
      {"T0857", "System Firmware", {IRF, PERS}, kSecondTactic},
      {"T0859", "Valid Accounts", {LM, PERS}, ""},
      {"T0860", "Wireless Compromise", {IA}, ""},
      {"T0862", "Supply Chain Compromise", {IA}, ""},
      {"T0863", "User Execution", {EXE}, ""},
      {"T0864", "Transient Cyber Asset", {IA}, ""},
      {"T0865", "Spearphishing Attachment", {IA}, ""},
      {"T0866", "Exploitation of Remote Services", {IA, LM}, ""},
      {"T0867", "Lateral Tool Transfer", {LM}, ""},
      {"T0878", "Alarm Suppression", {IRF}, ""},
      {"T0879", "Damage to Property", {IMP}, ""},
      {"T0880", "Loss of Safety", {IMP}, ""},
      {"T0881", "Service Stop", {IRF}, ""},
      {"T0882", "Theft of Operational Information", {IMP}, ""},
      {"T0883", "Internet Accessible Device", {IA}, ""},
      {"T0886", "Remote Services", {IA, LM}, ""},
      {"T0890", "Exploitation for Privilege Escalation", {PE}, ""},
      {"T0891", "Hardcoded Credentials", {LM, PERS}, kSecondTactic},
  };
  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return t;
}

// Deprecated or revoked in ATT&CK for ICS: docs/sources.md section 6.
std::vector<std::string_view> build_deprecated() {
  return {"T0808", "T0810", "T0818", "T0824", "T0825", "T0833",
          "T0841", "T0844", "T0850", "T0854", "T0870", "T0875"};
}

} // namespace

const std::vector<Tactic>& tactics() {
  static const std::vector<Tactic> all = build_tactics();
  return all;
}

const Tactic* find_tactic(std::string_view id) {
  const auto& all = tactics();
  auto it = std::find_if(all.begin(), all.end(), [&](const Tactic& t) { return t.id == id; });
  return it == all.end() ? nullptr : &*it;
}

const std::vector<Technique>& techniques() {
  static const std::vector<Technique> all = build_techniques();
  return all;
}

const Technique* find_technique(std::string_view id) {
  if (is_deprecated_technique(id)) return nullptr;
  const auto& all = techniques();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const Technique& t, std::string_view v) { return t.id < v; });
  return it != all.end() && it->id == id ? &*it : nullptr;
}

bool is_deprecated_technique(std::string_view id) {
  const auto& d = deprecated_techniques();
  return std::find(d.begin(), d.end(), id) != d.end();
}

const std::vector<std::string_view>& deprecated_techniques() {
  static const std::vector<std::string_view> all = build_deprecated();
  return all;
}

std::string technique_url(std::string_view id) {
  return "https://attack.mitre.org/techniques/" + std::string(id) + "/";
}

} // namespace zonepath::models
