// cgraph/gvc glue. Graphviz keeps global state (plugin registry, error handler), so every call
// runs under one mutex on one context that lives as long as the process.
#include "zonepath/render/graphviz.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include <cgraph.h>
#include <gvc.h>

#include "zonepath/core/error.hpp"

namespace zonepath::render {

namespace {

std::string g_messages; // Graphviz errors of the current call; guarded by gv_mutex()

int collect_message(char* message) {
  g_messages += message;
  return 0;
}

std::mutex& gv_mutex() {
  static std::mutex m;
  return m;
}

struct Context {
  GVC_t* gvc;
  Context() {
    agseterrf(collect_message);
    agseterr(AGERR); // layout warnings ("unable to reclaim box space") are noise for users
    gvc = gvContext();
  }
  ~Context() { gvFreeContext(gvc); }
};

GVC_t* context() {
  static Context ctx;
  return ctx.gvc;
}

char* c(const std::string& s) { return const_cast<char*>(s.c_str()); }

// Default of an attribute declared by the first object that sets it; the label of a node must
// keep dot's "\N" (its name) for nodes that do not set one.
std::string declared_default(int kind, const std::string& name) {
  return kind == AGNODE && name == "label" ? "\\N" : "";
}

void set_attr(Agraph_t* root, void* obj, int kind, const DotAttr& a) {
  if (!a.html) {
    agsafeset(obj, c(a.name), c(a.value), c(declared_default(kind, a.name)));
    return;
  }
  Agsym_t* sym = agattr(root, kind, c(a.name), nullptr);
  if (!sym) sym = agattr(root, kind, c(a.name), c(declared_default(kind, a.name)));
  char* html = agstrdup_html(root, c(a.value));
  agxset(obj, sym, html);
  agstrfree(root, html);
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

GraphPtr build(const DotGraph& d) {
  GraphPtr g(agopen(c(d.name), Agdirected, nullptr));
  if (!g) throw RenderError("Graphviz could not create graph '" + d.name + "'");
  Agraph_t* root = g.get();
  for (const auto& a : d.graph) set_attr(root, root, AGRAPH, a);
  for (const auto& a : d.node_defaults) agattr(root, AGNODE, c(a.name), c(a.value));
  for (const auto& a : d.edge_defaults) agattr(root, AGEDGE, c(a.name), c(a.value));

  std::map<std::string, Agraph_t*> clusters;
  for (const auto& cl : d.clusters) {
    auto parent = clusters.find(cl.parent);
    Agraph_t* owner = parent == clusters.end() ? root : parent->second;
    Agraph_t* sub = agsubg(owner, c(cl.id), 1);
    for (const auto& a : cl.attrs) set_attr(root, sub, AGRAPH, a);
    clusters[cl.id] = sub;
  }
  std::map<std::string, Agnode_t*> nodes;
  for (const auto& n : d.nodes) {
    auto owner = clusters.find(n.cluster);
    Agnode_t* node = agnode(owner == clusters.end() ? root : owner->second, c(n.id), 1);
    for (const auto& a : n.attrs) set_attr(root, node, AGNODE, a);
    nodes[n.id] = node;
  }
  auto node_of = [&](const std::string& id) {
    auto it = nodes.find(id);
    if (it == nodes.end()) throw RenderError("diagram edge names an unknown node '" + id + "'");
    return it->second;
  };
  for (std::size_t i = 0; i < d.same_rank.size(); ++i) {
    Agraph_t* sub = agsubg(root, c("rank_" + std::to_string(i)), 1);
    agsafeset(sub, c("rank"), c("same"), c(""));
    for (const auto& id : d.same_rank[i]) agsubnode(sub, node_of(id), 1);
  }
  for (const auto& e : d.edges) {
    Agedge_t* edge = agedge(root, node_of(e.tail), node_of(e.head), nullptr, 1);
    for (const auto& a : e.attrs) set_attr(root, edge, AGEDGE, a);
  }
  return g;
}

std::string write_source(Agraph_t* g) {
  char* buf = nullptr;
  std::size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  if (!f) throw RenderError("cannot allocate memory for the DOT text");
  int rc = agwrite(g, f);
  std::fclose(f);
  std::string out(buf ? buf : "", len);
  std::free(buf);
  if (rc != 0) throw RenderError("Graphviz could not write the DOT text: " + g_messages);
  return out;
}

std::string render_laid_out(GVC_t* gvc, Agraph_t* g, ImageFormat format) {
  if (gvLayout(gvc, g, "dot") != 0) throw RenderError("Graphviz layout failed: " + g_messages);
  // The core SVG writer, and cairo for bitmaps and PDF (anti-aliased, Unicode fonts).
  std::vector<const char*> devices = format == ImageFormat::Svg ? std::vector<const char*>{"svg"}
                                     : format == ImageFormat::Png ? std::vector<const char*>{"png:cairo", "png"}
                                                                  : std::vector<const char*>{"pdf:cairo", "pdf"};
  char* data = nullptr;
  unsigned int len = 0;
  int rc = -1;
  for (const char* device : devices) {
    rc = gvRenderData(gvc, g, device, &data, &len);
    if (rc == 0) break;
  }
  std::string out;
  if (rc == 0) out.assign(data, len);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  if (rc != 0)
    throw RenderError("Graphviz cannot write " + std::string(format_name(format)) +
                      " (is the cairo plugin, libgvplugin_pango, installed?): " + g_messages);
  return out;
}

} // namespace

ImageFormat format_for_path(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == "dot" || ext == "gv") return ImageFormat::Dot;
  if (ext == "svg") return ImageFormat::Svg;
  if (ext == "png") return ImageFormat::Png;
  if (ext == "pdf") return ImageFormat::Pdf;
  throw RenderError("cannot tell the image format of '" + path + "': use a .dot, .svg, .png or .pdf file name");
}

std::string_view format_name(ImageFormat format) {
  switch (format) {
  case ImageFormat::Dot: return "dot";
  case ImageFormat::Svg: return "svg";
  case ImageFormat::Png: return "png";
  case ImageFormat::Pdf: return "pdf";
  }
  return "?";
}

std::string render_graph(const DotGraph& graph, ImageFormat format) {
  std::lock_guard lock(gv_mutex());
  g_messages.clear();
  GVC_t* gvc = context();
  GraphPtr g = build(graph);
  return format == ImageFormat::Dot ? write_source(g.get()) : render_laid_out(gvc, g.get(), format);
}

} // namespace zonepath::render
