#!/bin/bash
# Whole-analysis benchmarks on generated sites (S 1k, M 10k, L 100k, XL 1M assets; segmented
# and flat) with wall time and peak memory, and batch throughput (100 S-size jobs on 1 and 2
# threads, 1 and 2 MPI ranks). Prints Markdown tables (docs/performance.md).
#
#   benchmarks/bench_sites.sh [BUILD_DIR] [SIZES] [SHAPES]
#     SIZES default "S M" (add L, XL for the long ones), SHAPES default "segmented flat".
#   BATCH=0 skips the batch throughput part; MPIRUN (default mpirun) for the 2-rank run, skipped
#   when the binary was built without MPI.
#
# S, M, L: `zonepath analyze` (load, graph per threat actor, most likely paths to every crown
# jewel, gaps, 1,000 Monte Carlo samples per threat actor, 5 threat actors).
# XL: `zonepath paths --threat ta-apt -k 1` (load, build, most likely path to every crown jewel).
# Peak memory: maximum resident set size from GNU time (/usr/bin/time -f %M).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
sizes=${2-"S M"}
shapes=${3-"segmented flat"}
zp=$build/tools/zonepath
dir=${ZONEPATH_BENCH_DIR:-/tmp/zonepath-bench}/sites
mkdir -p "$dir"
declare -A assets=([S]=1000 [M]=10000 [L]=100000 [XL]=1000000)

{ nproc; grep -m1 'model name' /proc/cpuinfo; uptime; } >&2

# measure LABEL CMD...: runs CMD with stdout discarded, prints "seconds peak_MiB".
measure() {
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > /dev/null
  awk '{printf "%.2f %.0f", $1, $2 / 1024}' "$dir/time.txt"
}

echo "| workload | shape | assets | step | wall s | peak MiB |"
echo "|---|---|---|---|---|---|"
for size in $sizes; do
  n=${assets[$size]}
  for shape in $shapes; do
    f=$dir/$size-$shape.json
    read -r secs mib <<< "$(measure "$zp" generate --assets "$n" --shape "$shape" --seed 1 -o "$f")"
    echo "| $size | $shape | $n | generate ($(du -m "$f" | cut -f1) MB) | $secs | $mib |"
    if [ "$size" = XL ]; then
      read -r secs mib <<< "$(measure "$zp" validate "$f")"
      echo "| $size | $shape | $n | load + validate | $secs | $mib |"
      read -r secs mib <<< "$(measure "$zp" paths "$f" --threat ta-apt -k 1 --json)"
      echo "| $size | $shape | $n | load + build + most likely paths (ta-apt, every crown jewel) | $secs | $mib |"
    else
      read -r secs mib <<< "$(measure "$zp" analyze "$f" --samples 1000 --json)"
      echo "| $size | $shape | $n | analyze (5 actors, 1000 samples, 3 paths per crown jewel) | $secs | $mib |"
    fi
  done
done

[ "${BATCH:-1}" = 0 ] && exit 0
bdir=$dir/batch-S
mkdir -p "$bdir"
for s in $(seq 1 20); do
  [ -f "$bdir/s$s.json" ] || "$zp" generate --assets 1000 --seed "$s" -o "$bdir/s$s.json" > /dev/null
done
echo
echo "| batch (20 S sites x 5 actors = 100 jobs, 1000 samples) | wall s | jobs/s | peak MiB (rank 0) |"
echo "|---|---|---|---|"
run_batch() { # LABEL CMD...
  local label=$1
  shift
  rm -f "$dir"/batch.sqlite*
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" --db "$dir/batch.sqlite" --samples 1000 --json --no-progress \
    > "$dir/batch.json"
  local rate
  rate=$(/usr/bin/python3 -c "import json,sys; print('%.2f' % json.load(open(sys.argv[1]))['jobs_per_second'])" "$dir/batch.json")
  awk -v l="$label" -v r="$rate" '{printf "| %s | %.1f | %s | %.0f |\n", l, $1, r, $2 / 1024}' "$dir/time.txt"
}
run_batch "1 process, --threads 1" "$zp" batch "$bdir" --threads 1
run_batch "1 process, --threads 2" "$zp" batch "$bdir" --threads 2
if strings "$zp" | grep MPI_Init_thread > /dev/null; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  run_batch "2 MPI ranks, --threads 1 each" "${MPIRUN:-mpirun}" -np 2 --oversubscribe "$zp" batch "$bdir" --threads 1
fi
