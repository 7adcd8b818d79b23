// Sections of report.html, each appending escaped HTML to `out`.
#pragma once

#include <string>

#include "zonepath/models/consequence_model.hpp"
#include "zonepath/render/report_html.hpp"

namespace zonepath::render::detail {

extern const char* const kReportCss;
extern const char* const kReportJs;

struct HtmlContext {
  const models::Site& site;
  const models::Report& report;
  const HtmlReportOptions& options;
  models::ConsequenceModel consequence;
};

void html_summary(std::string& out, const HtmlContext& ctx);
void html_heat_map(std::string& out, const HtmlContext& ctx);
void html_assessment(std::string& out, const HtmlContext& ctx);
void html_risk_matrix(std::string& out, const HtmlContext& ctx);
void html_register(std::string& out, const HtmlContext& ctx);
void html_targets(std::string& out, const HtmlContext& ctx);
void html_paths(std::string& out, const HtmlContext& ctx);
void html_findings(std::string& out, const HtmlContext& ctx);
void html_recommendations(std::string& out, const HtmlContext& ctx);
void html_soa(std::string& out, const HtmlContext& ctx);
void html_diagrams(std::string& out, const HtmlContext& ctx);

} // namespace zonepath::render::detail
