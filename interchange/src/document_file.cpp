#include "zonepath/interchange/document_file.hpp"

#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::interchange {

using namespace models;

JsonDocument load_document_file(const std::string& path, const JsonLimits& limits) {
  return is_yaml_path(path) ? load_yaml_file(path, limits) : JsonDocument::load_file(path, limits);
}

models::SitePtr load_site_file(const std::string& path) {
  return std::make_shared<const models::Site>(models::load_site(load_document_file(path)));
}

} // namespace zonepath::interchange
