"""The raw engine API on the example graph of docs/formats-documents.md, against values worked out by hand:
D (prior 0.7) -> B 0.85, D -> C 0.7, B -> A 0.65, C -> A 1.0, edges independent.
  P(B) = 0.7 * 0.85 = 0.595, P(C) = 0.7 * 0.7 = 0.49,
  P(A) = 0.7 * (1 - (1 - 0.85 * 0.65) * (1 - 0.7 * 1.0)) = 0.7 * 0.86575 = 0.606025.
Most likely paths to A: D-C-A (0.7 * 0.7 = 0.49), then D-B-A (0.7 * 0.85 * 0.65 = 0.38675)."""
import math

import pytest

import zonepath

EDGES = [("D", "B", 0.85), ("D", "C", 0.7), ("B", "A", 0.65), ("C", "A", 1.0)]


@pytest.fixture
def graph():
    return zonepath.Graph.from_edges(EDGES, priors={"D": 0.7})


def test_structure(graph):
    assert graph.node_count == 4 and graph.edge_count == 4
    assert graph.nodes == ["D", "B", "C", "A"]
    assert graph.default_targets == ["A"]  # the only sink
    assert graph.threat is None and graph.sources == []
    doc = graph.to_dict()
    assert doc["schema"] == "zonepath/graph/v1"
    assert {(e["from"], e["to"], e["p"]) for e in doc["edges"]} == set(EDGES)
    assert zonepath.Graph.from_dict(doc).to_dict() == doc


def test_exact_reach_hand_worked(graph):
    r = graph.reach("D", ["A", "B", "C"], method="exact")
    assert r["method"] == "exact"
    got = {t["id"]: t["probability"] for t in r["targets"]}
    assert got["A"] == pytest.approx(0.606025, abs=1e-12)
    assert got["B"] == pytest.approx(0.595, abs=1e-12)
    assert got["C"] == pytest.approx(0.49, abs=1e-12)
    assert r["targets"][0]["ci95"] == [got["A"], got["A"]]


def test_monte_carlo_reach_contains_hand_value(graph):
    r = graph.reach("D", "A", method="monte-carlo", samples=20000, seed=3)
    (t,) = r["targets"]
    assert r["method"] == "monte-carlo" and r["samples"] == 20000
    assert t["ci95"][0] <= 0.606025 <= t["ci95"][1]
    # Same seed, same answer; another seed, another sample.
    assert graph.reach("D", "A", method="monte-carlo", samples=20000, seed=3) == r
    assert graph.reach("D", "A", method="monte-carlo", samples=20000, seed=4) != r


def test_paths_hand_worked(graph):
    out = graph.paths("D", "A", k=5)
    assert out["unreachable"] == []
    nodes = [p["nodes"] for p in out["paths"]]
    assert nodes == [["D", "C", "A"], ["D", "B", "A"]]
    assert out["paths"][0]["probability"] == pytest.approx(0.49)
    assert out["paths"][1]["probability"] == pytest.approx(0.38675)
    # cost is the sum of -ln p over the steps, without the prior
    assert out["paths"][1]["cost"] == pytest.approx(-math.log(0.85) - math.log(0.65))
    assert [s["p"] for s in out["paths"][1]["steps"]] == [0.85, 0.65]


def test_and_node():
    # A needs both B and C: P = 0.85 * 0.7 (D certain).
    g = zonepath.Graph.from_edges(EDGES, and_nodes=["A"])
    r = g.reach("D", "A", method="exact")
    assert r["targets"][0]["probability"] == pytest.approx(0.85 * 0.7 * 0.65 * 1.0)


def test_simulate_fixed_times():
    # Fixed step times: via B takes 1 + 1 = 2 days, via C 3 + 0 = 3 days. Given A is reached,
    # it is reached in 2 days whenever the B route works (prob 0.5525 / 0.86575 = 0.638), so
    # p10 = p50 = 2 and p90 = 3; the mean is 2 + (1 - 0.638...) = 2.3618.
    fixed = lambda d: {"ttc": {"dist": "fixed", "value": d}}
    g = zonepath.Graph.from_edges([("D", "B", 0.85, fixed(1)), ("D", "C", 0.7, fixed(3)),
                                   ("B", "A", 0.65, fixed(1)), ("C", "A", 1.0, fixed(0))],
                                  priors={"D": 0.7})
    out = g.simulate("D", "A", samples=20000, seed=1, horizon_days=2.5)
    (t,) = out["targets"]
    assert t["ci95"][0] <= 0.606025 <= t["ci95"][1]
    assert t["ttc_days"]["p10"] == 2.0 and t["ttc_days"]["p50"] == 2.0 and t["ttc_days"]["p90"] == 3.0
    assert t["ttc_days"]["mean"] == pytest.approx(2 + (1 - 0.5525 / 0.86575), abs=0.02)
    # within 2.5 days = the B route works = 0.7 * 0.5525
    assert t["within_horizon_ci95"][0] <= 0.7 * 0.5525 <= t["within_horizon_ci95"][1]


def test_unreachable_and_errors(graph):
    assert graph.paths("A", "D")["unreachable"] == ["D"]
    with pytest.raises(zonepath.GraphError, match="unknown target node 'Q'"):
        graph.reach("D", "Q")
    with pytest.raises(zonepath.GraphError, match=r"did you mean 'D'"):
        graph.paths("DD")
    with pytest.raises(zonepath.GraphError, match="needs at least one source"):
        graph.reach()
    with pytest.raises(zonepath.AnalysisError, match="method"):
        graph.reach("D", method="magic")
    with pytest.raises(zonepath.ValidationError) as e:
        zonepath.Graph.from_edges([("D", "B", 1.5)])
    assert e.value.errors and e.value.errors[0]["pointer"].startswith("/edges/0")
    assert isinstance(e.value, ValueError)


def test_graph_pickle(graph):
    import pickle
    clone = pickle.loads(pickle.dumps(graph))
    assert clone.to_dict() == graph.to_dict()
    assert clone.reach("D", "A", method="exact") == graph.reach("D", "A", method="exact")


def test_site_graph_defaults_and_pickle():
    import pickle
    from conftest import EXAMPLES
    site = zonepath.load(EXAMPLES / "water-treatment.json")
    g = site.attack_graph("ta-apt")
    assert g.threat == "ta-apt" and g.sources and set(g.default_targets) <= set(site.crown_jewels)
    clone = pickle.loads(pickle.dumps(g))
    assert clone.threat == "ta-apt" and clone.to_dict() == g.to_dict()
    assert clone.paths(k=2) == g.paths(k=2) == site.paths("ta-apt", k=2)
