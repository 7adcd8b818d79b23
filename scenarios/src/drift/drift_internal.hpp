// Pieces of the drift analysis: the aggregated observation (drift_observe.cpp), the judgement of
// each flow by the model (drift_classify.cpp), the use of each allow rule and the tightening
// scenario (drift_rules.cpp), hosts and ports (drift_hosts.cpp), the report (drift_report.cpp)
// and its text (drift_text.cpp).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_common.hpp"
#include "zonepath/interchange/zeek_conn.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/scenarios/drift.hpp"

namespace zonepath::scenarios::drift {

struct FlowKey {
  std::uint32_t src = 0, dst = 0;
  std::uint16_t port = 0;
  bool udp = false;
  bool operator==(const FlowKey& o) const {
    return src == o.src && dst == o.dst && port == o.port && udp == o.udp;
  }
  bool operator<(const FlowKey& o) const {
    return std::tie(src, dst, udp, port) < std::tie(o.src, o.dst, o.udp, o.port);
  }
};

struct FlowKeyHash {
  std::size_t operator()(const FlowKey& k) const {
    std::uint64_t h = (std::uint64_t{k.src} << 32 | k.dst) * 0x9E3779B97F4A7C15ull;
    h ^= (std::uint64_t{k.port} << 1 | std::uint64_t{k.udp}) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

struct FlowStats {
  std::uint64_t connections = 0, answered = 0;
  double first = std::numeric_limits<double>::infinity(), last = -std::numeric_limits<double>::infinity();
  std::uint64_t services = 0; // bit i: Observation::service_names[i] was seen (bit 63: any beyond 63)
};

// The log reduced to flows; memory grows with distinct flows (bounded), not with lines.
struct Observation {
  std::string file;
  std::unordered_map<FlowKey, FlowStats, FlowKeyHash> flows;
  std::vector<std::string> service_names; // Zeek service names, interned
  std::uint64_t over_limit_connections = 0;
  double first = std::numeric_limits<double>::infinity(), last = -std::numeric_limits<double>::infinity();
  interchange::ConnReadStats stats;
};

Observation observe(std::istream& in, const std::string& name, const DriftOptions& options);
// The Zeek service names of a flow, in order of first appearance in the log.
std::vector<std::string> services_of(const Observation& o, const FlowStats& s);
// "2024-03-12T10:02:11Z" (whole seconds, UTC); "" for a non-finite time.
std::string iso_time(double epoch);

enum class Reason { Rule, DefaultDeny, FlatZone, DiodeDirection, NoConduit, NotInForce };
const char* to_string(Reason r);

// How one conduit (or the zone) judges one flow.
struct Decision {
  bool allowed = false;
  models::Index conduit = models::kNone; // kNone: inside a zone (see zone), or no conduit at all
  std::int32_t rule = -1;                // index into the priority-sorted rules of that conduit or zone
  Reason reason = Reason::DefaultDeny;
};

struct Judged {
  FlowKey key;
  const FlowStats* stats = nullptr;
  models::Index src_zone = models::kNone, dst_zone = models::kNone;
  models::Index src_asset = models::kNone, dst_asset = models::kNone;
  int model_service = -1;  // index into the destination asset's services, -1: not in the model
  models::Service service; // the model's, or one made up from Zeek's name or the port
  bool allowed = false;
  std::vector<Decision> decisions; // the allowing one, or one per conduit (or the zone) that denies
};

// Everything the report needs, classified. Pointers point into the Observation.
struct Classified {
  std::vector<Judged> flows;                                 // in key order, unicast, both ends in a zone
  std::vector<std::pair<FlowKey, const FlowStats*>> outside; // an end in no zone
  std::vector<std::pair<FlowKey, const FlowStats*>> all;     // every flow, in key order
  std::uint64_t multicast = 0;                               // connections to multicast or broadcast
  std::unordered_map<std::uint32_t, models::Index> asset_of_ip;
  std::vector<interchange::ImportNote> notes;
};

// Multicast (224/4) or a broadcast address of the map's subnets (or 255.255.255.255).
bool is_group_address(std::uint32_t ip, const interchange::ZoneMap& zones);

Classified classify(const models::Site& site, const nlohmann::json& site_json,
                    const interchange::ZoneMap& zones, const Observation& o);

// Catalog protocol for a Zeek service name ("modbus" -> modbus-tcp); "" when none.
std::string catalog_protocol_of_zeek(const std::string& service);

// One allow rule of a conduit or isolated zone and what the period made of it.
struct RuleUse {
  models::Index conduit = models::kNone, zone = models::kNone; // exactly one is set
  std::int32_t rule = -1;                                      // index into the sorted rules
  std::uint64_t flows = 0, connections = 0;                    // observed flows it allowed
  std::uint64_t model_flows = 0, model_flows_observed = 0;     // access-map flows it allows
  bool seen = false; // any connection between its zones (or within its zone) at all
};

std::vector<RuleUse> rule_uses(const models::Site& site, const Classified& c);
const models::Rule& rule_of(const models::Site& site, const RuleUse& u);

// Report pieces (drift_rules.cpp, drift_hosts.cpp).
nlohmann::json rule_json(const models::Site& site, const nlohmann::json& site_json, models::Index conduit,
                         models::Index zone, std::int32_t rule);
nlohmann::json tighten_scenario(const models::Site& site, const nlohmann::json& site_json,
                                const std::vector<RuleUse>& uses, const Observation& o,
                                const DriftOptions& options, std::size_t& removed);
struct HostsAndPorts {
  nlohmann::json unknown_hosts = nlohmann::json::array();
  nlohmann::json unexpected_ports = nlohmann::json::array();
  std::size_t internal_unknown = 0, external_unknown = 0, unknown_omitted = 0, ports_omitted = 0;
};
HostsAndPorts hosts_and_ports(const models::Site& site, const interchange::ZoneMap& zones,
                              const Observation& o, const Classified& c, const DriftOptions& options);

} // namespace zonepath::scenarios::drift
