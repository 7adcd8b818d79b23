// The drift run: observe, classify, then the report ("zonepath/drift/v1", docs/formats-outputs.md) and
// the tightening scenario.
#include "drift_internal.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath::scenarios {

namespace drift {
namespace {

using models::Index;
using models::kNone;
using nlohmann::json;

json id_or_null(const std::vector<models::Asset>& assets, Index i) {
  return i == kNone ? json(nullptr) : json(assets[i].id);
}

json violation_json(const models::Site& site, const nlohmann::json& site_json, const Observation& o,
                    const Judged& j) {
  json denied = json::array();
  for (const Decision& d : j.decisions) {
    json e = {{"reason", to_string(d.reason)}};
    const Index zone = d.conduit == kNone && d.reason != Reason::NoConduit ? j.src_zone : kNone;
    if (d.conduit != kNone) {
      e["via"] = site.conduits[d.conduit].id;
      e["via_kind"] = "conduit";
    } else if (zone != kNone) {
      e["via"] = site.zones[zone].id;
      e["via_kind"] = "zone";
    } else {
      e["via"] = nullptr;
      e["via_kind"] = nullptr;
    }
    e["rule"] = d.rule >= 0 ? rule_json(site, site_json, d.conduit, zone, d.rule) : json(nullptr);
    denied.push_back(std::move(e));
  }
  return {{"src", interchange::ipv4_str(j.key.src)},
          {"src_asset", id_or_null(site.assets, j.src_asset)},
          {"src_zone", site.zones[j.src_zone].id},
          {"dst", interchange::ipv4_str(j.key.dst)},
          {"dst_asset", id_or_null(site.assets, j.dst_asset)},
          {"dst_zone", site.zones[j.dst_zone].id},
          {"transport", j.key.udp ? "udp" : "tcp"},
          {"port", j.key.port},
          {"protocol", j.service.protocol},
          {"in_model", j.model_service >= 0},
          {"zeek_services", services_of(o, *j.stats)},
          {"connections", j.stats->connections},
          {"answered", j.stats->answered},
          {"first", iso_time(j.stats->first)},
          {"last", iso_time(j.stats->last)},
          {"denied_by", std::move(denied)}};
}

json observed_json(const Observation& o) {
  return {{"file", o.file},
          {"format", interchange::to_string(o.stats.format)},
          {"lines", o.stats.lines},
          {"connections", o.stats.records},
          {"ipv6", o.stats.ipv6},
          {"other_transport", o.stats.other_transport},
          {"other_logs", o.stats.other_logs},
          {"flows", o.flows.size()},
          {"over_limit_connections", o.over_limit_connections},
          {"first", iso_time(o.first)},
          {"last", iso_time(o.last)},
          {"seconds", o.last - o.first}};
}

} // namespace
} // namespace drift

DriftResult run_drift(const models::Site& site, const nlohmann::json& site_json,
                      const interchange::ZoneMap& zones, std::istream& observed,
                      const std::string& observed_name, const DriftOptions& options,
                      const std::vector<interchange::ImportNote>& input_notes) {
  using namespace drift;
  const Observation o = observe(observed, observed_name, options);
  if (o.stats.records == 0)
    throw AnalysisError(observed_name + ": no IPv4 TCP or UDP connection in " +
                        std::to_string(o.stats.lines) + " lines; nothing to compare with the model");
  const ProgressPhase phase(options.progress, "classify flows");
  const Classified c = classify(site, site_json, zones, o);
  const std::vector<RuleUse> uses = rule_uses(site, c);
  const HostsAndPorts hp = hosts_and_ports(site, zones, o, c, options);
  DriftResult result;
  std::size_t removed = 0;
  result.scenario = tighten_scenario(site, site_json, uses, o, options, removed);

  json violations = json::array();
  std::uint64_t allowed_flows = 0, allowed_conn = 0, denied_flows = 0, denied_conn = 0, denied_answered = 0;
  for (const Judged& j : c.flows) {
    if (j.allowed) {
      ++allowed_flows;
      allowed_conn += j.stats->connections;
      continue;
    }
    ++denied_flows;
    denied_conn += j.stats->connections;
    denied_answered += j.stats->answered;
    if (violations.size() < options.max_listed) violations.push_back(violation_json(site, site_json, o, j));
  }
  std::uint64_t outside_conn = 0;
  for (const auto& f : c.outside) outside_conn += f.second->connections;

  json rules = json::array();
  std::size_t unused = 0, unseen = 0;
  for (const RuleUse& u : uses) {
    json r = rule_json(site, site_json, u.conduit, u.zone, u.rule);
    const bool used = u.connections > 0;
    unused += !used;
    unseen += !used && !u.seen;
    r["flows"] = u.flows;
    r["connections"] = u.connections;
    r["model_flows"] = u.model_flows;
    r["model_flows_observed"] = u.model_flows_observed;
    r["used"] = used;
    r["seen"] = u.seen;
    r["removed"] = !used && (u.seen || options.tighten_unseen);
    rules.push_back(std::move(r));
  }
  json notes = json::array();
  for (const auto& n : input_notes) notes.push_back(interchange::note_json(n));
  for (const auto& n : c.notes) notes.push_back(interchange::note_json(n));

  json& r = result.report;
  r["schema"] = kDriftSchema;
  r["site"] = site.id;
  r["as_of"] = site.as_of ? json(site.as_of->text()) : json();
  r["observed"] = observed_json(o);
  r["summary"] = {{"flows_judged", c.flows.size()},
                  {"flows_allowed", allowed_flows},
                  {"flows_denied", denied_flows},
                  {"connections_allowed", allowed_conn},
                  {"connections_denied", denied_conn},
                  {"connections_denied_answered", denied_answered},
                  {"multicast_connections", c.multicast},
                  {"outside_connections", outside_conn},
                  {"unknown_hosts", hp.internal_unknown},
                  {"external_hosts", hp.external_unknown},
                  {"allow_rules", uses.size()},
                  {"allow_rules_unused", unused},
                  {"allow_rules_unused_unseen", unseen},
                  {"rules_removed", removed},
                  {"unexpected_ports", hp.unexpected_ports.size() + hp.ports_omitted}};
  r["violations"] = std::move(violations);
  r["violations_omitted"] = denied_flows - r["violations"].size();
  r["unknown_hosts"] = hp.unknown_hosts;
  r["unknown_hosts_omitted"] = hp.unknown_omitted;
  r["allow_rules"] = std::move(rules);
  r["unexpected_ports"] = hp.unexpected_ports;
  r["unexpected_ports_omitted"] = hp.ports_omitted;
  r["notes"] = std::move(notes);
  r["scenario"] = {{"id", result.scenario["id"]}, {"rules_removed", removed}};
  return result;
}

} // namespace zonepath::scenarios
