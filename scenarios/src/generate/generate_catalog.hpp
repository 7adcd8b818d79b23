// What the site generator draws from: per role (a kind of asset in a kind of zone) a list of
// real products with the services they expose and real CVEs with their published CVSS vectors.
// The CVEs are the ones the hand-written example plants use (scenarios/examples/README.md), whose
// vectors were checked against the CNA / NVD records there.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace zonepath::scenarios::gen {

struct ServiceSpec {
  std::string_view protocol;
  std::uint16_t port;
};

struct CveSpec {
  std::string_view id, cvss, service;
};

struct ProductSpec {
  std::string_view vendor, product;
  std::span<const ServiceSpec> services;
  std::span<const CveSpec> cves; // known vulnerabilities of this product (may be empty)
  bool legacy = false;           // out of vendor support: cannot be patched
};

enum class Role : std::uint8_t {
  Workstation,
  Server,
  AppServer,
  DomainController,
  VpnServer,
  JumpHost,
  Historian,
  DataGateway,
  EngWorkstation,
  Hmi,
  ControlServer,
  Switch,
  Plc,
  DcsController,
  Pac,
  Rtu,
  Ied,
  FieldIo,
  Sis,
  Router,
  Laptop,
  Count
};

struct RoleSpec {
  std::string_view type; // asset type (site vocabulary, docs/formats.md)
  std::string_view tag;  // short id part: "plc", "hmi", ...
  std::span<const ProductSpec> products;
};

const RoleSpec& role_spec(Role role);

// Roles and their weights for the assets of a zone kind ("enterprise", "control", ...).
struct RoleWeight {
  Role role;
  std::uint32_t weight;
};
std::span<const RoleWeight> role_mix(std::string_view zone_kind);

// Roles that control the process (targets of `manages` and of industrial protocol rules).
bool is_controller(Role role);

} // namespace zonepath::scenarios::gen
