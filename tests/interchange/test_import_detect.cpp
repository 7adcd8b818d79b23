// Input detection: each supported kind recognised from its content, everything else refused
// with its signature (never read as an inventory).
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_detect.hpp"
#include "zonepath/interchange/import_site.hpp"

using namespace zonepath;
using namespace zonepath::interchange;

namespace {

const std::string kData = std::string(ZONEPATH_TEST_DATA) + "/import/";

ImportKind detect_file(const std::string& name) {
  return detect_import_kind(name, read_text_file(kData + name));
}

// The ParseError of an input no recogniser claims; its message names the signature.
Diagnostic refusal(const std::string& text, const std::string& name = "in") {
  try {
    detect_import_kind(name, text);
  } catch (const ParseError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

} // namespace

TEST(ImportDetect, SupportedKindsFromTheirContent) {
  EXPECT_EQ(detect_file("inventory-messy.csv"), ImportKind::Inventory);
  EXPECT_EQ(detect_file("icsa-23-348-15.json"), ImportKind::Csaf);
  EXPECT_EQ(detect_file("iptables-ops-fw.txt"), ImportKind::Iptables);
  EXPECT_EQ(detect_file("rules-ent-dmz.csv"), ImportKind::Rules);
  EXPECT_EQ(detect_file("csaf/inventory-field-trial.csv"), ImportKind::Inventory);
  EXPECT_EQ(detect_import_kind("x.csv", "hostname;model\nplc-1;S7-1500\n"), ImportKind::Inventory);
}

TEST(ImportDetect, EverythingElseIsRefusedWithItsSignature) {
  Diagnostic nessus = refusal(read_text_file(kData + "unsupported/scan.nessus"), "scan.nessus");
  EXPECT_EQ(nessus.file, "scan.nessus");
  EXPECT_EQ(nessus.message, "unknown input kind: XML document, root element <NessusClientData_v2>");
  EXPECT_NE(nessus.suggestion.find("asset inventory CSV"), std::string::npos);
  // An OPC UA nodeset, with its declaration and a comment before the root element.
  EXPECT_EQ(
      refusal("<?xml version=\"1.0\"?>\n<!-- exported -->\n<UANodeSet xmlns=\"x\">\n</UANodeSet>\n").message,
      "unknown input kind: XML document, root element <UANodeSet>");
  EXPECT_EQ(refusal("{\"schema\": \"zonepath/site/v1\", \"zones\": []}").message,
            "unknown input kind: JSON object with keys schema, zones");
  EXPECT_EQ(refusal("[1, 2]").message, "unknown input kind: JSON array");
  EXPECT_EQ(refusal("").message, "unknown input kind: empty file");
  EXPECT_EQ(refusal(" \n\t\n").message, "unknown input kind: empty file");
  EXPECT_EQ(refusal("part,qty\nvalve,3\n").message, "unknown input kind: CSV with header 'part,qty'");
  EXPECT_EQ(refusal("just some notes\n").message, "unknown input kind: text, first line 'just some notes'");
  // Grepable scanner output: its "header" holds addresses, so it is data, not an inventory.
  EXPECT_EQ(
      refusal(read_text_file(kData + "unsupported/nmap-grepable.txt")).message.rfind("unknown input kind", 0),
      0u);
}

TEST(ImportDetect, HeadersMappedWithColumnMakeAnInventory) {
  // Unusual header names: refused by content alone, an inventory once --column maps one.
  const std::string text = "Addr;Box\n10.0.0.1;plc\n";
  EXPECT_THROW(detect_import_kind("x.csv", text), ParseError);
  EXPECT_EQ(detect_import_kind("x.csv", text, {"Addr"}), ImportKind::Inventory);
  EXPECT_THROW(detect_import_kind("x.csv", text, {"Address"}), ParseError);
}

TEST(ImportDetect, ForcedKindMustFitTheShape) {
  EXPECT_NO_THROW(check_forced_kind(ImportKind::Inventory, "x.csv", "part,qty\nvalve,3\n"));
  EXPECT_THROW(check_forced_kind(ImportKind::Inventory, "x.xml", "<a/>"), ParseError);
  EXPECT_THROW(check_forced_kind(ImportKind::Csaf, "x.csv", "a,b\n"), ParseError);
  EXPECT_THROW(check_forced_kind(ImportKind::Iptables, "x.txt", "hello\n"), ParseError);
  EXPECT_NO_THROW(check_forced_kind(ImportKind::Iptables, "x.txt", "-A INPUT -p tcp --dport 22 -j ACCEPT\n"));
}

TEST(ImportDetect, RecognisersAreATableInOrder) {
  const auto& table = input_recognisers();
  ASSERT_GE(table.size(), 4u);
  EXPECT_EQ(table.front().kind, ImportKind::Csaf);
  EXPECT_EQ(table.back().kind, ImportKind::Inventory); // the loosest one is asked last
}
