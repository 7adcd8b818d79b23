#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds tests/install/consumer against it with
# find_package(zonepath) (one program per component), and runs each.
set -euo pipefail
build_dir=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/zonepath"
"$work/prefix/bin/zonepath" --version
cmake -S "$source_dir/tests/install/consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
[ "$("$work/build/consumer_core")" = "core ok" ]
[ "$("$work/build/consumer_interchange")" = "yaml zones 2 csv rows 2" ]
# The CLI's figures for the same plant: zonepath generate --assets 300 --seed 7 (8 zones, 8 conduits).
[ "$("$work/build/consumer_scenarios")" = "zones 8 assets 300 conduits 8" ]
out=$("$work/build/consumer" "$source_dir/scenarios/examples/water-treatment.json")
echo "$out"
[ "$out" = "zones 12 assets 69" ]
[ "$("$work/build/consumer_render" "$source_dir/scenarios/examples/water-treatment.json")" = "svg ok" ]
