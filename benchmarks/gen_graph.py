#!/usr/bin/python3
"""Deterministic random attack graphs for the engine benchmarks and their peers.

Writes NAME.bin (compact binary read by bench_paths.cpp, peers_networkx.py and
peers_igraph.py) and NAME.query.json (the source, target and cut terminals every tool uses);
with --json also NAME.json, the same graph as a zonepath/graph/v1 document (nodes n0, n1, ...;
edges with from, to and p) for the end-to-end CLI figures:

    /usr/bin/python3 benchmarks/gen_graph.py --nodes 100000 --edges 1000000 --seed 1 \
        --out /tmp/zonepath-bench/random_100k_1m

Graph: m distinct ordered pairs (u, v), u != v, drawn uniformly (a directed G(n, m) random
graph); p uniform in [0.05, 1), mean TTC uniform in [0.5, 30) days, min-cut cost an integer
in [1, 10]. Binary layout, little endian:
    magic "ZPG1", uint32 n, uint64 m, int32 from[m], int32 to[m], float64 p[m],
    float32 ttc_mean[m], float32 cost[m]
"""
import argparse
import json
from pathlib import Path

import numpy as np


def generate(n, m, seed):
    rng = np.random.default_rng(seed)
    pairs = np.empty(0, dtype=np.int64)
    # Draw a little more than needed, drop self-loops and duplicates, keep the first m in
    # draw order (np.unique with return_index), so the result depends on the seed only.
    draw = int(m * 1.02) + 1000
    while pairs.size < m:
        u = rng.integers(0, n, size=draw, dtype=np.int64)
        v = rng.integers(0, n, size=draw, dtype=np.int64)
        key = np.concatenate([pairs, (u * n + v)[u != v]])
        _, first = np.unique(key, return_index=True)
        pairs = key[np.sort(first)]
    pairs = np.sort(pairs[:m])  # grouped by source, as the engine stores them
    src = (pairs // n).astype(np.int32)
    dst = (pairs % n).astype(np.int32)
    p = rng.uniform(0.05, 1.0, size=m)
    ttc = rng.uniform(0.5, 30.0, size=m).astype(np.float32)
    cost = rng.integers(1, 11, size=m).astype(np.float32)
    return src, dst, p, ttc, cost


def bfs_depth(n, src, dst, root):
    """Hop distance from root (-1 when unreachable), vectorised over CSR arrays."""
    offset = np.zeros(n + 1, dtype=np.int64)
    np.add.at(offset, src.astype(np.int64) + 1, 1)
    offset = np.cumsum(offset)
    depth = np.full(n, -1, dtype=np.int64)
    depth[root] = 0
    frontier = np.array([root], dtype=np.int64)
    level = 0
    while frontier.size:
        level += 1
        starts, ends = offset[frontier], offset[frontier + 1]
        counts = ends - starts
        idx = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts) + np.arange(counts.sum())
        nxt = np.unique(dst[idx])
        nxt = nxt[depth[nxt] < 0]
        depth[nxt] = level
        frontier = nxt
    return depth


def write_bin(out, n, src, dst, p, ttc, cost):
    """OUT.bin: "ZPG1", node count (u32), edge count (u64), then the edge columns."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_suffix(".bin"), "wb") as f:
        f.write(b"ZPG1")
        f.write(np.array([n], dtype="<u4").tobytes())
        f.write(np.array([len(src)], dtype="<u8").tobytes())
        for arr, dt in ((src, "<i4"), (dst, "<i4"), (p, "<f8"), (ttc, "<f4"), (cost, "<f4")):
            f.write(arr.astype(dt).tobytes())


def write_json(out, n, src, dst, p):
    """OUT.json: the graph as zonepath/graph/v1, json.dumps spacing, p in shortest repr."""
    with open(out.with_suffix(".json"), "w") as f:
        f.write('{"schema": "zonepath/graph/v1", "nodes": [')
        f.write(", ".join(f'{{"id": "n{i}"}}' for i in range(n)))
        f.write('], "edges": [')
        f.write(", ".join(f'{{"from": "n{u}", "to": "n{v}", "p": {w!r}}}'
                          for u, v, w in zip(src.tolist(), dst.tolist(), p.tolist())))
        f.write("]}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, required=True)
    ap.add_argument("--edges", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output path without extension")
    ap.add_argument("--json", action="store_true", help="also write OUT.json (zonepath/graph/v1)")
    args = ap.parse_args()
    n, m = args.nodes, args.edges
    src, dst, p, ttc, cost = generate(n, m, args.seed)
    out = Path(args.out)
    write_bin(out, n, src, dst, p, ttc, cost)
    if args.json:
        write_json(out, n, src, dst, p)

    outdeg = np.bincount(src, minlength=n)
    source = int(np.flatnonzero(outdeg > 0)[0])
    depth = bfs_depth(n, src, dst, source)
    reachable = np.flatnonzero(depth > 0)
    # Path target: the highest-id reachable node (a typical, not a hand-picked, distance).
    target = int(reachable[-1])
    query = {
        "nodes": n, "edges": m, "seed": args.seed,
        "source": source, "target": target, "target_hops": int(depth[target]),
        "reachable": int(reachable.size + 1),
        # Min-cut between the first 5 nodes with out-edges and the 5 highest reachable ids.
        "cut_sources": [int(v) for v in np.flatnonzero(outdeg > 0)[:5]],
        "cut_targets": [int(v) for v in reachable[-5:]],
    }
    out.with_suffix(".query.json").write_text(json.dumps(query, indent=1) + "\n")
    print(json.dumps(query))


if __name__ == "__main__":
    main()
