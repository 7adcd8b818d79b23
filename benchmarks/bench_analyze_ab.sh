#!/bin/bash
# Whole-analysis A/B in one run: the same generated sites analysed by a previous build (A) and the
# current one (B), alternating A and B for each site so that a shared machine's slow phases hit
# both alike, then batch throughput (100 S-size jobs) of both. Prints a Markdown table with wall
# time and peak memory (GNU time), B/A and whether the two JSON reports are the same bytes
# (docs/performance.md, "Previous build against current").
#
#   benchmarks/bench_analyze_ab.sh OLD_ZONEPATH NEW_ZONEPATH [SIZES] [SHAPES]
#     SIZES default "S M L" (S 1k, M 10k, L 100k assets), SHAPES default "segmented".
#   REPS (default 1) runs of each binary per site; the table shows the fastest. BATCH=0 skips the
#   batch part. Sites and reports go to ${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}/ab.
set -euo pipefail
old=$1
new=$2
sizes=${3-"S M L"}
shapes=${4-"segmented"}
reps=${REPS:-1}
dir=${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}/ab
mkdir -p "$dir"
declare -A assets=([S]=1000 [M]=10000 [L]=100000)

{ nproc; grep -m1 'model name' /proc/cpuinfo; uptime; } >&2

# best LABEL BIN ARGS...: runs BIN ARGS... REPS times (stdout to $dir/LABEL.json), prints the
# fastest "seconds peak_MiB".
best() {
  local label=$1
  shift
  local s=""
  for _ in $(seq "$reps"); do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > "$dir/$label.json" 2> /dev/null
    s="$s$(awk '{printf "%.2f %.0f", $1, $2 / 1024}' "$dir/time.txt")"$'\n'
  done
  printf '%s' "$s" | sort -n | head -1
}

echo "| workload | shape | assets | step | A wall s | A peak MiB | B wall s | B peak MiB | B/A time | same bytes |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in $sizes; do
  n=${assets[$size]}
  for shape in $shapes; do
    f=$dir/$size-$shape.json
    [ -f "$f" ] || "$new" generate --assets "$n" --shape "$shape" --seed 1 -o "$f" > /dev/null
    args=(analyze "$f" --samples 1000 --json --no-progress)
    read -r ta ma <<< "$(best "$size-$shape-A" "$old" "${args[@]}")"
    read -r tb mb <<< "$(best "$size-$shape-B" "$new" "${args[@]}")"
    same=no
    cmp -s "$dir/$size-$shape-A.json" "$dir/$size-$shape-B.json" && same=yes
    ratio=$(awk -v a="$ta" -v b="$tb" 'BEGIN {printf "%.2f", b / a}')
    echo "| $size | $shape | $n | analyze (5 actors, 1000 samples) | $ta | $ma | $tb | $mb | $ratio | $same |"
  done
done

[ "${BATCH:-1}" = 0 ] && exit 0
bdir=${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}/sites/batch-S
mkdir -p "$bdir"
for s in $(seq 1 20); do
  [ -f "$bdir/s$s.json" ] || "$new" generate --assets 1000 --seed "$s" -o "$bdir/s$s.json" > /dev/null
done
echo
echo "| batch (20 S sites x 5 actors = 100 jobs, 1000 samples) | A wall s | A jobs/s | B wall s | B jobs/s |"
echo "|---|---|---|---|---|"
batch() { # BIN THREADS: prints "seconds jobs_per_second"
  rm -f "$dir"/batch.sqlite*
  /usr/bin/time -f "%e" -o "$dir/time.txt" "$1" batch "$bdir" --threads "$2" --db "$dir/batch.sqlite" \
    --samples 1000 --json --no-progress > "$dir/batch.json"
  /usr/bin/python3 -c "import json,sys; print(open(sys.argv[2]).read().split()[0], '%.2f' % json.load(open(sys.argv[1]))['jobs_per_second'])" \
    "$dir/batch.json" "$dir/time.txt"
}
for threads in 1 2; do
  read -r ta ra <<< "$(batch "$old" "$threads")"
  read -r tb rb <<< "$(batch "$new" "$threads")"
  echo "| 1 process, --threads $threads | $ta | $ra | $tb | $rb |"
done
