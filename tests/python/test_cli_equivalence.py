"""Python results equal the CLI's --json documents for the example plants and the example
graph: same seed and samples give the same dicts, field for field (json.loads of the CLI
output against the dicts the bindings build from the same C++ values)."""
import json

import pytest

import zonepath
from conftest import GRAPH_EXAMPLE, cli, cli_json, example_sites

SITES = example_sites()


@pytest.mark.parametrize("path", SITES, ids=lambda p: p.stem)
def test_analyze_equals_cli(path):
    report = zonepath.load(path).analyze(samples=300, seed=11, paths=2)
    expected = cli_json("analyze", path, "--samples", 300, "--seed", 11, "-k", 2)
    assert report.to_dict() == expected
    assert report.schema == "zonepath/report/v1"
    assert [z["id"] for z in expected["zones"]] == report.zone_ids


def test_analyze_threat_subset_equals_cli():
    path = SITES[0]
    site = zonepath.load(path)
    threat = site.threat_actors[-1]
    report = site.analyze(threat, samples=500, seed=3)
    assert report.to_dict() == cli_json("analyze", path, "--threat", threat, "--samples", 500, "--seed", 3)
    assert [t["id"] for t in report.threats] == [threat]


@pytest.mark.parametrize("path", SITES, ids=lambda p: p.stem)
def test_flows_equal_cli(path):
    assert zonepath.load(path).flows() == cli_json("flows", path)["flows"]


def test_flows_filtered_equal_cli():
    path = SITES[0]
    site = zonepath.load(path)
    z = site.zones[2]
    assert site.flows(from_zone=z) == cli_json("flows", path, "--from", z)["flows"]
    assert site.flows(to_zone=z) == cli_json("flows", path, "--to", z)["flows"]


@pytest.mark.parametrize("path", SITES, ids=lambda p: p.stem)
def test_site_paths_reach_simulate_equal_cli(path):
    site = zonepath.load(path)
    threat = site.threat_actors[0]
    assert site.paths(threat, k=3) == cli_json("paths", path, "--threat", threat, "-k", 3)
    targets = site.crown_jewels[:2]
    assert site.reach(threat, targets, method="monte-carlo", samples=2000, seed=5) == \
        cli_json("reach", path, "--threat", threat, "--to", *targets, "--samples", 2000, "--seed", 5)
    assert site.simulate(threat, samples=500, seed=9, horizon_days=30) == \
        cli_json("simulate", path, "--threat", threat, "--samples", 500, "--seed", 9, "--horizon-days", 30)


def test_graph_queries_equal_cli():
    g = zonepath.Graph.load(GRAPH_EXAMPLE)
    src = g.nodes[0]
    assert g.paths(src, k=4) == cli_json("paths", GRAPH_EXAMPLE, "--from", src, "-k", 4)
    assert g.paths(src, by="time") == cli_json("paths", GRAPH_EXAMPLE, "--from", src, "--by", "time")
    targets = g.default_targets if g.default_targets else [g.nodes[-1]]
    # No --samples: the CLI's auto mode, exact on this small graph.
    assert g.reach(src, targets) == cli_json("reach", GRAPH_EXAMPLE, "--from", src, "--to", *targets)
    assert g.reach(src, targets, method="monte-carlo", samples=3000, seed=2) == \
        cli_json("reach", GRAPH_EXAMPLE, "--from", src, "--to", *targets, "--samples", 3000, "--seed", 2)
    assert g.simulate(src, samples=2000, seed=4, horizon_days=2.5) == \
        cli_json("simulate", GRAPH_EXAMPLE, "--from", src, "--samples", 2000, "--seed", 4, "--horizon-days", 2.5)


def test_validate_equals_cli_for_bad_examples():
    bad = sorted((SITES[0].parent / "bad").glob("[0-9]*.json"))
    assert bad, "no bad example files"
    for path in bad:
        expected = cli_json_allow_fail("validate", path)
        errors = zonepath.validate(path)
        assert errors == expected["files"][0]["errors"], path.name
        assert errors, path.name


def cli_json_allow_fail(*args):
    """`validate` exits 1 for invalid files, after printing its JSON."""
    return json.loads(cli(*args, "--json", check=None)[1])


def test_dict_and_file_give_the_same_report():
    path = SITES[0]
    from_file = zonepath.load(path)
    from_dict = zonepath.load(json.loads(path.read_text()))
    assert from_dict.analyze("ta-apt", samples=200, seed=4) == from_file.analyze("ta-apt", samples=200, seed=4)
