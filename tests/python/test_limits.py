"""Every limit of the table in docs/security.md holds in the CLI and in the Python module alike:
one past the documented value is refused by both (the value is read from the page, so the
page and the code cannot drift apart), and the value itself is accepted where that is cheap to
run. Plus the Python-only hostile inputs: self-referencing and 100,000-deep values, strings and
floats where numbers are expected, and threads writing reports into one directory."""
import json
import re
import threading

import pytest

import zonepath
from conftest import SOURCE_DIR, cli

SMALL = SOURCE_DIR / "tests" / "data" / "render" / "small-plant.json"
HOSTILE = SOURCE_DIR / "tests" / "data" / "hostile"


def documented_limits():
    text = (SOURCE_DIR / "docs" / "security.md").read_text()
    section = text[text.index("## Resource limits"):]
    section = section[:section.index("\n## ", 5)]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("limit", "---"):
            rows[cells[0]] = int(re.match(r"\d+", cells[1]).group(0))
    return rows


LIMITS = documented_limits()


def small():
    return json.loads(SMALL.read_text())


def refused_by_cli(*args, code=1, text=""):
    got, out, err = cli(*args, check=None)
    assert got == code, (args, out, err)
    assert text in err, err


def nested(depth):
    value = 0
    for _ in range(depth):
        value = [value]
    return value


# --- one check per documented limit ---------------------------------------------------------

def check_input_file_size(limit, tmp_path):
    path = tmp_path / "sparse.json"
    with open(path, "wb") as f:
        f.truncate(limit + 1)  # sparse: nothing is stored, the size alone is refused
    refused_by_cli("validate", path, text=f"exceeds the limit of {limit} bytes")
    with pytest.raises(zonepath.ParseError, match=f"exceeds the limit of {limit} bytes"):
        zonepath.load(path)


def check_nesting_depth(limit, tmp_path):
    site = small()
    site["x-deep"] = nested(limit - 1)  # the document itself is the first level
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(site))
    cli("validate", ok)
    zonepath.load(ok)
    zonepath.load(site)
    site["x-deep"] = nested(limit)
    deep = tmp_path / "deep.json"
    deep.write_text(json.dumps(site))
    refused_by_cli("validate", deep, text=f"nesting deeper than the limit of {limit} levels")
    with pytest.raises(zonepath.ParseError, match=f"limit of {limit} levels"):
        zonepath.load(deep)
    with pytest.raises(zonepath.ParseError, match=f"limit of {limit} levels"):
        zonepath.load(site)


def check_id_length(limit, tmp_path):
    site = small()
    site["threat_actors"][0]["id"] = "a" * limit
    zonepath.load(site)
    site["threat_actors"][0]["id"] = "a" * (limit + 1)
    path = tmp_path / "long-id.json"
    path.write_text(json.dumps(site))
    got, out, err = cli("validate", path, check=1)
    assert f"1 to {limit} characters" in out + err
    with pytest.raises(zonepath.ValidationError, match=f"1 to {limit} characters"):
        zonepath.load(site)


def check_services_per_asset(limit, tmp_path):
    site = small()
    site["assets"][0]["services"] = [{"protocol": "custom", "port": 1 + i} for i in range(limit)]
    zonepath.load(site)
    site["assets"][0]["services"].append({"protocol": "custom", "port": limit + 1})
    path = tmp_path / "services.json"
    path.write_text(json.dumps(site))
    message = f"{limit + 1} services exceed the limit of {limit} per asset"
    got, out, err = cli("validate", path, check=1)
    assert message in out + err and "/assets/0/services" in out + err
    with pytest.raises(zonepath.ValidationError, match=message):
        zonepath.load(site)


def check_inlined_firewall_rules(limit, tmp_path):
    # CLI only: the Python module has no importer. Four chains of 10 jumps inline 10^4 rules
    # (accepted); the bomb of tests/data/hostile inlines 30^5.
    lines = ["*filter", ":FORWARD DROP [0:0]"] + [f":L{i} - [0:0]" for i in range(1, 5)]
    lines += ["-A FORWARD -j L1"] * 10 + [f"-A L{i} -j L{i + 1}" for i in range(1, 4) for _ in range(10)]
    lines += ["-A L4 -s 10.1.0.5 -d 10.2.0.10 -p tcp --dport 443 -j ACCEPT", "COMMIT"]
    ok = tmp_path / "ok.iptables"
    ok.write_text("\n".join(lines) + "\n")
    base = SOURCE_DIR / "tests" / "data" / "import" / "plant-base.json"
    cli("import", ok, "--into", base, "-o", tmp_path / "ok.json")
    refused_by_cli("import", HOSTILE / "chain-bomb.iptables", "--into", base, "-o", tmp_path / "bomb.json",
                   text=f"more than {limit} rules")


def check_json_patch_copies(limit, tmp_path):
    scenario = json.loads((HOSTILE / "copy-bomb.scenario.json").read_text())
    refused_by_cli("whatif", SMALL, HOSTILE / "copy-bomb.scenario.json", "--samples", "10",
                   text=f"at least {limit}")
    with pytest.raises(zonepath.LimitError, match=f"at least {limit}"):
        zonepath.load(SMALL).apply(scenario)
    # 16 doublings of 9 values stay within the budget (9 x (2^16 - 1) < 10^6).
    scenario["operations"][0]["patch"] = scenario["operations"][0]["patch"][:17]
    zonepath.load(SMALL).apply(scenario)


def check_monte_carlo_samples(limit, tmp_path):
    refused_by_cli("analyze", SMALL, "--samples", limit + 1, code=2, text="samples")
    with pytest.raises(zonepath.LimitError, match=f"samples must be within 1 .. {limit}"):
        zonepath.load(SMALL).analyze(samples=limit + 1)
    with pytest.raises(zonepath.LimitError, match=f"1 .. {limit}"):
        zonepath.load(SMALL).simulate("apt", samples=limit + 1)


def check_samples_x_targets(limit, tmp_path):
    # All five assets as targets: samples x 5 just past the limit.
    samples = limit // 5 + 1
    targets = ["pc-1", "web-1", "hist-1", "ews-1", "plc-1"]
    args = [a for t in targets for a in ("--to", t)]
    refused_by_cli("simulate", SMALL, "--threat", "apt", *args, "--samples", samples, text=f"limit of {limit}")
    with pytest.raises(zonepath.LimitError, match=f"limit of {limit}"):
        zonepath.load(SMALL).simulate("apt", targets, samples=samples)


def check_paths_per_target(limit, tmp_path):
    refused_by_cli("paths", SMALL, "--threat", "apt", "-k", limit + 1, code=2, text="-k")
    refused_by_cli("analyze", SMALL, "-k", limit + 1, code=2, text="paths")
    site = zonepath.load(SMALL)
    with pytest.raises(zonepath.LimitError, match=f"0 .. {limit}"):
        site.paths("apt", k=limit + 1)
    with pytest.raises(zonepath.LimitError, match=f"0 .. {limit}"):
        site.analyze(samples=10, paths=limit + 1)
    assert len(site.paths("apt", "plc-1", k=limit)["paths"]) >= 1


def check_exact_reach_uncertain_edges(limit, tmp_path):
    refused_by_cli("reach", SMALL, "--threat", "apt", "--exact-limit", limit + 1, code=2, text="exact-limit")
    with pytest.raises(zonepath.LimitError, match=f"0 .. {limit}"):
        zonepath.load(SMALL).reach("apt", method="exact", exact_limit=limit + 1)
    zonepath.load(SMALL).reach("apt", method="exact", exact_limit=limit)


def check_paths_drawn_in_a_diagram(limit, tmp_path):
    refused_by_cli("render", SMALL, "-o", tmp_path / "d.svg", "--paths", limit + 1, code=2, text="paths")
    with pytest.raises(zonepath.LimitError, match=f"0 .. {limit}"):
        zonepath.load(SMALL).render("apt", paths=limit + 1, format="dot", samples=10)


def check_nodes_of_a_laid_out_diagram(limit, tmp_path):
    site = small()
    site["zones"] += [{"id": f"z{i}", "kind": "operations"} for i in range(limit)]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(site))
    refused_by_cli("render", path, "-o", tmp_path / "wide.svg", "--view", "zones", "--samples", "10",
                   text=f"more than the {limit} Graphviz lays out")
    assert not (tmp_path / "wide.svg").exists()
    cli("render", path, "-o", tmp_path / "wide.dot", "--view", "zones", "--samples", "10")
    with pytest.raises(zonepath.LimitError, match=f"more than the {limit}"):
        zonepath.load(site).render("apt", view="zones", format="svg", samples=10)
    got, out, err = cli("analyze", path, "--out", tmp_path / "out", "--samples", "10", "--format", "html,svg")
    assert "report written without diagrams" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html"]


def check_planner_actions(limit, tmp_path):
    refused_by_cli("plan", SMALL, "--threat", "apt", "--max-actions", limit + 1, code=2, text="max-actions")
    with pytest.raises(zonepath.LimitError, match=f"0 .. {limit}"):
        zonepath.plan(SMALL, "apt", max_actions=limit + 1, samples=10)
    refused_by_cli("plan", SMALL, "--threat", "apt", "--budget", "-1", code=2, text="budget")
    with pytest.raises(zonepath.LimitError, match="budget"):
        zonepath.plan(SMALL, "apt", budget=-1, samples=10)


def check_distinct_techniques_in_a_graph(limit, tmp_path):
    def graph(count):
        return {"schema": "zonepath/graph/v1", "nodes": [{"id": "a", "prior": 1.0}, {"id": "b"}],
                "edges": [{"from": "a", "to": "b", "p": 0.5, "technique": f"T{i}"} for i in range(count)]}
    path = tmp_path / "techniques.json"
    path.write_text(json.dumps(graph(limit + 1)))
    message = f"more than {limit} distinct techniques in one graph"
    got, out, err = cli("paths", path, "--from", "a", check=1)
    assert message in err and f"/edges/{limit}/technique" in err, err
    with pytest.raises(zonepath.ValidationError, match=message):
        zonepath.Graph.from_dict(graph(limit + 1))
    assert zonepath.Graph.from_dict(graph(limit)).edge_count == limit


CHECKS = {
    "input file size": check_input_file_size,
    "nesting depth": check_nesting_depth,
    "id length": check_id_length,
    "services per asset": check_services_per_asset,
    "inlined firewall rules": check_inlined_firewall_rules,
    "JSON Patch copies": check_json_patch_copies,
    "Monte Carlo samples": check_monte_carlo_samples,
    "samples x targets (simulate)": check_samples_x_targets,
    "paths per target (k)": check_paths_per_target,
    "exact reach uncertain edges": check_exact_reach_uncertain_edges,
    "paths drawn in a diagram": check_paths_drawn_in_a_diagram,
    "nodes of a laid-out diagram": check_nodes_of_a_laid_out_diagram,
    "distinct techniques in a graph": check_distinct_techniques_in_a_graph,
    "planner actions": check_planner_actions,
}


def test_every_documented_limit_has_a_check():
    assert set(LIMITS) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_documented_limit_holds_in_cli_and_python(name, tmp_path):
    CHECKS[name](LIMITS[name], tmp_path)


# --- Python values -------------------------------------------------------------------------

def test_self_referencing_values_raise_instead_of_crashing():
    site = small()
    site["x-self"] = site
    with pytest.raises(zonepath.ParseError, match="contains itself"):
        zonepath.load(site)
    loop = []
    loop.append(loop)
    site = small()
    site["x-loop"] = loop
    with pytest.raises(zonepath.ParseError, match="contains itself"):
        zonepath.load(site)
    site["x-loop"] = nested(100_000)
    with pytest.raises(zonepath.ParseError, match="nesting deeper"):
        zonepath.load(site)


def test_python_values_without_a_json_form_are_located():
    # JSON text has neither infinities nor lone surrogates, but a Python value can hold both
    # (a surrogate is what surrogateescape leaves of undecodable bytes).
    site = small()
    site["zones"][1]["sl_t"] = float("inf")
    with pytest.raises(zonepath.ValidationError, match=r"/zones/1/sl_t: number is not finite \(value: inf\)"):
        zonepath.load(site)
    site = small()
    site["zones"][1]["name"] = "caf\udce9"
    with pytest.raises(ValueError, match="not valid Unicode .* at /zones/1/name"):
        zonepath.load(site)
    site = small()
    site["x-caf\udce9"] = 1
    with pytest.raises(ValueError, match="not valid Unicode .* at /$"):
        zonepath.load(site)


@pytest.mark.parametrize("value", ["10", 1.5, True, None])
def test_numbers_are_not_converted_from_other_types(value):
    site = zonepath.load(SMALL)
    with pytest.raises(TypeError, match="samples must be an integer"):
        site.analyze(samples=value)


def test_budget_must_be_a_finite_number():
    with pytest.raises(ValueError, match="finite"):
        zonepath.plan(SMALL, "apt", budget=float("nan"), samples=10)
    with pytest.raises(TypeError, match="budget must be a number"):
        zonepath.plan(SMALL, "apt", budget="60", samples=10)


def test_no_report_format_is_an_error(tmp_path):
    report = zonepath.load(SMALL).analyze(samples=10)
    with pytest.raises(ValueError, match="no report format"):
        report.write(tmp_path / "out", "")
    assert not (tmp_path / "out").exists()


def test_threads_writing_reports_into_one_directory_lose_nothing(tmp_path):
    report = zonepath.load(SMALL).analyze(samples=10)
    errors = []

    def write(i):
        try:
            for _ in range(5):
                report.write(tmp_path / "out", "json,csv")
        except Exception as e:  # noqa: BLE001 - any failure fails the test below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json", "risk-register.csv"]
    assert json.loads((tmp_path / "out" / "report.json").read_text()) == report.to_dict()


@pytest.mark.parametrize("seed", [-1, 1 << 64])
def test_seeds_outside_64_bits_are_refused_as_in_the_cli(seed):
    message = "seed must be within 0 .. 18446744073709551615"
    site = zonepath.load(SMALL)
    with pytest.raises(ValueError, match=message):
        site.analyze(samples=10, seed=seed)
    with pytest.raises(ValueError, match=message):
        site.simulate("apt", samples=10, seed=seed)
    with pytest.raises(ValueError, match=message):
        zonepath.plan(SMALL, "apt", samples=10, seed=seed)
    assert site.analyze(samples=10, seed=(1 << 64) - 1).seed == (1 << 64) - 1
