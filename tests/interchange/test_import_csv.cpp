// CSV reading (libcsv), ports/protocol cells, asset types and IPv4 subnets of the importers.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/import_csv.hpp"
#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/models/site.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;

TEST(ImportCsv, BomSemicolonsQuotesAndLines) {
  std::string text = "\xEF\xBB\xBF\"IP\";\"Name\";\"Ports\"\n10.0.0.1;\"a;b\";\"502, \"\"x\"\"\"\n\n"
                     "# comment\n10.0.0.2;\"multi\nline\";102\n";
  CsvTable t = parse_csv(text, "mem.csv");
  EXPECT_EQ(t.delimiter, ';');
  ASSERT_EQ(t.header.size(), 3u);
  EXPECT_EQ(t.header[0], "IP"); // BOM gone
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1], "a;b");
  EXPECT_EQ(t.rows[0].fields[2], "502, \"x\"");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].fields[1], "multi\nline");
  EXPECT_EQ(t.rows[1].line, 6); // the row spans lines 5-6
}

TEST(ImportCsv, DelimiterDetection) {
  EXPECT_EQ(parse_csv("a,b,c\n1,2,3\n", "x").delimiter, ',');
  EXPECT_EQ(parse_csv("a\tb\tc\n1\t2\t3\n", "x").delimiter, '\t');
  // A comma inside a quoted header does not vote.
  EXPECT_EQ(parse_csv("\"a,b\";c\n1;2\n", "x").delimiter, ';');
  EXPECT_THROW(parse_csv("   \n\n", "x"), ParseError);
  EXPECT_THROW(parse_csv("a,b\n\"open,2\n", "x"), ParseError);
}

TEST(ImportServices, PortsAndProtocolNames) {
  std::vector<std::string> unknown;
  auto s =
      parse_services("502/tcp; Modbus/TCP, s7comm(102) EtherNet/IP https:8443 5007 9999 foo/bar", unknown);
  // 502 and Modbus/TCP are the same service; EtherNet/IP gets its catalog port.
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].protocol, "modbus-tcp");
  EXPECT_EQ(s[0].port, 502);
  EXPECT_EQ(s[1].protocol, "s7comm");
  EXPECT_EQ(s[1].port, 102);
  EXPECT_EQ(s[2].protocol, "enip");
  EXPECT_EQ(s[2].port, 44818);
  EXPECT_EQ(s[3].protocol, "https");
  EXPECT_EQ(s[3].port, 8443);
  EXPECT_EQ(s[4].protocol, "slmp");
  EXPECT_EQ(s[5].protocol, "tcp-9999");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "foo/bar");
}

TEST(ImportServices, AssetTypes) {
  EXPECT_EQ(normalize_asset_type("Programmable Logic Controller"), "plc");
  EXPECT_EQ(normalize_asset_type("Engineering Workstation"), "engineering-workstation");
  EXPECT_EQ(normalize_asset_type("data-gateway"), "data-gateway");
  EXPECT_EQ(normalize_asset_type("Siemens S7-1500 PLC"), "plc");
  EXPECT_EQ(normalize_asset_type("Unknown"), "");
  std::string why;
  std::vector<std::string> u;
  EXPECT_EQ(infer_asset_type(parse_services("20256", u), "Unitronics", "", why), "plc");
  EXPECT_EQ(infer_asset_type(parse_services("20000", u), "SEL", "", why), "rtu");
  EXPECT_EQ(infer_asset_type(parse_services("502, 3389", u), "", "", why), "workstation");
  EXPECT_EQ(infer_asset_type(parse_services("rdp, opc-da", u), "", "", why), "control-server");
  EXPECT_EQ(infer_asset_type(parse_services("502", u), "Moxa", "MGate 5105", why), "data-gateway");
  EXPECT_EQ(infer_asset_type(parse_services("ssh, snmp", u), "Hirschmann", "RSP35", why), "switch");
  EXPECT_EQ(infer_asset_type({}, "", "PanelView Plus 7", why), "hmi");
  EXPECT_EQ(infer_asset_type({}, "", "", why), "other");
}

TEST(ImportCommon, Ipv4) {
  EXPECT_EQ(parse_ipv4("10.1.2.3"), (10u << 24) | (1u << 16) | (2u << 8) | 3u);
  EXPECT_FALSE(parse_ipv4("10.1.2.300"));
  EXPECT_FALSE(parse_ipv4("10.1.2"));
  EXPECT_FALSE(parse_ipv4("10.1.2.3.4"));
  auto n = parse_ipv4_net("10.20.1.77/24");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->str(), "10.20.1.0/24");
  EXPECT_EQ(parse_ipv4_net("10.20.0.0/255.255.0.0")->prefix, 16);
  EXPECT_FALSE(parse_ipv4_net("10.0.0.0/255.0.255.0"));
  EXPECT_TRUE(parse_ipv4_net("10.0.0.0/8")->contains(*parse_ipv4_net("10.20.1.0/24")));
  EXPECT_FALSE(parse_ipv4_net("10.20.1.0/24")->contains(*parse_ipv4_net("10.0.0.0/8")));
  EXPECT_EQ(make_id("PLC 01 (Line A)"), "plc-01-line-a");
  EXPECT_EQ(make_id("  ", "x"), "x");
}
