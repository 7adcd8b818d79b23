#!/bin/bash
# The peer benchmarks of run_peers.sh on the attack graphs of generated plants instead of random
# graphs: the most capable actor (ta-apt) on segmented sites of 10k (M) and 100k (L) assets,
# exported with `zonepath export --graph attack --format json` and converted by
# site_graph_bin.py (parallel edges merged). Prints the same Markdown table.
#
#   benchmarks/run_site_peers.sh [BUILD_DIR]   # a build with ZONEPATH_BENCHMARKS=ON
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/bench}
dir=${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}/site-graphs
py=/usr/bin/python3
mkdir -p "$dir"
bases=()
for spec in M:10000 L:100000; do
  size=${spec%%:*} n=${spec##*:}
  base=$dir/site_${size}_apt
  if [ ! -f "$base.bin" ]; then
    "$build/tools/zonepath" generate --assets "$n" --seed 1 -o "$dir/$size.json" > /dev/null
    "$build/tools/zonepath" export "$dir/$size.json" --graph attack --threat ta-apt --format json \
      -o "$dir/$size-attack.json" > /dev/null
    (cd "$here" && $py site_graph_bin.py "$dir/$size-attack.json" --source internet --out "$base") >&2
  fi
  bases+=("$base")
done
GRAPHS="${bases[*]}" NX_GRAPHS="${bases[*]}" RESULTS=$dir "$here/run_peers.sh" "$build"
