#include "zonepath/models/site_loader.hpp"

#include <algorithm>
#include <iterator>

#include "site_loader_impl.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/warnings.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/catalog_protocols.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/cvss.hpp"
#include "zonepath/models/threat_model.hpp"

namespace zonepath::models {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 256) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '.' || c == ':' || c == '-';
  });
}

namespace detail {

namespace {
// The arrays of a site file that define ids, in the order they are registered: each with the
// kind of object it holds and that kind's name in messages.
struct IdSection {
  const char* key;
  Site::Kind kind;
  const char* kind_name;
};
constexpr IdSection kIdSections[] = {{"zones", Site::Kind::Zone, "zone"},
                                     {"assets", Site::Kind::Asset, "asset"},
                                     {"conduits", Site::Kind::Conduit, "conduit"},
                                     {"threat_actors", Site::Kind::ThreatActor, "threat actor"}};

const IdSection& section_of(Site::Kind k) {
  return *std::find_if(std::begin(kIdSections), std::end(kIdSections),
                       [k](const IdSection& s) { return s.kind == k; });
}
} // namespace

void SiteReader::register_id(const json& obj, const std::string& ptr, Site::Kind kind, Index index) {
  if (!obj.is_object()) return;
  auto id = check_.get_string(obj, ptr, "id", true);
  if (!id) return;
  std::string id_ptr = ptr + "/id";
  if (!valid_id(*id)) {
    check_.error(id_ptr,
                 "invalid id '" + *id + "': ids use only letters, digits and _ . : - (1 to 256 characters)",
                 &obj.at("id"));
    return;
  }
  auto [it, fresh] = site_.ids.try_emplace(*id, Site::Ref{kind, index});
  if (!fresh) {
    // The first definition's place follows from its kind and index: no pointer kept per id.
    const Site::Ref first = it->second;
    const IdSection& defined = section_of(first.kind);
    check_.error(id_ptr,
                 "duplicate id '" + *id + "' (first defined as a " + defined.kind_name + " at /" +
                     defined.key + "/" + std::to_string(first.index) + ")",
                 &obj.at("id"));
  }
}

void SiteReader::register_ids() {
  const json* lists[std::size(kIdSections)] = {};
  std::size_t objects = 0;
  for (std::size_t s = 0; s < std::size(kIdSections); ++s)
    if (auto it = root_.find(kIdSections[s].key); it != root_.end() && it->is_array()) {
      lists[s] = &*it;
      objects += it->size();
    }
  site_.ids.reserve(objects); // a million assets: no rehashing on the way
  for (std::size_t s = 0; s < std::size(kIdSections); ++s) {
    if (!lists[s]) continue;
    const IdSection& section = kIdSections[s];
    for (std::size_t i = 0; i < lists[s]->size(); ++i)
      register_id((*lists[s])[i], std::string("/") + section.key + "/" + std::to_string(i), section.kind,
                  Index(i));
  }
}

void SiteReader::check_name(const json& obj, const std::string& ptr, const char* key, std::string& out) {
  if (auto s = check_.get_string(obj, ptr, key)) out = *s;
}

Site SiteReader::read() {
  if (!check_.expect_object(root_, "")) check_.throw_if_errors();
  check_.check_keys(root_, "",
                    {"schema", "site", "scope", "zones", "assets", "conduits", "threat_actors",
                     "required_flows", "models", "risk_acceptances", "soa"});
  auto schema = check_.get_string(root_, "", "schema", true);
  if (schema && *schema != kSiteSchema) {
    check_.error("/schema", "unsupported schema '" + *schema + "'", &root_.at("schema"),
                 std::string("expected '") + kSiteSchema + "'");
    check_.throw_if_errors(); // another format: the rest would be noise
  }
  if (const json* s = check_.get_object(root_, "", "site")) {
    check_.check_keys(*s, "/site", {"id", "name", "description", "as_of"});
    site_.as_of = read_date(*s, "/site", "as_of");
    if (auto id = check_.get_string(*s, "/site", "id")) {
      if (!valid_id(*id)) check_.error("/site/id", "invalid id '" + *id + "'", &s->at("id"));
      site_.id = *id;
    }
    check_name(*s, "/site", "name", site_.name);
    check_name(*s, "/site", "description", site_.description);
  }
  if (const json* m = check_.get_object(root_, "", "models")) {
    check_.check_keys(*m, "/models", {"threat", "consequence", "cost"});
    for (const char* key : {"threat", "consequence"}) {
      if (!m->contains(key)) continue;
      const json& v = m->at(key);
      if (!v.is_string() && !v.is_object())
        check_.error(std::string("/models/") + key, "expected a model name or an object of overrides", &v);
      (std::string(key) == "threat" ? site_.threat_model : site_.consequence_model) = v;
      // Check the overrides here, once, so `validate` reports a broken model file too.
      try {
        if (std::string(key) == "threat")
          (void)load_threat_model(v);
        else
          (void)load_consequence_model(v);
      } catch (const Error& e) {
        check_.error(std::string("/models/") + key, e.what(), &v);
      }
    }
  }
  const json* zones = check_.get_array(root_, "", "zones", true);
  const json* assets = check_.get_array(root_, "", "assets");
  const json* conduits = check_.get_array(root_, "", "conduits");
  const json* threats = check_.get_array(root_, "", "threat_actors");
  register_ids();
  // Reading a site of a million assets takes seconds after the parse: Ctrl-C is honoured
  // between elements (an atomic load each) rather than only once the whole site is read.
  const CancelToken& cancel = global_cancel_token();

  if (zones) {
    site_.zones.resize(zones->size());
    for (std::size_t i = 0; i < zones->size(); ++i) {
      cancel.throw_if_cancelled();
      read_zone((*zones)[i], "/zones/" + std::to_string(i), site_.zones[i]);
    }
  }
  if (assets) {
    site_.assets.resize(assets->size());
    for (std::size_t i = 0; i < assets->size(); ++i) {
      cancel.throw_if_cancelled();
      read_asset((*assets)[i], "/assets/" + std::to_string(i), site_.assets[i], Index(i));
    }
  }
  // Intra-zone rules name assets, so they are read once assets are known.
  if (zones) {
    for (std::size_t i = 0; i < zones->size(); ++i) {
      std::string ptr = "/zones/" + std::to_string(i);
      const json& z = (*zones)[i];
      if (const json* rules = z.is_object() ? check_.get_array(z, ptr, "intra_rules") : nullptr) {
        auto& out = site_.zones[i].intra_rules;
        out.resize(rules->size());
        for (std::size_t r = 0; r < rules->size(); ++r) {
          read_rule((*rules)[r], ptr + "/intra_rules/" + std::to_string(r), out[r], nullptr, Index(i));
          out[r].position = r;
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Rule& a, const Rule& b) { return a.priority < b.priority; });
      }
    }
  }
  if (conduits) {
    site_.conduits.resize(conduits->size());
    for (std::size_t i = 0; i < conduits->size(); ++i) {
      cancel.throw_if_cancelled();
      read_conduit((*conduits)[i], "/conduits/" + std::to_string(i), site_.conduits[i]);
    }
  }
  if (threats) {
    site_.threat_actors.resize(threats->size());
    for (std::size_t i = 0; i < threats->size(); ++i)
      read_threat((*threats)[i], "/threat_actors/" + std::to_string(i), site_.threat_actors[i]);
  }
  read_scope();
  read_risk_acceptances();
  read_soa();
  if (const json* flows = check_.get_array(root_, "", "required_flows")) {
    site_.required_flows.resize(flows->size());
    for (std::size_t i = 0; i < flows->size(); ++i)
      read_required_flow((*flows)[i], "/required_flows/" + std::to_string(i), site_.required_flows[i]);
  }
  check_.throw_if_errors();
  cancel.throw_if_cancelled();
  for (Index a = 0; a < site_.assets.size(); ++a) {
    site_.zones[site_.assets[a].zone].assets.push_back(a);
    for (Index z : site_.assets[a].extra_zones) site_.zones[z].attached.push_back(a);
  }
  flush_protocol_warnings();
  site_.warnings = check_.take_warnings();
  for (const auto& w : site_.warnings) emit_warning(w);
  return std::move(site_);
}

void SiteReader::read_zone(const json& z, const std::string& ptr, Zone& zone) {
  if (!check_.expect_object(z, ptr)) return;
  check_.check_keys(z, ptr,
                    {"id", "name", "description", "purdue", "kind", "intra_zone", "intra_rules",
                     "countermeasures", "requirements", "compensating", "sl_t", "consequence",
                     "responsible"});
  check_name(z, ptr, "id", zone.id);
  check_name(z, ptr, "name", zone.name);
  check_name(z, ptr, "description", zone.description);
  if (auto p = check_.get_number(z, ptr, "purdue")) {
    if (*p < 0 || *p > 5) check_.error(ptr + "/purdue", "Purdue level must be 0..5", &z.at("purdue"));
    zone.purdue = *p;
  }
  if (auto kind = check_.get_string(z, ptr, "kind")) {
    if (!find_zone_kind(*kind)) {
      std::vector<std::string_view> names;
      for (const auto& k : zone_kinds()) names.push_back(k.name);
      std::string near = did_you_mean(*kind, names);
      check_.error(ptr + "/kind", "unknown zone kind '" + *kind + "'", &z.at("kind"),
                   near.empty() ? "" : "did you mean '" + near + "'?");
    }
    zone.kind = *kind;
  }
  if (auto intra = check_.get_string(z, ptr, "intra_zone")) {
    if (*intra == "isolated")
      zone.isolated = true;
    else if (*intra != "flat")
      check_.error(ptr + "/intra_zone", "intra_zone must be 'flat' or 'isolated'", &z.at("intra_zone"));
  }
  zone.countermeasures = read_requirements(z, ptr, "countermeasures");
  zone.requirements = read_records(z, ptr, zone.countermeasures);
  zone.compensating = read_compensating(z, ptr);
  zone.sl_t = read_sl(z, ptr, "sl_t");
  zone.consequence = read_consequence(z, ptr);
  zone.responsible = read_responsible(z, ptr);
}

void SiteReader::read_asset(const json& a, const std::string& ptr, Asset& asset, Index self) {
  if (!check_.expect_object(a, ptr)) return;
  check_.check_keys(a, ptr,
                    {"id",
                     "name",
                     "zone",
                     "type",
                     "vendor",
                     "product",
                     "version",
                     "services",
                     "vulnerabilities",
                     "manages",
                     "sl_c",
                     "sl_c_source",
                     "sl_c_reference",
                     "legacy",
                     "patchable",
                     "consequence",
                     "compensating",
                     "description",
                     "responsible",
                     "temporary",
                     "extra_zones"});
  check_name(a, ptr, "id", asset.id);
  check_name(a, ptr, "name", asset.name);
  check_name(a, ptr, "vendor", asset.vendor);
  check_name(a, ptr, "product", asset.product);
  check_name(a, ptr, "version", asset.version);
  if (auto zone = check_.get_string(a, ptr, "zone", true))
    asset.zone = resolve(*zone, Site::Kind::Zone, ptr + "/zone", &a.at("zone"), "zone");
  asset.extra_zones = resolve_list(a, ptr, "extra_zones", Site::Kind::Zone, "zone");
  for (std::size_t i = 0; i < asset.extra_zones.size(); ++i) {
    Index z = asset.extra_zones[i];
    bool repeated =
        z == asset.zone ||
        std::find(asset.extra_zones.begin(), asset.extra_zones.begin() + static_cast<std::ptrdiff_t>(i), z) !=
            asset.extra_zones.begin() + static_cast<std::ptrdiff_t>(i);
    if (repeated)
      check_.error(ptr + "/extra_zones/" + std::to_string(i),
                   "extra_zones repeats zone '" + site_.zones[z].id + "'", &a.at("extra_zones")[i],
                   "list each further zone once, without the asset's own zone");
  }
  if (auto type = check_.get_string(a, ptr, "type", true)) {
    if (!find_asset_type(*type)) {
      std::vector<std::string_view> names;
      for (const auto& t : asset_types()) names.push_back(t.name);
      std::string near = did_you_mean(*type, names);
      check_.error(ptr + "/type", "unknown asset type '" + *type + "'", &a.at("type"),
                   near.empty() ? "see `zonepath catalog asset-types`" : "did you mean '" + near + "'?");
    }
    asset.type = *type;
  }
  if (const json* services = check_.get_array(a, ptr, "services");
      services && services->size() > kMaxServicesPerAsset) {
    check_.error(ptr + "/services",
                 std::to_string(services->size()) + " services exceed the limit of " +
                     std::to_string(kMaxServicesPerAsset) + " per asset",
                 nullptr, "model one service per protocol and port the asset really offers");
  } else if (services) {
    asset.services.resize(services->size());
    for (std::size_t i = 0; i < services->size(); ++i)
      read_service((*services)[i], ptr + "/services/" + std::to_string(i), asset.services[i]);
  }
  if (const json* vulns = check_.get_array(a, ptr, "vulnerabilities")) {
    asset.vulnerabilities.resize(vulns->size());
    for (std::size_t i = 0; i < vulns->size(); ++i)
      read_vulnerability((*vulns)[i], ptr + "/vulnerabilities/" + std::to_string(i), asset,
                         asset.vulnerabilities[i]);
  }
  asset.manages = resolve_list(a, ptr, "manages", Site::Kind::Asset, "asset");
  for (std::size_t i = 0; i < asset.manages.size(); ++i)
    if (asset.manages[i] == self)
      check_.error(ptr + "/manages/" + std::to_string(i), "an asset cannot manage itself",
                   &a.at("manages")[i]);
  asset.sl_c = read_sl(a, ptr, "sl_c");
  if (auto src = check_.get_string(a, ptr, "sl_c_source")) {
    if (auto parsed = parse_slc_source(*src))
      asset.sl_c_source = *parsed;
    else
      check_.error(ptr + "/sl_c_source", "unknown sl_c_source '" + *src + "'", &a.at("sl_c_source"),
                   "use supplier-certificate, 4-2-assessment or assessor-estimate");
  }
  check_name(a, ptr, "sl_c_reference", asset.sl_c_reference);
  if (auto v = check_.get_bool(a, ptr, "legacy")) asset.legacy = *v;
  if (auto v = check_.get_bool(a, ptr, "patchable")) asset.patchable = *v;
  asset.consequence = read_consequence(a, ptr);
  asset.compensating = read_compensating(a, ptr);
  asset.responsible = read_responsible(a, ptr);
  asset.temporary = read_temporary(a, ptr);
}

void SiteReader::read_service(const json& s, const std::string& ptr, Service& service) {
  if (!check_.expect_object(s, ptr)) return;
  check_.check_keys(s, ptr,
                    {"protocol", "port", "transport", "authenticated", "default_credentials", "description"});
  auto protocol = check_.get_string(s, ptr, "protocol", true);
  if (auto port = check_.get_integer(s, ptr, "port")) {
    if (*port < 1 || *port > 65535)
      check_.error(ptr + "/port", "port must be 1..65535", &s.at("port"));
    else
      service.port = static_cast<std::uint16_t>(*port);
  }
  if (protocol) {
    service.protocol = *protocol;
    const Protocol* known = find_protocol(*protocol);
    if (!known && !s.contains("port")) {
      std::vector<std::string_view> names;
      for (const auto& p : protocols()) names.push_back(p.name);
      std::string near(suggest_protocol(*protocol)); // usual other names first ("modbus")
      if (near.empty()) near = did_you_mean(*protocol, names);
      check_.error(ptr + "/protocol", "unknown protocol '" + *protocol + "' without a port",
                   &s.at("protocol"),
                   near.empty() ? "give a port for protocols outside the catalog"
                                : "did you mean '" + near + "'? (or give a port)");
    }
    if (known && service.port == 0 && !s.contains("port"))
      service.port = known->ports.empty() ? 0 : static_cast<std::uint16_t>(known->ports.front());
    if (known && known->transport == Transport::Udp) service.transport = Transport::Udp;
    if (!known) warn_custom_protocol(s, ptr, service);
  }
  if (auto t = check_.get_string(s, ptr, "transport")) {
    if (*t == "tcp")
      service.transport = Transport::Tcp;
    else if (*t == "udp")
      service.transport = Transport::Udp;
    else
      check_.error(ptr + "/transport", "unknown transport '" + *t + "'", &s.at("transport"),
                   "use 'tcp' or 'udp'");
  }
  if (auto v = check_.get_bool(s, ptr, "authenticated")) service.authenticated = *v;
  if (auto v = check_.get_bool(s, ptr, "default_credentials")) service.default_credentials = *v;
}

// A custom protocol is taken as authenticated and not industrial, so a typo of a catalog name
// ("ethernet-ip" for enip) silently drops the unauthenticated-protocol step: say so.
void SiteReader::warn_custom_protocol(const json& s, const std::string& ptr, const Service& service) {
  std::string_view near = suggest_protocol(service.protocol);
  // On a catalog port, a service that states `authenticated` was modelled on purpose.
  std::vector<const Protocol*> on_port = service.port && !s.contains("authenticated")
                                             ? protocols_on_port(service.port)
                                             : std::vector<const Protocol*>{};
  if (near.empty() && on_port.empty()) return;
  std::string why = near.empty() ? "custom protocol '" + service.protocol + "' on port " +
                                       std::to_string(service.port) + ", the well-known port of " +
                                       std::string(on_port.front()->name)
                                 : "protocol '" + service.protocol +
                                       "' is not in the catalog but close to '" + std::string(near) + "'";
  std::string target = near.empty() ? std::string(on_port.front()->name) : std::string(near);
  // One warning per protocol name (at its first service), however many services use it: a
  // generated plant with 10,000 such services gets one line, not 10,000.
  auto [it, first] = protocol_warnings_.try_emplace(service.protocol, ProtocolWarning{});
  ++it->second.services;
  if (!first) return;
  it->second = {ptr + "/protocol", why + "; it is taken as an authenticated, non-industrial protocol",
                "did you mean '" + target + "'?", &s.at("protocol"), 1};
  protocol_warning_order_.push_back(service.protocol);
}

void SiteReader::flush_protocol_warnings() {
  for (const auto& name : protocol_warning_order_) {
    const ProtocolWarning& w = protocol_warnings_.at(name);
    std::string more = w.services > 1 ? " (" + std::to_string(w.services) + " services use it)" : "";
    check_.warning(w.pointer, w.message + more, w.value, w.suggestion);
  }
}

void SiteReader::read_vulnerability(const json& v, const std::string& ptr, const Asset& asset,
                                    Vulnerability& vuln) {
  if (!check_.expect_object(v, ptr)) return;
  check_.check_keys(v, ptr, {"id", "cvss", "service", "description"});
  check_name(v, ptr, "id", vuln.id);
  if (!v.contains("id")) check_.error(ptr, "missing required key 'id'");
  check_name(v, ptr, "description", vuln.description);
  if (auto vector = check_.get_string(v, ptr, "cvss", true)) {
    vuln.cvss = *vector;
    try {
      CvssV3 score = parse_cvss_v3(*vector);
      vuln.base_score = score.base_score;
      vuln.exploitability = score.exploitability;
      vuln.availability_only = score.c == 'N' && score.i == 'N' && score.a != 'N';
      vuln.user_interaction = score.ui == 'R';
    } catch (const Error& e) {
      check_.error(ptr + "/cvss", std::string("invalid CVSS vector: ") + e.what(), &v.at("cvss"));
    }
  }
  if (auto service = check_.get_string(v, ptr, "service")) {
    vuln.service = *service;
    bool found = std::any_of(asset.services.begin(), asset.services.end(),
                             [&](const Service& s) { return s.protocol == *service; });
    if (!found)
      check_.error(ptr + "/service", "the asset has no service with protocol '" + *service + "'",
                   &v.at("service"),
                   "name one of the asset's service protocols, or omit 'service' for all of them");
  }
}

} // namespace detail

Site load_site(const JsonDocument& doc) {
  detail::SiteReader reader(doc);
  Site site = reader.read();
  site.file = doc.name();
  return site;
}

SitePtr load_site_json_file(const std::string& path) {
  return std::make_shared<const Site>(load_site(JsonDocument::load_file(path)));
}

SitePtr load_site_json(const nlohmann::json& value, const std::string& name) {
  return std::make_shared<const Site>(load_site(JsonDocument::from_value(value, name)));
}

} // namespace zonepath::models
