// Rendering through libcgraph + libgvc in process (no `dot` subprocess). Graphviz is not
// thread-safe, so one long-lived GVC context serves the whole process behind a mutex.
#pragma once

#include <string>
#include <string_view>

#include "zonepath/render/dot_graph.hpp"

namespace zonepath::render {

enum class ImageFormat { Dot, Svg, Png, Pdf };

// From a file name's extension (.dot/.gv, .svg, .png, .pdf); throws RenderError otherwise.
ImageFormat format_for_path(const std::string& path);
std::string_view format_name(ImageFormat format);

// Dot: the graph source as cgraph writes it (no layout, so it stays editable and diffable).
// Svg/Png/Pdf: laid out with the dot engine; identical input gives identical bytes, in one
// process or across processes (PDFs carry no creation date for that reason).
// Throws RenderError with Graphviz's messages when layout or rendering fails.
std::string render_graph(const DotGraph& graph, ImageFormat format);

} // namespace zonepath::render
