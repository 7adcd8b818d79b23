#!/usr/bin/env bash
# Raw graph file to first answer, through the CLI: `zonepath paths FILE --json` on the 1M-edge
# random graph with the fast reader (simdjson), with the checking reader
# (ZONEPATH_GRAPH_READER=checking: the nlohmann parse and JsonChecker every file took before),
# optionally with a previous zonepath binary, against CPython's json.load of the same file.
# Also the CLI commands whose input path changed (site files, `validate`), for the regression
# table. Prints a Markdown table of medians (wall seconds, peak MB) and ratios from this run.
#
#   benchmarks/bench_graph_load.sh build/release [OLD_ZONEPATH]      # about 3 minutes
#
# Environment: REPS (default 5) runs of each command, DIR (/tmp/zonepath-bench) for the files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: bench_graph_load.sh BUILD_DIR [OLD_ZONEPATH]}
zp=$(cd "$build" && pwd)/tools/zonepath
old=${2:-}
py=/usr/bin/python3
dir=${DIR:-/tmp/zonepath-bench}
reps=${REPS:-5}
graph=$dir/random_100k_1m
site=$dir/site-m.json
mkdir -p "$dir"
[ -f "$graph.json" ] || $py "$here/gen_graph.py" --nodes 100000 --edges 1000000 --seed 1 --out "$graph" --json > /dev/null
[ -f "$site" ] || "$zp" generate --assets 10000 --seed 1 -o "$site" > /dev/null

# Median wall seconds and peak MB of REPS runs of "$@" (output discarded).
measure() {
  local times=() mems=() i
  for ((i = 0; i < reps; i++)); do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt"
    read -r s k < "$dir/time.txt"
    times+=("$s")
    mems+=("$k")
  done
  $py -c 'import statistics, sys
n = len(sys.argv) // 2
t, m = sys.argv[1:n + 1], sys.argv[n + 1:]
print("%.3f %d" % (statistics.median(map(float, t)), statistics.median(map(int, m)) // 1024))' "${times[@]}" "${mems[@]}"
}

row() { # name, then the command
  local name=$1
  shift
  read -r secs mb <<< "$(measure "$@")"
  printf '%s\t%s\t%s\n' "$name" "$secs" "$mb" | tee -a "$dir/graph_load.tsv" >&2
}

: > "$dir/graph_load.tsv"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start" >&2
paths=(paths "$graph.json" --from n0 --to n99999 --json)
row "json.load" $py -c 'import json, sys; json.load(open(sys.argv[1]))' "$graph.json"
row "paths -k 100, fast reader" "$zp" "${paths[@]}" -k 100
row "paths -k 1, fast reader" "$zp" "${paths[@]}" -k 1
row "paths -k 100, checking reader" env ZONEPATH_GRAPH_READER=checking "$zp" "${paths[@]}" -k 100
row "validate graph" "$zp" validate "$graph.json"
row "paths site M" "$zp" paths "$site" --threat ta-apt -k 1 --json
if [ -n "$old" ]; then
  row "paths -k 100, previous binary" "$old" "${paths[@]}" -k 100
  row "paths -k 1, previous binary" "$old" "${paths[@]}" -k 1
  row "validate graph, previous binary" "$old" validate "$graph.json"
  row "paths site M, previous binary" "$old" paths "$site" --threat ta-apt -k 1 --json
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at end" >&2

$py - "$dir/graph_load.tsv" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, secs, mb = line.rstrip("\n").split("\t")
    rows[name] = (float(secs), int(mb))
base = rows["json.load"][0]
print("| command | wall s | peak MB | json.load / this |")
print("|---|---|---|---|")
for name, (secs, mb) in rows.items():
    print(f"| {name} | {secs:.2f} | {mb} | {base / secs:.2f}x |")
fast, checking = rows["paths -k 100, fast reader"][0], rows["paths -k 100, checking reader"][0]
print(f"\nfast reader against the checking reader, paths -k 100: {checking / fast:.1f}x")
if "paths -k 100, previous binary" in rows:
    print(f"against the previous binary, paths -k 100: {rows['paths -k 100, previous binary'][0] / fast:.1f}x")
EOF
