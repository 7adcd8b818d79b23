// Site model v1 ("zonepath/site/v1", docs/formats.md): typed, immutable after loading, with every
// id reference resolved to an index. Scenarios share a Site through SitePtr and derive
// modified copies instead of mutating it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/error.hpp"
#include "zonepath/models/calendar.hpp"
#include "zonepath/models/catalog_protocols.hpp"
#include "zonepath/models/governance_records.hpp"
#include "zonepath/models/temporary.hpp"

namespace zonepath::models {

using Index = std::uint32_t;
inline constexpr Index kNone = ~Index{0};

// FR1 IAC, FR2 UC, FR3 SI, FR4 DC, FR5 RDF, FR6 TRE, FR7 RA; each 0..4.
using SlVector = std::array<std::uint8_t, 7>;
inline constexpr int kFrCount = 7;

// The seven levels as text, FR1 first: "2 2 1 1 2 1 1" with the default separator.
std::string sl_vector_text(const SlVector& v, const char* separator = " ");

enum class Dimension : std::uint8_t {
  Safety,
  Environment,
  Production,
  Financial,
  Regulatory,
  Confidentiality
};
inline constexpr int kDimensionCount = 6;
inline constexpr std::array<const char*, kDimensionCount> kDimensionNames = {
    "safety", "environment", "production", "financial", "regulatory", "confidentiality"};

// Severity 1..5 per dimension; 0 where the model does not say.
struct Consequence {
  std::array<std::uint8_t, kDimensionCount> severity{};
  std::uint8_t operator[](Dimension d) const { return severity[static_cast<int>(d)]; }
  bool empty() const {
    for (auto s : severity)
      if (s) return false;
    return true;
  }
};

// Assessment status of one IEC 62443-3-3 requirement in a zone or conduit (docs/model.md).
enum class RequirementStatus : std::uint8_t { Met, Partial, NotMet, NotApplicable, Compensated };
const char* to_string(RequirementStatus status); // "met", "partial", "not-met", ...
std::optional<RequirementStatus> parse_requirement_status(std::string_view text);

struct RequirementRecord {
  std::string id; // "SR 1.6" (IEC 62443-3-3)
  RequirementStatus status = RequirementStatus::Met;
  std::vector<std::string> evidence; // evidence ids or references
  std::string justification;         // why it does not apply (required for not-applicable)
  std::string owner;
  std::optional<Date> last_verified;
  std::string description;
};

// Lifecycle of a compensating control: only verified or validated controls earn credit.
enum class ControlStatus : std::uint8_t { Proposed, Implemented, Verified, Validated };
const char* to_string(ControlStatus status);
std::optional<ControlStatus> parse_control_status(std::string_view text);

struct CompensatingControl {
  std::vector<std::string> requirements; // the SRs/REs (or 4-2 CRs) it stands in for
  std::vector<std::string> services;     // protocols of the asset it shields (empty: none named)
  std::string control;                   // what is done instead
  std::string change_record;             // traceability into the ISMS change process
  ControlStatus status = ControlStatus::Implemented;
  int credited_sl = 0; // the level it is credited up to (1..4); 0 when not stated
  std::string owner;
  std::string validation_record;
  std::optional<Date> review_by;
  std::string description;
  std::vector<Responsible> responsible;
};

// Services one asset may list: a host has at most 2 x 65535 TCP/UDP ports, real ones a few
// dozen; the bound keeps flow indices small and a hostile file from multiplying the access map.
inline constexpr std::size_t kMaxServicesPerAsset = 4096;

struct Service {
  std::string protocol;
  std::uint16_t port = 0; // 0: the protocol's default port
  Transport transport =
      Transport::Tcp; // Tcp or Udp: "transport" in the file, else the catalog's (udp-only protocols) or tcp
  std::optional<bool> authenticated; // overrides the protocol catalog
  bool default_credentials = false;  // vendor default password left in place
};

struct Vulnerability {
  std::string id;   // CVE id or local id
  std::string cvss; // CVSS v3.x vector
  double base_score = 0;
  double exploitability = 0; // 8.22 x AV x AC x PR x UI
  // C:N/I:N with A above N: the attacker can stop the service (ATT&CK T0814) but gains no
  // execution or control on the asset, so the vulnerability gives no attack step.
  bool availability_only = false;
  bool user_interaction = false; // UI:R: a user must open, click or run something
  std::string service;           // protocol name; "" means every service of the asset
  std::string description;
};

// Function classes of the industrial protocols whose catalog entry knows them
// (protocol_knows_functions): reading values versus writing, commanding or programming.
enum class FunctionClass : std::uint8_t { Read, Write };
const char* to_string(FunctionClass f); // "read", "write"
std::optional<FunctionClass> parse_function_class(std::string_view text);

struct Rule {
  std::int64_t priority = 0;
  bool allow = false;
  Index from_zone = kNone; // kNone: "*" (or implicit within a zone)
  Index to_zone = kNone;
  std::vector<std::string> protocols; // protocol names, or "tcp" / "udp" for every service of that transport
  std::vector<std::uint16_t> ports;
  std::vector<Index> src_assets;
  std::vector<Index> dst_assets;
  // Function classes the rule allows (conduit rules only); empty: all. ["read"] is a read-only
  // rule, enforced against command steps only where the conduit inspects the traffic.
  std::vector<FunctionClass> functions;
  std::string description;
  std::size_t position = 0; // index in the file's list, reported by `flows`
  std::optional<Temporary> temporary;

  bool read_only() const {
    return !functions.empty() &&
           std::find(functions.begin(), functions.end(), FunctionClass::Write) == functions.end();
  }
};

struct Zone {
  std::string id, name, description, kind;
  std::optional<double> purdue;
  bool isolated = false;                    // intra_zone: "isolated"
  std::vector<Rule> intra_rules;            // sorted by priority, then position
  std::vector<std::string> countermeasures; // requirement ids, shorthand for "met" records
  std::vector<RequirementRecord> requirements;
  std::vector<CompensatingControl> compensating;
  std::optional<SlVector> sl_t;
  Consequence consequence;
  std::vector<Index> assets; // members, in file order
  std::vector<Responsible> responsible;
  // Assets of other zones with a network interface here (their extra_zones), in file order:
  // reachable from this zone and giving a foothold in it, but assessed with their own zone.
  std::vector<Index> attached;
};

// Where a component's SL-C comes from.
enum class SlcSource : std::uint8_t { Unstated, SupplierCertificate, ComponentAssessment, AssessorEstimate };
const char* to_string(SlcSource source); // "", "supplier-certificate", "4-2-assessment", "assessor-estimate"
std::optional<SlcSource> parse_slc_source(std::string_view text);

struct Asset {
  std::string id, name, type, vendor, product, version;
  Index zone = kNone;
  std::vector<Index> extra_zones; // further zones it has an interface in (dual-homed), file order
  std::vector<Service> services;
  std::vector<Vulnerability> vulnerabilities;
  std::vector<Index> manages;
  std::optional<SlVector> sl_c;
  SlcSource sl_c_source = SlcSource::Unstated;
  std::string sl_c_reference; // e.g. the certificate number
  bool legacy = false;
  bool patchable = true;
  Consequence consequence; // own values; effective severity = max(zone, own)
  std::vector<CompensatingControl> compensating;
  std::vector<Responsible> responsible;
  std::optional<Temporary> temporary;
};

struct Conduit {
  std::string id, name, kind;
  std::array<Index, 2> zones{kNone, kNone};
  std::optional<std::array<Index, 2>> direction; // data diode: traffic only from [0] to [1]
  std::vector<std::string> countermeasures;
  std::vector<RequirementRecord> requirements;
  std::vector<CompensatingControl> compensating;
  bool inspection = false; // deep packet inspection / industrial protocol firewall
  std::vector<Rule> rules; // sorted by priority, then position
  std::optional<Temporary> temporary;
};

struct StartPoint {
  bool is_asset = false;
  Index index = kNone;
};

struct ThreatActor {
  std::string id, name, kind;
  int sophistication = 1; // 1..4, the SL1..SL4 attacker definitions
  std::vector<StartPoint> starts;
  std::optional<double> time_budget_days;
  // Zones the actor can reach without the network: by walking in with a device (ATT&CK T0848
  // Rogue Master) or by bringing removable media to the zone's hosts (T0847).
  std::vector<Index> physical_access;
  std::vector<Index> removable_media;
  // Likelihood that the actor initiates the attack at all, 1 very low .. 5 very high (NIST
  // SP 800-30 Rev. 1 Table G-2: intent and targeting); 0 when the site does not say, and the
  // likelihood of compromise is then the simulated one alone.
  int initiation = 0;
};

// The five likelihood levels of NIST SP 800-30 as written in site files ("very-low" .. "very-high").
const char* likelihood_level_name(int level);
std::optional<int> parse_likelihood_level(std::string_view text);

// A flow the plant needs to run (remote support, historian replication, engineers' RDP): the
// planner never proposes an action that stops it, and what-if, compare and the workbench report
// every change that does (docs/model.md#required-flows). Ids, not indexes, so that a flow can be
// looked up in a changed copy of the site.
struct RequiredFlow {
  std::string from;     // zone id (any host of the zone) or asset id
  std::string to;       // asset id
  std::string protocol; // a protocol of one of `to`'s services
  std::string reason, owner;
};

struct Site {
  std::string file; // where it was loaded from, for messages
  std::string id, name, description;
  std::optional<Date> as_of; // the assessment date (site.as_of)
  Scope scope;               // system under consideration and ISMS scope
  std::vector<RiskAcceptance> risk_acceptances;
  std::vector<SoaDecision> soa; // the organisation's own SoA decisions
  std::vector<Zone> zones;
  std::vector<Asset> assets;
  std::vector<Conduit> conduits;
  std::vector<ThreatActor> threat_actors;
  std::vector<RequiredFlow> required_flows;
  nlohmann::json threat_model = "default"; // name or inline overrides
  nlohmann::json consequence_model = "default";
  // What loads but is probably a mistake (a protocol name near a catalog name, a custom
  // protocol on a catalog protocol's port), with file, pointer, line and suggestion.
  std::vector<Diagnostic> warnings;

  enum class Kind : std::uint8_t { Zone, Asset, Conduit, ThreatActor };
  struct Ref {
    Kind kind;
    Index index;
  };
  std::unordered_map<std::string, Ref> ids;

  Index zone_index(const std::string& id) const { return find(id, Kind::Zone); }
  Index asset_index(const std::string& id) const { return find(id, Kind::Asset); }
  Index conduit_index(const std::string& id) const { return find(id, Kind::Conduit); }
  Index threat_index(const std::string& id) const { return find(id, Kind::ThreatActor); }

  // Whether asset `a` has a network interface in zone `z` (its zone or one of its extra_zones).
  bool in_zone(Index a, Index z) const {
    const Asset& asset = assets[a];
    return asset.zone == z ||
           std::find(asset.extra_zones.begin(), asset.extra_zones.end(), z) != asset.extra_zones.end();
  }

  // Effective consequence of an asset: its zone's, raised by its own values.
  Consequence effective_consequence(Index asset) const;

private:
  Index find(const std::string& id, Kind kind) const {
    auto it = ids.find(id);
    return it != ids.end() && it->second.kind == kind ? it->second.index : kNone;
  }
};

using SitePtr = std::shared_ptr<const Site>;

// The site assessed on `as_of` (the command line's --as-of): a copy whose site.as_of it is, so
// that every analysis reading the site's date follows it; the same site when nullopt.
SitePtr with_as_of(const SitePtr& site, const std::optional<Date>& as_of);

} // namespace zonepath::models
