// zonepath validate FILE...: checks site models (and raw graphs) and lists every error.
#include <iostream>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/warnings.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/governance.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/scenarios/plan_cost_model.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::validate_command {
namespace {

struct Outcome {
  nlohmann::json summary;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};

// How many temporary rules, conduits and assets are scheduled, active and expired on the
// assessment day: an expired vendor session or bypass is still configured and worth a look
// before the model goes further.
nlohmann::json temporary_counts(const models::Site& site) {
  std::size_t scheduled = 0, active = 0, expired = 0;
  for (const auto& e : models::temporary_elements(site, site.as_of)) {
    switch (e.state) {
    case models::TemporalState::Scheduled:
      ++scheduled;
      break;
    case models::TemporalState::Active:
      ++active;
      break;
    case models::TemporalState::Expired:
      ++expired;
      break;
    }
  }
  return {{"scheduled", scheduled}, {"active", active}, {"expired", expired}};
}

// "; temporary elements on 2026-12-05: 0 scheduled, 1 active, 1 expired", or nothing when the
// site has none.
std::string temporary_text(const nlohmann::json& summary) {
  const auto& t = summary["temporary"];
  std::size_t scheduled = t["scheduled"], active = t["active"], expired = t["expired"];
  if (scheduled + active + expired == 0) return {};
  if (summary["as_of"].is_null())
    return "; temporary elements: " + std::to_string(active) + " (no assessment date: all counted in force)";
  return "; temporary elements on " + summary["as_of"].get<std::string>() + ": " + std::to_string(scheduled) +
         " scheduled, " + std::to_string(active) + " active, " + std::to_string(expired) + " expired";
}

Outcome check_file(const std::string& path, const std::optional<models::Date>& as_of) {
  Outcome out;
  try {
    JsonDocument doc = interchange::load_document_file(path, {}, progress());
    const auto& root = doc.root();
    bool graph = root.is_object() && root.value("schema", nlohmann::json()) == kGraphSchema;
    if (graph) {
      AttackGraph g = load_graph(doc);
      out.summary = {{"schema", kGraphSchema}, {"nodes", g.node_count()}, {"edges", g.edge_count()}};
    } else {
      models::Site site = models::load_site(doc);
      if (as_of) site.as_of = as_of;
      out.warnings = site.warnings;
      (void)scenarios::load_site_cost_model(doc); // models.cost lives above the site loader
      out.summary = {{"schema", models::kSiteSchema},
                     {"zones", site.zones.size()},
                     {"assets", site.assets.size()},
                     {"conduits", site.conduits.size()},
                     {"threat_actors", site.threat_actors.size()},
                     {"as_of", site.as_of ? nlohmann::json(site.as_of->text()) : nlohmann::json()},
                     {"temporary", temporary_counts(site)}};
    }
  } catch (const ParseError& e) {
    out.errors.push_back(e.diagnostic());
  } catch (const ValidationError& e) {
    out.errors = e.diagnostics();
  }
  return out;
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "validate", "Check site models (and raw graphs): every error and warning with file, JSON "
                  "pointer, line and column. Exit 0 when all are valid, 1 otherwise.");
  auto files = std::make_shared<std::vector<std::string>>();
  auto as_json = std::make_shared<bool>(false);
  auto strict = std::make_shared<bool>(false);
  auto as_of = std::make_shared<std::optional<models::Date>>();
  sub->add_option("FILE", *files, "site.json or graph.json files")->required();
  sub->add_flag("--json", *as_json, "print the result as JSON on stdout");
  sub->add_flag("--strict", *strict, "treat warnings as errors (exit 1 when there is any)");
  add_as_of_option(*sub, *as_of);
  sub->footer("Examples:\n  zonepath validate scenarios/examples/water-treatment.json\n"
              "  zonepath validate --strict site.json   # for CI: a warning fails the check\n"
              "  zonepath validate scenarios/examples/pharma-batch.json --as-of 2026-12-08");
  sub->callback([files, as_json, strict, as_of] {
    set_warning_sink({}); // validate lists the warnings itself, with the errors
    bool all_ok = true;
    nlohmann::json report = nlohmann::json::array();
    // Validation prints as it goes, so each file is a phase of its own that ends before its lines.
    for (const auto& path : *files) {
      Outcome o = [&] {
        const ProgressPhase load(progress(), "validate " + path);
        return check_file(path, *as_of);
      }();
      bool valid = o.errors.empty() && !(*strict && !o.warnings.empty());
      all_ok = all_ok && valid;
      if (*as_json) {
        report.push_back({{"file", path},
                          {"valid", valid},
                          {"summary", o.summary},
                          {"errors", o.errors},
                          {"warnings", o.warnings}});
        continue;
      }
      if (o.errors.empty()) {
        std::cout << path << ": " << (valid ? "ok" : "warnings are errors (--strict)");
        if (o.summary.contains("zones"))
          std::cout << " (" << o.summary["zones"] << " zones, " << o.summary["assets"] << " assets, "
                    << o.summary["conduits"] << " conduits, " << o.summary["threat_actors"]
                    << " threat actors)" << temporary_text(o.summary);
        else
          std::cout << " (" << o.summary["nodes"] << " nodes, " << o.summary["edges"] << " edges)";
        std::cout << '\n';
      } else {
        std::cerr << path << ": " << o.errors.size() << (o.errors.size() == 1 ? " error\n" : " errors\n");
        for (const auto& d : o.errors) std::cerr << "  " << d.format() << '\n';
      }
      if (!o.warnings.empty()) {
        std::ostream& os = valid ? std::cout : std::cerr;
        os << path << ": " << o.warnings.size() << (o.warnings.size() == 1 ? " warning\n" : " warnings\n");
        for (const auto& d : o.warnings) os << "  warning: " << d.format() << '\n';
      }
    }
    if (*as_json) print_json({{"valid", all_ok}, {"files", report}});
    if (!all_ok) throw ExitCode{1};
  });
}

const bool registered = register_command("validate", 10, attach);

} // namespace
} // namespace zonepath::cli::validate_command
