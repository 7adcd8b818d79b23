#include "zonepath/interchange/document_file.hpp"

#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::interchange {

using namespace models;

JsonDocument load_document_file(const std::string& path, const JsonLimits& limits,
                                ProgressReporter* progress) {
  return is_yaml_path(path) ? load_yaml_file(path, limits) : JsonDocument::load_file(path, limits, progress);
}

models::SitePtr load_site_file(const std::string& path, ProgressReporter* progress) {
  return std::make_shared<const models::Site>(models::load_site(load_document_file(path, {}, progress)));
}

} // namespace zonepath::interchange
