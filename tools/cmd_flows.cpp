// zonepath flows SITE: the access map, i.e. which flows the rules allow and by which rule.
#include <iomanip>
#include <iostream>

#include "command.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/models/access_map.hpp"
#include "zonepath/models/site_loader.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::flows_command {
namespace {

using models::Flow;
using models::Index;
using models::kNone;

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("flows", "Access map: every flow (source zone or asset -> destination asset, "
                                  "service) that the rules allow, with the conduit and rule that allow it.");
  struct Args {
    std::string site, from, to;
    bool json = false;
    std::optional<models::Date> as_of;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("SITE", args->site, "site model file")->required();
  sub->add_option("--from", args->from, "only flows starting in this zone");
  sub->add_option("--to", args->to, "only flows ending in this zone");
  add_as_of_option(*sub, args->as_of);
  sub->add_flag("--json", args->json, "print JSON on stdout");
  sub->footer("Example:\n  zonepath flows scenarios/examples/water-treatment.json --from enterprise --json");
  sub->callback([args] {
    auto site = models::with_as_of(interchange::load_site_file(args->site), args->as_of);
    Index from = kNone, to = kNone;
    if (!args->from.empty() && (from = site->zone_index(args->from)) == kNone)
      throw Error(args->site + ": --from: unknown zone '" + args->from + "'");
    if (!args->to.empty() && (to = site->zone_index(args->to)) == kNone)
      throw Error(args->site + ": --to: unknown zone '" + args->to + "'");
    auto map = models::AccessMap::compute(*site);
    nlohmann::json flows = nlohmann::json::array();
    for (const auto& f : map.flows()) {
      if (from != kNone && f.src_zone != from) continue;
      if (to != kNone && site->assets[f.dst_asset].zone != to) continue;
      flows.push_back(models::flow_to_json(*site, f));
    }
    if (args->json) {
      print_json({{"site", site->id}, {"count", flows.size()}, {"flows", flows}});
      return;
    }
    std::cout << flows.size() << " allowed flows\n";
    for (const auto& f : flows) {
      std::cout << "  " << f["from"].get<std::string>() << " -> " << f["to"].get<std::string>() << " "
                << f["protocol"].get<std::string>() << "/" << f["port"]
                << (f["transport"] == "udp" ? "/udp" : "") << "  via " << f["via"].get<std::string>();
      if (f["rule"].is_null())
        std::cout << " (" << f["reason"].get<std::string>() << ")";
      else
        std::cout << " rule #" << f["rule"]["index"] << " (priority " << f["rule"]["priority"] << ")";
      std::cout << '\n';
    }
  });
}

const bool registered = register_command("flows", 20, attach);

} // namespace
} // namespace zonepath::cli::flows_command
