// Builds the zone and asset views as a DotGraph. Ranks: one rank=same group per Purdue level,
// chained top (enterprise, external) to bottom (process) by invisible edges; assets sit one rank
// below their zone's anchor node. Path and same-level edges do not constrain the layout, so
// overlaying paths never moves the zones.
#include "zonepath/render/diagram.hpp"

#include <algorithm>
#include <map>

#include "diagram_parts.hpp"
#include "text_util.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/catalog_asset_types.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/render/top_paths.hpp"

namespace zonepath::render {

using namespace detail;

View parse_view(std::string_view name) {
  if (name == "zones") return View::Zones;
  if (name == "assets") return View::Assets;
  if (name == "auto") return View::Auto;
  throw RenderError("unknown view '" + std::string(name) + "' (expected zones, assets or auto)");
}

View resolved_view(const models::Site& site, const DiagramOptions& options) {
  if (options.view != View::Auto) return options.view;
  return site.assets.size() <= options.auto_threshold ? View::Assets : View::Zones;
}

namespace {

std::string zone_node(const models::Zone& z) {
  return "z:" + z.id;
}
std::string asset_node(const models::Asset& a) {
  return "a:" + a.id;
}
std::string cluster_of(const models::Zone& z) {
  return "cluster_zone_" + z.id;
}

// Graphviz 2.42 corrupts the heap when it lays out a labelled "flat" edge, one whose ends share a
// rank: dot's make_vn_slot() reallocates the rank's node array for the label node, and the layout
// cleanup later frees the old array a second time (glibc aborts with "corrupted size vs.
// prev_size"). Such edges carry their text as an xlabel, placed after the layout, instead. The
// ranks are known here: zone anchors of one Purdue level share a rank (ranks()), the levels are
// two ranks apart and assets sit one rank below their anchor, so an edge is flat exactly when both
// ends are anchors, or both assets, of zones at the same level.
const char* label_key(bool flat) {
  return flat ? "xlabel" : "label";
}

struct Builder {
  const models::Site& site;
  const models::Report& report;
  const DiagramOptions& opt;
  bool asset_view;
  DotGraph g;
  std::vector<const models::PathResult*> paths;
  std::vector<char> shown, jewel, start_zone, start_asset;
  std::vector<std::size_t> hidden_jewels;
  std::vector<const models::ZoneResult*> zone_result;

  void mark() {
    const std::size_t nz = site.zones.size(), na = site.assets.size();
    shown.assign(na, asset_view ? 1 : 0);
    jewel.assign(na, 0);
    start_zone.assign(nz, 0);
    start_asset.assign(na, 0);
    hidden_jewels.assign(nz, 0);
    zone_result.assign(nz, nullptr);
    for (const auto& zr : report.zones)
      if (zr.zone < nz) zone_result[zr.zone] = &zr;
    for (const auto& id : report.crown_jewels)
      if (auto a = site.asset_index(id); a != models::kNone) jewel[a] = 1;
    if (!opt.threat.empty()) {
      const auto& actor = site.threat_actors[site.threat_index(opt.threat)];
      for (const auto& s : actor.starts) (s.is_asset ? start_asset : start_zone)[s.index] = 1;
    }
    for (std::size_t a = 0; a < na; ++a) shown[a] |= start_asset[a];
    for (const auto* p : paths)
      for (const auto& n : p->path["nodes"])
        if (auto a = site.asset_index(n.get<std::string>()); a != models::kNone) shown[a] = 1;
    for (models::Index z = 0; z < nz; ++z) {
      std::size_t drawn = 0;
      for (auto a : site.zones[z].assets) {
        if (!jewel[a]) continue;
        if (shown[a] || drawn < opt.jewels_per_zone) {
          drawn += shown[a] ? 0 : 1;
          shown[a] = 1;
        } else {
          ++hidden_jewels[z];
        }
      }
    }
  }

  std::string zone_summary(models::Index z) const {
    const auto& zone = site.zones[z];
    std::string text;
    if (asset_view) {
      text = "network";
    } else {
      std::map<std::string, std::size_t> types;
      for (auto a : zone.assets) ++types[site.assets[a].type];
      std::vector<std::pair<std::string, std::size_t>> top(types.begin(), types.end());
      std::stable_sort(top.begin(), top.end(),
                       [](const auto& x, const auto& y) { return x.second > y.second; });
      text = zone.assets.empty() ? "no assets" : std::to_string(zone.assets.size()) + " assets";
      for (std::size_t i = 0; i < std::min<std::size_t>(top.size(), 3); ++i)
        text += (i ? ", " : "\n") + std::to_string(top[i].second) + " " + top[i].first;
      if (top.size() > 3) text += ", ...";
      if (hidden_jewels[z]) text += "\n+" + std::to_string(hidden_jewels[z]) + " more crown jewels";
    }
    if (start_zone[z]) text = "\u2691 start of " + opt.threat + "\n" + text;
    return text;
  }

  void zones() {
    bool any_internal = std::any_of(site.zones.begin(), site.zones.end(),
                                    [](const auto& z) { return !models::is_external_zone(z); });
    if (any_internal)
      g.clusters.push_back({"cluster_plant",
                            "",
                            {{"label", dot_string("Plant: " + (site.name.empty() ? site.id : site.name))},
                             {"style", "dashed,rounded"},
                             {"color", "#555555"},
                             {"labeljust", "l"}}});
    for (models::Index z = 0; z < site.zones.size(); ++z) {
      const auto& zone = site.zones[z];
      const bool external = models::is_external_zone(zone);
      const auto* zr = zone_result[z];
      const int gap = zr ? max_gap(zr->gap) : 0;
      std::string label = zone_title(zone) + (zone.name.empty() ? "" : " (" + zone.id + ")") + "\n" +
                          level_text(zone_level(zone)) + (zone.kind.empty() ? "" : " " + zone.kind) +
                          (external ? ", external" : ", largest gap " + std::to_string(gap));
      std::string tip = zone_title(zone);
      if (zr) {
        tip += "\nSL-T " + sl_text(zr->sl_t) + "\nSL-A " + sl_text(zr->sl_a) + "\ngap  " + sl_text(zr->gap);
        if (zr->risk.level > 0)
          tip += "\nrisk " + std::string(kRiskNames[std::clamp(zr->risk.level, 0, 5)]) +
                 (zr->risk.tolerable ? " (tolerable)" : " (not tolerable, " + zr->risk.threat + ")");
      }
      g.clusters.push_back({cluster_of(zone),
                            external ? "" : "cluster_plant",
                            {{"label", dot_string(label)},
                             {"style", "filled,rounded"},
                             {"fillcolor", external ? kExternalColor : gap_color(gap)},
                             {"color", "#444444"},
                             {"tooltip", dot_tooltip(tip)}}});
      if (opt.element_ids) g.clusters.back().attrs.push_back({"id", "zone-" + std::to_string(z)});
      DotAttrs attrs = {{"label", dot_string(zone_summary(z))},
                        {"shape", "box"},
                        {"style", asset_view ? "rounded,dashed,filled" : "rounded,filled"},
                        {"fillcolor", "#ffffff"}};
      if (start_zone[z]) {
        attrs.push_back({"penwidth", "2.5"});
        attrs.push_back({"color", "#1f78b4"});
      }
      if (opt.element_ids) attrs.push_back({"id", "zone-" + std::to_string(z) + "-summary"});
      g.nodes.push_back({zone_node(zone), cluster_of(zone), std::move(attrs)});
      for (auto a : zone.assets)
        if (shown[a]) add_asset(a);
    }
  }

  void add_asset(models::Index a) {
    const auto& asset = site.assets[a];
    const auto& zone = site.zones[asset.zone];
    const auto* type = models::find_asset_type(asset.type);
    std::string label =
        (jewel[a] ? "\u2605 " : "") + asset.id + "\n" + (type ? std::string(type->display) : asset.type);
    if (start_asset[a]) label = "\u2691 start of " + opt.threat + "\n" + label;
    std::string tip = asset.name.empty() ? asset.id : asset.name + " (" + asset.id + ")";
    if (!asset.vendor.empty()) tip += "\n" + asset.vendor + " " + asset.product;
    if (asset.legacy) tip += "\nlegacy";
    if (!asset.patchable) tip += ", cannot be patched";
    DotAttrs attrs = {{"label", dot_string(label)},
                      {"shape", asset_shape(asset.type)},
                      {"style", "filled"},
                      {"fillcolor", jewel[a] ? "#fddbc7" : "#ffffff"},
                      {"tooltip", dot_tooltip(tip)}};
    if (jewel[a]) {
      attrs.push_back({"color", "#b2182b"});
      attrs.push_back({"penwidth", "2"});
    }
    if (opt.element_ids) attrs.push_back({"id", "asset-" + std::to_string(a)});
    g.nodes.push_back({asset_node(asset), cluster_of(zone), std::move(attrs)});
    // Keeps the asset under its zone's anchor node instead of floating to the top rank.
    g.edges.push_back({zone_node(zone), asset_node(asset), {{"style", "invis"}}});
  }

  void ranks() {
    std::map<double, std::vector<std::string>, std::greater<>> levels;
    for (const auto& zone : site.zones) levels[zone_level(zone)].push_back(zone_node(zone));
    const std::string* previous = nullptr;
    for (const auto& [level, ids] : levels) {
      g.same_rank.push_back(ids);
      if (previous) g.edges.push_back({*previous, ids.front(), {{"style", "invis"}, {"minlen", "2"}}});
      previous = &ids.front();
    }
  }

  void conduits() {
    for (const auto& conduit : site.conduits) {
      const auto& z0 = site.zones[conduit.zones[0]];
      const auto& z1 = site.zones[conduit.zones[1]];
      ConduitSummary s = summarize_conduit(site, conduit);
      const double l0 = zone_level(z0), l1 = zone_level(z1);
      const bool flip = l1 > l0; // the higher Purdue level is drawn on top, as the tail
      bool fwd = flip ? s.backward : s.forward, back = flip ? s.forward : s.backward;
      std::string label = conduit.id + (conduit.kind.empty() ? "" : " (" + conduit.kind + ")");
      for (const auto& line : s.lines) label += "\n" + line;
      if (s.lines.empty()) label += "\nno traffic allowed";
      std::string tip = conduit.name.empty() ? conduit.id : conduit.name;
      for (const auto& cr : report.conduits)
        if (cr.conduit == site.conduit_index(conduit.id))
          tip += "\nSL-T " + sl_text(cr.sl_t) + "\nSL-A " + sl_text(cr.sl_a) + "\ngap  " + sl_text(cr.gap);
      DotAttrs attrs = {{label_key(l0 == l1), dot_string(label)},
                        {"tooltip", dot_tooltip(tip)},
                        {"dir", fwd && back ? "both"
                                : fwd       ? "forward"
                                : back      ? "back"
                                            : "none"},
                        {"color", "#333333"},
                        {"penwidth", conduit.kind == "data-diode" ? "2.5" : "1.5"}};
      if (s.lines.empty()) attrs.push_back({"style", "dashed"});
      if (l0 == l1) attrs.push_back({"constraint", "false"});
      if (opt.element_ids)
        attrs.push_back({"id", "conduit-" + std::to_string(site.conduit_index(conduit.id))});
      g.edges.push_back({zone_node(flip ? z1 : z0), zone_node(flip ? z0 : z1), std::move(attrs)});
    }
  }

  void manages() {
    for (const auto& asset : site.assets)
      for (auto m : asset.manages)
        g.edges.push_back({asset_node(asset),
                           asset_node(site.assets[m]),
                           {{"style", "dashed"},
                            {"color", "#888888"},
                            {"arrowhead", "vee"},
                            {"constraint", "false"},
                            {"tooltip", dot_tooltip(asset.id + " manages " + site.assets[m].id)}}});
  }

  // Whether the edge between two path nodes lies within one rank (see label_key).
  bool flat(const std::string& a, const std::string& b) const {
    auto place = [&](const std::string& id) {
      if (auto x = site.asset_index(id); x != models::kNone)
        return std::pair(true, zone_level(site.zones[site.assets[x].zone]));
      auto z = site.zone_index(id);
      return std::pair(false, z == models::kNone ? -1.0 : zone_level(site.zones[z]));
    };
    return place(a) == place(b);
  }

  std::string display_node(const std::string& id) {
    if (auto a = site.asset_index(id); a != models::kNone) return asset_node(site.assets[a]);
    if (auto z = site.zone_index(id); z != models::kNone) return zone_node(site.zones[z]);
    // The actor's own off-network start (physical access, removable media), drawn once, outside
    // every zone.
    if (id.rfind("outside:", 0) == 0) {
      const std::string node = "outside";
      if (!outside_drawn) {
        g.nodes.push_back(
            {node,
             "",
             {{"label", "physical access /\nremovable media"},
              {"shape", "house"},
              {"style", "dashed"},
              {"tooltip", dot_string(id.substr(8) + ": physical access and removable media")}}});
        outside_drawn = true;
      }
      return node;
    }
    throw RenderError("path names '" + id + "', which is not in the site");
  }
  bool outside_drawn = false;

  std::vector<LegendPath> overlay() {
    std::vector<LegendPath> legend;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const auto& path = paths[i]->path;
      const double p = path.value("probability", 0.0);
      const auto& steps = path["steps"];
      legend.push_back(
          {"p=" + number(p) + ", " + std::to_string(steps.size()) + " steps to " + paths[i]->target});
      for (std::size_t s = 0; s < steps.size(); ++s) {
        const auto& st = steps[s];
        const std::string from = st["from"].get<std::string>(), to = st["to"].get<std::string>();
        std::string tip =
            "path " + std::to_string(i + 1) + " (p=" + number(p) + ") step " + std::to_string(s + 1) + ": " +
            from + " \u2192 " + to + "\n" + technique_title(st.value("technique", "")) +
            (step_uses(st).empty() ? "" : "\n" + step_uses(st)) + "\np=" + number(st.value("p", 0.0)) +
            ", mean " + number(st.value("ttc_mean", 0.0)) + " days" +
            (st.value("via", "").empty() ? "" : ", via " + st.value("via", ""));
        std::string number_label = std::to_string(i + 1) + "." + std::to_string(s + 1);
        g.edges.push_back({display_node(from),
                           display_node(to),
                           {{"color", path_color(i)},
                            {"fontcolor", path_color(i)},
                            {"penwidth", "3"},
                            {"style", "bold"},
                            {"constraint", "false"},
                            {label_key(flat(from, to)), number_label},
                            {"tooltip", dot_tooltip(tip)},
                            {"labeltooltip", dot_tooltip(tip)}}});
      }
    }
    return legend;
  }

  void build() {
    if (!opt.threat.empty()) {
      bool analysed = std::any_of(report.threats.begin(), report.threats.end(),
                                  [&](const auto& t) { return t.id == opt.threat; });
      if (!analysed || site.threat_index(opt.threat) == models::kNone)
        throw RenderError("threat actor '" + opt.threat + "' is not part of the analysis");
      paths = top_paths(report, opt.threat, opt.paths);
    }
    mark();
    std::string title =
        (site.name.empty() ? site.id : site.name) + (asset_view ? ": assets" : ": zones and conduits");
    if (!opt.threat.empty()) title += ", top " + std::to_string(paths.size()) + " paths of " + opt.threat;
    g.name = site.id.empty() ? "site" : site.id;
    g.graph = {{"label", dot_string(title)}, {"labelloc", "t"},  {"fontsize", "16"},
               {"fontname", "Helvetica"},    {"rankdir", "TB"},  {"newrank", "true"},
               {"nodesep", "0.35"},          {"ranksep", "0.5"}, {"bgcolor", "white"}};
    if (opt.dpi != 0) g.graph.push_back({"dpi", std::to_string(opt.dpi)});
    g.node_defaults = {{"fontname", "Helvetica"}, {"fontsize", "10"}};
    g.edge_defaults = {{"fontname", "Helvetica"}, {"fontsize", "8"}};
    zones();
    ranks();
    conduits();
    if (asset_view) manages();
    auto legend = overlay();
    g.nodes.push_back(legend_node(asset_view, opt.threat, legend));
  }
};

} // namespace

DotGraph build_diagram(const models::Site& site, const models::Report& report,
                       const DiagramOptions& options) {
  Builder b{site, report, options, resolved_view(site, options) == View::Assets, {}, {}, {}, {}, {},
            {},   {},     {}};
  b.build();
  return std::move(b.g);
}

std::string render_diagram(const models::Site& site, const models::Report& report,
                           const DiagramOptions& options, ImageFormat format) {
  return render_graph(build_diagram(site, report, options), format);
}

} // namespace zonepath::render
