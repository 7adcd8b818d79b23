// Renders a site's zone diagram as SVG with the installed zonepath::render library: a consumer
// must get the render headers and link Graphviz through the package config alone.
#include <iostream>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/render/diagram.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  try {
    auto site = zonepath::models::load_site_json_file(argv[1]);
    zonepath::models::Report report;
    report.site_id = site->id;
    zonepath::render::DiagramOptions options;
    options.view = zonepath::render::View::Zones;
    auto svg = zonepath::render::render_diagram(*site, report, options, zonepath::render::ImageFormat::Svg);
    std::cout << (svg.find("<svg") != std::string::npos ? "svg ok" : "no svg") << '\n';
    return 0;
  } catch (const zonepath::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
