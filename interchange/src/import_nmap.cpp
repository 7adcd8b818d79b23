// Reading Nmap XML (nmap.dtd): hosts with their status, addresses, host names, ports with the
// service Nmap found, and the best OS match.
#include "zonepath/interchange/import_nmap.hpp"

#include <pugixml.hpp>

#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::interchange {

namespace nmap_xml {
namespace {

int to_int(const char* text) {
  std::string s = trim(text);
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return parse_integer<int>(s).value_or(0);
}

NmapHost read_host(const pugi::xml_node& h, const LineIndex& lines) {
  NmapHost host;
  host.line = lines.line(h.offset_debug());
  host.status = h.child("status").attribute("state").as_string();
  for (const auto& a : h.children("address")) {
    std::string type = a.attribute("addrtype").as_string();
    if (type == "ipv4" && host.ipv4.empty())
      host.ipv4 = a.attribute("addr").as_string();
    else if (type == "ipv6" && host.ipv6.empty())
      host.ipv6 = a.attribute("addr").as_string();
    else if (type == "mac" && host.mac.empty()) {
      host.mac = a.attribute("addr").as_string();
      host.mac_vendor = a.attribute("vendor").as_string();
    }
  }
  for (const auto& n : h.child("hostnames").children("hostname"))
    if (std::string name = trim(n.attribute("name").as_string()); !name.empty())
      host.hostnames.push_back(name);
  for (const auto& p : h.child("ports").children("port")) {
    NmapPort port;
    port.port = to_int(p.attribute("portid").as_string());
    port.transport = p.attribute("protocol").as_string();
    port.state = p.child("state").attribute("state").as_string();
    const pugi::xml_node s = p.child("service");
    port.name = s.attribute("name").as_string();
    port.product = s.attribute("product").as_string();
    port.version = s.attribute("version").as_string();
    port.extrainfo = s.attribute("extrainfo").as_string();
    port.tunnel = s.attribute("tunnel").as_string();
    port.method = s.attribute("method").as_string();
    if (port.port > 0) host.ports.push_back(std::move(port));
  }
  int best = -1;
  for (const auto& m : h.child("os").children("osmatch"))
    if (int accuracy = to_int(m.attribute("accuracy").as_string()); accuracy > best) {
      best = accuracy;
      host.os = m.attribute("name").as_string();
    }
  return host;
}

} // namespace
} // namespace nmap_xml

NmapScan parse_nmap_xml(const std::string& text, const std::string& name) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  Diagnostic d;
  d.file = name;
  if (!parsed) {
    std::tie(d.line, d.column) =
        line_column(text, static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)));
    d.message = std::string("malformed XML: ") + parsed.description();
    throw ParseError(d);
  }
  const pugi::xml_node root = doc.child("nmaprun");
  if (!root) {
    d.line = 1;
    d.message = "XML file is not an Nmap scan (root element is '" + std::string(doc.first_child().name()) +
                "', expected nmaprun as `nmap -oX` writes)";
    throw ParseError(d);
  }
  NmapScan scan;
  scan.args = root.attribute("args").as_string();
  scan.started = root.attribute("startstr").as_string();
  scan.version = root.attribute("version").as_string();
  LineIndex lines(text);
  for (const auto& h : root.children("host")) scan.hosts.push_back(nmap_xml::read_host(h, lines));
  return scan;
}

} // namespace zonepath::interchange
