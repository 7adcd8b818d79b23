#!/usr/bin/python3
"""Converts the attack graph of a site (exported as a raw graph by
`zonepath export SITE --graph attack --threat ID --format json`) to the ZPG1 binary and query
files of gen_graph.py, so bench_paths and the NetworkX / igraph peers run on real plant graphs:

    /usr/bin/python3 benchmarks/site_graph_bin.py attack.json --source internet --out /tmp/x/site_M

Parallel edges (several means of taking the same asset) are merged into one, because
NetworkX's DiGraph keeps one edge per pair: the most likely one (max p, and its TTC mean) for
the path benchmarks and the sum of the costs for min-cut. Every tool, ours included, reads the
merged graph, so they answer the same question.

Query, as for the random graphs: the source is the actor's start node; the path target is the
highest-id node reachable from it (assets follow zones, so a typical asset rather than a
hand-picked one); min-cut from the source to the 5 highest-id reachable nodes.
"""
import argparse
import json
import math
from pathlib import Path

import numpy as np

from gen_graph import bfs_depth, write_bin


def ttc_mean(ttc):
    """Mean duration in days of a raw-graph TTC object (distributions of docs/formats-documents.md)."""
    dist = ttc["dist"]
    if dist == "fixed":
        return float(ttc["value"])
    if dist == "exponential":
        return float(ttc["mean"])
    if dist == "lognormal":
        return math.exp(ttc["mu"] + ttc["sigma"] ** 2 / 2)
    if dist == "gamma":
        return float(ttc["shape"]) * float(ttc["scale"])
    if dist == "uniform":
        return (float(ttc["low"]) + float(ttc["high"])) / 2
    raise ValueError(f"unknown TTC distribution {dist!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("raw", help="raw attack graph JSON (zonepath/graph/v1)")
    ap.add_argument("--source", required=True, help="start node id (a zone or asset of the actor)")
    ap.add_argument("--out", required=True, help="output path without extension")
    args = ap.parse_args()
    raw = json.loads(Path(args.raw).read_text())
    assert raw.get("schema") == "zonepath/graph/v1", f"{args.raw}: not a raw attack graph"
    index = {node["id"]: i for i, node in enumerate(raw["nodes"])}
    n = len(index)
    best = {}  # (u, v) -> [p, ttc mean, summed cost]
    for e in raw["edges"]:
        key = (index[e["from"]], index[e["to"]])
        mean = ttc_mean(e.get("ttc", {"dist": "exponential", "mean": 1.0}))
        cost = float(e.get("cost", 1.0))
        cur = best.get(key)
        if cur is None:
            best[key] = [float(e["p"]), mean, cost]
        else:
            if e["p"] > cur[0]:
                cur[0], cur[1] = float(e["p"]), mean
            cur[2] += cost
    keys = sorted(best)
    m = len(keys)
    src = np.array([k[0] for k in keys], dtype=np.int32)
    dst = np.array([k[1] for k in keys], dtype=np.int32)
    p = np.array([best[k][0] for k in keys], dtype=np.float64)
    ttc = np.array([best[k][1] for k in keys], dtype=np.float32)
    cost = np.array([best[k][2] for k in keys], dtype=np.float32)
    out = Path(args.out)
    write_bin(out, n, src, dst, p, ttc, cost)
    source = index[args.source]
    depth = bfs_depth(n, src, dst, source)
    reachable = np.flatnonzero(depth > 0)
    target = int(reachable[-1])
    query = {
        "nodes": n, "edges": m, "parallel_edges_merged": len(raw["edges"]) - m,
        "source": source, "source_id": args.source, "target": target, "target_id": raw["nodes"][target]["id"],
        "target_hops": int(depth[target]), "reachable": int(reachable.size + 1),
        "cut_sources": [source], "cut_targets": [int(v) for v in reachable[-5:]],
    }
    out.with_suffix(".query.json").write_text(json.dumps(query, indent=1) + "\n")
    print(json.dumps(query))


if __name__ == "__main__":
    main()
