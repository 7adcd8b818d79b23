// Ports/protocols cells and asset types of inventory rows: what the monitoring tools write
// ("502/tcp", "Modbus/TCP", "EtherNet/IP", "Programmable Logic Controller") mapped onto the
// catalog vocabulary, and the type inference used when an inventory has no type column.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "zonepath/core/numbers.hpp"
#include "zonepath/interchange/import_inventory.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_protocols.hpp"

namespace zonepath::interchange {

using namespace models;

namespace {

// Squashed names (lower-case alphanumerics) of the catalog protocols and of their usual
// spellings in inventories; "slmp" is Mitsubishi's SLMP/MC protocol, outside the catalog.
const std::map<std::string, std::string>& protocol_aliases() {
  // clang-format off
  static const std::map<std::string, std::string> m = {
      {"modbus", "modbus-tcp"}, {"modbustcp", "modbus-tcp"}, {"mbap", "modbus-tcp"}, {"modbustls", "modbus-tls"},
      {"s7", "s7comm"}, {"s7comm", "s7comm"}, {"isotsap", "s7comm"}, {"s7plus", "s7commplus"},
      {"s7commplus", "s7commplus"}, {"enip", "enip"}, {"ethernetip", "enip"}, {"cip", "enip"},
      {"opcua", "opc-ua"}, {"opcda", "opc-da"}, {"dcom", "opc-da"}, {"dnp3", "dnp3"}, {"dnp", "dnp3"},
      {"bacnet", "bacnet"}, {"bacnetip", "bacnet"}, {"iec104", "iec104"}, {"iec608705104", "iec104"},
      {"mms", "iec61850-mms"}, {"iec61850", "iec61850-mms"}, {"iec61850mms", "iec61850-mms"},
      {"profinet", "profinet"}, {"pnio", "profinet"}, {"hart", "hart-ip"}, {"hartip", "hart-ip"},
      {"mqtt", "mqtt"}, {"mqtts", "mqtts"}, {"fins", "fins"}, {"omronfins", "fins"}, {"pcom", "pcom"},
      {"fox", "fox"}, {"niagarafox", "fox"}, {"slmp", "slmp"}, {"melsec", "slmp"}, {"mcprotocol", "slmp"},
      {"http", "http"}, {"www", "http"}, {"https", "https"}, {"httpproxy", "http-proxy"},
      {"ssh", "ssh"}, {"telnet", "telnet"}, {"rdp", "rdp"}, {"mswbtserver", "rdp"}, {"remotedesktop", "rdp"},
      {"vnc", "vnc"}, {"rfb", "vnc"}, {"smb", "smb"}, {"cifs", "smb"}, {"microsoftds", "smb"},
      {"netbiosssn", "smb"}, {"ftp", "ftp"}, {"tftp", "tftp"}, {"snmp", "snmp"}, {"dns", "dns"},
      {"domain", "dns"}, {"ntp", "ntp"}, {"ldap", "ldap"}, {"kerberos", "kerberos"}, {"sql", "sql"},
      {"mssql", "sql"}, {"mssqls", "sql"}, {"mysql", "sql"}, {"postgresql", "sql"}, {"postgres", "sql"},
      {"oracle", "sql"}};
  // clang-format on
  return m;
}

// Well-known OT ports outside the catalog.
int extra_default_port(const std::string& protocol) {
  return protocol == "slmp" ? 5007 : 0;
}
std::string extra_protocol_on_port(int port) {
  return port == 5006 || port == 5007 ? "slmp" : "";
}

bool fits_transport(const Protocol& p, const std::string& transport) {
  return p.transport == Transport::TcpUdp || (transport == "tcp" && p.transport == Transport::Tcp) ||
         (transport == "udp" && (p.transport == Transport::Udp || p.transport == Transport::Layer2));
}

bool is_number(const std::string& s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

} // namespace

std::vector<ParsedService> parse_services(const std::string& cell, std::vector<std::string>& unknown) {
  // Multi-word and slashed names first, so that the split below keeps them whole.
  std::string text = lower(cell);
  // clang-format off
  for (auto [from, to] : {std::pair<const char*, const char*>{"opc ua", "opcua"}, {"opc da", "opcda"},
                          {"ethernet/ip", "enip"}, {"modbus/tcp", "modbus"}, {"modbus tcp", "modbus"},
                          {"iec 60870-5-104", "iec104"}, {"iec 104", "iec104"}, {"iec 61850", "iec61850"},
                          {"bacnet/ip", "bacnet"}, {"hart-ip", "hartip"}, {"remote desktop", "rdp"},
                          {"s7comm-plus", "s7plus"}, {"s7comm plus", "s7plus"}})
    // clang-format on
    text = replace_all(text, from, to);
  std::vector<ParsedService> out;
  std::set<std::pair<std::string, int>> seen; // (protocol/transport, port)
  std::string token;
  auto flush = [&] {
    std::string t = trim(token);
    token.clear();
    if (t.empty()) return;
    std::string name, transport;
    int port = 0;
    bool bad = false;
    std::string part;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      char c = i < t.size() ? t[i] : ':';
      if (c == ':' || c == '/' || c == '(' || c == ')') {
        if (is_number(part)) {
          const int p = *parse_integer<int>(part);
          if (p < 1 || p > 65535 || port != 0)
            bad = true;
          else
            port = p;
        } else if (part == "tcp" || part == "udp") {
          transport = part;
        } else if (!part.empty()) {
          if (!name.empty()) bad = true;
          name = part;
        }
        part.clear();
      } else {
        part += c;
      }
    }
    std::string protocol;
    if (!name.empty()) {
      auto it = protocol_aliases().find(squash(name));
      if (it != protocol_aliases().end())
        protocol = it->second;
      else if (find_protocol(name))
        protocol = name;
      else
        bad = bad || port == 0;
      if (protocol.empty() && port != 0) protocol = make_id(name, "port");
    }
    if (bad || (protocol.empty() && port == 0)) {
      unknown.push_back(t);
      return;
    }
    if (protocol.empty()) {
      // A port alone: the first catalog protocol on it that runs over the stated transport.
      for (const Protocol* known : protocols_on_port(port))
        if (transport.empty() || fits_transport(*known, transport)) {
          protocol = std::string(known->name);
          break;
        }
      if (protocol.empty() && transport != "udp") protocol = extra_protocol_on_port(port);
      if (protocol.empty()) protocol = (transport.empty() ? "tcp" : transport) + "-" + std::to_string(port);
    }
    const Protocol* p = find_protocol(protocol);
    if (port == 0) port = p && !p->ports.empty() ? p->ports.front() : extra_default_port(protocol);
    if (transport.empty())
      transport = p && p->transport == Transport::Udp ? "udp" : "tcp"; // the site loader's default
    if (seen.insert({protocol + "/" + transport, port}).second) out.push_back({protocol, port, transport});
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
      flush();
    else
      token += c;
  }
  flush();
  return out;
}

std::string normalize_asset_type(const std::string& text) {
  static const std::map<std::string, std::string> names = {
      {"plc", "plc"},
      {"programmablelogiccontroller", "plc"},
      {"plccpu", "plc"},
      {"controller", "plc"},
      {"hmi", "hmi"},
      {"operatorpanel", "hmi"},
      {"panel", "hmi"},
      {"humanmachineinterface", "hmi"},
      {"touchpanel", "hmi"},
      {"ews", "engineering-workstation"},
      {"engineeringworkstation", "engineering-workstation"},
      {"engineeringstation", "engineering-workstation"},
      {"programmingstation", "engineering-workstation"},
      {"historian", "historian"},
      {"datahistorian", "historian"},
      {"rtu", "rtu"},
      {"remoteterminalunit", "rtu"},
      {"ied", "ied"},
      {"relay", "ied"},
      {"protectionrelay", "ied"},
      {"intelligentelectronicdevice", "ied"},
      {"scadaserver", "control-server"},
      {"scada", "control-server"},
      {"controlserver", "control-server"},
      {"applicationserver", "application-server"},
      {"gateway", "data-gateway"},
      {"protocolgateway", "data-gateway"},
      {"datagateway", "data-gateway"},
      {"serialgateway", "data-gateway"},
      {"protocolconverter", "data-gateway"},
      {"sis", "sis"},
      {"safetycontroller", "sis"},
      {"safetyplc", "sis"},
      {"safetyinstrumentedsystem", "sis"},
      {"vpn", "vpn-server"},
      {"vpngateway", "vpn-server"},
      {"vpnserver", "vpn-server"},
      {"jumphost", "jump-host"},
      {"jumpserver", "jump-host"},
      {"bastion", "jump-host"},
      {"io", "field-io"},
      {"remoteio", "field-io"},
      {"fieldio", "field-io"},
      {"iomodule", "field-io"},
      {"router", "router"},
      {"switch", "switch"},
      {"networkswitch", "switch"},
      {"firewall", "firewall"},
      {"dcs", "dcs-controller"},
      {"dcscontroller", "dcs-controller"},
      {"pac", "pac"},
      {"workstation", "workstation"},
      {"pc", "workstation"},
      {"desktop", "workstation"},
      {"laptop", "workstation"},
      {"server", "server"},
      {"windowsserver", "server"},
      {"linuxserver", "server"},
      {"domaincontroller", "domain-controller"},
      {"activedirectory", "domain-controller"},
      {"accesspoint", "wireless-ap"},
      {"wirelessap", "wireless-ap"},
      {"wap", "wireless-ap"},
      {"mobile", "mobile"},
      {"tablet", "mobile"}};
  std::string s = squash(text);
  if (s.empty() || s == "unknown" || s == "other" || s == "na" || s == "none") return "";
  if (auto it = names.find(s); it != names.end()) return it->second;
  if (find_asset_type(lower(trim(text)))) return lower(trim(text));
  // Longer descriptions ("Siemens S7-1500 PLC", "Operator HMI"): the first keyword that fits.
  for (auto [key, type] : {std::pair<const char*, const char*>{"plc", "plc"},
                           {"hmi", "hmi"},
                           {"historian", "historian"},
                           {"rtu", "rtu"},
                           {"relay", "ied"},
                           {"firewall", "firewall"},
                           {"switch", "switch"},
                           {"router", "router"},
                           {"engineering", "engineering-workstation"},
                           {"workstation", "workstation"},
                           {"server", "server"}})
    if (s.find(key) != std::string::npos) return type;
  return "";
}

std::string infer_asset_type(const std::vector<ParsedService>& services, const std::string& vendor,
                             const std::string& model, std::string& reason) {
  std::set<std::string> p;
  for (const auto& s : services) p.insert(s.protocol);
  auto has = [&](const char* name) { return p.count(name) > 0; };
  std::string v = squash(vendor), m = squash(model);
  auto vendor_is = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const char* n) { return v.find(n) != std::string::npos; });
  };
  auto list = [&](std::initializer_list<const char*> names) {
    std::string out;
    for (const char* n : names)
      if (has(n)) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  };
  bool it_desktop = has("rdp") || has("smb") || has("vnc");
  bool mgmt_only = !p.empty() && std::all_of(p.begin(), p.end(), [](const std::string& s) {
    return s == "ssh" || s == "telnet" || s == "http" || s == "https" || s == "snmp";
  });
  if (vendor_is({"fortinet", "paloalto", "checkpoint", "sonicwall", "watchguard"}) ||
      m.find("firewall") != std::string::npos || m.find("fortigate") != std::string::npos) {
    reason = "firewall vendor or model";
    return "firewall";
  }
  if (m.find("historian") != std::string::npos) {
    reason = "model names a historian";
    return "historian";
  }
  for (const char* hmi : {"hmi", "panelview", "touchpanel", "ktp", "gt27", "gt25", "magelis", "harmony"})
    if (m.find(hmi) != std::string::npos) {
      reason = std::string("model '") + model + "' is an operator panel";
      return "hmi";
    }
  if (vendor_is({"moxa"}) && (has("modbus-tcp") || has("enip") || has("dnp3"))) {
    reason = "Moxa device serving " + list({"modbus-tcp", "enip", "dnp3"}) + " (protocol gateway)";
    return "data-gateway";
  }
  if (mgmt_only &&
      vendor_is({"cisco", "hirschmann", "ruggedcom", "westermo", "moxa", "belden", "hpe", "aruba"})) {
    reason = "network vendor with management services only (" +
             list({"ssh", "telnet", "http", "https", "snmp"}) + ")";
    return "switch";
  }
  if (has("pcom")) {
    reason = "serves pcom (Unitronics PLC protocol)";
    return "plc";
  }
  if (has("dnp3") || has("iec104")) {
    reason = "serves " + list({"dnp3", "iec104"}) + " (outstation protocols)";
    return "rtu";
  }
  std::string ics =
      list({"modbus-tcp", "s7comm", "s7commplus", "enip", "fins", "slmp", "profinet", "iec61850-mms"});
  if (!ics.empty() && !it_desktop) {
    if (has("iec61850-mms") && ics == "iec61850-mms") {
      reason = "serves iec61850-mms";
      return "ied";
    }
    reason = "serves " + ics + " and no desktop services";
    return "plc";
  }
  if ((has("opc-da") || has("opc-ua")) && has("sql")) {
    reason = "serves OPC and a SQL database";
    return "historian";
  }
  if ((has("opc-da") || has("opc-ua")) && it_desktop) {
    reason = "Windows host serving OPC";
    return "control-server";
  }
  if (!ics.empty() && has("vnc")) {
    reason = "serves " + ics + " and vnc";
    return "hmi";
  }
  if (it_desktop) {
    reason = "serves " + list({"rdp", "smb", "vnc"});
    return "workstation";
  }
  if (p.empty() && vendor_is({"unitronics", "rockwell", "allenbradley", "mitsubishi", "modicon", "omron",
                              "beckhoff", "wago"})) {
    reason = "no services listed; vendor '" + vendor + "' mainly makes controllers";
    return "plc";
  }
  reason =
      p.empty() ? "no type and no services in the inventory" : "services do not identify the device type";
  return "other";
}

} // namespace zonepath::interchange
