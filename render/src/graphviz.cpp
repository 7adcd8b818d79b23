// cgraph/gvc glue. Graphviz keeps global state (plugin registry, error handler), so every call
// runs under one mutex on one context that lives as long as the process.
#include "zonepath/render/graphviz.hpp"
#include "zonepath/core/limits.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

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

char* c(const std::string& s) {
  return const_cast<char*>(s.c_str());
}

// Object IDs in creation order. cgraph's default ID of a named object is the address of its
// interned name, and subgraphs (our clusters) are kept sorted by ID, so their order - and with
// it dot's layout - depended on the heap: a second render in the same process could differ.
// Named objects get even IDs 2, 4, ... (cgraph reserves odd IDs for anonymous ones). Names stay
// cgraph refstrs, as the default discipline keeps them: agwrite() looks at a name's refstr
// header to tell HTML-like names, and id_free() must release what id_map() took.
struct IdState {
  Agraph_t* root;
  std::unordered_map<std::string, IDTYPE> ids;
  std::vector<char*> names; // names[id / 2 - 1]; this table's own reference lives until agclose
  IDTYPE next_anonymous = 1;
};

void* id_open(Agraph_t* root, Agdisc_t*) {
  return new IdState{root, {}, {}, 1};
}

long id_map(void* state, int, char* name, IDTYPE* id, int create) {
  auto* s = static_cast<IdState*>(state);
  if (!name) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  auto it = s->ids.find(name);
  if (it == s->ids.end()) {
    if (!create) return 0;
    s->names.push_back(agstrdup(s->root, name));
    it = s->ids.emplace(name, 2 * static_cast<IDTYPE>(s->names.size())).first;
  }
  if (create) agstrdup(s->root, name); // the new object's reference, released by id_free
  *id = it->second;
  return 1;
}

long id_alloc(void*, int, IDTYPE request) {
  return (request & 1) == 0;
}

char* id_name(void* state, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  return id % 2 != 0 || id == 0 || id / 2 > s->names.size() ? nullptr : s->names[id / 2 - 1];
}

void id_free(void* state, int, IDTYPE id) {
  if (char* name = id_name(state, id)) agstrfree(static_cast<IdState*>(state)->root, name);
}

char* id_print(void* state, int, IDTYPE id) {
  return id_name(state, id);
}
// The strings themselves belong to the graph's string pool, which agclose() frees.
void id_close(void* state) {
  delete static_cast<IdState*>(state);
}
void id_register(void*, int, void*) {}

Agiddisc_t g_id_disc = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
Agdisc_t g_disc = {&AgMemDisc, &g_id_disc, &AgIoDisc};

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
  GraphPtr g(agopen(c(d.name), Agdirected, &g_disc));
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

// cairo 1.16 stamps PDFs with the wall-clock time and ignores SOURCE_DATE_EPOCH; the entry is
// blanked with spaces of the same length so that the xref offsets stay valid.
void drop_pdf_creation_date(std::string& pdf) {
  const std::string key = "/CreationDate (";
  auto at = pdf.find(key);
  if (at == std::string::npos) return;
  auto end = pdf.find(')', at + key.size());
  if (end == std::string::npos) return;
  pdf.replace(at, end + 1 - at, end + 1 - at, ' ');
}

std::string render_laid_out(GVC_t* gvc, Agraph_t* g, ImageFormat format) {
  if (gvLayout(gvc, g, "dot") != 0) throw RenderError("Graphviz layout failed: " + g_messages);
  // The core SVG writer, and cairo for bitmaps and PDF (anti-aliased, Unicode fonts).
  std::vector<const char*> devices = format == ImageFormat::Svg ? std::vector<const char*>{"svg"}
                                     : format == ImageFormat::Png
                                         ? std::vector<const char*>{"png:cairo", "png"}
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
  if (rc == 0 && format == ImageFormat::Pdf) drop_pdf_creation_date(out);
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
  throw RenderError("cannot tell the image format of '" + path +
                    "': use a .dot, .svg, .png or .pdf file name");
}

std::string_view format_name(ImageFormat format) {
  switch (format) {
  case ImageFormat::Dot:
    return "dot";
  case ImageFormat::Svg:
    return "svg";
  case ImageFormat::Png:
    return "png";
  case ImageFormat::Pdf:
    return "pdf";
  }
  return "?";
}

std::string render_graph(const DotGraph& graph, ImageFormat format) {
  const std::size_t nodes = graph.nodes.size() + graph.clusters.size();
  if (format != ImageFormat::Dot && nodes > kMaxDiagramNodes)
    throw LimitError("the diagram has " + std::to_string(nodes) + " nodes and clusters, more than the " +
                     std::to_string(kMaxDiagramNodes) +
                     " Graphviz lays out in reasonable time; draw the zones view, or write DOT (a .dot "
                     "file) and lay it out with other tools");
  std::lock_guard lock(gv_mutex());
  g_messages.clear();
  GVC_t* gvc = context();
  GraphPtr g = build(graph);
  return format == ImageFormat::Dot ? write_source(g.get()) : render_laid_out(gvc, g.get(), format);
}

} // namespace zonepath::render
