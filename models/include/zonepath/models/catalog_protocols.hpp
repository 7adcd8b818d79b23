// Service protocols that site models may name, with what the attack-graph builder needs to know
// about them: where they listen, whether they authenticate the peer, and which ATT&CK for ICS
// behaviour they enable. Sources per group are in catalog_protocols.cpp and docs/catalogs.md.
#pragma once

#include <string_view>
#include <vector>

namespace zonepath::models {

enum class NativeAuth {
  None,     // anyone who can reach the port can issue commands (Modbus/TCP, S7comm, PCOM, ...)
  Optional, // the protocol can authenticate, but deployments often do not (DNP3 SAv5, MQTT, VNC)
  Yes,      // a session cannot start without credentials or certificates (SSH, RDP, OPC UA)
};

std::string_view to_string(NativeAuth a); // "none", "optional", "yes"

enum class Transport { Tcp, Udp, TcpUdp, Layer2 };
std::string_view to_string(Transport t); // "tcp", "udp", "tcp/udp", "l2"

struct Protocol {
  std::string_view name;    // vocabulary name, e.g. "modbus-tcp"
  std::string_view display; // "Modbus/TCP"
  std::vector<int> ports;   // default port(s), most common first; empty when none fixed
  Transport transport;
  NativeAuth auth;
  bool industrial;                 // an ICS/OT protocol (vs general IT)
  std::string_view secure_variant; // catalog name of the secured variant, empty if none listed
  // industrial, remote-access, file-transfer, web, infrastructure or database
  std::string_view category;
  bool remote_service;   // interactive remote service in the sense of ATT&CK T0886
  std::string_view note; // caveats, "⚠" where docs/sources.md could not verify a value
};

// Every protocol of the site-model vocabulary (docs/formats.md) plus a few secured variants that
// the vocabulary's secure_variant fields point to (cip-security, iec104-tls), in catalog order.
const std::vector<Protocol>& protocols();

// Exact, case-sensitive name lookup; nullptr when unknown (site models may still use any other
// protocol name together with an explicit port).
const Protocol* find_protocol(std::string_view name);

// The catalog protocol an unknown name probably means: a usual other name ("modbus",
// "ethernet-ip", "s7", "opcua", "ms-wbt-server"), else a catalog name within edit distance 2
// (1 for names of up to four characters), compared without case and punctuation. "" when none.
std::string_view suggest_protocol(std::string_view name);

// Whether the protocol's messages fall into read and write/command function classes that an
// industrial protocol firewall can tell apart (Modbus function codes, S7comm job types, CIP
// services, DNP3 function codes, OPC UA services), so that a rule can allow reads only.
bool protocol_knows_functions(std::string_view name);

// Catalog protocols whose default ports include `port`, in catalog order (several share 102).
std::vector<const Protocol*> protocols_on_port(int port);

} // namespace zonepath::models
