// Internal: the validating reader behind load_site, split over several files by section.
#pragma once

#include <string>
#include <vector>

#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/models/site_id.hpp"

namespace zonepath::models::detail {

class SiteReader {
public:
  using json = nlohmann::json;
  explicit SiteReader(const JsonDocument& doc) : check_(doc), root_(doc.root()) {}
  Site read();

private:
  // Pass 1 registers ids so that pass 2 can resolve references in any order.
  void register_ids();
  void register_id(const json& obj, const std::string& ptr, Site::Kind kind, Index index);
  void read_zone(const json& z, const std::string& ptr, Zone& zone);
  void read_asset(const json& a, const std::string& ptr, Asset& asset, Index self);
  void read_service(const json& s, const std::string& ptr, Service& service);
  void warn_custom_protocol(const json& s, const std::string& ptr, const Service& service);
  void flush_protocol_warnings();
  void read_vulnerability(const json& v, const std::string& ptr, const Asset& asset, Vulnerability& vuln);
  void read_conduit(const json& c, const std::string& ptr, Conduit& conduit);
  void read_rule(const json& r, const std::string& ptr, Rule& rule, const Conduit* conduit, Index zone);
  void read_functions(const json& r, const std::string& ptr, Rule& rule, const Conduit* conduit);
  void read_threat(const json& t, const std::string& ptr, ThreatActor& actor);
  void read_required_flow(const json& f, const std::string& ptr, RequiredFlow& flow);

  std::optional<SlVector> read_sl(const json& obj, const std::string& ptr, const char* key);
  Consequence read_consequence(const json& obj, const std::string& ptr);
  std::vector<std::string> read_requirements(const json& obj, const std::string& ptr, const char* key);
  std::vector<CompensatingControl> read_compensating(const json& obj, const std::string& ptr);
  CompensatingControl read_control(const json& c, const std::string& ptr);
  std::vector<RequirementRecord> read_records(const json& obj, const std::string& ptr,
                                              const std::vector<std::string>& countermeasures);
  std::optional<Temporary> read_temporary(const json& obj, const std::string& ptr);
  std::vector<Responsible> read_responsible(const json& obj, const std::string& ptr);
  void read_scope();
  void read_risk_acceptances();
  void read_soa();
  std::optional<Date> read_date(const json& obj, const std::string& ptr, const char* key);
  std::string read_reference(const json& obj, const std::string& ptr, const char* key, bool required);
  Index resolve(const std::string& id, Site::Kind kind, const std::string& ptr, const json* value,
                const char* what);
  std::vector<Index> resolve_list(const json& obj, const std::string& ptr, const char* key, Site::Kind kind,
                                  const char* what);
  std::string suggest_id(const std::string& id, Site::Kind kind) const;
  void check_name(const json& obj, const std::string& ptr, const char* key, std::string& out);

  JsonChecker check_;
  const json& root_;
  Site site_;
  struct ProtocolWarning {
    std::string pointer, message, suggestion;
    const json* value = nullptr;
    std::size_t services = 0;
  };
  std::unordered_map<std::string, ProtocolWarning> protocol_warnings_; // protocol name -> its warning
  std::vector<std::string> protocol_warning_order_;                    // names in file order
};

// A change or validation record that is not one yet: "TBD", "TODO", "n/a", "CR-XXX", "-", ...
bool is_placeholder_reference(std::string_view text);

} // namespace zonepath::models::detail
