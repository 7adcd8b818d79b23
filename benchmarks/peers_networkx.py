#!/usr/bin/python3
"""NetworkX on the benchmark graphs: Dijkstra to all nodes, shortest_simple_paths (k = 10 and
k = 100 from one generator run) and minimum_cut_value (default preflow-push), each under a
time cap so that a full run stays within a few minutes.

    /usr/bin/python3 benchmarks/peers_networkx.py /tmp/zonepath-bench/random_100k_1m

NetworkX is sampled: fewer runs than the C++ tools, one source/target pair for the paths,
and by default only the graphs given (run_peers.sh passes the 100k-node graph only; a
1M-node DiGraph alone needs several GB). Graph construction is not timed. A capped
measurement prints the cap as its time, with "capped": true, i.e. a lower bound."""
import argparse
import time
from itertools import islice

import networkx as nx

from peers_common import Timeout, load, report, timed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graphs", nargs="+")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--cap", type=float, default=90.0, help="seconds per measurement")
    args = ap.parse_args()
    for base in args.graphs:
        d = load(base)
        q = d["query"]
        name = d["name"]
        g = nx.DiGraph()
        g.add_nodes_from(range(d["n"]))
        g.add_edges_from((int(u), int(v), {"w": float(w), "cap": float(c)})
                         for u, v, w, c in zip(d["src"], d["dst"], d["weight"], d["cost"]))

        secs, runs, capped = timed(lambda: nx.single_source_dijkstra_path_length(g, q["source"], weight="w"),
                                   args.runs, args.cap)
        report("networkx", name, "dijkstra_all", secs, runs, capped)

        # One generator run: time to the 10th and to the 100th path, within the cap.
        marks = {}

        def k_paths():
            t0 = time.perf_counter()
            gen = nx.shortest_simple_paths(g, q["source"], q["target"], weight="w")
            for i, _ in enumerate(islice(gen, 100), start=1):
                if i in (10, 100):
                    marks[i] = time.perf_counter() - t0

        secs, runs, capped = timed(k_paths, 1, args.cap)
        for k in (10, 100):
            if k in marks:
                report("networkx", name, f"k_paths_{k}", marks[k], 1, False)
            else:
                report("networkx", name, f"k_paths_{k}", args.cap, 0, True)

        h = g.copy()
        s, t = "S*", "T*"
        for v in q["cut_sources"]:
            h.add_edge(s, v)  # no capacity attribute: infinite
        for v in q["cut_targets"]:
            h.add_edge(v, t)
        values = []
        secs, runs, capped = timed(lambda: values.append(nx.minimum_cut_value(h, s, t, capacity="cap")), 1, args.cap)
        report("networkx", name, "min_cut", secs, runs, capped, note=f"value {values[-1] if values else '?'}")


if __name__ == "__main__":
    try:
        main()
    except Timeout:
        pass
