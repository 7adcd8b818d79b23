// pfSense / OPNsense config.xml -> FirewallRule list (pugixml). Interface rules only: pf
// evaluates them on the interface where a packet enters, first match wins ("quick"), and a
// packet that no rule passes is blocked; a passed connection keeps state, so replies need no
// rule, as conduit rules are stateful too.
#include "zonepath/interchange/import_pfsense.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <pugixml.hpp>

#include "pfsense_aliases.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/numbers.hpp"

namespace zonepath::interchange {

namespace pfsense {
namespace {

struct Interface {
  std::string key, descr, device;
  std::optional<Ipv4Net> subnet;
  std::string zone, by;
  bool enabled = false;
};

// Presence flags: <disabled/>, <disabled>1</disabled> (OPNsense) are set, <disabled>0</disabled> is not.
bool flag(const pugi::xml_node& parent, const char* name) {
  pugi::xml_node n = parent.child(name);
  if (!n) return false;
  std::string v = lower(trim(n.child_value()));
  return v != "0" && v != "no" && v != "off" && v != "false";
}

// One side of a rule as written: <any/>, <network>lan</network>, <address>10.1.2.0/24</address>.
struct Side {
  enum Kind { Any, Zone, Nets, Firewall } kind = Any;
  std::string zone;
  std::vector<Ipv4Net> nets;
};

struct Reader {
  std::string name;
  const ZoneMap& zones;
  std::vector<ImportNote>& notes;
  LineIndex lines;
  AliasTable aliases;
  std::map<std::string, Interface> ifaces; // by key: lan, wan, opt1, ...
  std::int64_t next_priority = 10;

  int line_of(const pugi::xml_node& n) const { return lines.line(n.offset_debug()); }
  void note(const pugi::xml_node& n, const char* level, std::string message, std::string value = {}) {
    notes.push_back({name, line_of(n), level, std::move(message), std::move(value)});
  }

  void read_interfaces(const pugi::xml_node& root, PfsenseConfig& out) {
    std::map<std::string, int> vlan_tags; // device (em1.30) -> VLAN tag
    for (const auto& v : root.child("vlans").children("vlan")) {
      std::string tag = trim(v.child_value("tag"));
      if (!tag.empty() && tag.size() <= 4 &&
          std::all_of(tag.begin(), tag.end(), [](unsigned char c) { return std::isdigit(c); }))
        vlan_tags[trim(v.child_value("vlanif"))] = *parse_integer<int>(tag);
    }
    for (const auto& n : root.child("interfaces").children()) {
      Interface i;
      i.key = n.name();
      i.descr = trim(n.child_value("descr"));
      i.device = trim(n.child_value("if"));
      i.enabled = flag(n, "enable");
      auto ip = parse_ipv4(trim(n.child_value("ipaddr")));
      std::string bits = trim(n.child_value("subnet"));
      if (ip && !bits.empty())
        if (auto net = parse_ipv4_net(ipv4_str(*ip) + "/" + bits)) i.subnet = net;
      for (const std::string& alias : {i.key, i.descr, lower(i.descr), i.device})
        if (i.zone.empty() && !alias.empty() && !(i.zone = zones.zone_of_interface(alias)).empty())
          i.by = "interface name '" + alias + "'";
      if (i.zone.empty() && vlan_tags.count(i.device) &&
          !(i.zone = zones.zone_of_vlan(vlan_tags[i.device])).empty())
        i.by = "VLAN " + std::to_string(vlan_tags[i.device]);
      if (i.zone.empty() && i.subnet && !(i.zone = zones.zone_of_net(*i.subnet)).empty())
        i.by = "subnet " + i.subnet->str();
      if (i.zone.empty())
        note(n, "warning",
             "interface " + i.key + (i.descr.empty() ? "" : " (" + i.descr + ")") +
                 " is in no zone: add its name or subnet to the zone map; rules on it are skipped",
             i.subnet ? i.subnet->str() : i.device);
      else if (!i.enabled)
        note(n, "warning",
             "interface " + i.key + " is not enabled: its rules are skipped and 'any' leaves it out", i.key);
      else if (std::find(out.zones.begin(), out.zones.end(), i.zone) == out.zones.end())
        out.zones.push_back(i.zone);
      out.interfaces.push_back({{"name", i.key},
                                {"descr", i.descr},
                                {"device", i.device},
                                {"subnet", i.subnet ? i.subnet->str() : ""},
                                {"zone", i.zone},
                                {"by", i.by},
                                {"enabled", i.enabled}});
      ifaces[i.key] = std::move(i);
    }
  }

  // Reads <source> or <destination>; "" on success, else why the rule cannot be translated.
  std::string read_side(const pugi::xml_node& n, Side& side, const pugi::xml_node& rule) {
    if (n.child("not")) return "negated " + std::string(n.name()) + " cannot be expressed as a conduit rule";
    std::string network = trim(n.child_value("network")), address = trim(n.child_value("address"));
    if (!network.empty()) return read_network(network, side);
    if (address.empty()) return ""; // <any/>, or nothing: any
    Expansion e = aliases.addresses(address);
    for (const auto& i : e.ignored) note(rule, "warning", "alias entry ignored: " + i, address);
    if (!e.error.empty()) return e.error;
    if (e.nets.empty()) return "address '" + address + "' holds no IPv4 address";
    side.kind = Side::Nets;
    side.nets = std::move(e.nets);
    return "";
  }

  // <network>: an interface's subnet (lan, opt1), the firewall's own address (lanip, (self)),
  // or an interface group the zone map names.
  std::string read_network(const std::string& network, Side& side) const {
    auto it = ifaces.find(network);
    bool own_address = network == "(self)" || (it == ifaces.end() && network.size() > 2 &&
                                               network.compare(network.size() - 2, 2, "ip") == 0 &&
                                               ifaces.count(network.substr(0, network.size() - 2)));
    if (own_address) {
      side.kind = Side::Firewall;
    } else if (it != ifaces.end() && !it->second.zone.empty()) {
      side.kind = Side::Zone;
      side.zone = it->second.zone;
    } else if (it != ifaces.end() && it->second.subnet) {
      side.kind = Side::Nets;
      side.nets = {*it->second.subnet};
    } else if (std::string z = zones.zone_of_interface(network); !z.empty()) {
      side.kind = Side::Zone;
      side.zone = z;
    } else {
      return "network '" + network + "' is no interface of this firewall with a zone or subnet";
    }
    return "";
  }

  void read_rule(const pugi::xml_node& n, PfsenseConfig& out) {
    std::string type = trim(n.child_value("type")), descr = trim(n.child_value("descr"));
    std::string where = descr.empty() ? "tracker " + trim(n.child_value("tracker")) : descr;
    auto skip = [&](const char* level, const std::string& why) {
      note(n, level, why + "; rule skipped", where);
    };
    if (flag(n, "disabled")) return note(n, "info", "disabled rule skipped", where);
    if (type != "pass" && type != "block" && type != "reject")
      return skip("warning", "rule type '" + type + "'");
    if (flag(n, "floating"))
      return skip("warning",
                  "floating rule (evaluated on several interfaces before their own rules) not modelled");
    if (lower(trim(n.child_value("direction"))) == "out")
      return skip("warning", "outbound rule not modelled");
    std::string ipproto = trim(n.child_value("ipprotocol"));
    if (ipproto == "inet6") return skip("warning", "IPv6 rule (zonepath models IPv4 only)");
    std::string iface_key = trim(n.child_value("interface"));
    auto it = ifaces.find(iface_key);
    std::string ingress = it != ifaces.end() ? it->second.zone : zones.zone_of_interface(iface_key);
    if (ingress.empty()) return skip("error", "interface '" + iface_key + "' is in no zone");
    if (it != ifaces.end() && !it->second.enabled)
      return skip("warning", "interface '" + iface_key + "' is not enabled");
    std::string proto = lower(trim(n.child_value("protocol")));
    if (!proto.empty() && proto != "any" && proto != "tcp" && proto != "udp" && proto != "tcp/udp")
      return note(n, "info", "protocol " + proto + " is not a TCP/UDP service; nothing to model", where);

    FirewallRule r;
    r.file = name;
    r.line = line_of(n);
    r.allow = type == "pass";
    r.description = descr.empty() ? where : descr;
    if (proto == "tcp" || proto == "udp") r.transport = proto; // tcp/udp and any: every service
    Side src, dst;
    for (auto [node, side] : {std::pair{n.child("source"), &src}, {n.child("destination"), &dst}})
      if (std::string why = read_side(node, *side, n); !why.empty()) return skip("error", why);
    if (src.kind == Side::Firewall || dst.kind == Side::Firewall)
      return note(n, "info", "traffic to or from the firewall itself is not a conduit flow", where);
    if (src.kind == Side::Any)
      r.src_zone = ingress; // entered on this interface: from its zone
    else if (src.kind == Side::Zone)
      r.src_zone = src.zone;
    else
      r.src_nets = src.nets;
    if (dst.kind == Side::Any)
      r.dst_zone = "*";
    else if (dst.kind == Side::Zone)
      r.dst_zone = dst.zone;
    else
      r.dst_nets = dst.nets;
    if (std::string port = trim(n.child("destination").child_value("port")); !port.empty()) {
      Expansion e = aliases.ports(port);
      if (!e.error.empty()) return skip("error", e.error);
      for (auto [lo, hi] : e.ports) add_port_range(r, lo, hi);
    }
    if (!trim(n.child("source").child_value("port")).empty())
      note(n, "warning", "source port ignored (conduit rules name destination ports only)",
           trim(n.child("source").child_value("port")));
    if (ipproto == "inet46") note(n, "info", "IPv4+IPv6 rule: its IPv4 part is modelled", where);
    if (!trim(n.child_value("sched")).empty())
      note(n, "warning",
           "schedule '" + trim(n.child_value("sched")) + "' ignored: the rule is modelled as always on",
           where);
    if (lower(trim(n.child_value("statetype"))) == "none")
      note(n, "warning", "stateless rule modelled as stateful (replies would need their own rule)", where);
    for (const char* narrowing : {"tagged", "os", "tcpflags1", "icmptype"})
      if (!trim(n.child_value(narrowing)).empty())
        note(n, "warning", std::string("match on '") + narrowing + "' ignored: the rule is modelled wider",
             where);
    r.priority = next_priority;
    next_priority += 10;
    out.rules.push_back(std::move(r));
  }

  // Address translation changes where packets go, which conduit rules cannot say; the filter
  // rules that pfSense associates with port forwards are imported as ordinary rules.
  void report_nat(const pugi::xml_node& root) {
    const pugi::xml_node nat = root.child("nat");
    for (const auto& r : nat.children("rule"))
      note(r, "warning",
           "NAT port forward not translated (the model has no address translation; an associated filter rule "
           "is "
           "imported with the filter rules)",
           trim(r.child_value("interface")) + " " + trim(r.child_value("protocol")) + " -> " +
               trim(r.child_value("target")) + ":" + trim(r.child_value("local-port")));
    for (const auto& r : nat.child("outbound").children("rule"))
      note(r, "warning", "outbound NAT rule not translated (source addresses rewritten on the way out)",
           trim(r.child_value("interface")));
    for (const char* kind : {"onetoone", "npt"})
      for (const auto& r : nat.children(kind))
        note(r, "warning", std::string("NAT ") + kind + " mapping not translated",
             trim(r.child_value("external")));
    for (const auto& r :
         root.child("OPNsense").child("Firewall").child("Filter").child("rules").children("rule"))
      note(r, "warning", "OPNsense automation filter rule not modelled (only interface rules are)",
           trim(r.child_value("description")));
  }
};

} // namespace
} // namespace pfsense

bool is_pfsense_config(const std::string& text) {
  std::size_t head = std::min<std::size_t>(text.size(), 4096);
  std::string_view start(text.data(), head);
  return start.find("<pfsense>") != std::string_view::npos ||
         start.find("<opnsense>") != std::string_view::npos ||
         start.find("<pfsense ") != std::string_view::npos ||
         start.find("<opnsense ") != std::string_view::npos;
}

PfsenseConfig parse_pfsense_config(const std::string& text, const std::string& name, const ZoneMap& zones,
                                   std::vector<ImportNote>& notes) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  pfsense::Reader reader{name, zones, notes, LineIndex(text), {}, {}, 10};
  if (!parsed) {
    Diagnostic d;
    d.file = name;
    std::tie(d.line, d.column) =
        line_column(text, static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)));
    d.message = std::string("malformed XML: ") + parsed.description();
    throw ParseError(d);
  }
  pugi::xml_node root = doc.child("pfsense");
  PfsenseConfig out;
  out.product = "pfSense";
  if (!root) {
    root = doc.child("opnsense");
    out.product = "OPNsense";
  }
  if (!root) {
    Diagnostic d;
    d.file = name;
    d.line = 1;
    d.message = "XML file is not a pfSense or OPNsense configuration (root element is '" +
                std::string(doc.first_child().name()) + "', expected pfsense or opnsense)";
    throw ParseError(d);
  }
  reader.aliases.load(root);
  reader.read_interfaces(root, out);
  for (const auto& rule : root.child("filter").children("rule")) reader.read_rule(rule, out);
  reader.report_nat(root);
  FirewallRule deny;
  deny.file = name;
  deny.line = reader.line_of(root.child("filter"));
  deny.policy = true;
  deny.description = out.product + " default deny (no rule passes the packet)";
  out.rules.push_back(deny);
  return out;
}

} // namespace zonepath::interchange
