// Shared pieces of the importers (asset inventories, CSAF advisories, firewall rules): IPv4
// subnets, the zone map (subnet / VLAN / interface -> zone), ids made from free text, and the
// notes every importer reports (what was placed, what was not, and why).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/progress.hpp"

namespace zonepath::interchange {

// One remark of an import, tied to a line of the input.
struct ImportNote {
  std::string file;
  int line = 0;      // 1-based line of the input row, 0 when not tied to one
  std::string level; // "error" (row skipped), "warning" (row used, with a doubt), "info"
  std::string message;
  std::string value; // the offending text
};
nlohmann::json note_json(const ImportNote& n);

struct Ipv4Net {
  std::uint32_t address = 0; // network address (host bits cleared)
  int prefix = 32;
  bool contains(std::uint32_t ip) const;
  bool contains(const Ipv4Net& other) const; // other lies wholly inside this
  bool overlaps(const Ipv4Net& other) const;
  std::string str() const;
};
// "10.1.2.3" -> address; nullopt when malformed.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
// "10.1.0.0/16", "10.1.2.3" (a /32), "10.1.2.3/255.255.0.0"; nullopt when malformed.
std::optional<Ipv4Net> parse_ipv4_net(std::string_view text);
std::string ipv4_str(std::uint32_t ip);
// The range lo..hi as the shortest list of subnets that covers exactly it (10.0.0.1-10.0.0.6 ->
// 10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32).
std::vector<Ipv4Net> ipv4_range_nets(std::uint32_t lo, std::uint32_t hi);

// Where assets and addresses belong. Built from the zones' extension fields
// ("x-subnets": ["10.10.1.0/24"], "x-vlans": [110], "x-interfaces": ["eth1"]) and, on top,
// a zone-map CSV file (columns zone, subnet, vlan, interface).
class ZoneMap {
public:
  struct Entry {
    std::string zone;
    std::optional<Ipv4Net> subnet;
    std::optional<int> vlan;
    std::string interface;
    std::string source; // "site" or "file:line"
  };

  static ZoneMap from_site(const nlohmann::json& site);
  // Adds the rows of a zone-map CSV; unknown zones and bad values become error notes.
  void add_file(const std::string& path, const nlohmann::json& site, std::vector<ImportNote>& notes);
  // Writes the map back into the zones' x-subnets / x-vlans / x-interfaces fields.
  void store(nlohmann::json& site) const;

  // Zone of the most specific subnet holding ip (longest prefix), or "" when none.
  std::string zone_of_ip(std::uint32_t ip) const;
  // Zone whose subnet holds the whole net; "" when none.
  std::string zone_of_net(const Ipv4Net& net) const;
  // Zones whose subnets overlap net, in map order without repeats.
  std::vector<std::string> zones_overlapping(const Ipv4Net& net) const;
  std::string zone_of_vlan(int vlan) const;
  std::string zone_of_interface(const std::string& iface) const;
  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

private:
  std::vector<Entry> entries_;
};

// Lower-case letters and digits only: "Firmware Version" -> "firmwareversion".
std::string squash(std::string_view text);
std::string lower(std::string_view text);
std::string trim(std::string_view text);
// A valid site id from free text ("PLC 01 (Line A)" -> "plc-01-line-a"); `fallback` when empty.
std::string make_id(std::string_view text, std::string_view fallback = "item");
// `base`, or base-2, base-3, ... whichever is not yet among the ids of the site.
std::string unique_id(const nlohmann::json& site, const std::string& base);
// A VLAN id cell: digits, optionally after "VLAN" and one space, '-' or '_' (any case); nullopt
// for anything else. The range 1..4094 is the caller's to check.
std::optional<int> parse_vlan_id(std::string_view cell);

// Reads a whole file; throws ParseError naming it when it cannot be read.
std::string read_text_file(const std::string& path);
// Throws ParseError at the line and column of the first byte that is not UTF-8 (a Latin-1
// export), or of a NUL byte; names, ids and notes would otherwise carry invalid text on.
void require_utf8(std::string_view text, const std::string& name);

// 1-based line numbers of byte offsets in a text, by binary search over the line starts (the
// XML importers number hundreds of rules; scanning from the start for each would be quadratic).
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  int line(std::ptrdiff_t offset) const; // 0 when offset < 0 (unknown)

private:
  std::vector<std::size_t> starts_;
};

} // namespace zonepath::interchange
