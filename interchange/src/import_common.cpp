#include "zonepath/interchange/import_common.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <fstream>

#include "zonepath/core/error.hpp"
#include "zonepath/core/input_file.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/interchange/import_csv.hpp"

namespace zonepath::interchange {

using nlohmann::json;

json note_json(const ImportNote& n) {
  return {{"file", n.file}, {"line", n.line}, {"level", n.level}, {"message", n.message}, {"value", n.value}};
}

namespace {
std::uint32_t mask_of(int prefix) {
  return prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
}
} // namespace

bool Ipv4Net::contains(std::uint32_t ip) const {
  return (ip & mask_of(prefix)) == address;
}
bool Ipv4Net::contains(const Ipv4Net& o) const {
  return o.prefix >= prefix && contains(o.address);
}
bool Ipv4Net::overlaps(const Ipv4Net& o) const {
  return contains(o) || o.contains(*this);
}
std::string Ipv4Net::str() const {
  return ipv4_str(address) + "/" + std::to_string(prefix);
}

std::string ipv4_str(std::uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
         std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255);
}

std::vector<Ipv4Net> ipv4_range_nets(std::uint32_t lo, std::uint32_t hi) {
  std::vector<Ipv4Net> out;
  std::uint64_t cur = lo;
  while (cur <= hi) {
    int prefix = 32;
    // Widen the block while it stays aligned at cur and inside the range.
    while (prefix > 0) {
      std::uint64_t size = std::uint64_t{1} << (32 - (prefix - 1));
      if (cur % size != 0 || cur + size - 1 > hi) break;
      --prefix;
    }
    out.push_back(Ipv4Net{static_cast<std::uint32_t>(cur), prefix});
    cur += std::uint64_t{1} << (32 - prefix);
  }
  return out;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t ip = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    unsigned v = 0;
    std::size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      v = v * 10 + unsigned(text[i++] - '0');
      if (++digits > 3 || v > 255) return std::nullopt;
    }
    ip = (ip << 8) | v;
    if (++parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return ip;
}

std::optional<Ipv4Net> parse_ipv4_net(std::string_view text) {
  std::string t = trim(text);
  auto slash = t.find('/');
  auto ip = parse_ipv4(std::string_view(t).substr(0, slash));
  if (!ip) return std::nullopt;
  int prefix = 32;
  if (slash != std::string::npos) {
    std::string p = t.substr(slash + 1);
    if (auto m = parse_ipv4(p)) {
      // Dotted masks must be contiguous ones.
      std::uint32_t inv = ~*m;
      if ((inv & (inv + 1)) != 0) return std::nullopt;
      prefix = 32 - std::popcount(inv);
    } else {
      if (p.empty() || p.size() > 2 ||
          !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
      prefix = *parse_integer<int>(p);
      if (prefix > 32) return std::nullopt;
    }
  }
  return Ipv4Net{*ip & mask_of(prefix), prefix};
}

ZoneMap ZoneMap::from_site(const json& site) {
  ZoneMap map;
  if (!site.contains("zones") || !site["zones"].is_array()) return map;
  for (const auto& z : site["zones"]) {
    if (!z.is_object() || !z.contains("id") || !z["id"].is_string()) continue;
    std::string id = z["id"];
    if (auto it = z.find("x-subnets"); it != z.end() && it->is_array())
      for (const auto& s : *it)
        if (s.is_string())
          if (auto net = parse_ipv4_net(s.get<std::string>()))
            map.entries_.push_back({id, net, {}, {}, "site"});
    if (auto it = z.find("x-vlans"); it != z.end() && it->is_array())
      for (const auto& v : *it)
        if (v.is_number_integer()) map.entries_.push_back({id, {}, v.get<int>(), {}, "site"});
    if (auto it = z.find("x-interfaces"); it != z.end() && it->is_array())
      for (const auto& v : *it)
        if (v.is_string()) map.entries_.push_back({id, {}, {}, v.get<std::string>(), "site"});
  }
  return map;
}

void ZoneMap::add_file(const std::string& path, const json& site, std::vector<ImportNote>& notes) {
  CsvTable t = load_csv_file(path);
  int zc = t.column("zone"), sc = t.column("subnet"), vc = t.column("vlan"), ic = t.column("interface");
  if (zc < 0 || (sc < 0 && vc < 0 && ic < 0)) {
    // Another kind of file given as the map: refusing beats placing nothing and writing.
    Diagnostic d;
    d.file = path;
    d.line = t.header_line;
    d.message = "zone map needs a 'zone' column and a subnet, vlan or interface column";
    d.suggestion = "header: zone,subnet,vlan,interface";
    throw ParseError(d);
  }
  auto known = [&](const std::string& id) {
    for (const auto& z : site.value("zones", json::array()))
      if (z.is_object() && z.value("id", "") == id) return true;
    return false;
  };
  for (const auto& row : t.rows) {
    Entry e;
    e.zone = trim(CsvTable::field(row, zc));
    e.source = path + ":" + std::to_string(row.line);
    if (!known(e.zone)) {
      notes.push_back({path, row.line, "error", "zone map names a zone the site does not have", e.zone});
      continue;
    }
    std::string s = trim(CsvTable::field(row, sc)), v = trim(CsvTable::field(row, vc)),
                i = trim(CsvTable::field(row, ic));
    if (!s.empty()) {
      e.subnet = parse_ipv4_net(s);
      if (!e.subnet) notes.push_back({path, row.line, "error", "invalid subnet (expected a.b.c.d/nn)", s});
    }
    if (!v.empty()) {
      const int vlan = parse_vlan_id(v).value_or(0);
      if (vlan >= 1 && vlan <= 4094)
        e.vlan = vlan;
      else
        notes.push_back({path, row.line, "error", "invalid VLAN id (expected 1..4094)", v});
    }
    e.interface = i;
    if (e.subnet || e.vlan || !e.interface.empty()) entries_.push_back(std::move(e));
  }
}

void ZoneMap::store(json& site) const {
  if (!site.contains("zones") || !site["zones"].is_array()) return;
  for (auto& z : site["zones"]) {
    if (!z.is_object()) continue;
    std::string id = z.value("id", "");
    json subnets = json::array(), vlans = json::array(), ifaces = json::array();
    for (const auto& e : entries_) {
      if (e.zone != id) continue;
      if (e.subnet && std::find(subnets.begin(), subnets.end(), e.subnet->str()) == subnets.end())
        subnets.push_back(e.subnet->str());
      if (e.vlan && std::find(vlans.begin(), vlans.end(), *e.vlan) == vlans.end()) vlans.push_back(*e.vlan);
      if (!e.interface.empty() && std::find(ifaces.begin(), ifaces.end(), e.interface) == ifaces.end())
        ifaces.push_back(e.interface);
    }
    if (!subnets.empty()) z["x-subnets"] = subnets;
    if (!vlans.empty()) z["x-vlans"] = vlans;
    if (!ifaces.empty()) z["x-interfaces"] = ifaces;
  }
}

std::string ZoneMap::zone_of_ip(std::uint32_t ip) const {
  const Entry* best = nullptr;
  for (const auto& e : entries_)
    if (e.subnet && e.subnet->contains(ip) && (!best || e.subnet->prefix > best->subnet->prefix)) best = &e;
  return best ? best->zone : "";
}

std::string ZoneMap::zone_of_net(const Ipv4Net& net) const {
  const Entry* best = nullptr;
  for (const auto& e : entries_)
    if (e.subnet && e.subnet->contains(net) && (!best || e.subnet->prefix > best->subnet->prefix)) best = &e;
  return best ? best->zone : "";
}

std::vector<std::string> ZoneMap::zones_overlapping(const Ipv4Net& net) const {
  std::vector<std::string> out;
  for (const auto& e : entries_)
    if (e.subnet && e.subnet->overlaps(net) && std::find(out.begin(), out.end(), e.zone) == out.end())
      out.push_back(e.zone);
  return out;
}

std::string ZoneMap::zone_of_vlan(int vlan) const {
  for (const auto& e : entries_)
    if (e.vlan && *e.vlan == vlan) return e.zone;
  return "";
}

std::string ZoneMap::zone_of_interface(const std::string& iface) const {
  for (const auto& e : entries_)
    if (!e.interface.empty() && e.interface == iface) return e.zone;
  return "";
}

std::string squash(std::string_view text) {
  std::string out;
  for (unsigned char c : text)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string trim(std::string_view text) {
  std::size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

std::string make_id(std::string_view text, std::string_view fallback) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '_' || c == '.' || c == ':')
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  if (out.size() > 200) out.resize(200);
  return out.empty() ? std::string(fallback) : out;
}

std::optional<int> parse_vlan_id(std::string_view cell) {
  std::string_view s = cell;
  if (s.size() >= 4) {
    std::string head(s.substr(0, 4));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    if (head == "vlan") {
      s.remove_prefix(4);
      if (!s.empty() && (s[0] == ' ' || s[0] == '-' || s[0] == '_')) s.remove_prefix(1);
    }
  }
  if (s.empty() || s.size() > 4) return std::nullopt;
  return parse_integer<int>(s); // digits only: no sign, point or separator
}

std::string unique_id(const json& site, const std::string& base) {
  auto taken = [&](const std::string& id) {
    for (const char* key : {"zones", "assets", "conduits", "threat_actors"})
      if (site.contains(key) && site[key].is_array())
        for (const auto& o : site[key])
          if (o.is_object() && o.value("id", "") == id) return true;
    return false;
  };
  if (!taken(base)) return base;
  for (int n = 2;; ++n)
    if (!taken(base + "-" + std::to_string(n))) return base + "-" + std::to_string(n);
}

std::string read_text_file(const std::string& path) {
  return read_input_file(path);
}

void require_utf8(std::string_view text, const std::string& name) {
  std::size_t at = text.find('\0');
  const bool nul = at != std::string_view::npos;
  if (!nul) at = invalid_utf8_offset(text);
  if (at == std::string_view::npos) return;
  static const char* hex = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(text[at]);
  Diagnostic d;
  d.file = name;
  std::tie(d.line, d.column) = line_column(text, at);
  d.value = std::string("\\x") + hex[byte >> 4] + hex[byte & 15];
  d.message = nul ? "NUL byte in the text (a binary file, or UTF-16?)"
                  : "not UTF-8 text (Latin-1 or another legacy encoding?); save or export the file as UTF-8";
  throw ParseError(d);
}

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineIndex::line(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<std::size_t>(offset));
  return static_cast<int>(it - starts_.begin());
}

} // namespace zonepath::interchange
