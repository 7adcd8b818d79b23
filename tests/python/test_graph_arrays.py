"""Graph.from_arrays and the NumPy results (distances, reach_per_node) against from_edges, the
hand-worked example graph of docs/formats-documents.md and independent computations:
  D (prior 1 here) -> B 0.85, D -> C 0.7, B -> A 0.65, C -> A 1.0;
  P(B) = 0.85, P(C) = 0.7, P(A) = 1 - (1 - 0.85 * 0.65) * (1 - 0.7) = 0.86575;
  most likely path to A: D-C-A (0.7), fastest with TTC means 1, 2, 4, 8 days: D-B-A (5 days)."""
import math
import threading
import time

import numpy as np
import pytest

import zonepath

NAMES = ["D", "B", "C", "A"]
SRC = np.array([0, 0, 1, 2], dtype=np.int32)
DST = np.array([1, 2, 3, 3], dtype=np.int64)
P = np.array([0.85, 0.7, 0.65, 1.0])
TTC = np.array([1.0, 2.0, 4.0, 8.0])
COST = np.array([1.0, 2.0, 3.0, 4.0])


@pytest.fixture
def graph():
    return zonepath.Graph.from_arrays(SRC, DST, P, ttc=TTC, cost=COST, names=NAMES)


def test_same_graph_as_from_edges(graph):
    edges = [(NAMES[u], NAMES[v], float(p), {"ttc": {"dist": "exponential", "mean": float(t)}, "cost": float(c)})
             for u, v, p, t, c in zip(SRC, DST, P, TTC, COST)]
    ref = zonepath.Graph.from_edges(edges, nodes=NAMES)
    assert graph.to_dict() == ref.to_dict()
    assert graph.paths("D", "A", k=2) == ref.paths("D", "A", k=2)
    assert graph.reach("D", "A", method="exact") == ref.reach("D", "A", method="exact")
    assert graph.simulate("D", "A", samples=500) == ref.simulate("D", "A", samples=500)


def test_defaults_name_nodes_by_id():
    g = zonepath.Graph.from_arrays([0, 0, 1, 2], [1, 2, 3, 3], [0.85, 0.7, 0.65, 1.0])
    assert g.nodes == ["0", "1", "2", "3"]
    doc = g.to_dict()
    assert all(e["ttc"] == {"dist": "exponential", "mean": 1.0} and "cost" not in e for e in doc["edges"])
    # Extra names: isolated nodes beyond the largest id.
    h = zonepath.Graph.from_arrays(SRC, DST, P, names=NAMES + ["E"])
    assert h.node_count == 5 and h.default_targets == ["A", "E"]


def test_distances_hand_worked(graph):
    d = graph.distances("D")
    assert isinstance(d, np.ndarray) and d.dtype == np.float64 and d.shape == (4,)
    assert np.allclose(np.exp(-d), [1.0, 0.85, 0.7, 0.7], rtol=0, atol=1e-15)
    t = graph.distances("D", by="time")
    assert t.tolist() == [0.0, 1.0, 2.0, 5.0]
    assert graph.paths("D", "A", by="time")["paths"][0]["nodes"] == ["D", "B", "A"]
    iso = zonepath.Graph.from_arrays(SRC, DST, P, names=NAMES + ["E"]).distances("D")
    assert math.isinf(iso[4])


def test_distances_against_dijkstra_in_python():
    rng = np.random.default_rng(3)
    n, m = 200, 1500
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    p = rng.uniform(0.05, 1.0, m)
    g = zonepath.Graph.from_arrays(src, dst, p)
    best = {0: 0.0}
    frontier = [0]
    while frontier:  # Bellman-Ford by rounds: independent of the engine's Dijkstra
        nxt = []
        for u in frontier:
            for e in np.flatnonzero(src == u):
                w = best[u] - math.log(p[e])
                if w < best.get(int(dst[e]), math.inf) - 1e-15:
                    best[int(dst[e])] = w
                    nxt.append(int(dst[e]))
        frontier = sorted(set(nxt))
    d = g.distances("0")
    for v in range(g.node_count):
        assert d[v] == pytest.approx(best.get(v, math.inf), abs=1e-12)


def test_reach_per_node(graph):
    r = graph.reach_per_node("D", samples=20000, seed=5)
    assert isinstance(r, np.ndarray) and r.shape == (4,)
    assert r[0] == 1.0
    assert r[1:] == pytest.approx([0.85, 0.7, 0.86575], abs=0.015)
    per_target = graph.reach("D", ["B", "C", "A"], method="monte-carlo", samples=20000, seed=5)
    assert [t["probability"] for t in per_target["targets"]] == r[1:].tolist()


@pytest.mark.parametrize("args, message", [
    (([0, 1], [1], [0.5, 0.5]), "dst has 1 elements, src has 2"),
    (([0, -1], [1, 0], [0.5, 0.5]), r"src\[1\] = -1"),
    (([0, 1], [1, 0], [0.5, 1.5]), r"p\[1\] = 1.5: p must be within \[0, 1\]"),
    (([0, 1], [1, 0], [0.5, float("nan")]), r"p\[1\] = nan"),
    (([0.0, 1.0], [1, 0], [0.5, 0.5]), "src has dtype float64"),
    (([0, 1], [1, 0], ["a", "b"]), "p has dtype"),
    ((np.zeros((2, 2), dtype=int), [1, 0], [0.5, 0.5]), "src must be one-dimensional"),
])
def test_bad_arrays(args, message):
    with pytest.raises(ValueError, match=message):
        zonepath.Graph.from_arrays(*args)


@pytest.mark.parametrize("kwargs, message", [
    ({"ttc": [1.0, 0.0]}, r"ttc\[1\] = 0"),
    ({"cost": [-1.0, 1.0]}, r"cost\[0\] = -1"),
    ({"cost": [1.0]}, "cost has 1 elements"),
    ({"names": ["a"]}, r"src\[1\] = 1: no such node, names has 1 entries"),
    ({"names": ["a", "a"]}, r"names\[1\] = 'a' repeats names\[0\]"),
    ({"names": ["a", ""]}, r"names\[1\] is empty"),
    ({"names": ["a", 2]}, r"names\[1\] is int, not str"),
    ({"names": "ab"}, "not one str"),
])
def test_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        zonepath.Graph.from_arrays([0, 1], [1, 0], [0.5, 0.5], **kwargs)


def test_engine_calls_release_the_gil():
    rng = np.random.default_rng(1)
    n, m = 20000, 200000
    g = zonepath.Graph.from_arrays(rng.integers(0, n, m), rng.integers(0, n, m), rng.uniform(0.05, 1, m))
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        start = time.perf_counter()
        g.reach_per_node("0", samples=200)
        elapsed = time.perf_counter() - start
    finally:
        stop.set()
        t.join()
    # The other thread kept running while the engine worked (it would stall with the GIL held).
    during = [x for x in ticks if start < x < start + elapsed]
    assert elapsed < 0.05 or len(during) >= 5
