#!/bin/bash
# Runs the engine benchmarks and the NetworkX / igraph peers on the same generated graphs in
# one go, then prints a Markdown table of times and ratios (peer time / our time).
#
#   benchmarks/run_peers.sh [BUILD_DIR]        # default BUILD_DIR: build-paths
#
# Environment: ZONEPATH_BENCH_DIR (default /tmp/zonepath-bench) for the graphs and results,
# REPS (default 5) repetitions of each C++ benchmark, NX_CAP (default 60) seconds per
# NetworkX measurement, IG_CAP (default 45) seconds per igraph k-paths run. Graphs are
# generated once (deterministic seeds) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-paths}
dir=${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}
reps=${REPS:-5}
py=/usr/bin/python3
mkdir -p "$dir"
# GRAPHS (space-separated bases of ZPG1 graphs) replaces the two random graphs, e.g. with the
# attack graphs of generated sites (benchmarks/run_site_peers.sh); NX_GRAPHS are the ones small
# enough for NetworkX (default: the first).
if [ -z "${GRAPHS:-}" ]; then
  small=$dir/random_100k_1m
  large=$dir/random_1m_4m
  [ -f "$small.bin" ] || $py "$here/gen_graph.py" --nodes 100000 --edges 1000000 --seed 1 --out "$small"
  [ -f "$large.bin" ] || $py "$here/gen_graph.py" --nodes 1000000 --edges 4000000 --seed 2 --out "$large"
  GRAPHS="$small $large"
fi
read -r -a graphs <<< "$GRAPHS"
read -r -a nx_graphs <<< "${NX_GRAPHS:-${graphs[0]}}"
out=${RESULTS:-$dir}
mkdir -p "$out"

echo "== machine" >&2
{ nproc; grep -m1 'model name' /proc/cpuinfo; uptime; } | tee "$out/machine.txt" >&2

echo "== zonepath + plain Boost (Google Benchmark, $reps interleaved repetitions)" >&2
ZONEPATH_BENCH_GRAPHS=$(IFS=,; echo "${graphs[*]}") "$build/benchmarks/bench_paths" \
  --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_out="$out/bench.json" --benchmark_out_format=json >&2

echo "== igraph" >&2
$py "$here/peers_igraph.py" "${graphs[@]}" --cap "${IG_CAP:-45}" | tee "$out/igraph.jsonl" >&2
echo "== networkx (${nx_graphs[*]##*/} only, capped at ${NX_CAP:-60} s per measurement)" >&2
$py "$here/peers_networkx.py" "${nx_graphs[@]}" --cap "${NX_CAP:-60}" | tee "$out/networkx.jsonl" >&2

$py - "$out" <<'EOF'
import json, sys
from pathlib import Path
d = Path(sys.argv[1])
times = {}  # (bench, graph, tool) -> (ms, capped)
for b in json.loads((d / "bench.json").read_text())["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    bench, tool, graph = b["run_name"].split("/")[:3]
    times[(bench, graph, tool)] = (b["real_time"], False)
for f in ("igraph.jsonl", "networkx.jsonl"):
    for line in (d / f).read_text().splitlines():
        r = json.loads(line)
        times[(r["bench"], r["graph"], r["tool"])] = (r["seconds"] * 1000, r["capped"])
rows = sorted({(b, g) for b, g, _ in times}, key=lambda x: (x[1], x[0]))
tools = ["ours", "ours_reused", "boost", "igraph", "networkx"]
print("| benchmark | graph | " + " | ".join(f"{t} ms" for t in tools) + " | boost/ours | igraph/ours | networkx/ours |")
print("|---|---|" + "---|" * (len(tools) + 3))
for bench, graph in rows:
    ours = times.get((bench, graph, "ours"))
    cells, ratios = [], []
    for t in tools:
        v = times.get((bench, graph, t))
        cells.append("" if v is None else (">" if v[1] else "") + f"{v[0]:.1f}")
    for t in ("boost", "igraph", "networkx"):
        v = times.get((bench, graph, t))
        ratios.append("" if v is None or ours is None else (">" if v[1] else "") + f"{v[0] / ours[0]:.1f}x")
    print(f"| {bench} | {graph} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
EOF
