#!/bin/sh
# Records the progress line of a real run on a pseudo-terminal with script(1) and writes it as
# text for docs/commands.md#progress: each redraw (`\r`) on a line of its own, the escape that
# erases to the end of the line written `ESC[K`. stdout goes to /dev/null, so the recording
# holds exactly what the terminal's stderr received.
#
#   docs/img/record-progress.sh build/release/tools/zonepath > docs/img/progress-analyze.txt
# (about 3 minutes on 2 cores)
set -eu
zonepath=${1:?usage: record-progress.sh PATH/TO/zonepath}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$zonepath" generate --assets 20000 --seed 7 -o "$work/site-20k.json" > /dev/null
cd "$work"
TERM=xterm COLUMNS=100 script -q -e -c \
  "stty cols 100; '$zonepath' analyze site-20k.json --samples 5000 --threads 2 --timings > /dev/null" \
  typescript > /dev/null
# script(1) adds a header and footer line; the terminal's own newlines are \r\n. Of the
# redraws of one phase the first three and the last two are kept, "..." marks the rest.
sed -e '1d' -e '$d' typescript | sed -e 's/\x1b\[K/ESC[K/g' | tr '\r' '\n' | sed -e '/^$/d' -e 's/[[:space:]]*$//' |
  awk '
    # Keeps the first three and the last two redraws of each run of one phase, "..." between.
    function phase_of(line) { sub(/ (\[|[0-9]).*$/, "", line); return line }
    function flush_run(   i) {
      if (n <= 5) { for (i = 1; i <= n; i++) print buf[i] }
      else { print buf[1]; print buf[2]; print buf[3]; print "..."; print buf[n-1]; print buf[n] }
      n = 0
    }
    {
      p = ($0 ~ /^ESC\[K/ || $0 ~ /^zonepath:/) ? "" : phase_of($0)
      if (p == "" || p != current) { flush_run(); current = p }
      if (p == "") { print; next }
      buf[++n] = $0
    }
    END { flush_run() }
  '
