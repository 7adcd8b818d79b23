#include "diagram_parts.hpp"

#include <algorithm>
#include <map>

#include "text_util.hpp"

namespace zonepath::render::detail {

std::string asset_shape(const std::string& type) {
  static const std::map<std::string, std::string, std::less<>> shapes = {
      {"plc", "box3d"},
      {"pac", "box3d"},
      {"rtu", "box3d"},
      {"dcs-controller", "box3d"},
      {"ied", "box3d"},
      {"field-io", "box3d"},
      {"sis", "octagon"},
      {"historian", "cylinder"},
      {"control-server", "component"},
      {"application-server", "component"},
      {"server", "component"},
      {"domain-controller", "component"},
      {"data-gateway", "hexagon"},
      {"vpn-server", "hexagon"},
      {"firewall", "hexagon"},
      {"router", "hexagon"},
      {"switch", "hexagon"},
      {"wireless-ap", "hexagon"},
      {"jump-host", "box"},
      {"engineering-workstation", "box"},
      {"workstation", "box"},
      {"hmi", "box"},
      {"mobile", "ellipse"},
  };
  auto it = shapes.find(type);
  return it == shapes.end() ? "ellipse" : it->second;
}

namespace {

std::string zone_id(const models::Site& site, models::Index z) {
  return z == models::kNone ? "*" : site.zones[z].id;
}

bool unconditional(const models::Rule& r) {
  return r.protocols.empty() && r.ports.empty() && r.src_assets.empty() && r.dst_assets.empty();
}

std::vector<std::string> services_of(const models::Rule& r) {
  std::vector<std::string> out(r.protocols.begin(), r.protocols.end());
  for (auto port : r.ports) out.push_back((r.protocols.empty() ? "port " : "") + std::to_string(port));
  if (out.empty()) out.push_back("any");
  return out;
}

} // namespace

ConduitSummary summarize_conduit(const models::Site& site, const models::Conduit& conduit) {
  ConduitSummary s;
  const auto a = conduit.zones[0], b = conduit.zones[1];
  // dir 0: a -> b, dir 1: b -> a
  std::vector<std::string> services[2];
  bool closed[2] = {false, false};
  if (conduit.direction) {
    closed[(*conduit.direction)[0] == a ? 1 : 0] = true;
  }
  for (const auto& rule : conduit.rules) {
    for (int dir = 0; dir < 2; ++dir) {
      auto from = dir == 0 ? a : b, to = dir == 0 ? b : a;
      bool applies = (rule.from_zone == models::kNone || rule.from_zone == from) &&
                     (rule.to_zone == models::kNone || rule.to_zone == to);
      if (!applies || closed[dir]) continue;
      if (!rule.allow) {
        if (unconditional(rule)) closed[dir] = true;
        continue;
      }
      for (auto& svc : services_of(rule))
        if (std::find(services[dir].begin(), services[dir].end(), svc) == services[dir].end())
          services[dir].push_back(std::move(svc));
      if (unconditional(rule)) closed[dir] = true; // everything already allowed
    }
  }
  for (int dir = 0; dir < 2; ++dir) {
    if (services[dir].empty()) continue;
    (dir == 0 ? s.forward : s.backward) = true;
    std::string line = zone_id(site, dir == 0 ? a : b) + " \u2192 " + zone_id(site, dir == 0 ? b : a) + ": ";
    const std::size_t shown = std::min<std::size_t>(services[dir].size(), 4);
    for (std::size_t i = 0; i < shown; ++i) line += (i ? ", " : "") + services[dir][i];
    if (services[dir].size() > shown) line += " +" + std::to_string(services[dir].size() - shown);
    s.lines.push_back(std::move(line));
  }
  return s;
}

const char* path_color(std::size_t n) {
  static const char* palette[] = {"#7b3294", "#2166ac", "#b2182b", "#01665e", "#8c510a", "#c51b7d"};
  return palette[n % (sizeof palette / sizeof palette[0])];
}

DotNode legend_node(bool asset_view, const std::string& threat, const std::vector<LegendPath>& paths) {
  auto swatch = [](const char* color, const std::string& text) {
    return std::string("<tr><td bgcolor=\"") + color + "\" width=\"24\"> </td><td align=\"left\">" + text +
           "</td></tr>";
  };
  std::string t = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
                  "<tr><td colspan=\"2\"><b>Legend</b></td></tr>";
  t += swatch(gap_color(0), "largest SL gap 0 (SL-A meets SL-T)");
  t += swatch(gap_color(1), "largest SL gap 1");
  t += swatch(gap_color(2), "largest SL gap 2");
  t += swatch(gap_color(3), "largest SL gap 3 or more");
  t += swatch(kExternalColor, "external zone (outside the plant)");
  t += "<tr><td>&#9733;</td><td align=\"left\">crown jewel</td></tr>";
  if (!threat.empty())
    t += "<tr><td>&#9873;</td><td align=\"left\">start point of " + dot_html_label(threat) + "</td></tr>";
  if (asset_view)
    t += "<tr><td colspan=\"2\" align=\"left\">box3d controller, octagon SIS, cylinder historian,<br "
         "align=\"left\"/>"
         "component server, hexagon network / remote access,<br align=\"left\"/>box workstation / "
         "HMI</td></tr>";
  for (std::size_t i = 0; i < paths.size(); ++i)
    t += std::string("<tr><td><font color=\"") + path_color(i) + "\"><b>" + std::to_string(i + 1) +
         "</b></font></td><td align=\"left\">" + dot_html_label(paths[i].text) + "</td></tr>";
  if (!paths.empty()) t += "<tr><td colspan=\"2\" align=\"left\">edge label n.s = path n, step s</td></tr>";
  t += "</table>";
  return DotNode{"legend", "", {{"shape", "plaintext"}, {"label", t, true}}};
}

} // namespace zonepath::render::detail
