"""End-to-end tests of `zonepath reach` on raw graphs: the example graph of docs/formats-documents.md worked out by hand,
random AND/OR graphs with cycles checked against a brute-force enumeration written here in
Python (a third, independent implementation), Monte Carlo agreement, determinism across thread
counts, and the exit codes."""

import itertools
import json
import math
import random

import pytest

from conftest import SOURCE_DIR, run, write_graph

EXAMPLE = SOURCE_DIR / "tests" / "data" / "reach" / "design_example.json"


def reach_json(*args):
    code, out, err = run("reach", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def brute_force(nodes, edges, sources, target):
    """Sum over every outcome of the uncertain edges and source priors; least fixed point."""
    kind = {n["id"]: n.get("type", "or") for n in nodes}
    prior = {n["id"]: n.get("prior", 1.0) for n in nodes}
    variables = [("e", i, e["p"]) for i, e in enumerate(edges) if 0 < e["p"] < 1]
    variables += [("s", s, prior[s]) for s in sources if 0 < prior[s] < 1]
    total = 0.0
    for bits in itertools.product((0, 1), repeat=len(variables)):
        weight = 1.0
        ok = [e["p"] >= 1 for e in edges]
        held = {s: prior[s] >= 1 for s in sources}
        for (what, key, p), bit in zip(variables, bits):
            weight *= p if bit else 1 - p
            if what == "e":
                ok[key] = bool(bit)
            else:
                held[key] = bool(bit)
        reached = {s for s, h in held.items() if h}
        changed = True
        while changed:
            changed = False
            for n in kind:
                if n in reached:
                    continue
                incoming = [i for i, e in enumerate(edges) if e["to"] == n]
                usable = [i for i in incoming if ok[i] and edges[i]["from"] in reached]
                if (kind[n] == "or" and usable) or (kind[n] == "and" and incoming and len(usable) == len(incoming)):
                    reached.add(n)
                    changed = True
        if target in reached:
            total += weight
    return total


def test_design_example_exact():
    r = reach_json(EXAMPLE, "--from", "D", "--to", "A", "B", "C")
    assert r["method"] == "exact"
    assert r["samples"] == 0
    assert r["seed"] == 1
    ids = [t["id"] for t in r["targets"]]
    assert ids == ["A", "B", "C"]
    by_id = {t["id"]: t for t in r["targets"]}
    # 0.7 * (1 - (1 - 0.85 * 0.65) * (1 - 0.7))
    assert by_id["A"]["probability"] == pytest.approx(0.606025, abs=1e-12)
    assert by_id["B"]["probability"] == pytest.approx(0.7 * 0.85, abs=1e-12)
    assert by_id["C"]["probability"] == pytest.approx(0.7 * 0.7, abs=1e-12)
    for t in r["targets"]:
        assert t["ci95"] == [t["probability"], t["probability"]]
    assert r["detail"]["factoring_steps"] >= 1
    assert "series_reductions" in r["detail"]


def test_design_example_monte_carlo_within_interval():
    r = reach_json(EXAMPLE, "--from", "D", "--to", "A", "--samples", "200000", "--seed", "7")
    assert r["method"] == "monte-carlo"
    assert r["samples"] == 200000 and r["seed"] == 7
    t = r["targets"][0]
    sigma = math.sqrt(0.606025 * (1 - 0.606025) / 200000)
    assert abs(t["probability"] - 0.606025) <= 4 * sigma
    lo, hi = t["ci95"]
    assert lo < t["probability"] < hi
    assert hi - lo == pytest.approx(2 * 1.96 * sigma, rel=0.05)


def random_graph(seed):
    rng = random.Random(seed)
    n = rng.randint(4, 7)
    names = [f"v{i}" for i in range(n)]
    nodes = [{"id": v} for v in names]
    for node in nodes[1:]:
        if rng.random() < 0.3:
            node["type"] = "and"
    if rng.random() < 0.5:
        nodes[0]["prior"] = round(rng.uniform(0.3, 0.95), 3)
    edges = []
    for _ in range(rng.randint(n + 1, 12)):
        a, b = rng.randrange(n), rng.randrange(n)
        if rng.random() < 0.75 and a > b:
            a, b = b, a  # mostly forward, some cycles
        p = rng.choice([1.0, round(rng.uniform(0.1, 0.9), 3), round(rng.uniform(0.1, 0.9), 3)])
        edges.append({"from": names[a], "to": names[b], "p": p})
    return nodes, edges, names[0], names[-1]


def test_random_and_or_graphs_exact_equals_brute_force_and_monte_carlo_agrees(tmp_path):
    checked = 0
    for seed in range(40):
        nodes, edges, source, target = random_graph(seed)
        expected = brute_force(nodes, edges, [source], target)
        path = write_graph(tmp_path / f"g{seed}.json", nodes, edges)
        exact = reach_json(path, "--from", source, "--to", target)
        assert exact["method"] == "exact"
        assert exact["targets"][0]["probability"] == pytest.approx(expected, abs=1e-9), seed
        if 0.01 < expected < 0.99 and checked < 12:
            checked += 1
            mc = reach_json(path, "--from", source, "--to", target, "--samples", "100000", "--seed", seed + 1)
            sigma = math.sqrt(expected * (1 - expected) / 100000)
            assert abs(mc["targets"][0]["probability"] - expected) <= 4 * sigma, seed
    assert checked >= 8


def grid(path, width, height, p=0.6):
    names = [f"g{x}_{y}" for y in range(height) for x in range(width)]
    edges = []
    for y in range(height):
        for x in range(width):
            if x + 1 < width:
                edges.append({"from": f"g{x}_{y}", "to": f"g{x + 1}_{y}", "p": p})
            if y + 1 < height:
                edges.append({"from": f"g{x}_{y}", "to": f"g{x}_{y + 1}", "p": p})
    return write_graph(path, [{"id": v} for v in names], edges), names[0], names[-1]


def test_large_problem_falls_back_to_monte_carlo(tmp_path):
    path, s, t = grid(tmp_path / "grid.json", 7, 6)  # 71 uncertain edges, a non-series-parallel grid
    auto = reach_json(path, "--from", s, "--to", t)
    assert auto["method"] == "monte-carlo"
    assert auto["samples"] == 10000
    assert "uncertain edges" in auto["detail"]["reason"]
    code, out, err = run("reach", path, "--from", s, "--to", t, "--exact")
    assert code == 1
    assert "uncertain edges" in err and "limit" in err
    exact = reach_json(path, "--from", s, "--to", t, "--exact-limit", "200")
    assert exact["method"] == "exact"
    p = exact["targets"][0]["probability"]
    lo, hi = auto["targets"][0]["ci95"]
    assert lo - 0.02 <= p <= hi + 0.02


def test_identical_output_for_one_and_two_threads(tmp_path):
    path, s, t = grid(tmp_path / "grid.json", 12, 10, p=0.55)
    args = ("reach", path, "--from", s, "--to", t, "g5_5", "--samples", "50000", "--seed", "3", "--json")
    one = run(*args, "--threads", "1")
    two = run(*args, "--threads", "2")
    assert one[0] == 0 and two[0] == 0
    assert one[1] == two[1]
    other = run(*args[:-3], "--seed", "4", "--json", "--threads", "2")
    assert other[0] == 0 and other[1] != one[1]


def test_text_output_is_a_table():
    code, out, err = run("reach", EXAMPLE, "--from", "D", "--to", "A")
    assert code == 0, err
    assert "exact" in out
    line = next(l for l in out.splitlines() if l.startswith("A "))
    assert "0.606025" in line


@pytest.mark.parametrize("extra", [["--samples", "0"], ["--samples", "100000001"], ["--exact", "--samples", "10"],
                                   ["--threads", "-1"], ["--bogus"]])
def test_usage_errors_exit_2(extra):
    code, out, err = run("reach", EXAMPLE, "--from", "D", "--to", "A", *extra)
    assert code == 2, (out, err)


def test_missing_to_is_a_usage_error():
    assert run("reach", EXAMPLE, "--from", "D")[0] == 2


def test_unknown_nodes_exit_1():
    code, out, err = run("reach", EXAMPLE, "--from", "D", "--to", "AA")
    assert code == 1
    assert "AA" in err
    code, out, err = run("reach", EXAMPLE, "--from", "Q", "--to", "A")
    assert code == 1
    assert "Q" in err
