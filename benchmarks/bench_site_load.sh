#!/usr/bin/env bash
# Site file to first answer, through the CLI, on the generated 1,000,000-asset segmented site
# (seed 1, 263 MB): `zonepath validate` (load only) and `zonepath paths --threat ta-apt -k 1
# --json` (load, access map, attack graph of 15 million edges, most likely path to every crown
# jewel), with the fast JSON reader (simdjson into the document), with the checking reader
# (ZONEPATH_JSON_READER=checking: nlohmann's parser, as every site took before), and optionally
# with a previous zonepath binary. Runs are interleaved (one of each per round) and every
# `paths` output is compared with the first. Prints a Markdown table of medians (wall, user and
# system seconds, peak MiB) and the wall-time ratios against the fast reader. On a virtual
# machine the first touch of fresh memory can cost several times more in one run than in the
# next: the user time is the steadier figure.
#
#   benchmarks/bench_site_load.sh build/release [OLD_ZONEPATH]      # about 8 minutes
#
# Environment: REPS (default 5) rounds, DIR (/tmp/zonepath-bench) for the files, ASSETS
# (default 1000000).
set -euo pipefail
build=${1:?usage: bench_site_load.sh BUILD_DIR [OLD_ZONEPATH]}
zp=$(cd "$build" && pwd)/tools/zonepath
old=${2:-}
py=/usr/bin/python3
dir=${DIR:-/tmp/zonepath-bench}
reps=${REPS:-5}
assets=${ASSETS:-1000000}
site=$dir/site-seg-$assets.json
mkdir -p "$dir"
[ -f "$site" ] || "$zp" generate --assets "$assets" --shape segmented --seed 1 -o "$site" > /dev/null

declare -A cmd
names=("validate, fast reader" "validate, checking reader" "paths, fast reader" "paths, checking reader")
cmd["validate, fast reader"]="$zp validate $site"
cmd["validate, checking reader"]="env ZONEPATH_JSON_READER=checking $zp validate $site"
cmd["paths, fast reader"]="$zp paths $site --threat ta-apt -k 1 --json"
cmd["paths, checking reader"]="env ZONEPATH_JSON_READER=checking $zp paths $site --threat ta-apt -k 1 --json"
if [ -n "$old" ]; then
  names+=("validate, previous binary" "paths, previous binary")
  cmd["validate, previous binary"]="$old validate $site"
  cmd["paths, previous binary"]="$old paths $site --threat ta-apt -k 1 --json"
fi

rm -f "$dir/paths-first.txt"
: > "$dir/site_load.tsv"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start" >&2
for ((r = 0; r < reps; r++)); do
  for name in "${names[@]}"; do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" ${cmd[$name]} > "$dir/out.txt" 2> /dev/null
    read -r s u y k < "$dir/time.txt"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$s" "$u" "$y" "$k" | tee -a "$dir/site_load.tsv" >&2
    if [[ $name == paths* ]]; then
      if [ -f "$dir/paths-first.txt" ] && [ "$r$name" != "0paths, fast reader" ]; then
        cmp -s "$dir/out.txt" "$dir/paths-first.txt" || { echo "paths output differs: $name" >&2; exit 1; }
      else
        cp "$dir/out.txt" "$dir/paths-first.txt"
      fi
    fi
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at end" >&2
rm -f "$dir/paths-first.txt"

$py - "$dir/site_load.tsv" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, *values = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append([float(v) for v in values])
med = {n: [statistics.median(col) for col in zip(*r)] for n, r in runs.items()}
print("| command | wall s | user s | system s | peak MiB | wall / fast reader |")
print("|---|---|---|---|---|---|")
for name, (wall, user, system, kb) in med.items():
    base = med[name.split(",")[0] + ", fast reader"][0]
    print(f"| {name} | {wall:.2f} | {user:.2f} | {system:.2f} | {int(kb) // 1024:,} | {wall / base:.2f}x |")
EOF
