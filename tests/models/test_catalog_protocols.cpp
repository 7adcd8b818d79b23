// Expected values from the site vocabulary (docs/formats.md) and docs/sources.md section 5
// (ports, authentication); IT ports are the well-known nmap-services/IANA ones.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "zonepath/models/catalog_protocols.hpp"

namespace zm = zonepath::models;

namespace {

const zm::Protocol& get(const char* name) {
  const zm::Protocol* p = zm::find_protocol(name);
  if (!p) throw std::runtime_error(std::string("missing protocol ") + name);
  return *p;
}

bool has_port(const zm::Protocol& p, int port) {
  return std::find(p.ports.begin(), p.ports.end(), port) != p.ports.end();
}

} // namespace

TEST(CatalogProtocols, WholeDesignVocabularyIsPresent) {
  const char* vocabulary[] = {"modbus-tcp", "modbus-tls", "s7comm", "s7commplus", "dnp3",   "dnp3-tls",
                              "enip",       "opc-ua",     "opc-da", "bacnet",     "iec104", "iec61850-mms",
                              "profinet",   "hart-ip",    "mqtt",   "mqtts",      "fins",   "pcom",
                              "fox",        "http",       "https",  "http-proxy", "ssh",    "telnet",
                              "rdp",        "vnc",        "smb",    "ftp",        "tftp",   "snmp",
                              "dns",        "ntp",        "ldap",   "kerberos",   "sql"};
  EXPECT_EQ(std::size(vocabulary), 35u);
  for (const char* name : vocabulary) EXPECT_NE(zm::find_protocol(name), nullptr) << name;
  EXPECT_EQ(zm::find_protocol("Modbus-TCP"), nullptr);
  EXPECT_EQ(zm::find_protocol("gopher"), nullptr);
}

TEST(CatalogProtocols, IndustrialPortsAndAuthentication) {
  using zm::NativeAuth;
  struct Case {
    const char* name;
    int port;
    NativeAuth auth;
  } cases[] = {{"modbus-tcp", 502, NativeAuth::None}, {"modbus-tls", 802, NativeAuth::Yes},
               {"s7comm", 102, NativeAuth::None},     {"iec61850-mms", 102, NativeAuth::None},
               {"dnp3", 20000, NativeAuth::Optional}, {"dnp3-tls", 19999, NativeAuth::Yes},
               {"enip", 44818, NativeAuth::None},     {"opc-ua", 4840, NativeAuth::Yes},
               {"bacnet", 47808, NativeAuth::None},   {"iec104", 2404, NativeAuth::None},
               {"hart-ip", 5094, NativeAuth::None},   {"mqtt", 1883, NativeAuth::Optional},
               {"mqtts", 8883, NativeAuth::Optional}, {"fox", 1911, NativeAuth::Yes},
               {"fins", 9600, NativeAuth::None},      {"pcom", 20256, NativeAuth::None},
               {"profinet", 34964, NativeAuth::None}};
  for (const auto& c : cases) {
    const zm::Protocol& p = get(c.name);
    EXPECT_TRUE(has_port(p, c.port)) << c.name;
    EXPECT_EQ(p.auth, c.auth) << c.name;
    EXPECT_TRUE(p.industrial) << c.name;
    EXPECT_EQ(p.category, "industrial") << c.name;
    EXPECT_FALSE(p.remote_service) << c.name;
  }
  EXPECT_TRUE(has_port(get("enip"), 2222));
  EXPECT_EQ(get("bacnet").transport, zm::Transport::Udp);
  EXPECT_EQ(get("dnp3").transport, zm::Transport::TcpUdp);
}

TEST(CatalogProtocols, ItPorts) {
  struct Case {
    const char* name;
    int port;
    const char* category;
  } cases[] = {{"http", 80, "web"},
               {"https", 443, "web"},
               {"http-proxy", 8080, "web"},
               {"ssh", 22, "remote-access"},
               {"telnet", 23, "remote-access"},
               {"rdp", 3389, "remote-access"},
               {"vnc", 5900, "remote-access"},
               {"smb", 445, "file-transfer"},
               {"ftp", 21, "file-transfer"},
               {"tftp", 69, "file-transfer"},
               {"snmp", 161, "infrastructure"},
               {"dns", 53, "infrastructure"},
               {"ntp", 123, "infrastructure"},
               {"ldap", 389, "infrastructure"},
               {"kerberos", 88, "infrastructure"},
               {"sql", 1433, "database"}};
  for (const auto& c : cases) {
    const zm::Protocol& p = get(c.name);
    EXPECT_TRUE(has_port(p, c.port)) << c.name;
    EXPECT_EQ(p.category, c.category) << c.name;
    EXPECT_FALSE(p.industrial) << c.name;
  }
  EXPECT_EQ(get("tftp").transport, zm::Transport::Udp);
  EXPECT_EQ(get("ssh").auth, zm::NativeAuth::Yes);
}

TEST(CatalogProtocols, RemoteServicesAreExactlyT0886s) {
  std::set<std::string> remote;
  for (const auto& p : zm::protocols()) {
    if (p.remote_service) remote.emplace(p.name);
  }
  EXPECT_EQ(remote, (std::set<std::string>{"rdp", "ssh", "telnet", "vnc"}));
}

TEST(CatalogProtocols, SecureVariantsResolve) {
  EXPECT_EQ(get("modbus-tcp").secure_variant, "modbus-tls");
  EXPECT_EQ(get("dnp3").secure_variant, "dnp3-tls");
  EXPECT_EQ(get("mqtt").secure_variant, "mqtts");
  EXPECT_EQ(get("http").secure_variant, "https");
  EXPECT_EQ(get("telnet").secure_variant, "ssh");
  EXPECT_TRUE(get("ssh").secure_variant.empty());
  for (const auto& p : zm::protocols()) {
    if (p.secure_variant.empty()) continue;
    const zm::Protocol* s = zm::find_protocol(p.secure_variant);
    ASSERT_NE(s, nullptr) << p.name << " -> " << p.secure_variant;
    EXPECT_NE(s->auth, zm::NativeAuth::None) << p.secure_variant;
  }
}

TEST(CatalogProtocols, NamesUniqueCategoriesKnown) {
  const std::set<std::string> categories = {"industrial", "remote-access",  "file-transfer",
                                            "web",        "infrastructure", "database"};
  std::set<std::string> names;
  for (const auto& p : zm::protocols()) {
    EXPECT_TRUE(names.emplace(p.name).second) << p.name;
    EXPECT_TRUE(categories.count(std::string(p.category))) << p.name;
    EXPECT_EQ(p.industrial, p.category == "industrial") << p.name;
    for (int port : p.ports) {
      EXPECT_GT(port, 0);
      EXPECT_LT(port, 65536);
    }
  }
}

TEST(CatalogProtocols, PortLookupFindsSharedPorts) {
  std::set<std::string> on102;
  for (const auto* p : zm::protocols_on_port(102)) on102.emplace(p->name);
  EXPECT_EQ(on102, (std::set<std::string>{"s7comm", "s7commplus", "iec61850-mms"}));
  EXPECT_TRUE(zm::protocols_on_port(1).empty());
  EXPECT_EQ(zm::to_string(zm::NativeAuth::Optional), "optional");
  EXPECT_EQ(zm::to_string(zm::Transport::TcpUdp), "tcp/udp");
}
