#!/usr/bin/env bash
# A single measured run of one variant (the starter by default) on /one, with extra arguments, for
# trying a setting (build.sh must have built benchmarks/e2e/results/bench-app-<variant>.jar and a
# CountingReceiver must listen on 14318).
# Prints requests, requests a second, CPU and JIT compiler CPU per request (µs), RSS and spans received.
# A variant with a config runs its jar with the config's arguments (VARIANT=starter-rate, see
# harness.sh); a jar built under another name runs as this starter at its defaults, e.g.
#   VARIANT=starter-okhttp bash benchmarks/e2e/experiments/probe.sh okhttp-1
# THREADS=1 also prints the CPU per request of each group of the app's threads (thread_ticks).
# usage: [VARIANT=none|starter|...] [PROBE_JVM_FLAGS=...] [WARMUP=30] [THREADS=1] \
#   bash benchmarks/e2e/experiments/probe.sh label extra-args...
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
# shellcheck source=../harness.sh
source harness.sh
JVM_FLAGS="$JVM_FLAGS ${PROBE_JVM_FLAGS:-}"
label=$1; shift
variant=${VARIANT:-starter}
# shellcheck disable=SC2046
launch_app "results/bench-app-$(variant_jar "$variant").jar" 18080 /tmp/probe-app.log \
  $(variant_args "$variant" 18080 http://127.0.0.1:14318) "$@"
pid=$LAUNCHED
wrk -t2 -c16 -d${WARMUP:-30}s http://127.0.0.1:18080/one >/dev/null; sleep 6
curl -sf -X POST http://127.0.0.1:14318/count >/dev/null
b=$(ticks $pid); jb=$(jit_ticks $pid); thread_ticks $pid > /tmp/probe-threads-before.tsv
wrk -t2 -c16 -d8s --latency http://127.0.0.1:18080/one > /tmp/probe-wrk.txt
a=$(ticks $pid); ja=$(jit_ticks $pid); rss=$(rss_mb $pid); thread_ticks $pid > /tmp/probe-threads-after.tsv
kill -TERM $pid; wait $pid
read -r req rps _ _ < <(wrk_figures /tmp/probe-wrk.txt)
echo "$label req=$req rps=$rps cpu_us=$(us_per_request $((a - b)) "$req") jit_us=$(us_per_request $((ja - jb)) "$req" 2) rss_mb=$rss spans=$(curl -sf http://127.0.0.1:14318/count)"
if [ -n "${THREADS:-}" ]; then
  # a group that started during the load counts from 0
  awk -F'\t' 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) print $1 "\t" d }' \
    /tmp/probe-threads-before.tsv /tmp/probe-threads-after.tsv |
    while IFS=$'\t' read -r name d; do echo "  $name $(us_per_request "$d" "$req" 2)"; done
fi
