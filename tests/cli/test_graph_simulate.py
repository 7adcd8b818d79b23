"""End-to-end tests of `zonepath simulate` on raw graphs: the JSON contract of docs/formats-outputs.md,
closed-form time-to-compromise values, the horizon, critical edges, determinism across thread
counts, and the exit codes."""

import json
import math
import random

import pytest

from conftest import SOURCE_DIR, run, write_graph

EXAMPLE = SOURCE_DIR / "tests" / "data" / "reach" / "design_example.json"


def simulate_json(*args):
    code, out, err = run("simulate", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_contract_on_the_design_example():
    r = simulate_json(EXAMPLE, "--from", "D", "--to", "A")
    assert r["samples"] == 1000 and r["seed"] == 1
    assert "horizon_days" not in r
    (t,) = r["targets"]
    assert t["id"] == "A"
    assert set(t) == {"id", "reach_probability", "ci95", "ttc_days"}
    assert set(t["ttc_days"]) == {"mean", "p10", "p50", "p90"}
    lo, hi = t["ci95"]
    assert lo <= t["reach_probability"] <= hi
    assert t["ttc_days"]["p10"] <= t["ttc_days"]["p50"] <= t["ttc_days"]["p90"]
    edges = r["critical_edges"]
    assert 1 <= len(edges) <= 20
    for e in edges:
        assert set(e) == {"from", "to", "via", "technique", "criticality"}
    crit = [e["criticality"] for e in edges]
    assert crit == sorted(crit, reverse=True)
    # Every success reaches A through C or through B, never both: criticalities of the two
    # last steps add up to the reach probability.
    by_pair = {(e["from"], e["to"]): e["criticality"] for e in edges}
    assert by_pair[("B", "A")] + by_pair[("C", "A")] == pytest.approx(t["reach_probability"], abs=1e-12)


def test_reach_probability_matches_exact_value():
    r = simulate_json(EXAMPLE, "--from", "D", "--to", "A", "--samples", "100000")
    sigma = math.sqrt(0.606025 * (1 - 0.606025) / 100000)
    assert abs(r["targets"][0]["reach_probability"] - 0.606025) <= 4 * sigma


def test_same_draws_as_reach_monte_carlo():
    sim = simulate_json(EXAMPLE, "--from", "D", "--to", "A", "--samples", "20000", "--seed", "9")
    code, out, err = run("reach", EXAMPLE, "--from", "D", "--to", "A", "--samples", "20000", "--seed", "9", "--json")
    assert code == 0, err
    assert json.loads(out)["targets"][0]["probability"] == sim["targets"][0]["reach_probability"]


def test_exponential_closed_form_and_horizon(tmp_path):
    path = write_graph(tmp_path / "exp.json", [{"id": "s"}, {"id": "t"}],
                       [{"from": "s", "to": "t", "p": 1.0, "ttc": {"dist": "exponential", "mean": 10}}])
    n = 100000
    r = simulate_json(path, "--from", "s", "--to", "t", "--samples", n, "--horizon-days", 10)
    assert r["horizon_days"] == 10
    t = r["targets"][0]
    assert t["reach_probability"] == 1.0
    assert t["ttc_days"]["mean"] == pytest.approx(10, abs=4 * 10 / math.sqrt(n))
    # median 10 ln 2; standard error sqrt(1/4n) / f(median) with f(median) = 0.05
    assert t["ttc_days"]["p50"] == pytest.approx(10 * math.log(2), abs=4 * math.sqrt(0.25 / n) / 0.05)
    f = 1 - math.exp(-1)
    assert t["within_horizon"] == pytest.approx(f, abs=4 * math.sqrt(f * (1 - f) / n))


def test_hypoexponential_series(tmp_path):
    path = write_graph(tmp_path / "hypo.json", [{"id": "s"}, {"id": "m"}, {"id": "t"}],
                       [{"from": "s", "to": "m", "p": 1.0, "ttc": {"dist": "exponential", "mean": 1}},
                        {"from": "m", "to": "t", "p": 1.0, "ttc": {"dist": "exponential", "mean": 10}}])
    n = 100000
    horizon = 15.0
    r = simulate_json(path, "--from", "s", "--to", "t", "--samples", n, "--horizon-days", horizon)
    t = r["targets"][0]
    assert t["ttc_days"]["mean"] == pytest.approx(11, abs=4 * math.sqrt(101 / n))
    cdf = 1 - (10 * math.exp(-horizon / 10) - math.exp(-horizon)) / 9
    assert t["within_horizon"] == pytest.approx(cdf, abs=4 * math.sqrt(cdf * (1 - cdf) / n))


def test_never_reached_target_has_null_times(tmp_path):
    path = write_graph(tmp_path / "cut.json", [{"id": "s"}, {"id": "x"}, {"id": "t"}],
                       [{"from": "s", "to": "x", "p": 0.5}, {"from": "x", "to": "t", "p": 0.0}])
    r = simulate_json(path, "--from", "s", "--to", "t", "--horizon-days", 5)
    t = r["targets"][0]
    assert t["reach_probability"] == 0.0
    assert t["ci95"][0] == 0.0 and 0 < t["ci95"][1] < 0.01
    assert t["ttc_days"] == {"mean": None, "p10": None, "p50": None, "p90": None}
    assert t["within_horizon"] == 0.0
    assert r["critical_edges"] == []


def test_default_targets_are_the_sinks():
    r = simulate_json(EXAMPLE, "--from", "D", "--samples", "100")
    assert [t["id"] for t in r["targets"]] == ["A"]


def medium_graph(path, seed=5, n=1500, m=6000):
    rng = random.Random(seed)
    nodes = [{"id": f"n{i}"} for i in range(n)]
    for node in nodes[10:]:
        if rng.random() < 0.05:
            node["type"] = "and"
    dists = [{"dist": "exponential", "mean": 3}, {"dist": "lognormal", "mu": 0.5, "sigma": 0.8},
             {"dist": "gamma", "shape": 0.7, "scale": 4}, {"dist": "uniform", "low": 1, "high": 5},
             {"dist": "fixed", "value": 2}]
    edges = [{"from": f"n{rng.randrange(n)}", "to": f"n{rng.randrange(n)}", "p": round(rng.uniform(0.1, 1), 3),
              "ttc": rng.choice(dists), "technique": "T0866", "via": f"z{rng.randrange(5)}"} for _ in range(m)]
    return write_graph(path, nodes, edges)


def test_identical_output_for_one_and_two_threads(tmp_path):
    path = medium_graph(tmp_path / "medium.json")
    args = ("simulate", path, "--from", "n0", "n1", "--to", "n1499", "n700", "n42", "--samples", "3000",
            "--horizon-days", "20", "--seed", "11", "--json")
    one = run(*args, "--threads", "1")
    two = run(*args, "--threads", "2")
    assert one[0] == 0 and two[0] == 0, one[2] + two[2]
    assert one[1] == two[1]
    r = json.loads(one[1])
    assert sum(t["reach_probability"] > 0 for t in r["targets"]) >= 2
    assert len(r["critical_edges"]) == 20
    assert all(e["technique"] == "T0866" and e["via"].startswith("z") for e in r["critical_edges"])
    other = run(*args[:-3], "--seed", "12", "--json")
    assert other[0] == 0 and other[1] != one[1]


def test_text_output_is_a_table():
    code, out, err = run("simulate", EXAMPLE, "--from", "D", "--horizon-days", "3")
    assert code == 0, err
    assert "target" in out and "p50" in out and "within 3 d" in out
    assert any(l.startswith("A ") for l in out.splitlines())
    assert "critical edges" in out


@pytest.mark.parametrize("extra", [["--samples", "0"], ["--samples", "100000001"], ["--horizon-days", "-1"],
                                   ["--threads", "x"], ["--bogus"]])
def test_usage_errors_exit_2(extra):
    code, out, err = run("simulate", EXAMPLE, "--from", "D", *extra)
    assert code == 2, (out, err)


def test_unknown_target_exits_1():
    code, out, err = run("simulate", EXAMPLE, "--from", "D", "--to", "Z")
    assert code == 1
    assert "Z" in err
