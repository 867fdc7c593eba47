#!/bin/bash
# Compare two builds on one benchmark, alternating them run by run (the machine's speed drifts
# by 10-25% over minutes, so runs of one build after the other mislead).
#   bench/ab-builds.sh <dist-a> <dist-b> <bench file, e.g. collect-1m.bench.js> [rounds, default 5]
# Make the builds with `npm run build` at each commit and copy dist/ away (cp -r dist /tmp/dist-a).
# Prints each run's rate/peak RSS MB/CPU seconds and the medians. Leaves dist/ as build B.
set -euo pipefail
A=$(realpath "$1"); B=$(realpath "$2"); BENCH=$3; ROUNDS=${4:-5}
cd "$(dirname "$0")/.."
NODE=node_modules/.bin/node
runs_a=(); runs_b=()
for _ in $(seq 1 "$ROUNDS"); do
  for side in a b; do
    rm -rf dist
    if [ $side = a ]; then cp -r "$A" dist; else cp -r "$B" dist; fi
    figure=$("$NODE" "bench/$BENCH" 2>/dev/null | tail -1 | "$NODE" -e '
      const f = Object.values(JSON.parse(require("fs").readFileSync(0, "utf8")))[0];
      console.log(`${f.lines_per_s ?? f.rows_per_s}/${f.peak_rss_mb}/${f.cpu_seconds}`);')
    if [ $side = a ]; then runs_a+=("$figure"); else runs_b+=("$figure"); fi
    sleep 2
  done
done
median() { tr ' ' '\n' | cut -d/ -f"$1" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "A: ${runs_a[*]}  median $(echo "${runs_a[*]}" | median 1), cpu $(echo "${runs_a[*]}" | median 3)"
echo "B: ${runs_b[*]}  median $(echo "${runs_b[*]}" | median 1), cpu $(echo "${runs_b[*]}" | median 3)"
