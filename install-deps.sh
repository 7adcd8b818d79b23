#!/usr/bin/env bash
# Installs every dependency of zonepath from Debian packages. Idempotent: safe to re-run.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config clang-format
  libboost-dev libboost-graph-dev libeigen3-dev libtbb-dev
  libgraphviz-dev graphviz nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  pybind11-dev python3-dev python3-pybind11 python3-numpy python3-pytest
  python3-networkx python3-igraph python3-setuptools python3-pip python3-venv
  libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin
  libyaml-cpp-dev libcsv-dev
  libsimdjson-dev libpugixml-dev libcpp-httplib-dev libxlsxwriter-dev libmimalloc-dev
  python3-jsonschema python3-tqdm python3-pandas
  chromium chromium-driver python3-selenium
  locales
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# A comma-decimal locale for the tests that check output does not depend on LC_NUMERIC.
if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi
