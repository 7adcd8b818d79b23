// zonepath import FILE... --into SITE: asset inventories, CISA CSAF advisories and firewall
// rules (CSV rule table or iptables-save) merged into a site model, written atomically.
#include <iostream>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/interchange/yaml_document.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::import_command {
namespace {

using nlohmann::json;

void print_notes(const json& notes, const char* indent) {
  for (const auto& n : notes) {
    std::cout << indent << n["level"].get<std::string>() << ": " << n["file"].get<std::string>();
    if (n["line"].get<int>() > 0) std::cout << ":" << n["line"];
    std::cout << ": " << n["message"].get<std::string>();
    if (!n["value"].get<std::string>().empty()) std::cout << " [" << n["value"].get<std::string>() << "]";
    std::cout << '\n';
  }
}

void print_text(const json& report, const std::string& out_path, bool written) {
  for (const auto& f : report["files"]) {
    std::string kind = f["kind"];
    std::cout << f["file"].get<std::string>() << " (" << kind << ")\n";
    if (kind == "inventory") {
      std::cout << "  columns:";
      for (const auto& [field, header] : f["columns"].items())
        std::cout << " " << field << "=\"" << header.get<std::string>() << "\"";
      std::cout << "\n  " << f["rows"] << " rows: " << f["added"] << " assets added, " << f["updated"]
                << " updated, " << f["unplaced"].size() << " not placed\n";
      for (const auto& p : f["placed"])
        std::cout << "    line " << p["line"] << ": " << p["asset"].get<std::string>() << " -> zone "
                  << p["zone"].get<std::string>() << " (" << p["by"].get<std::string>() << "), type "
                  << p["type"].get<std::string>() << " (" << p["type_reason"].get<std::string>() << ")\n";
      for (const auto& u : f["unplaced"])
        std::cout << "    NOT PLACED line " << u["line"] << ": " << u["reason"].get<std::string>()
                  << (u["value"].get<std::string>().empty() ? "" : " [" + u["value"].get<std::string>() + "]")
                  << '\n';
    } else if (kind == "nmap") {
      std::cout << "  scan '" << f["scan"]["args"].get<std::string>() << "' " << f["hosts"]
                << " hosts up: " << f["added"] << " assets added, " << f["updated"] << " updated, "
                << f["unplaced"].size() << " not placed\n";
      for (const auto& p : f["placed"])
        std::cout << "    line " << p["line"] << ": " << p["ip"].get<std::string>() << " -> "
                  << p["asset"].get<std::string>() << " (" << p["action"].get<std::string>() << ", zone "
                  << p["zone"].get<std::string>() << " by " << p["by"].get<std::string>() << "), type "
                  << p["type"].get<std::string>() << ", " << p["services_added"] << " services added\n";
      for (const auto& u : f["unplaced"])
        std::cout << "    NOT PLACED line " << u["line"] << ": " << u["reason"].get<std::string>() << '\n';
    } else if (kind == "csaf") {
      std::cout << "  " << f["advisory"].get<std::string>() << " " << f["title"].get<std::string>() << ": "
                << f["products"] << " products, " << f["cves"] << " CVEs, " << f["attached"] << " attached\n";
      for (const auto& m : f["matches"])
        std::cout << "    MATCH " << m["asset"].get<std::string>() << " " << m["cve"].get<std::string>()
                  << " " << m["cvss"].get<std::string>() << " service "
                  << (m["service"].get<std::string>().empty() ? "(all)" : m["service"].get<std::string>())
                  << ": " << m["reason"].get<std::string>() << "; " << m["service_reason"].get<std::string>()
                  << (m["attached"].get<bool>()
                          ? ""
                          : " (not attached: " + m["not_attached"].get<std::string>() + ")")
                  << '\n';
      for (const auto& m : f["near_misses"])
        std::cout << "    near miss " << m["asset"].get<std::string>() << ": "
                  << m["reason"].get<std::string>() << '\n';
      if (f["near_misses_omitted"].get<std::size_t>() > 0)
        std::cout << "    (" << f["near_misses_omitted"] << " less similar near misses not listed)\n";
    } else {
      if (f.contains("interfaces"))
        for (const auto& i : f["interfaces"])
          std::cout << "  interface " << i["name"].get<std::string>()
                    << (i["descr"].get<std::string>().empty() ? ""
                                                              : " (" + i["descr"].get<std::string>() + ")")
                    << " -> "
                    << (i["zone"].get<std::string>().empty()
                            ? "no zone"
                            : "zone " + i["zone"].get<std::string>() + " by " + i["by"].get<std::string>())
                    << '\n';
      std::cout << "  " << f["rules_read"] << " rules read, " << f["rules"].size()
                << " conduit rules placed, " << f["skipped"].size() << " skipped\n";
      for (const auto& c : f["conduits_created"])
        std::cout << "    created conduit " << c["conduit"].get<std::string>() << '\n';
      for (const auto& c : f["conduits_replaced"])
        std::cout << "    replaced " << c["rules_removed"] << " existing rules of "
                  << c["conduit"].get<std::string>() << '\n';
      for (const auto& r : f["rules"]) {
        std::cout << "    line " << r["line"] << ": " << r["conduit"].get<std::string>() << " #"
                  << r["priority"] << " " << r["action"].get<std::string>() << " "
                  << r["from"].get<std::string>() << " -> " << r["to"].get<std::string>();
        if (r.contains("ports")) std::cout << " ports " << r["ports"].dump();
        if (r.contains("protocols")) std::cout << " " << r["protocols"].dump();
        std::cout << '\n';
      }
      for (const auto& s : f["skipped"])
        std::cout << "    SKIPPED line " << s["line"] << ": " << s["reason"].get<std::string>() << '\n';
    }
    print_notes(f["notes"], "  ");
  }
  print_notes(report["notes"], "");
  std::cout << (written ? "wrote " : "dry run, not written: ") << out_path << '\n';
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "import",
      "Merge asset inventories (CSV), Nmap scans (XML), CISA CSAF 2.0 advisories (JSON) and firewall rules "
      "(CSV rule table, iptables-save, nftables JSON, pfSense/OPNsense config.xml) into a site model; report "
      "every row placed, not placed, matched and nearly matched.");
  struct Args {
    std::vector<std::string> files, columns;
    std::string into, out, kind = "auto", zone_map, default_zone, conduit, delimiter;
    bool append = false, keep_subnets = false, unknown_affected = false, dry_run = false, json = false;
  };
  auto a = std::make_shared<Args>();
  sub->add_option(
         "FILE", a->files,
         "inventory.csv, advisory.json, rules.csv, iptables-save output, nft -j JSON, pfSense/OPNsense "
         "config.xml or nmap -oX scan.xml")
      ->required();
  sub->add_option("--into", a->into, "site model (JSON or YAML) to merge into")->required();
  sub->add_option("-o,--out", a->out,
                  "where to write the new site (default: overwrite --into); .yaml/.yml writes YAML");
  sub->add_option("--kind", a->kind,
                  "auto (default, by content), inventory, csaf, rules, iptables, pfsense, nftables or nmap");
  sub->add_option("--zone-map", a->zone_map, "CSV with columns zone and subnet, vlan or interface");
  sub->add_option("--column", a->columns,
                  "inventory column mapping FIELD=HEADER (fields: ip hostname id vendor "
                  "model firmware type ports vlan subnet zone)");
  sub->add_option("--default-zone", a->default_zone,
                  "zone for inventory rows and scanned hosts that no subnet or VLAN places");
  sub->add_option("--conduit", a->conduit,
                  "place every firewall rule on this conduit (rules between its zones only)");
  sub->add_flag("--append-rules", a->append,
                "keep the conduits' existing rules (default: imported rules replace them)");
  sub->add_flag("--keep-subnets", a->keep_subnets,
                "a rule side that is a subnet inside a zone stays a zone-level side (default: the modelled "
                "hosts in the subnet, with a warning per rule)");
  sub->add_option("--delimiter", a->delimiter, "CSV separator: ',', ';' or 'tab' (default: detected)");
  sub->add_flag("--unknown-version-affected", a->unknown_affected,
                "count assets without a known version as affected (default: near miss)");
  sub->add_flag("--dry-run", a->dry_run, "report only, write nothing");
  sub->add_flag("--json", a->json, "print the import report as JSON on stdout");
  sub->footer(
      "Examples:\n"
      "  zonepath import inventory.csv --into plant.json --zone-map zones.csv -o plant-imported.json\n"
      "  zonepath import icsa-23-348-15.json iptables.txt --into plant.yaml --json");
  sub->callback([a] {
    interchange::ImportOptions o;
    o.kind = interchange::parse_import_kind(a->kind);
    o.zone_map = a->zone_map;
    if (a->delimiter == "tab" || a->delimiter == "\\t")
      o.delimiter = '\t';
    else if (a->delimiter.size() == 1)
      o.delimiter = a->delimiter[0];
    else if (!a->delimiter.empty())
      throw CLI::ValidationError("--delimiter", "use one character or 'tab'");
    for (const auto& c : a->columns) {
      auto eq = c.find('=');
      if (eq == std::string::npos || eq == 0)
        throw CLI::ValidationError("--column", "expected FIELD=HEADER, got '" + c + "'");
      o.inventory.columns[c.substr(0, eq)] = c.substr(eq + 1);
    }
    o.inventory.default_zone = a->default_zone;
    o.csaf.unknown_version_affected = a->unknown_affected;
    o.rules.conduit = a->conduit;
    o.rules.append = a->append;
    o.rules.keep_subnets = a->keep_subnets;
    std::string out = a->out.empty() ? a->into : a->out;
    nlohmann::json site = [&] {
      const ProgressPhase load(progress(), "load site");
      return interchange::load_site_value(a->into, progress());
    }();
    o.progress = progress();
    interchange::ImportOutcome result = interchange::import_files(site, out, a->files, o);
    bool written = !a->dry_run;
    if (written) {
      std::string text =
          interchange::is_yaml_path(out) ? interchange::to_yaml(result.site) : result.site.dump(2) + "\n";
      write_file_atomic(out, text);
    }
    result.report["output"] = out;
    result.report["written"] = written;
    if (a->json)
      print_json(result.report);
    else
      print_text(result.report, out, written);
  });
}

const bool registered = register_command("import", 85, attach);

} // namespace
} // namespace zonepath::cli::import_command
