#include "generate_catalog.hpp"

#include <array>

namespace zonepath::scenarios::gen {
namespace {

// Real CVEs with the CVSS v3.x base vectors published by the CNA or NVD (the same records as
// the example plants, scenarios/examples/README.md).
constexpr CveSpec kEternalBlue{"CVE-2017-0144", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "smb"};
constexpr CveSpec kBlueKeep{"CVE-2019-0708", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "rdp"};
constexpr CveSpec kPrintNightmare{"CVE-2021-34527", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "smb"};
constexpr CveSpec kZerologon{"CVE-2020-1472", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "msrpc"};
constexpr CveSpec kLog4Shell{"CVE-2021-44228", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "https"};
constexpr CveSpec kSmartInstall{"CVE-2018-0171", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cisco-smi"};
constexpr CveSpec kPulse{"CVE-2019-11510", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "https"};
constexpr CveSpec kIvantiBypass{"CVE-2023-46805", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:L", "https"};
constexpr CveSpec kIvantiInject{"CVE-2024-21887", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", "https"};
constexpr CveSpec kPanOs{"CVE-2024-3400", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "https"};
constexpr CveSpec kS7Memory{"CVE-2020-15782", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "s7commplus"};
constexpr CveSpec kLogixKey{"CVE-2021-22681", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "enip"};
constexpr CveSpec kLogixDownload{"CVE-2022-1161", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "enip"};
constexpr CveSpec kEn2t{"CVE-2023-3595", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "enip"};
constexpr CveSpec kModiPwn{"CVE-2021-22779", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "modbus-tcp"};
constexpr CveSpec kPcomDefault{"CVE-2023-6448", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "pcom"};
constexpr CveSpec kPcomInfo{"CVE-2024-1480", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "pcom"};

constexpr ServiceSpec kSmb{"smb", 445}, kRdp{"rdp", 3389}, kHttps{"https", 443}, kHttp{"http", 80},
    kSsh{"ssh", 22}, kSnmp{"snmp", 161}, kTelnet{"telnet", 23}, kVnc{"vnc", 5900}, kSql{"sql", 1433},
    kLdap{"ldap", 389}, kKerberos{"kerberos", 88}, kDns{"dns", 53}, kMsrpc{"msrpc", 135},
    kSmi{"cisco-smi", 4786}, kOpcUa{"opc-ua", 4840}, kOpcDa{"opc-da", 135}, kModbus{"modbus-tcp", 502},
    kS7{"s7comm", 102}, kS7Plus{"s7commplus", 102}, kEnip{"enip", 44818}, kPcom{"pcom", 20256},
    kFins{"fins", 9600}, kDnp3{"dnp3", 20000}, kIec104{"iec104", 2404}, kMms{"iec61850-mms", 102},
    kProfinet{"profinet", 34964}, kPiNet{"pi-net", 5450}, kTristation{"tristation", 1502},
    kSrtp{"srtp", 18245};

// Product tables: services first, then the CVEs that fit them.
constexpr ServiceSpec sWinDesk[] = {kSmb, kRdp};
constexpr ServiceSpec sWin11[] = {kSmb};
constexpr CveSpec cWin7[] = {kEternalBlue, kBlueKeep};
constexpr ServiceSpec sWinSrv[] = {kSmb, kRdp, kHttps};
constexpr CveSpec cWin2016[] = {kPrintNightmare};
constexpr ServiceSpec sApp[] = {kHttps, kSql};
constexpr CveSpec cLog4j[] = {kLog4Shell};
constexpr ServiceSpec sDc[] = {kLdap, kKerberos, kDns, kSmb, kMsrpc};
constexpr CveSpec cDc[] = {kZerologon};
constexpr ServiceSpec sVpn[] = {kHttps};
constexpr CveSpec cPulse[] = {kPulse};
constexpr CveSpec cIvanti[] = {kIvantiBypass, kIvantiInject};
constexpr CveSpec cPan[] = {kPanOs};
constexpr ServiceSpec sJump[] = {kRdp};
constexpr CveSpec cJump[] = {kBlueKeep};
constexpr ServiceSpec sPi[] = {kPiNet, kSmb, kHttps};
constexpr ServiceSpec sHist2[] = {kHttps, kSql};
constexpr ServiceSpec sGateway[] = {kOpcUa, kHttps};
constexpr ServiceSpec sHmiWin[] = {kRdp, kVnc, kSmb};
constexpr ServiceSpec sHmiIgn[] = {kHttps, kRdp};
constexpr ServiceSpec sPanelS7[] = {kHttp, kS7};
constexpr ServiceSpec sPanelAb[] = {kHttp, kEnip};
constexpr ServiceSpec sScadaIgn[] = {kHttps, kOpcUa};
constexpr ServiceSpec sScadaWin[] = {kSmb, kRdp, kOpcDa};
constexpr CveSpec cWin2008[] = {kEternalBlue};
constexpr ServiceSpec sCatalyst[] = {kSsh, kSnmp, kSmi};
constexpr CveSpec cCatalyst[] = {kSmartInstall};
constexpr ServiceSpec sHirschmann[] = {kHttps, kSnmp};
constexpr ServiceSpec sScalance[] = {kHttp, kSnmp, kTelnet};
constexpr ServiceSpec sS71500[] = {kS7Plus};
constexpr CveSpec cS71500[] = {kS7Memory};
constexpr ServiceSpec sS7300[] = {kS7};
constexpr ServiceSpec sLogix[] = {kEnip};
constexpr CveSpec cCompact[] = {kLogixDownload};
constexpr CveSpec cControl[] = {kLogixKey, kEn2t};
constexpr ServiceSpec sModicon[] = {kModbus};
constexpr CveSpec cM340[] = {kModiPwn};
constexpr ServiceSpec sVision[] = {kPcom, kModbus};
constexpr CveSpec cV570[] = {kPcomDefault};
constexpr CveSpec cV280[] = {kPcomInfo};
constexpr ServiceSpec sOmron[] = {kFins};
constexpr ServiceSpec sAc800[] = {kMms, kOpcUa};
constexpr ServiceSpec sM580[] = {kModbus, kHttps};
constexpr ServiceSpec sRx3i[] = {kSrtp};
constexpr ServiceSpec sScadapack[] = {kDnp3, kModbus};
constexpr ServiceSpec sRtu560[] = {kIec104, kDnp3};
constexpr ServiceSpec sSiprotec[] = {kMms};
constexpr ServiceSpec sSel[] = {kDnp3, kTelnet};
constexpr ServiceSpec sRef615[] = {kMms, kModbus};
constexpr ServiceSpec sEt200[] = {kProfinet};
constexpr ServiceSpec sPointIo[] = {kEnip};
constexpr ServiceSpec sTricon[] = {kTristation};
constexpr ServiceSpec sIsr[] = {kSsh, kSnmp};
constexpr ServiceSpec sRv50[] = {kHttps, kSnmp, kTelnet};
constexpr ServiceSpec sNone[] = {kSsh}; // placeholder, never used for laptops (see below)

constexpr ProductSpec pWorkstation[] = {{"Microsoft", "Windows 10 Enterprise", sWinDesk, {}, false},
                                        {"Microsoft", "Windows 11 Enterprise", sWin11, {}, false},
                                        {"Microsoft", "Windows 7 SP1", sWinDesk, cWin7, true}};
constexpr ProductSpec pServer[] = {{"Microsoft", "Windows Server 2019", sWinSrv, {}, false},
                                   {"Microsoft", "Windows Server 2016", sWinSrv, cWin2016, false},
                                   {"Microsoft", "Windows Server 2008 R2", sWinDesk, cWin7, true}};
constexpr ProductSpec pApp[] = {{"Körber", "PAS-X MES", sApp, cLog4j, false},
                                {"Microsoft", "SQL Server 2019", sApp, {}, false}};
constexpr ProductSpec pDc[] = {{"Microsoft", "Windows Server 2019 AD DS", sDc, cDc, false}};
constexpr ProductSpec pVpn[] = {{"Pulse Secure", "Pulse Connect Secure", sVpn, cPulse, false},
                                {"Ivanti", "Connect Secure", sVpn, cIvanti, false},
                                {"Palo Alto Networks", "PA-3220 PAN-OS (GlobalProtect)", sVpn, cPan, false}};
constexpr ProductSpec pJump[] = {{"Microsoft", "Windows Server 2019 RDS", sJump, {}, false},
                                 {"Microsoft", "Windows Server 2008 R2 RDS", sJump, cJump, true}};
constexpr ProductSpec pHistorian[] = {
    {"AVEVA", "PI Data Archive 2018 on Windows Server 2016", sPi, cWin2016, false},
    {"Canary Labs", "Canary Historian", sHist2, {}, false}};
constexpr ProductSpec pGateway[] = {{"PTC", "Kepware KEPServerEX 6", sGateway, {}, false},
                                    {"Matrikon", "OPC UA Tunneller", sGateway, {}, false}};
constexpr ProductSpec pEws[] = {{"Siemens", "TIA Portal V15 on Windows 7 SP1", sWinDesk, cWin7, true},
                                {"Rockwell Automation", "Studio 5000 on Windows 10", sWinDesk, {}, false}};
constexpr ProductSpec pHmi[] = {{"Siemens", "WinCC 7.4 on Windows 7 SP1", sHmiWin, cWin7, true},
                                {"Inductive Automation", "Ignition Perspective client", sHmiIgn, {}, false},
                                {"Siemens", "SIMATIC HMI Comfort Panel", sPanelS7, {}, false},
                                {"Rockwell Automation", "PanelView Plus 7", sPanelAb, {}, false}};
constexpr ProductSpec pScada[] = {
    {"Inductive Automation", "Ignition Gateway 8.1", sScadaIgn, {}, false},
    {"AVEVA", "System Platform on Windows Server 2008 R2", sScadaWin, cWin2008, true}};
constexpr ProductSpec pSwitch[] = {{"Cisco", "Catalyst 2960-X", sCatalyst, cCatalyst, false},
                                   {"Hirschmann", "RSP35", sHirschmann, {}, false},
                                   {"Siemens", "SCALANCE X308-2", sScalance, {}, false}};
constexpr ProductSpec pPlc[] = {{"Siemens", "SIMATIC S7-1516-3 PN/DP", sS71500, cS71500, false},
                                {"Siemens", "SIMATIC S7-315-2 PN/DP", sS7300, {}, true},
                                {"Rockwell Automation", "CompactLogix 5380", sLogix, cCompact, false},
                                {"Schneider Electric", "Modicon M340 BMX P34 2020", sModicon, cM340, false},
                                {"Unitronics", "Vision V570", sVision, cV570, false},
                                {"Omron", "CJ2M-CPU33", sOmron, {}, false}};
constexpr ProductSpec pDcs[] = {
    {"Rockwell Automation", "ControlLogix 5570 (1756-L73)", sLogix, cControl, false},
    {"ABB", "AC 800M PM866", sAc800, {}, false}};
constexpr ProductSpec pPac[] = {{"Schneider Electric", "Modicon M580", sM580, {}, false},
                                {"GE Vernova", "PACSystems RX3i", sRx3i, {}, false}};
constexpr ProductSpec pRtu[] = {{"Schneider Electric", "SCADAPack 570", sScadapack, {}, false},
                                {"Hitachi Energy", "RTU560", sRtu560, {}, false},
                                {"Unitronics", "Vision V280", sVision, cV280, true}};
constexpr ProductSpec pIed[] = {{"Siemens", "SIPROTEC 5 7SJ82", sSiprotec, {}, false},
                                {"Schweitzer Engineering Laboratories", "SEL-451", sSel, {}, false},
                                {"ABB", "Relion REF615", sRef615, {}, false}};
constexpr ProductSpec pFieldIo[] = {{"Siemens", "ET 200SP IM155-6 PN", sEt200, {}, false},
                                    {"Rockwell Automation", "POINT I/O 1734-AENT", sPointIo, {}, false}};
constexpr ProductSpec pSis[] = {{"Schneider Electric", "Triconex Tricon v10", sTricon, {}, true},
                                {"Siemens", "SIMATIC S7-1518F", sS71500, {}, false},
                                {"Rockwell Automation", "GuardLogix 5580", sLogix, {}, false}};
constexpr ProductSpec pRouter[] = {{"Cisco", "ISR 4331", sIsr, {}, false},
                                   {"Sierra Wireless", "AirLink RV50X", sRv50, {}, false}};
constexpr ProductSpec pLaptop[] = {
    {"Microsoft", "Windows 11 (integrator laptop)", std::span(sNone, 0), {}, false}};

constexpr std::array<RoleSpec, static_cast<std::size_t>(Role::Count)> kRoles = {{
    {"workstation", "ws", pWorkstation},
    {"server", "srv", pServer},
    {"application-server", "app", pApp},
    {"domain-controller", "dc", pDc},
    {"vpn-server", "vpn", pVpn},
    {"jump-host", "jump", pJump},
    {"historian", "hist", pHistorian},
    {"data-gateway", "gw", pGateway},
    {"engineering-workstation", "ews", pEws},
    {"hmi", "hmi", pHmi},
    {"control-server", "scada", pScada},
    {"switch", "sw", pSwitch},
    {"plc", "plc", pPlc},
    {"dcs-controller", "dcs", pDcs},
    {"pac", "pac", pPac},
    {"rtu", "rtu", pRtu},
    {"ied", "ied", pIed},
    {"field-io", "io", pFieldIo},
    {"sis", "sis", pSis},
    {"router", "rtr", pRouter},
    {"workstation", "laptop", pLaptop},
}};

using R = Role;
// Mixes follow the Purdue reference (docs/generate.md): office IT in the enterprise, remote
// access and replicas in the DMZ, site servers at L3, HMIs and SCADA at L2, controllers and
// I/O at L1, safety controllers in their own zone, RTUs at remote sites.
constexpr RoleWeight mEnterprise[] = {
    {R::Workstation, 75}, {R::Server, 13}, {R::AppServer, 6}, {R::DomainController, 1}, {R::Switch, 5}};
constexpr RoleWeight mDmz[] = {
    {R::JumpHost, 25}, {R::VpnServer, 10}, {R::Historian, 15}, {R::DataGateway, 15}, {R::Server, 35}};
constexpr RoleWeight mOperations[] = {{R::Historian, 12}, {R::AppServer, 15},      {R::DomainController, 5},
                                      {R::Server, 30},    {R::EngWorkstation, 15}, {R::Workstation, 23}};
constexpr RoleWeight mSupervisory[] = {
    {R::Hmi, 40}, {R::ControlServer, 15}, {R::EngWorkstation, 20}, {R::Historian, 10}, {R::Switch, 15}};
constexpr RoleWeight mControl[] = {{R::Plc, 35},          {R::FieldIo, 25}, {R::Hmi, 8}, {R::Ied, 10},
                                   {R::DcsController, 7}, {R::Pac, 5},      {R::Rtu, 3}, {R::Switch, 7}};
constexpr RoleWeight mSafety[] = {{R::Sis, 60}, {R::EngWorkstation, 10}, {R::FieldIo, 20}, {R::Switch, 10}};
constexpr RoleWeight mRemote[] = {{R::Rtu, 45}, {R::Plc, 25}, {R::Router, 15}, {R::FieldIo, 15}};
constexpr RoleWeight mVendor[] = {{R::Laptop, 1}};
// A flat plant network holds everything from L3 down in one broadcast domain.
constexpr RoleWeight mFlat[] = {
    {R::Plc, 25},      {R::FieldIo, 18}, {R::Hmi, 12},   {R::Ied, 6},           {R::DcsController, 5},
    {R::Pac, 3},       {R::Rtu, 3},      {R::Switch, 6}, {R::ControlServer, 4}, {R::EngWorkstation, 5},
    {R::Historian, 3}, {R::Server, 5},   {R::Sis, 3},    {R::Workstation, 2}};

} // namespace

const RoleSpec& role_spec(Role role) {
  return kRoles[static_cast<std::size_t>(role)];
}

std::span<const RoleWeight> role_mix(std::string_view kind) {
  if (kind == "enterprise") return mEnterprise;
  if (kind == "dmz") return mDmz;
  if (kind == "operations") return mOperations;
  if (kind == "supervisory") return mSupervisory;
  if (kind == "control") return mControl;
  if (kind == "safety") return mSafety;
  if (kind == "remote") return mRemote;
  if (kind == "vendor") return mVendor;
  if (kind == "flat") return mFlat;
  return {};
}

bool is_controller(Role role) {
  switch (role) {
  case Role::Plc:
  case Role::DcsController:
  case Role::Pac:
  case Role::Rtu:
  case Role::Ied:
  case Role::Sis:
    return true;
  default:
    return false;
  }
}

} // namespace zonepath::scenarios::gen
