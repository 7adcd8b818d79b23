// Expected values from docs/sources.md section 6.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "zonepath/models/catalog_techniques.hpp"

namespace zm = zonepath::models;

namespace {

bool has_tactic(const zm::Technique& t, std::string_view tactic) {
  return std::find(t.tactics.begin(), t.tactics.end(), tactic) != t.tactics.end();
}

} // namespace

TEST(CatalogTechniques, TwelveTactics) {
  const std::pair<const char*, const char*> expected[] = {{"TA0108", "Initial Access"},
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
                                                          {"TA0105", "Impact"}};
  ASSERT_EQ(zm::tactics().size(), 12u);
  for (const auto& [id, name] : expected) {
    const zm::Tactic* t = zm::find_tactic(id);
    ASSERT_NE(t, nullptr) << id;
    EXPECT_EQ(t->name, name);
  }
  EXPECT_EQ(zm::find_tactic("TA0001"), nullptr);
}

TEST(CatalogTechniques, AttackGraphTechniquesArePresent) {
  for (const char* id : {"T0812", "T0819", "T0822", "T0843", "T0855", "T0859", "T0866", "T0883", "T0886",
                         "T0891", "T0890", "T0867"}) {
    EXPECT_NE(zm::find_technique(id), nullptr) << id;
  }
  EXPECT_EQ(zm::find_technique("T0866")->name, "Exploitation of Remote Services");
  EXPECT_EQ(zm::find_technique("T0843")->name, "Program Download");
  EXPECT_EQ(zm::find_technique("T0855")->name, "Unauthorized Command Message");
}

TEST(CatalogTechniques, TacticsFromTheReference) {
  const auto& t0866 = *zm::find_technique("T0866");
  EXPECT_TRUE(has_tactic(t0866, "TA0108"));
  EXPECT_TRUE(has_tactic(t0866, "TA0109"));
  const auto& t0886 = *zm::find_technique("T0886");
  EXPECT_TRUE(has_tactic(t0886, "TA0108"));
  EXPECT_TRUE(has_tactic(t0886, "TA0109"));
  const auto& t0859 = *zm::find_technique("T0859"); // Persistence/LM, not Initial Access
  EXPECT_TRUE(has_tactic(t0859, "TA0109"));
  EXPECT_TRUE(has_tactic(t0859, "TA0110"));
  EXPECT_FALSE(has_tactic(t0859, "TA0108"));
  EXPECT_TRUE(has_tactic(*zm::find_technique("T0890"), "TA0111"));
  EXPECT_TRUE(has_tactic(*zm::find_technique("T0883"), "TA0108"));
  EXPECT_TRUE(has_tactic(*zm::find_technique("T0855"), "TA0106"));
  EXPECT_TRUE(has_tactic(*zm::find_technique("T0880"), "TA0105"));
  EXPECT_TRUE(has_tactic(*zm::find_technique("T0814"), "TA0107"));
}

TEST(CatalogTechniques, DeprecatedIdsAreRejected) {
  const char* deprecated[] = {"T0808", "T0810", "T0818", "T0824", "T0825", "T0833",
                              "T0841", "T0844", "T0850", "T0854", "T0870", "T0875"};
  for (const char* id : deprecated) {
    EXPECT_TRUE(zm::is_deprecated_technique(id)) << id;
    EXPECT_EQ(zm::find_technique(id), nullptr) << id;
  }
  EXPECT_EQ(zm::deprecated_techniques().size(), 12u);
  EXPECT_FALSE(zm::is_deprecated_technique("T0866"));
  EXPECT_EQ(zm::find_technique("T9999"), nullptr);
  EXPECT_EQ(zm::find_technique("t0866"), nullptr);
}

TEST(CatalogTechniques, CatalogIsConsistent) {
  // Section 6 names 12 initial access, 5 more lateral movement, 1 privilege escalation, 5 impair
  // process control, 9 inhibit response function and 12 impact techniques.
  // The 44 network-path techniques of docs/sources.md section 6 plus T0846 and T0863 (User
  // Execution, the step of a vulnerability that needs a user) used by the site graph.
  EXPECT_EQ(zm::techniques().size(), 46u);
  std::set<std::string_view> ids;
  std::string_view previous;
  for (const auto& t : zm::techniques()) {
    EXPECT_TRUE(ids.insert(t.id).second) << t.id;
    EXPECT_LT(previous, t.id); // sorted, so lookups can bisect
    previous = t.id;
    EXPECT_FALSE(zm::is_deprecated_technique(t.id)) << t.id;
    ASSERT_FALSE(t.tactics.empty()) << t.id;
    for (auto tactic : t.tactics) EXPECT_NE(zm::find_tactic(tactic), nullptr) << t.id;
  }
  EXPECT_EQ(zm::technique_url("T0866"), "https://attack.mitre.org/techniques/T0866/");
}
