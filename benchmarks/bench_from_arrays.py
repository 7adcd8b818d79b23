#!/usr/bin/python3
"""Building a graph in Python from the same 1M edges: zonepath.Graph.from_arrays (NumPy
columns), zonepath.Graph.from_edges (a list of tuples) and python-igraph's Graph(edges=...).

    PYTHONPATH=build/release/bindings/python /usr/bin/python3 benchmarks/bench_from_arrays.py \\
        /tmp/zonepath-bench/random_100k_1m

Reads BASE.bin of gen_graph.py (generated when missing). Each tool gets its input in the form
it takes, prepared outside the timing: NumPy arrays for from_arrays, a list of (from, to, p)
tuples for from_edges, a list of (from, to) pairs for igraph (whose Graph(edges=...) also takes
the NumPy (m, 2) array, timed as well). Median wall time of --runs calls (from_edges: one),
printed as a Markdown table with the ratios of this run."""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import igraph as ig
import numpy as np

import zonepath

sys.path.insert(0, str(Path(__file__).parent))
from peers_common import load  # noqa: E402


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", nargs="?", default="/tmp/zonepath-bench/random_100k_1m")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base = Path(args.base)
    if not base.with_suffix(".bin").exists():
        subprocess.run([sys.executable, str(Path(__file__).parent / "gen_graph.py"), "--nodes", "100000",
                        "--edges", "1000000", "--seed", "1", "--out", str(base)], check=True,
                       stdout=subprocess.DEVNULL)
    d = load(base)
    n, src, dst = d["n"], d["src"], d["dst"]
    p, ttc, cost = np.exp(-d["weight"]), d["ttc"].astype(np.float64), d["cost"]
    names = [f"n{i}" for i in range(n)]
    pairs = np.column_stack([src, dst])
    pair_list = pairs.tolist()
    tuples = [(names[u], names[v], w) for u, v, w in zip(src.tolist(), dst.tolist(), p.tolist())]

    rows = {}
    rows["zonepath from_arrays (src, dst, p)"] = median_time(lambda: zonepath.Graph.from_arrays(src, dst, p), args.runs)
    rows["zonepath from_arrays (+ ttc, cost, names)"] = median_time(
        lambda: zonepath.Graph.from_arrays(src, dst, p, ttc=ttc, cost=cost, names=names), args.runs)
    rows["igraph Graph(n, edges=list of pairs)"] = median_time(
        lambda: ig.Graph(n=n, edges=pair_list, directed=True), args.runs)
    rows["igraph Graph(n, edges=NumPy array)"] = median_time(
        lambda: ig.Graph(n=n, edges=pairs, directed=True), args.runs)
    rows["zonepath from_edges (list of tuples)"] = median_time(lambda: zonepath.Graph.from_edges(tuples), 1)

    # The same graph either way: a few answers compared.
    a = zonepath.Graph.from_arrays(src, dst, p, names=names)
    assert a.edge_count == len(src) and a.node_count == n
    q = d["query"]
    s, t = f"n{q['source']}", f"n{q['target']}"
    assert a.paths(s, t, k=3) == zonepath.Graph.from_edges(tuples).paths(s, t, k=3)

    ours = rows["zonepath from_arrays (src, dst, p)"]
    print(f"graph {base.name}: {n} nodes, {len(src)} edges; times in seconds, median of {args.runs} "
          "(from_edges: 1 run)\n")
    print("| build | seconds | this / from_arrays (src, dst, p) |")
    print("|---|---|---|")
    for name, secs in rows.items():
        print(f"| {name} | {secs:.3f} | {secs / ours:.1f}x |")


if __name__ == "__main__":
    main()
