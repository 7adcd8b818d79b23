#include "zonepath/models/catalog_protocols.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "zonepath/core/json_checker.hpp"

namespace zonepath::models {

std::string_view to_string(NativeAuth a) {
  switch (a) {
  case NativeAuth::None:
    return "none";
  case NativeAuth::Optional:
    return "optional";
  case NativeAuth::Yes:
    return "yes";
  }
  return "none";
}

std::string_view to_string(Transport t) {
  switch (t) {
  case Transport::Tcp:
    return "tcp";
  case Transport::Udp:
    return "udp";
  case Transport::TcpUdp:
    return "tcp/udp";
  case Transport::Layer2:
    return "l2";
  }
  return "tcp";
}

namespace {

using enum NativeAuth;
using enum Transport;

std::vector<Protocol> build_protocols() {
  // One protocol per entry reads better than one field per line.
  // clang-format off
  return {
      // Industrial: docs/sources.md section 5 (ports from nmap-services, authentication from the
      // protocol specifications and ATT&CK T0885/T0855 texts). Authentication values marked ⚠
      // there are kept as the conservative (weaker) choice so that risk is not understated.
      {"modbus-tcp", "Modbus/TCP", {502}, Tcp, None, true, "modbus-tls", "industrial", false, ""},
      {"modbus-tls", "Modbus/TCP Security", {802}, Tcp, Yes, true, "", "industrial", false,
       "mutual TLS with X.509 role certificates"},
      {"s7comm", "Siemens S7comm", {102}, Tcp, None, true, "s7commplus", "industrial", false,
       "⚠ no authentication in classic S7comm (ISO-TSAP over tcp 102)"},
      {"s7commplus", "Siemens S7CommPlus", {102}, Tcp, Optional, true, "", "industrial", false,
       "⚠ integrity protection and optional access-level passwords; not verified"},
      {"dnp3", "DNP3", {20000}, TcpUdp, Optional, true, "dnp3-tls", "industrial", false,
       "Secure Authentication v5 exists but is rarely deployed"},
      {"dnp3-tls", "DNP3 over TLS", {19999}, Tcp, Yes, true, "", "industrial", false,
       "IEC 62351-3 TLS"},
      {"enip", "EtherNet/IP (CIP)", {44818, 2222}, TcpUdp, None, true, "cip-security",
       "industrial", false, "⚠ no native authentication; udp 2222 carries implicit I/O"},
      {"cip-security", "CIP Security", {2221}, TcpUdp, Yes, true, "", "industrial", false,
       "TLS/DTLS; added as enip's secure variant"},
      {"opc-ua", "OPC UA", {4840, 4843}, Tcp, Yes, true, "", "industrial", false,
       "certificates, signing and encryption built in (security mode may be set to None); "
       "4843 is OPC UA over TLS"},
      {"opc-da", "OPC Classic (DCOM)", {135}, Tcp, Yes, true, "opc-ua", "industrial", false,
       "Windows DCOM authentication; tcp 135 plus dynamic RPC ports"},
      {"bacnet", "BACnet/IP", {47808}, Udp, None, true, "", "industrial", false,
       "secure variant BACnet/SC ⚠ not catalogued"},
      {"iec104", "IEC 60870-5-104", {2404}, Tcp, None, true, "iec104-tls", "industrial", false,
       "⚠ no native authentication"},
      {"iec104-tls", "IEC 60870-5-104 over TLS", {19998}, Tcp, Yes, true, "", "industrial", false,
       "IEC 62351-3 TLS; added as iec104's secure variant"},
      {"iec61850-mms", "IEC 61850 MMS", {102}, Tcp, None, true, "", "industrial", false,
       "⚠ no authentication unless IEC 62351-4 is deployed"},
      {"profinet", "PROFINET", {34962, 34963, 34964}, Layer2, None, true, "", "industrial",
       false, "⚠ RT frames are layer 2 (EtherType 0x8892) and do not cross routers; "
              "the udp ports carry RT over UDP and context management"},
      {"hart-ip", "HART-IP", {5094}, TcpUdp, None, true, "", "industrial", false,
       "⚠ authentication not verified; treated as none"},
      {"mqtt", "MQTT", {1883}, Tcp, Optional, true, "mqtts", "industrial", false,
       "⚠ username/password optional; IIoT telemetry"},
      {"mqtts", "MQTT over TLS", {8883}, Tcp, Optional, true, "", "industrial", false,
       "TLS; client authentication still optional"},
      {"fins", "Omron FINS", {9600}, TcpUdp, None, true, "", "industrial", false, ""},
      {"pcom", "Unitronics PCOM", {20256}, Tcp, None, true, "", "industrial", false,
       "default password \"1111\" (CVE-2023-6448)"},
      {"fox", "Niagara Fox", {1911, 4911}, Tcp, Yes, true, "", "industrial", false,
       "application login; 4911 is Fox over TLS"},
      // Remote access, file transfer, web: nmap-services and the IANA service name registry.
      {"ssh", "SSH", {22}, Tcp, Yes, false, "", "remote-access", true, ""},
      {"telnet", "Telnet", {23}, Tcp, Optional, false, "ssh", "remote-access", true,
       "cleartext; many embedded devices offer it without a login"},
      {"rdp", "Remote Desktop Protocol", {3389}, Tcp, Yes, false, "", "remote-access", true,
       "nmap: ms-wbt-server"},
      {"vnc", "VNC (RFB)", {5900}, Tcp, Optional, false, "", "remote-access", true,
       "the RFB 'None' security type allows sessions without a password"},
      {"smb", "SMB", {445, 139}, Tcp, Yes, false, "", "file-transfer", false,
       "nmap: microsoft-ds 445, netbios-ssn 139; null and guest sessions are configuration"},
      {"ftp", "FTP", {21}, Tcp, Optional, false, "", "file-transfer", false,
       "cleartext; anonymous login is common; replace with SFTP over ssh"},
      {"tftp", "TFTP", {69}, Udp, None, false, "", "file-transfer", false, ""},
      {"http", "HTTP", {80}, Tcp, Optional, false, "https", "web", false,
       "authentication is up to the application"},
      {"https", "HTTPS", {443}, Tcp, Optional, false, "", "web", false,
       "authentication is up to the application"},
      {"http-proxy", "HTTP proxy", {8080, 3128}, Tcp, Optional, false, "", "web", false,
       "nmap: http-proxy 8080, squid-http 3128"},
      // Infrastructure and databases: nmap-services and IANA.
      {"snmp", "SNMP", {161, 162}, Udp, Optional, false, "", "infrastructure", false,
       "v1/v2c community strings are cleartext; v3 USM authenticates"},
      {"dns", "DNS", {53}, TcpUdp, None, false, "", "infrastructure", false, ""},
      {"ntp", "NTP", {123}, Udp, Optional, false, "", "infrastructure", false,
       "symmetric-key authentication or NTS are optional"},
      {"ldap", "LDAP", {389, 636}, Tcp, Optional, false, "", "infrastructure", false,
       "anonymous bind possible; 636 is LDAP over TLS"},
      {"kerberos", "Kerberos", {88}, TcpUdp, Yes, false, "", "infrastructure", false, ""},
      {"sql", "SQL database", {1433, 3306, 5432, 1521}, Tcp, Yes, false, "", "database", false,
       "generic: ms-sql-s 1433, mysql 3306, postgresql 5432, oracle 1521"},
  };
  // clang-format on
}

} // namespace

const std::vector<Protocol>& protocols() {
  static const std::vector<Protocol> all = build_protocols();
  return all;
}

const Protocol* find_protocol(std::string_view name) {
  const auto& all = protocols();
  auto it = std::find_if(all.begin(), all.end(), [&](const Protocol& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

bool protocol_knows_functions(std::string_view name) {
  // Protocols for which industrial protocol firewalls enforce read-only policies on the
  // function level (Modbus function codes 1-4 vs 5/6/15/16, S7comm read vs write/download
  // jobs, CIP Get_Attribute vs Set_Attribute services, DNP3 READ vs WRITE/OPERATE, OPC UA
  // Read/Browse vs Write/Call), and their secured variants, which carry the same functions.
  static constexpr std::array<std::string_view, 9> kNames = {"modbus-tcp", "modbus-tls", "s7comm",
                                                             "s7commplus", "enip",       "cip-security",
                                                             "dnp3",       "dnp3-tls",   "opc-ua"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::vector<const Protocol*> protocols_on_port(int port) {
  std::vector<const Protocol*> out;
  for (const Protocol& p : protocols()) {
    if (std::find(p.ports.begin(), p.ports.end(), port) != p.ports.end()) out.push_back(&p);
  }
  return out;
}

namespace {

// Other names of the catalog protocols, for suggestions when a site names a protocol the
// catalog does not know (the same spellings the inventory importer maps).

std::string squashed(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Squashed usual names (nmap service names, vendor spellings) -> catalog name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 38> kAliases = {{
    {"modbus", "modbus-tcp"},
    {"mbap", "modbus-tcp"},
    {"modbusip", "modbus-tcp"},
    {"ethernetip", "enip"},
    {"cip", "enip"},
    {"enipcip", "enip"},
    {"s7", "s7comm"},
    {"isotsap", "s7comm"},
    {"s7plus", "s7commplus"},
    {"s7commplus", "s7commplus"},
    {"opcua", "opc-ua"},
    {"opcda", "opc-da"},
    {"dcom", "opc-da"},
    {"dnp", "dnp3"},
    {"bacnetip", "bacnet"},
    {"iec608705104", "iec104"},
    {"iec10418", "iec104"},
    {"mms", "iec61850-mms"},
    {"iec61850", "iec61850-mms"},
    {"pnio", "profinet"},
    {"hart", "hart-ip"},
    {"omronfins", "fins"},
    {"niagarafox", "fox"},
    {"www", "http"},
    {"mswbtserver", "rdp"},
    {"remotedesktop", "rdp"},
    {"rfb", "vnc"},
    {"cifs", "smb"},
    {"microsoftds", "smb"},
    {"netbiosssn", "smb"},
    {"domain", "dns"},
    {"mssql", "sql"},
    {"mysql", "sql"},
    {"postgresql", "sql"},
    {"postgres", "sql"},
    {"oracle", "sql"},
    {"httpproxy", "http-proxy"},
    {"squidhttp", "http-proxy"},
}};

} // namespace

std::string_view suggest_protocol(std::string_view name) {
  std::string key = squashed(name);
  if (key.empty()) return {};
  for (const auto& [alias, target] : kAliases)
    if (alias == key) return target;
  std::string_view best;
  std::size_t best_distance = key.size() <= 4 ? 1 : 2;
  for (const Protocol& p : protocols()) {
    std::string candidate = squashed(p.name);
    if (candidate == key) return p.name; // "Modbus/TCP", "OPC_UA"
    std::size_t d = edit_distance(key, candidate);
    if (d <= best_distance && (best.empty() || d < best_distance)) {
      best = p.name;
      best_distance = d;
    }
  }
  return best;
}

} // namespace zonepath::models
