// Conduits, firewall rules and threat actors of a generated site. Rules allow what a plant of
// that shape needs (remote access through the DMZ, historian replication, HMI and SCADA to the
// controllers of their area); a few conduits carry planted mistakes, described with
// "MISCONFIGURATION" so that findings can be checked against them.
#include <string>
#include <vector>

#include "generate_layout.hpp"
#include "zonepath/core/cancel.hpp"

namespace zonepath::scenarios::gen {
namespace {

using ojson = nlohmann::ordered_json;

// Industrial and panel ports that HMIs and SCADA servers use towards controllers.
const std::vector<int> kIndustrialPorts = {80, 102, 502, 1502, 2404, 9600, 18245, 20000, 20256, 34964, 44818};

class ConduitBuilder {
public:
  explicit ConduitBuilder(const Layout& L) : L_(L), site_rng_(L.options.seed, 0xC0DE'0000'0000ull) {}

  ojson ids(const std::vector<std::uint32_t>& assets) const {
    ojson out = ojson::array();
    for (auto a : assets) out.push_back(L_.asset_id(a));
    return out;
  }

  ojson rule(int priority, bool allow, const std::string& from, const std::string& to, std::vector<int> ports,
             const std::vector<std::uint32_t>& src, const std::vector<std::uint32_t>& dst,
             std::string description) {
    ojson r = {{"priority", priority}, {"action", allow ? "allow" : "deny"}, {"from", from}, {"to", to}};
    if (!ports.empty()) r["ports"] = ports;
    if (!src.empty()) r["src_assets"] = ids(src);
    if (!dst.empty()) r["dst_assets"] = ids(dst);
    r["description"] = std::move(description);
    return r;
  }

  // A conduit between zones a and b; `from`/`to` is the direction a planted mistake opens.
  void add(const std::string& id, int a, int b, const char* kind, std::vector<ojson> rules,
           bool cleanup = true) {
    // Ctrl-C: a million-asset site has tens of thousands of conduits, seconds of work.
    global_cancel_token().throw_if_cancelled();
    RandomStream rng(L_.options.seed, 0xC0DE'0000'0001ull + set_.conduits.size());
    const std::string za = zone(a), zb = zone(b);
    if (rng.uniform() < kMistakeRate) {
      const double v = rng.uniform();
      if (v < 0.4) {
        rules.insert(rules.begin(),
                     rule(50, true, za, zb, {}, {}, {},
                          "MISCONFIGURATION: any-any rule left in place after commissioning."));
      } else if (v < 0.7) {
        rules.insert(rules.begin(),
                     rule(50, true, za, zb, {23, 5900}, {}, {},
                          "MISCONFIGURATION: Telnet and VNC opened for troubleshooting, never closed."));
      } else {
        rules.insert(
            rules.begin(),
            rule(90, true, za, zb, kIndustrialPorts, {}, {},
                 "MISCONFIGURATION: broad allow from the whole zone shadows the narrowed rule below."));
      }
    }
    if (cleanup)
      rules.push_back(rule(4096, false, "*", "*", {}, {}, {}, "Default deny (explicit cleanup rule)."));
    set_.rules += rules.size();
    ojson cms = ojson::array();
    for (const char* cm : {"SR 5.1", "SR 5.2", "SR 5.2 RE 1", "SR 6.2"})
      if (rng.uniform() >= 0.2) cms.push_back(cm);
    ojson c = {{"id", id}, {"zones", {za, zb}}, {"kind", kind}, {"countermeasures", cms}, {"rules", rules}};
    set_.conduits.push_back(std::move(c));
  }

  void add_diode(const std::string& id, int from, int to) {
    ojson c = {{"id", id},
               {"zones", {zone(from), zone(to)}},
               {"kind", "data-diode"},
               {"direction", zone(from) + "->" + zone(to)},
               {"countermeasures", {"SR 5.1", "SR 5.2"}}};
    set_.conduits.push_back(std::move(c));
  }

  bool site_draw(double p) { return site_rng_.uniform() < p; }
  const std::string& zone(int z) const { return L_.zones[static_cast<std::size_t>(z)].id; }
  ConduitSet take() { return std::move(set_); }

private:
  const Layout& L_;
  RandomStream site_rng_;
  ConduitSet set_;
};

void internet_edge(const Layout& L, ConduitBuilder& B) {
  const int inet = L.internet, ent = L.enterprise;
  B.add("fw-inet-ent", inet, ent, "firewall",
        {B.rule(100, true, B.zone(ent), B.zone(inet), {80, 443}, {}, {}, "Web access."),
         B.rule(200, true, B.zone(inet), B.zone(ent), {443}, {}, L.find(ent, {Role::Server}, 1),
                "Web portal published to the Internet.")});
}

void segmented(const Layout& L, ConduitBuilder& B) {
  const int inet = L.internet, ent = L.enterprise, dmz = L.dmz, ops = L.operations, vnd = L.vendor;
  const auto vpn = L.find(dmz, {Role::VpnServer}, 4);
  const auto jump = L.find(dmz, {Role::JumpHost}, 8);
  const auto dmz_hist = L.find(dmz, {Role::Historian}, 4);
  const auto ops_hist = L.find(ops, {Role::Historian}, 4);
  const auto ops_srv = L.find(ops, {Role::Historian, Role::AppServer}, 6);
  const auto ops_ews = L.find(ops, {Role::EngWorkstation}, 4);
  internet_edge(L, B);
  B.add("fw-inet-dmz", inet, dmz, "firewall",
        {B.rule(100, true, B.zone(inet), B.zone(dmz), {443}, {}, vpn, "Remote access VPN portal.")});
  B.add("fw-vendor-dmz", vnd, dmz, "firewall",
        {B.rule(100, true, B.zone(vnd), B.zone(dmz), {443}, {}, vpn, "Integrator VPN sessions.")});
  B.add("fw-ent-dmz", ent, dmz, "firewall",
        {B.rule(100, true, B.zone(ent), B.zone(dmz), {3389}, {}, jump, "RDP to the jump hosts."),
         B.rule(110, true, B.zone(ent), B.zone(dmz), {443}, {}, dmz_hist,
                "Historian mirror for business users.")});
  const bool diode = B.site_draw(0.25);
  std::vector<nlohmann::ordered_json> dmz_ops = {
      B.rule(100, true, B.zone(dmz), B.zone(ops), {3389}, jump,
             L.find(ops, {Role::EngWorkstation, Role::Server}, 8),
             "Jump hosts to site servers and engineering workstations."),
      B.rule(110, true, B.zone(dmz), B.zone(ops), {4840}, L.find(dmz, {Role::DataGateway}, 4), {},
             "OPC UA gateway.")};
  if (!diode)
    dmz_ops.push_back(B.rule(120, true, B.zone(ops), B.zone(dmz), {5450, 443}, ops_hist, dmz_hist,
                             "Historian replication to the DMZ mirror."));
  B.add("fw-dmz-ops", dmz, ops, "firewall", std::move(dmz_ops));
  if (diode) B.add_diode("diode-ops-dmz", ops, dmz);
  for (int a = 0; a < L.areas; ++a) {
    const int sup = L.supervisory[static_cast<std::size_t>(a)];
    const auto scada = L.find(sup, {Role::ControlServer}, 6);
    const auto sup_ews = L.find(sup, {Role::EngWorkstation}, 4);
    const auto operators = L.find(sup, {Role::Hmi, Role::ControlServer, Role::EngWorkstation}, 8);
    B.add("fw-ops-" + B.zone(sup), ops, sup, "firewall",
          {B.rule(100, true, B.zone(ops), B.zone(sup), {443, 4840}, ops_srv, scada,
                  "MES and historian collection."),
           B.rule(110, true, B.zone(sup), B.zone(ops), {5450}, {}, ops_hist, "Local historian forwarding."),
           B.rule(120, true, B.zone(ops), B.zone(sup), {3389}, ops_ews, sup_ews,
                  "Remote engineering from level 3.")});
    for (int cell : L.cells[static_cast<std::size_t>(a)])
      B.add("fw-" + B.zone(cell), sup, cell, "firewall",
            {B.rule(100, true, B.zone(sup), B.zone(cell), kIndustrialPorts, operators, {},
                    "HMI, SCADA and engineering traffic to the cell's controllers.")});
    const int sis = L.safety[static_cast<std::size_t>(a)];
    B.add("fw-" + B.zone(sis), sup, sis, "firewall",
          {B.rule(100, true, B.zone(sup), B.zone(sis), {1502, 102, 44818},
                  L.find(sup, {Role::EngWorkstation}, 1), {},
                  "SIS diagnostics from the area engineering workstation (change-managed).")});
  }
  for (int r : L.remote) {
    const int sup = L.supervisory[static_cast<std::size_t>(L.zones[static_cast<std::size_t>(r)].area)];
    B.add("wan-" + B.zone(r), sup, r, "wan",
          {B.rule(100, true, B.zone(sup), B.zone(r), {502, 2404, 20000, 20256},
                  L.find(sup, {Role::ControlServer}, 4), {}, "Telemetry polling over the private APN.")});
  }
  // Site-wide planted mistakes of the kind assessments keep finding.
  if (B.site_draw(0.3))
    B.add("fw-ent-ops-legacy", ent, ops, "firewall",
          {B.rule(
              100, true, B.zone(ent), B.zone(ops), {445, 3389}, {}, {},
              "MISCONFIGURATION: legacy direct path from the enterprise to operations, bypassing the DMZ.")});
  if (!L.remote.empty() && B.site_draw(0.3))
    B.add("fw-inet-" + B.zone(L.remote[0]), inet, L.remote[0], "firewall",
          {B.rule(100, true, B.zone(inet), B.zone(L.remote[0]), {20256}, {},
                  L.find(L.remote[0], {Role::Rtu, Role::Plc}, 1),
                  "MISCONFIGURATION: cellular router port forward exposes a controller to the Internet.")});
  if (B.site_draw(0.2))
    B.add("vpn-vendor-" + B.zone(L.supervisory[0]), vnd, L.supervisory[0], "vpn",
          {B.rule(100, true, B.zone(vnd), B.zone(L.supervisory[0]), {3389, 5900}, {}, {},
                  "MISCONFIGURATION: OEM remote access terminates in the control network.")});
}

void flat(const Layout& L, ConduitBuilder& B) {
  const int ent = L.enterprise, plant = L.plant, vnd = L.vendor;
  internet_edge(L, B);
  B.add("fw-ent-plant", ent, plant, "firewall",
        {B.rule(100, true, B.zone(ent), B.zone(plant), {3389, 443, 5450}, {},
                L.find(plant, {Role::ControlServer, Role::Historian}, 8),
                "Business access to SCADA and historians."),
         B.rule(110, true, B.zone(plant), B.zone(ent), {443, 5450}, {}, {},
                "Plant reporting to business systems.")});
  B.add("vpn-vendor-plant", vnd, plant, "vpn",
        {B.rule(100, true, B.zone(vnd), B.zone(plant), {3389, 5900}, {}, {},
                "OEM remote support straight into the plant network.")});
}

} // namespace

ConduitSet plan_conduits(const Layout& L) {
  ConduitBuilder B(L);
  if (L.plant >= 0)
    flat(L, B);
  else
    segmented(L, B);
  ConduitSet set = B.take();
  for (const auto& c : set.conduits)
    for (const auto& r : c.value("rules", ojson::array()))
      if (r.value("description", "").rfind("MISCONFIGURATION", 0) == 0) ++set.misconfigurations;
  return set;
}

ojson plan_threat_actors(const Layout& L) {
  const auto ws = L.find(L.enterprise, {Role::Workstation}, 1);
  const auto laptop = L.find(L.vendor, {Role::Laptop}, 1);
  const std::string inside = L.plant >= 0 ? L.zones[static_cast<std::size_t>(L.plant)].id
                                          : L.zones[static_cast<std::size_t>(L.supervisory[0])].id;
  ojson apt_starts = {"internet"};
  if (!laptop.empty()) apt_starts.push_back(L.asset_id(laptop[0]));
  return ojson::array({
      {{"id", "ta-scanner"},
       {"name", "Opportunistic Internet scanner"},
       {"sophistication", 1},
       {"starts", {"internet"}},
       {"kind", "external"},
       {"time_budget_days", 7}},
      {{"id", "ta-hacktivist"},
       {"name", "Hacktivist group"},
       {"sophistication", 2},
       {"starts", {"internet"}},
       {"kind", "external"},
       {"time_budget_days", 30}},
      {{"id", "ta-ransomware"},
       {"name", "Ransomware affiliate (phished office user)"},
       {"sophistication", 3},
       {"starts",
        ws.empty() ? ojson{L.zones[static_cast<std::size_t>(L.enterprise)].id} : ojson{L.asset_id(ws[0])}},
       {"kind", "external"},
       {"time_budget_days", 60}},
      {{"id", "ta-apt"},
       {"name", "State-sponsored actor"},
       {"sophistication", 4},
       {"starts", apt_starts},
       {"kind", "external"},
       {"time_budget_days", 365}},
      {{"id", "ta-insider"},
       {"name", "Disgruntled operator"},
       {"sophistication", 2},
       {"starts", {inside}},
       {"kind", "insider"},
       {"time_budget_days", 90}},
  });
}

} // namespace zonepath::scenarios::gen
