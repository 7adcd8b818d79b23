#include "generate_layout.hpp"

#include <algorithm>
#include <array>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath::scenarios::gen {
namespace {

// Splits `total` into `k` parts that differ by at most one, larger parts first.
std::vector<std::uint64_t> split(std::uint64_t total, std::size_t k) {
  std::vector<std::uint64_t> out(k, k ? total / k : 0);
  for (std::size_t i = 0; k && i < total % k; ++i) ++out[i];
  return out;
}

std::string two_digits(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < std::size_t(width) ? width - s.size() : 0, '0') + s;
}

// Roles every zone of a kind has before the weighted draw, so that rules and threat actors
// always find what they refer to.
std::vector<Role> mandatory_roles(const std::string& kind) {
  if (kind == "enterprise") return {Role::Server, Role::DomainController, Role::Workstation};
  if (kind == "dmz") return {Role::VpnServer, Role::JumpHost, Role::Historian};
  if (kind == "operations") return {Role::Historian, Role::EngWorkstation};
  if (kind == "supervisory") return {Role::ControlServer, Role::EngWorkstation, Role::Hmi};
  if (kind == "control") return {Role::Plc};
  if (kind == "safety") return {Role::Sis, Role::EngWorkstation};
  if (kind == "remote") return {Role::Rtu, Role::Router};
  if (kind == "flat") return {Role::ControlServer, Role::EngWorkstation, Role::Plc, Role::Sis, Role::Hmi};
  return {};
}

Role draw_role(std::span<const RoleWeight> mix, RandomStream& rng) {
  std::uint32_t total = 0;
  for (const auto& m : mix) total += m.weight;
  auto pick = static_cast<std::uint32_t>(rng.uniform() * total);
  for (const auto& m : mix) {
    if (pick < m.weight) return m.role;
    pick -= m.weight;
  }
  return mix.back().role;
}

void plan_assets(Layout& L, int z, RandomStream& rng) {
  ZonePlan& zone = L.zones[z];
  const std::string mix_kind = z == L.plant ? "flat" : zone.kind;
  auto mix = role_mix(mix_kind);
  auto mandatory = mandatory_roles(mix_kind);
  std::array<std::uint32_t, static_cast<std::size_t>(Role::Count)> numbers{};
  for (std::uint32_t i = 0; i < zone.count; ++i) {
    AssetPlan a;
    a.zone = static_cast<std::uint32_t>(z);
    a.role = i < mandatory.size() ? mandatory[i] : draw_role(mix, rng);
    a.number = ++numbers[static_cast<std::size_t>(a.role)];
    const RoleSpec& spec = role_spec(a.role);
    std::vector<std::uint8_t> with_cve, without;
    for (std::size_t p = 0; p < spec.products.size(); ++p)
      (spec.products[p].cves.empty() ? without : with_cve).push_back(static_cast<std::uint8_t>(p));
    const bool vulnerable = !with_cve.empty() && rng.uniform() < kVulnerableShare;
    const auto& pool = vulnerable || without.empty() ? with_cve : without;
    a.product = pool[static_cast<std::size_t>(rng.uniform() * pool.size())];
    if (vulnerable) a.flags |= kVulnerable;
    const ProductSpec& product = spec.products[a.product];
    if (product.legacy || (is_controller(a.role) && rng.uniform() < 0.4)) a.flags |= kUnpatchable;
    const bool device =
        a.role == Role::Switch || a.role == Role::Router || a.role == Role::Hmi || a.role == Role::Rtu;
    if (device && rng.uniform() < 0.05) a.flags |= kDefaultCredentials;
    // Crown jewels: the main logic solver of each SIS zone, about every second cell's lead
    // controller, and in a flat plant about 1 in 80 controllers.
    if (zone.kind == "safety" && a.role == Role::Sis && a.number == 1) a.flags |= kCrownJewel;
    if (zone.kind == "control" && i == 0 && rng.uniform() < 0.5) a.flags |= kCrownJewel;
    if (z == L.plant && is_controller(a.role) && (a.number == 1 || rng.uniform() < 0.0125))
      a.flags |= kCrownJewel;
    L.assets.push_back(a);
  }
}

void add_zone(Layout& L, std::string id, std::string name, std::string kind, double purdue, int area = -1) {
  ZonePlan z;
  z.id = std::move(id);
  z.name = std::move(name);
  z.kind = std::move(kind);
  z.purdue = purdue;
  z.area = area;
  L.zones.push_back(std::move(z));
}

// The three zones outside the plant that both shapes start with, at indices 0, 1 and 2.
void add_outer_zones(Layout& L) {
  L.internet = 0;
  add_zone(L, "internet", "Internet", "untrusted", 5);
  L.vendor = 1;
  add_zone(L, "vendor", "Integrator and OEM remote support", "vendor", -1);
  L.enterprise = 2;
  add_zone(L, "enterprise", "Enterprise network", "enterprise", 4);
}

void plan_segmented(Layout& L, std::uint32_t zone_count) {
  const std::uint64_t n = L.options.assets;
  if (zone_count < 8)
    throw LimitError("a segmented site needs at least 8 zones (got " + std::to_string(zone_count) + ")");
  const int remotes = static_cast<int>((zone_count - 5) / 12);
  const int rest = static_cast<int>(zone_count) - 5 - remotes;
  int areas = std::max(1, std::min((rest + 7) / 8, rest / 3));
  const int cell_total = rest - 2 * areas;
  L.areas = areas;
  add_outer_zones(L);
  L.dmz = 3;
  add_zone(L, "idmz", "Industrial DMZ", "dmz", 3.5);
  L.operations = 4;
  add_zone(L, "operations", "Site operations", "operations", 3);
  auto cells_per_area = split(static_cast<std::uint64_t>(cell_total), static_cast<std::size_t>(areas));
  const int w = areas >= 100 ? 3 : 2;
  L.cells.resize(static_cast<std::size_t>(areas));
  for (int a = 0; a < areas; ++a) {
    std::string area = "a" + two_digits(a + 1, w);
    L.supervisory.push_back(static_cast<int>(L.zones.size()));
    add_zone(L, area + "-sup", "Area " + std::to_string(a + 1) + " supervisory", "supervisory", 2, a);
    const int cw = cells_per_area[0] >= 100 ? 3 : 2;
    for (std::uint64_t c = 0; c < cells_per_area[static_cast<std::size_t>(a)]; ++c) {
      L.cells[static_cast<std::size_t>(a)].push_back(static_cast<int>(L.zones.size()));
      add_zone(L, area + "-cell" + two_digits(static_cast<int>(c) + 1, cw),
               "Area " + std::to_string(a + 1) + " control cell " + std::to_string(c + 1), "control", 1, a);
    }
    L.safety.push_back(static_cast<int>(L.zones.size()));
    add_zone(L, area + "-sis", "Area " + std::to_string(a + 1) + " safety instrumented system", "safety", 1,
             a);
  }
  for (int r = 0; r < remotes; ++r) {
    L.remote.push_back(static_cast<int>(L.zones.size()));
    add_zone(L, "remote" + two_digits(r + 1, 3), "Remote site " + std::to_string(r + 1), "remote", 1,
             r % areas);
  }

  // Asset counts per level (docs/generate.md), control cells take the rest.
  std::vector<std::uint64_t> count(L.zones.size(), 0);
  count[1] = std::clamp<std::uint64_t>(2 + n / 20000, 2, 20);
  count[2] = n * 18 / 100;
  count[3] = std::max<std::uint64_t>(6, n / 100);
  count[4] = std::max<std::uint64_t>(6, n * 4 / 100);
  auto sup = split(std::max<std::uint64_t>(4u * areas, n / 10), static_cast<std::size_t>(areas));
  auto sis = split(std::max<std::uint64_t>(3u * areas, n * 4 / 100), static_cast<std::size_t>(areas));
  auto rem = split(remotes ? std::max<std::uint64_t>(3u * remotes, n * 7 / 100) : 0,
                   static_cast<std::size_t>(remotes));
  std::uint64_t used = count[1] + count[2] + count[3] + count[4];
  for (int a = 0; a < areas; ++a) {
    count[L.supervisory[a]] = sup[a];
    count[L.safety[a]] = sis[a];
    used += sup[a] + sis[a];
  }
  for (int r = 0; r < remotes; ++r) {
    count[L.remote[r]] = rem[r];
    used += rem[r];
  }
  if (used + 2u * cell_total > n)
    throw LimitError(std::to_string(zone_count) + " zones are too many for " + std::to_string(n) +
                     " assets (each control cell needs at least 2)");
  auto cells = split(n - used, static_cast<std::size_t>(cell_total));
  std::size_t k = 0;
  for (const auto& area : L.cells)
    for (int c : area) count[c] = cells[k++];
  std::uint32_t first = 0;
  for (std::size_t z = 0; z < L.zones.size(); ++z) {
    L.zones[z].first = first;
    L.zones[z].count = static_cast<std::uint32_t>(count[z]);
    first += L.zones[z].count;
  }
}

void plan_flat(Layout& L) {
  const std::uint64_t n = L.options.assets;
  add_outer_zones(L);
  L.plant = 3;
  add_zone(L, "plant", "Plant network (flat, levels 3 to 0)", "control", 1);
  L.zones[1].count = static_cast<std::uint32_t>(std::clamp<std::uint64_t>(2 + n / 20000, 2, 20));
  L.zones[2].count = static_cast<std::uint32_t>(n * 20 / 100);
  L.zones[3].count = static_cast<std::uint32_t>(n - L.zones[1].count - L.zones[2].count);
  std::uint32_t first = 0;
  for (auto& z : L.zones) {
    z.first = first;
    first += z.count;
  }
}

} // namespace

std::string Layout::asset_id(std::uint32_t a) const {
  const AssetPlan& p = assets[a];
  return zones[p.zone].id + "-" + std::string(role_spec(p.role).tag) + "-" + std::to_string(p.number);
}

std::vector<std::uint32_t> Layout::find(int z, std::initializer_list<Role> roles, std::size_t limit) const {
  std::vector<std::uint32_t> out;
  if (z < 0) return out;
  const ZonePlan& zone = zones[static_cast<std::size_t>(z)];
  for (std::uint32_t a = zone.first; a < zone.first + zone.count && out.size() < limit; ++a)
    if (std::find(roles.begin(), roles.end(), assets[a].role) != roles.end()) out.push_back(a);
  return out;
}

std::uint32_t default_zone_count(std::uint64_t assets) {
  return static_cast<std::uint32_t>(std::max<std::uint64_t>(8, assets / 40));
}

namespace {

// Address plan (x-subnets, x-ip), so that rule export, drift and discovery have addresses: the
// vendor laptops in 172.16.0.0/24 (a VPN pool), every other zone a block of 10.0.0.0/8 in file
// order, a /24 when all zones fit so, else the smallest block that holds the zone's assets;
// the Internet is the catch-all 0.0.0.0/0 (the longest prefix wins for every other zone).
void plan_addresses(Layout& L) {
  auto block = [](std::uint32_t count, std::uint64_t least) {
    std::uint64_t size = least;
    while (size < std::uint64_t{count} + 2) size <<= 1; // network and broadcast addresses
    return size;
  };
  std::uint64_t roomy = 0;
  for (std::size_t z = 0; z < L.zones.size(); ++z)
    if (static_cast<int>(z) != L.internet && static_cast<int>(z) != L.vendor)
      roomy += block(L.zones[z].count, 256);
  const std::uint64_t least = roomy <= (std::uint64_t{1} << 24) ? 256 : 4;
  std::uint64_t cursor = 0;
  for (std::size_t z = 0; z < L.zones.size(); ++z) {
    ZonePlan& zone = L.zones[z];
    if (static_cast<int>(z) == L.internet) continue; // 0.0.0.0/0
    std::uint64_t size = block(zone.count, static_cast<int>(z) == L.vendor ? 256 : least);
    int prefix = 32;
    while ((std::uint64_t{1} << (32 - prefix)) < size) --prefix;
    if (static_cast<int>(z) == L.vendor) {
      zone.net = (172u << 24) | (16u << 16);
    } else {
      cursor = (cursor + size - 1) / size * size; // aligned on its size
      if (cursor + size > (std::uint64_t{1} << 24))
        throw LimitError("the address plan does not fit 10.0.0.0/8");
      zone.net = (10u << 24) + static_cast<std::uint32_t>(cursor);
      cursor += size;
    }
    zone.prefix = prefix;
  }
}

} // namespace

Layout plan_layout(const GenerateOptions& options) {
  if (options.assets < kMinGeneratedAssets || options.assets > kMaxGeneratedAssets)
    throw LimitError("--assets must be " + std::to_string(kMinGeneratedAssets) + ".." +
                     std::to_string(kMaxGeneratedAssets) + " (got " + std::to_string(options.assets) + ")");
  Layout L;
  L.options = options;
  const bool flat = options.shape == SiteShape::Flat;
  L.site_id = std::string("gen-") + (flat ? "flat-" : "seg-") + std::to_string(options.assets) + "-s" +
              std::to_string(options.seed);
  if (flat) {
    if (options.zones != 0) throw LimitError("--zones applies to the segmented shape only");
    plan_flat(L);
  } else {
    plan_segmented(L, options.zones ? options.zones : default_zone_count(options.assets));
  }
  L.assets.reserve(options.assets);
  for (std::size_t z = 0; z < L.zones.size(); ++z) {
    global_cancel_token().throw_if_cancelled(); // Ctrl-C between zones
    RandomStream rng(options.seed, z + 1);
    plan_assets(L, static_cast<int>(z), rng);
  }
  plan_addresses(L);
  return L;
}

} // namespace zonepath::scenarios::gen
