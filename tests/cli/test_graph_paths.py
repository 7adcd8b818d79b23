"""End-to-end tests of `zonepath paths` and `zonepath cut` on raw attack graphs.

Expected values are worked out by hand from the graphs below (see the comments)."""
import json
import math
import os
import subprocess
from pathlib import Path

import pytest

BIN = os.environ.get("ZONEPATH_BIN", "zonepath")
SRC = Path(os.environ.get("ZONEPATH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DBCA = SRC / "tests" / "data" / "graphs" / "dbca.json"


def run(*args, check=True):
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=60)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def run_json(*args):
    return json.loads(run(*args, "--json").stdout)


def write_graph(tmp_path, nodes, edges, name="g.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"schema": "zonepath/graph/v1", "nodes": nodes, "edges": edges}))
    return path


def test_design_example_most_likely_path():
    # D->C->A: 0.7 * 1.0 = 0.7 beats D->B->A: 0.85 * 0.65 = 0.5525; prior 0.7 gives 0.49.
    out = run_json("paths", DBCA, "--from", "D", "--to", "A")
    assert out["unreachable"] == []
    assert len(out["paths"]) == 1
    p = out["paths"][0]
    assert p["target"] == "A" and p["rank"] == 1
    assert p["nodes"] == ["D", "C", "A"]
    assert p["probability"] == pytest.approx(0.49, rel=1e-12)
    assert p["cost"] == pytest.approx(-math.log(0.7), rel=1e-12)  # prior not in cost
    assert p["ttc_mean_days"] == pytest.approx(11.0)  # exponential mean 10, default mean 1
    assert [(s["from"], s["to"]) for s in p["steps"]] == [("D", "C"), ("C", "A")]
    assert p["steps"][1] == {"from": "C", "to": "A", "via": "", "p": 1.0, "technique": "T0843",
                             "ttc_mean": 1.0}


def test_design_example_k_paths_and_time_ranking():
    out = run_json("paths", DBCA, "--from", "D", "-k", "5")  # default target: the sink A
    assert [p["nodes"] for p in out["paths"]] == [["D", "C", "A"], ["D", "B", "A"]]
    assert [p["rank"] for p in out["paths"]] == [1, 2]
    assert out["paths"][1]["probability"] == pytest.approx(0.7 * 0.85 * 0.65, rel=1e-12)
    assert out["paths"][1]["steps"][0]["via"] == "fw-1"
    assert out["paths"][1]["steps"][0]["technique"] == "T0866"
    # Fastest: D->B (mean 1) + B->A (fixed 2) = 3 days against 10 + 1.
    out = run_json("paths", DBCA, "--from", "D", "-k", "2", "--by", "time")
    assert [p["nodes"] for p in out["paths"]] == [["D", "B", "A"], ["D", "C", "A"]]
    assert [p["ttc_mean_days"] for p in out["paths"]] == [3.0, 11.0]


def test_several_targets_sorted_best_first_and_unreachable(tmp_path):
    # S->X 0.9, S->Y 0.5, X->Y 0.8 (S->X->Y = 0.72 beats 0.5); Z has no way in.
    g = write_graph(tmp_path, [{"id": "S"}, {"id": "X"}, {"id": "Y"}, {"id": "Z"}],
                    [{"from": "S", "to": "X", "p": 0.9}, {"from": "S", "to": "Y", "p": 0.5},
                     {"from": "X", "to": "Y", "p": 0.8}, {"from": "Z", "to": "S", "p": 1}])
    out = run_json("paths", g, "--from", "S", "--to", "Y", "Z", "X", "-k", "2")
    got = [(p["target"], p["rank"], round(p["probability"], 12)) for p in out["paths"]]
    assert got == [("X", 1, 0.9), ("Y", 1, 0.72), ("Y", 2, 0.5)]
    assert out["unreachable"] == ["Z"]


def test_ties_follow_target_order_then_rank(tmp_path):
    # Equal probabilities to T1 and T2: the target listed first comes first.
    g = write_graph(tmp_path, [{"id": "S"}, {"id": "T1"}, {"id": "T2"}],
                    [{"from": "S", "to": "T1", "p": 0.5}, {"from": "S", "to": "T2", "p": 0.5}])
    assert [p["target"] for p in run_json("paths", g, "--from", "S", "--to", "T2", "T1")["paths"]] == ["T2", "T1"]
    assert [p["target"] for p in run_json("paths", g, "--from", "S", "--to", "T1", "T2")["paths"]] == ["T1", "T2"]


def test_priors_of_several_sources(tmp_path):
    # A (prior 0.3) -> T 1.0 = 0.3; B (prior 0.9) -> T 0.5 = 0.45: B's path first.
    g = write_graph(tmp_path, [{"id": "A", "prior": 0.3}, {"id": "B", "prior": 0.9}, {"id": "T"}],
                    [{"from": "A", "to": "T", "p": 1.0}, {"from": "B", "to": "T", "p": 0.5}])
    out = run_json("paths", g, "--from", "A", "B", "--to", "T", "-k", "3")
    assert [p["nodes"] for p in out["paths"]] == [["B", "T"], ["A", "T"]]
    assert [p["probability"] for p in out["paths"]] == pytest.approx([0.45, 0.3], rel=1e-12)
    assert [p["cost"] for p in out["paths"]] == pytest.approx([math.log(2), 0.0], abs=1e-12)


def test_text_output_is_a_numbered_list():
    out = run("paths", DBCA, "--from", "D", "-k", "2").stdout
    assert out.splitlines()[0] == "Most likely attack paths: 2 paths to 1 of 1 target reached"
    assert "1. [A #1] D -> C -> A" in out
    assert "2. [A #2] D -> B -> A" in out
    assert "probability 0.49" in out


def test_errors_exit_1_with_a_useful_message(tmp_path):
    proc = run("paths", DBCA, "--from", "E", check=False)
    assert proc.returncode == 1
    assert "unknown node 'E'" in proc.stderr and "did you mean 'D'" in proc.stderr
    proc = run("paths", DBCA, "--from", "D", "--to", "AA", check=False)
    assert proc.returncode == 1 and "'AA'" in proc.stderr
    proc = run("paths", tmp_path / "missing.json", "--from", "D", check=False)
    assert proc.returncode == 1 and "missing.json" in proc.stderr
    proc = run("paths", DBCA, check=False)  # a raw graph needs --from
    assert proc.returncode == 1 and "--from" in proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "zonepath/graph/v1",\n "nodes": [{"id": "a"}],\n'
                   ' "edges": [{"from": "a", "to": "b", "p": 0.5}]}')
    proc = run("paths", bad, "--from", "a", check=False)
    assert proc.returncode == 1
    assert "bad.json:3:" in proc.stderr and "/edges/0/to" in proc.stderr and "unknown node 'b'" in proc.stderr


def test_usage_errors_exit_2():
    assert run("paths", DBCA, "--from", "D", "-k", "0", check=False).returncode == 2
    assert run("paths", DBCA, "--from", "D", "--by", "fast", check=False).returncode == 2
    assert run("paths", check=False).returncode == 2
    assert run("cut", DBCA, "--from", "D", "--bogus", check=False).returncode == 2


def test_cut_edges_and_nodes(tmp_path):
    # Costs D->B 3, D->C 1, B->A 1, C->A 2: the cheapest cut is {D->C, B->A} = 2.
    g = write_graph(tmp_path, [{"id": "D"}, {"id": "B"}, {"id": "C"}, {"id": "A"}],
                    [{"from": "D", "to": "B", "p": 0.85, "cost": 3}, {"from": "D", "to": "C", "p": 0.7, "cost": 1},
                     {"from": "B", "to": "A", "p": 0.65, "cost": 1}, {"from": "C", "to": "A", "p": 1, "cost": 2}])
    out = run_json("cut", g, "--from", "D", "--to", "A")
    assert out["mode"] == "edges" and out["cost"] == 2.0 and out["targets"] == ["A"]
    assert [(e["from"], e["to"]) for e in out["edges"]] == [("D", "C"), ("B", "A")]
    out = run_json("cut", g, "--from", "D", "--to", "A", "--nodes")
    assert out["mode"] == "nodes" and out["cost"] == 2.0
    assert sorted(n["id"] for n in out["nodes"]) == ["B", "C"]
    text = run("cut", g, "--from", "D", "--to", "A").stdout
    assert "cost 2" in text and "D -> C" in text
    proc = run("cut", g, "--from", "D", "--to", "D", check=False)
    assert proc.returncode == 1 and "both a source and a target" in proc.stderr
