"""The JSON Schemas of docs/schema against the real documents: every bundled site, scenario, raw
graph and model file, every `--json` output of every command on the example plants, the report
files of `analyze --out` and the files of `whatif --out`, `compare --out` and `plan --out`.
Invalid example sites whose fault is structural must fail the site schema at the faulty place.
Validation is Debian's python3-jsonschema (draft 2020-12)."""
import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, run_json

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_DIR = SOURCE_DIR / "docs" / "schema"
DATA = SOURCE_DIR / "tests" / "data"
SITES = sorted(EXAMPLES.glob("*.json"))
SAMPLES = ("--samples", "50")

# The document each command prints with --json (catalog: one per catalog name).
COMMAND_SCHEMAS = {
    "validate": "validate", "flows": "flows", "analyze": "report-v1", "render": "render", "gaps": "gaps",
    "soa": "soa", "crs": "crs", "paths": "paths", "cut": "cut", "reach": "reach", "simulate": "simulate",
    "whatif": "whatif", "compare": "compare", "change": "change-impact", "plan": "plan", "batch": "batch",
    "import": "import", "export": "export",
    "generate": "generate", "catalog": "catalog", "drift": "drift", "serve": "serve",
}
CATALOGS = ["requirements", "component-requirements", "protocols", "techniques", "tactics", "asset-types",
            "zone-kinds", "iso27001"]

# Invalid example sites whose fault a schema can see (types, ranges, enums, patterns, required and
# unknown keys); the others are faults of references (unknown or duplicate ids), which only
# `zonepath validate` sees.
STRUCTURAL_BAD = ["01-near-miss-key", "03-invalid-id", "08-sl-value-5", "09-sl-vector-6-entries",
                  "10-sl-c-entry-5", "11-severity-0", "12-severity-6", "13-port-0", "14-port-70000",
                  "15-unknown-protocol-no-port", "16-action-permit", "20-unknown-requirement",
                  "21-compensating-no-change-record", "22-malformed-cvss", "23-wrong-type", "24-wrong-schema",
                  "25-unknown-asset-type", "29-negative-cost"]


@pytest.fixture(scope="module")
def store():
    out = {}
    for f in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(f.read_text())
        out[schema["$id"]] = schema
    return out


def errors(store, name, instance):
    schema = store[name + ".schema.json"]
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


def check(store, name, instance, what):
    errs = errors(store, name, instance)
    text = "\n".join(f"  /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errs[:10])
    assert not errs, f"{what} does not match {name}.schema.json ({len(errs)} errors):\n{text}"


def load(path):
    return json.loads(Path(path).read_text())


def first_threat(site):
    return load(site)["threat_actors"][0]["id"]


# ---------------------------------------------------------------- the schema files themselves

def test_every_schema_is_a_valid_draft_2020_12_schema_named_after_its_file(store):
    files = sorted(SCHEMA_DIR.glob("*.schema.json"))
    assert len(files) == len(store)
    for f in files:
        schema = load(f)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", f.name
        assert schema["$id"] == f.name
        jsonschema.Draft202012Validator.check_schema(schema)


def test_formats_pages_document_every_schema_file():
    # docs/formats.md (index, sites), formats-documents.md and formats-outputs.md
    text = "".join(p.read_text() for p in sorted((SOURCE_DIR / "docs").glob("formats*.md")))
    named = set(re.findall(r"schema/([a-z0-9-]+\.schema\.json)", text))
    present = {f.name for f in SCHEMA_DIR.glob("*.schema.json")}
    assert present - named == set(), "schemas not described in docs/formats*.md"
    assert named - present == set(), "docs/formats*.md name schemas that do not exist"


def test_every_command_with_json_output_has_a_schema():
    _, out, _ = run("--help", check=0)
    commands = re.findall(r"^  ([a-z][a-z0-9-]*)\s", out.split("Subcommands:")[1], re.M)
    assert "validate" in commands
    for cmd in commands:
        _, help_text, _ = run(cmd, "--help", check=0)
        if "--json" in help_text:
            assert cmd in COMMAND_SCHEMAS, f"`zonepath {cmd} --json` has no schema in docs/schema"


# ---------------------------------------------------------------- bundled input files

@pytest.mark.parametrize("path", SITES + [DATA / "import" / "plant-base.json", DATA / "render" / "small-plant.json",
                                  DATA / "soa" / "small-plant.json"],
                         ids=lambda p: p.name)
def test_bundled_sites_match_the_site_schema(store, path):
    check(store, "site-v1", load(path), path)


@pytest.mark.parametrize("path", sorted((EXAMPLES / "scenarios").glob("*.json")), ids=lambda p: p.name)
def test_bundled_scenarios_match_the_scenario_schema(store, path):
    check(store, "scenario", load(path), path)


@pytest.mark.parametrize("path", [DATA / "graphs" / "dbca.json", DATA / "reach" / "design_example.json"],
                         ids=lambda p: p.name)
def test_bundled_graphs_match_the_graph_schema(store, path):
    check(store, "graph-v1", load(path), path)


def test_default_models_match_their_schemas(store):
    check(store, "cost-model", load(SOURCE_DIR / "scenarios" / "data" / "cost-model.json"), "cost-model.json")
    check(store, "threat-model", load(SOURCE_DIR / "models" / "data" / "threat-model.json"), "threat-model.json")
    check(store, "consequence-model", load(SOURCE_DIR / "models" / "data" / "consequence-model.json"),
          "consequence-model.json")


@pytest.mark.parametrize("name", STRUCTURAL_BAD)
def test_structurally_invalid_sites_fail_the_site_schema_where_zonepath_does(store, name):
    expected = load(EXAMPLES / "bad" / "expected.json")[name + ".json"]["pointer"]
    errs = errors(store, "site-v1", load(EXAMPLES / "bad" / (name + ".json")))
    assert errs, f"{name}.json passes the site schema"
    # The schema reports the faulty value or the object holding it (an unknown or missing key
    # is an error of its object): either way on the path to zonepath's JSON pointer.
    pointers = ["/" + "/".join(map(str, e.absolute_path)) if e.absolute_path else "" for e in errs]
    assert any(expected == p or expected.startswith(p + "/") for p in pointers), (expected, pointers)


def test_site_schema_allows_x_keys_everywhere_and_nothing_else(store):
    site = load(EXAMPLES / "water-treatment.json")
    site["x-top"] = 1
    site["zones"][0]["x-note"] = {"any": ["thing"]}
    next(a for a in site["assets"] if a.get("services"))["services"][0]["x-seen"] = "2024-01-01"
    site["conduits"][0]["rules"][0]["x-ticket"] = 7
    check(store, "site-v1", site, "site with x- keys")
    site["conduits"][0]["rules"][0]["ticket"] = 7
    [err] = errors(store, "site-v1", site)
    assert list(err.absolute_path) == ["conduits", 0, "rules", 0]


# ---------------------------------------------------------------- command outputs

@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_site_commands_json(store, site, tmp_path):
    threat = first_threat(site)
    check(store, "validate", run_json("validate", site), "validate")
    check(store, "flows", run_json("flows", site), "flows")
    check(store, "gaps", run_json("gaps", site, *SAMPLES), "gaps")
    check(store, "soa", run_json("soa", site, *SAMPLES), "soa")
    check(store, "crs", run_json("crs", site, *SAMPLES), "crs")
    report = run_json("analyze", site, *SAMPLES)
    check(store, "report-v1", report, "analyze")
    check(store, "paths", run_json("paths", site, "--threat", threat, "-k", "3"), "paths")
    check(store, "paths", run_json("paths", site, "--threat", threat, "--by", "time"), "paths --by time")
    check(store, "reach", run_json("reach", site, "--threat", threat, "--to", *report["crown_jewels"][:2],
                                   *SAMPLES), "reach")
    check(store, "simulate", run_json("simulate", site, "--threat", threat, *SAMPLES), "simulate")
    check(store, "cut", run_json("cut", site, "--threat", threat), "cut")
    # A node cut cannot separate a target the start attacks directly (an Internet-facing mail
    # server that is a crown jewel by confidentiality): cut the process-side crown jewels.
    process = [j for j, why in zip(report["crown_jewels"], report["crown_jewel_reasons"])
               if "safety" in why or "production" in why or "environment" in why]
    assert process
    check(store, "cut", run_json("cut", site, "--threat", threat, "--nodes", "--to", *process), "cut --nodes")
    check(store, "render", run_json("render", site, "--threat", threat, "-o", tmp_path / "d.dot"), "render")
    check(store, "export", run_json("export", site, "-o", tmp_path / "s.graphml"), "export")
    check(store, "export", run_json("export", site, "--graph", "attack", "--threat", threat, "--format", "json",
                                    "-o", tmp_path / "a.json"), "export attack")
    check(store, "graph-v1", load(tmp_path / "a.json"), "exported attack graph")
    check(store, "export", run_json("export", site, "--rules", "nftables", "-o", tmp_path / "r.json"), "export rules")


def test_validate_json_with_graphs_and_errors(store):
    bad = EXAMPLES / "bad"
    code, out, _ = run("validate", SITES[0], DATA / "graphs" / "dbca.json", bad / "02-duplicate-id.json",
                       bad / "truncated.json", "--json")
    assert code == 1
    doc = json.loads(out)
    check(store, "validate", doc, "validate with errors")
    assert [f["valid"] for f in doc["files"]] == [True, True, False, False]


def test_graph_commands_json(store):
    graph = DATA / "graphs" / "dbca.json"
    check(store, "paths", run_json("paths", graph, "--from", "D", "-k", "2"), "paths on a graph")
    exact = run_json("reach", graph, "--from", "D", "--to", "A", "B")
    assert exact["method"] == "exact"
    check(store, "reach", exact, "exact reach")
    check(store, "reach", run_json("reach", graph, "--from", "D", "--to", "A", *SAMPLES), "Monte Carlo reach")
    horizon = run_json("simulate", graph, "--from", "D", "--horizon-days", "3", *SAMPLES)
    check(store, "simulate", horizon, "simulate with a horizon")
    check(store, "cut", run_json("cut", graph, "--from", "D", "--to", "A"), "cut on a graph")


def test_analyze_out_report_json(store, tmp_path):
    site = EXAMPLES / "water-treatment.json"
    run("analyze", site, *SAMPLES, "--out", tmp_path / "out", "--format", "json", check=0)
    check(store, "report-v1", load(tmp_path / "out" / "report.json"), "report.json")


def test_catalogs_json(store):
    check(store, "catalog", run_json("catalog"), "catalog")
    for name in CATALOGS:
        check(store, "catalog-" + name, run_json("catalog", name), "catalog " + name)


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_whatif_json(store, site):
    prefix = {"water-treatment": "water", "pharma-batch": "pharma", "oil-gas-unit": "oil"}[site.stem]
    scenarios = sorted((EXAMPLES / "scenarios").glob(prefix + "-*.json"))
    assert scenarios
    check(store, "whatif", run_json("whatif", site, *scenarios, *SAMPLES), "whatif " + site.stem)


def test_whatif_out_files(store, tmp_path):
    scenario = EXAMPLES / "scenarios" / "pharma-legacy-ews-compensating.json"
    run("whatif", EXAMPLES / "pharma-batch.json", scenario, *SAMPLES, "--out", tmp_path, check=0)
    check(store, "whatif", load(tmp_path / "whatif.json"), "whatif.json")
    check(store, "report-v1", load(tmp_path / "baseline.report.json"), "baseline.report.json")
    sc = load(scenario)["id"]
    check(store, "whatif-scenario", load(tmp_path / (sc + ".json")), sc + ".json")


@pytest.mark.parametrize("path", sorted((EXAMPLES / "changes").glob("*.json")) + [DATA / "change" / "open-rule.json"],
                         ids=lambda p: p.name)
def test_bundled_change_requests_match_the_change_schema(store, path):
    check(store, "change", load(path), path)


def test_change_json_and_out_file(store, tmp_path):
    change = EXAMPLES / "changes" / "pharma-vendor-session.json"
    doc = run_json("change", EXAMPLES / "pharma-batch.json", change, *SAMPLES, "--out", tmp_path)
    check(store, "change-impact", doc, "change --json")
    check(store, "change-impact", load(tmp_path / "change-impact.json"), "change-impact.json")
    assert doc["risk"] and doc["reverify"] and doc["iso27001"] and doc["diff"]["paths_appeared"]


@pytest.mark.parametrize("log", ["conn-plant.log", "conn-plant.json"])
def test_drift_json_and_out_files(store, log, tmp_path):
    for site in SITES:
        doc = run_json("drift", site, "--observed", DATA / "zeek" / log, "--out", tmp_path / site.stem)
        check(store, "drift", doc, "drift " + site.stem)
        check(store, "drift", load(tmp_path / site.stem / "drift.json"), "drift.json")
        check(store, "scenario", load(tmp_path / site.stem / "tighten.json"), "tighten.json")
    assert doc["violations"] and doc["unknown_hosts"] and doc["unexpected_ports"] and doc["scenario"]["rules_removed"]


def test_compare_json_and_out_file(store, tmp_path):
    doc = run_json("compare", EXAMPLES / "water-treatment.json", EXAMPLES / "pharma-batch.json", *SAMPLES,
                   "--out", tmp_path)
    check(store, "compare", doc, "compare")
    check(store, "compare", load(tmp_path / "compare.json"), "compare.json")


def test_plan_json_and_out_files(store, tmp_path):
    doc = run_json("plan", EXAMPLES / "water-treatment.json", "--threat", "ta-hacktivist", "--max-actions", "3",
                   *SAMPLES, "--out", tmp_path)
    assert doc["actions"]
    check(store, "plan", doc, "plan")
    check(store, "plan", load(tmp_path / "plan.json"), "plan.json")
    check(store, "scenario", load(tmp_path / "plan.scenario.json"), "plan.scenario.json")


def test_batch_generate_import_json(store, tmp_path):
    gen = tmp_path / "sites" / "gen.json"
    gen.parent.mkdir()
    check(store, "generate", run_json("generate", "--assets", "150", "--seed", "5", "-o", gen), "generate")
    check(store, "site-v1", load(gen), "generated segmented site")
    flat = tmp_path / "flat.json"
    run("generate", "--assets", "120", "--shape", "flat", "-o", flat, check=0)
    check(store, "site-v1", load(flat), "generated flat site")
    doc = run_json("batch", gen.parent, "--db", tmp_path / "b.sqlite", "--samples", "20", "--no-progress")
    assert doc["ok"] == doc["jobs"] > 0
    check(store, "batch", doc, "batch")

    d = DATA / "import"
    imported = tmp_path / "imported.json"
    doc = run_json("import", d / "inventory-messy.csv", d / "icsa-23-348-15.json", d / "icsa-24-324-01.json",
                   d / "icsa-24-214-09.json", d / "iptables-ops-fw.txt", d / "rules-ent-dmz.csv",
                   "--into", d / "plant-base.json", "--zone-map", d / "zone-map.csv", "-o", imported)
    assert {f["kind"] for f in doc["files"]} == {"inventory", "csaf", "iptables", "rules"}
    check(store, "import", doc, "import")
    check(store, "site-v1", load(imported), "imported site")
    doc = run_json("import", d / "inventory-messy.csv", d / "pfsense-ops-fw.xml", d / "nftables-ops-fw.json",
                   d / "nmap-plant.xml",
                   "--into", d / "plant-base.json", "--zone-map", d / "zone-map.csv", "-o", imported)
    assert {f["kind"] for f in doc["files"]} == {"inventory", "pfsense", "nftables", "nmap"}
    check(store, "import", doc, "import firewall configurations")
    check(store, "site-v1", load(imported), "site with imported firewall configurations")
