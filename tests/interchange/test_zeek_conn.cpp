// Zeek conn.log reader: the TSV fixture (a real Zeek 6 header, tabs escaped in #separator) and
// the same connections as JSON lines give the same records, worked out by hand from the files;
// malformed input is refused with its file, line, column, field and value.
#include <gtest/gtest.h>

#include <sstream>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/zeek_conn.hpp"

using namespace zonepath;
using namespace zonepath::interchange;

namespace {

const std::string kZeekDir = std::string(ZONEPATH_TEST_DATA) + "/zeek/";

struct Seen {
  std::uint64_t line;
  double ts;
  std::string orig, resp;
  int port;
  bool udp;
  std::string service, state;
  std::int64_t resp_pkts;
};

ConnReadStats read(const std::string& text, std::vector<Seen>& out, ConnReadLimits limits = {}) {
  std::istringstream in(text);
  return read_zeek_conn(
      in, "conn.log",
      [&](const ConnRecord& r) {
        out.push_back({r.line, r.ts, ipv4_str(r.orig_h), ipv4_str(r.resp_h), r.resp_p, r.udp,
                       std::string(r.service), std::string(r.conn_state), r.resp_pkts});
      },
      limits);
}

// The Diagnostic of the ParseError that reading `text` throws.
Diagnostic error_of(const std::string& text, ConnReadLimits limits = {}) {
  std::vector<Seen> seen;
  try {
    read(text, seen, limits);
  } catch (const ParseError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

const std::string kHeader = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
                            "#path\tconn\n#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tproto\tservice\n";

// The five IPv4 TCP/UDP connections of both fixtures (the ICMP and IPv6 ones are counted only).
void expect_fixture_records(const std::vector<Seen>& s, bool json) {
  ASSERT_EQ(s.size(), 5u);
  EXPECT_DOUBLE_EQ(s[0].ts, 1710237600.123456);
  EXPECT_EQ(s[0].orig, "10.10.50.10");
  EXPECT_EQ(s[0].resp, "10.10.80.10");
  EXPECT_EQ(s[0].port, 502);
  EXPECT_FALSE(s[0].udp);
  EXPECT_EQ(s[0].service, "modbus");
  EXPECT_EQ(s[0].state, "SF");
  EXPECT_EQ(s[0].resp_pkts, 8);
  EXPECT_NEAR(s[1].ts, 1710237601.0001, 1e-6); // ISO 8601 in the JSON file
  EXPECT_EQ(s[1].orig, "10.10.50.11");         // a nested "id" object in the JSON file
  EXPECT_EQ(s[1].port, 53);
  EXPECT_TRUE(s[1].udp);
  EXPECT_EQ(s[2].service, ""); // unset '-' / left out
  EXPECT_EQ(s[2].state, "S0");
  EXPECT_EQ(s[2].resp_pkts, 0);
  EXPECT_EQ(s[3].port, 5020);
  EXPECT_EQ(s[4].service, ""); // '(empty)' / left out
  EXPECT_EQ(s[4].state, "REJ");
  EXPECT_EQ(s[4].resp, "10.10.70.10");
  // Line numbers: TSV after 8 header lines; JSON with the dns line (other log) after record 3.
  const std::vector<std::uint64_t> lines =
      json ? std::vector<std::uint64_t>{1, 2, 6, 7, 8} : std::vector<std::uint64_t>{9, 10, 13, 14, 15};
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s[i].line, lines[i]) << i;
}

} // namespace

TEST(ZeekConn, ReadsTheTsvFixture) {
  std::vector<Seen> s;
  ConnReadStats st = read(read_text_file(kZeekDir + "conn-plant.log"), s);
  EXPECT_EQ(st.format, ConnLogFormat::Tsv);
  EXPECT_EQ(st.lines, 16u); // 8 header lines, 7 records, #close
  EXPECT_EQ(st.records, 5u);
  EXPECT_EQ(st.ipv6, 1u);
  EXPECT_EQ(st.other_transport, 1u);
  EXPECT_EQ(st.other_logs, 0u);
  expect_fixture_records(s, false);
}

TEST(ZeekConn, ReadsTheJsonFixtureAsTheSameRecords) {
  std::vector<Seen> s;
  ConnReadStats st = read(read_text_file(kZeekDir + "conn-plant.json"), s);
  EXPECT_EQ(st.format, ConnLogFormat::Json);
  EXPECT_EQ(st.lines, 8u);
  EXPECT_EQ(st.records, 5u);
  EXPECT_EQ(st.ipv6, 1u);
  EXPECT_EQ(st.other_transport, 1u);
  EXPECT_EQ(st.other_logs, 1u); // the dns.log line
  expect_fixture_records(s, true);
}

TEST(ZeekConn, HeadersChangeSeparatorMarkersAndColumns) {
  // Two logs concatenated: the second uses ',' as separator, 'NONE' as unset marker and
  // another column order; CRLF line ends are tolerated.
  std::string text =
      kHeader + "1.5\t10.0.0.1\t10.0.0.2\t502\ttcp\t-\n" +
      "#separator \\x2c\r\n#unset_field,NONE\r\n#fields,proto,id.resp_p,id.resp_h,id.orig_h,ts,"
      "service,conn_state\r\nudp,161,10.0.0.9,10.0.0.8,2.25,snmp,NONE\r\n";
  std::vector<Seen> s;
  ConnReadStats st = read(text, s);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].service, "");
  EXPECT_EQ(s[1].orig, "10.0.0.8");
  EXPECT_EQ(s[1].resp, "10.0.0.9");
  EXPECT_EQ(s[1].port, 161);
  EXPECT_TRUE(s[1].udp);
  EXPECT_DOUBLE_EQ(s[1].ts, 2.25);
  EXPECT_EQ(s[1].service, "snmp");
  EXPECT_EQ(s[1].state, "");
  EXPECT_EQ(s[1].resp_pkts, -1); // no such column
  EXPECT_EQ(st.lines, 11u);
}

TEST(ZeekConn, MalformedTsvNamesLineColumnFieldAndValue) {
  Diagnostic d = error_of("1.5\t10.0.0.1\t10.0.0.2\t502\ttcp\n");
  EXPECT_EQ(d.line, 1);
  EXPECT_NE(d.message.find("before any #fields"), std::string::npos);

  d = error_of(kHeader + "1.5\t10.0.0.1\t10.0.0.2\t70000\ttcp\t-\n");
  EXPECT_EQ(d.file, "conn.log");
  EXPECT_EQ(d.line, 7);
  EXPECT_EQ(d.column, 23); // "1.5\t10.0.0.1\t10.0.0.2\t": 4 + 9 + 9 bytes before the port
  EXPECT_EQ(d.pointer, "id.resp_p");
  EXPECT_EQ(d.value, "70000");

  d = error_of(kHeader + "1.5\t10.0.0.1\t10.0.0.300\t502\ttcp\t-\n");
  EXPECT_EQ(d.pointer, "id.resp_h");
  EXPECT_EQ(d.column, 14);
  EXPECT_EQ(d.value, "10.0.0.300");

  d = error_of(kHeader + "-\t10.0.0.1\t10.0.0.2\t502\ttcp\t-\n");
  EXPECT_EQ(d.pointer, "ts");
  EXPECT_EQ(d.column, 1);
  EXPECT_NE(d.message.find("unset"), std::string::npos);

  d = error_of(kHeader + "1.5\t10.0.0.1\t10.0.0.2\t502\tsctp\t-\n");
  EXPECT_EQ(d.pointer, "proto");
  EXPECT_EQ(d.value, "sctp");

  d = error_of(kHeader + "1.5\t10.0.0.1\t10.0.0.2\t502\ttcp\n"); // 5 fields for 6 names
  EXPECT_EQ(d.line, 7);
  EXPECT_NE(d.message.find("5 fields where #fields (line 6) names 6"), std::string::npos);

  d = error_of("#separator \\x09\n#path\tdns\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.pointer, "#path");
  EXPECT_EQ(d.value, "dns");

  d = error_of("#fields\tts\tid.orig_h\tid.resp_h\n");
  EXPECT_NE(d.message.find("no id.resp_p, proto column"), std::string::npos);

  d = error_of(kHeader + "1e400\t10.0.0.1\t10.0.0.2\t502\ttcp\t-\n");
  EXPECT_EQ(d.pointer, "ts");
}

TEST(ZeekConn, MalformedJsonNamesLineColumnPointerAndValue) {
  Diagnostic d =
      error_of("{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"proto\":\"tcp\"}\n");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.pointer, "/id.resp_p");
  EXPECT_NE(d.message.find("missing"), std::string::npos);

  d = error_of("{\"ts\":1.5,\"id\":{\"orig_h\":\"10.0.0.1\",\"resp_h\":\"10.0.0.2\",\"resp_p\":\"502\"},"
               "\"proto\":\"tcp\"}\n");
  EXPECT_EQ(d.pointer, "/id/resp_p");
  EXPECT_EQ(d.column, 57); // where "resp_p" starts
  EXPECT_EQ(d.value, "\"502\"");

  d = error_of("{\"ts\":1.5}\n{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\n");
  EXPECT_EQ(d.line, 1); // the first line already lacks fields
  d = error_of("{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":502,"
               "\"proto\":\"tcp\"}\n"
               "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 34); // just past the 33 bytes of the truncated object
  EXPECT_NE(d.message.find("not JSON"), std::string::npos);

  d = error_of("{\"ts\":1e400,\"id.orig_h\":\"10.0.0.1\"}\n"); // a number no double holds
  EXPECT_EQ(d.line, 1);
  EXPECT_NE(d.message.find("number overflow"), std::string::npos);

  d = error_of("{\"ts\":\"2024-13-01T00:00:00Z\",\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\","
               "\"id.resp_p\":502,\"proto\":\"tcp\"}\n");
  EXPECT_EQ(d.pointer, "/ts");
  EXPECT_EQ(d.value, "\"2024-13-01T00:00:00Z\"");

  d = error_of("{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":502,"
               "\"proto\":\"tcp\"}\n"
               "#fields\tts\n");
  EXPECT_EQ(d.line, 2);
}

TEST(ZeekConn, LinesOverTheLimitAreRefusedWithoutReadingThemWhole) {
  std::string text = kHeader + std::string(5000, 'x') + "\n";
  ConnReadLimits limits;
  limits.max_line = 1000;
  Diagnostic d = error_of(text, limits);
  EXPECT_EQ(d.line, 7);
  EXPECT_NE(d.message.find("longer than 1000 bytes"), std::string::npos);
}

TEST(ZeekConn, EmptyInputHasNoRecordsAndNoFormat) {
  std::vector<Seen> s;
  ConnReadStats st = read("", s);
  EXPECT_EQ(st.format, ConnLogFormat::Unknown);
  EXPECT_EQ(st.records, 0u);
}

TEST(ZeekConn, Iso8601) {
  double t = 0;
  ASSERT_TRUE(parse_iso8601("2024-03-12T10:00:00Z", t));
  EXPECT_DOUBLE_EQ(t, 1710237600.0);
  ASSERT_TRUE(parse_iso8601("2024-03-12T11:00:00+01:00", t));
  EXPECT_DOUBLE_EQ(t, 1710237600.0);
  ASSERT_TRUE(parse_iso8601("2024-02-29T23:59:59.5Z", t)); // leap day
  EXPECT_DOUBLE_EQ(t, 1709251199.5);
  ASSERT_TRUE(parse_iso8601("1999-12-31 23:00:00", t)); // no zone: UTC
  EXPECT_DOUBLE_EQ(t, 946681200.0);
  EXPECT_FALSE(parse_iso8601("2024-03-12", t));
  EXPECT_FALSE(parse_iso8601("2024-03-12T10:00:00+1", t));
  EXPECT_FALSE(parse_iso8601("2024-03-12T10:00:00.Z", t));
  EXPECT_FALSE(parse_iso8601("2024-03-12T24:00:00Z", t));
  EXPECT_FALSE(parse_iso8601("2024-+3-12T10:00:00Z", t));
}
