#!/usr/bin/env bash
# A single measured run of one variant (the starter by default) on /one, with extra arguments, for
# trying a setting (build.sh must have built results/bench-app-<variant>.jar and a CountingReceiver
# must listen on 14318).
# Prints requests, requests a second, CPU and JIT compiler CPU per request (µs), RSS and spans received.
# A jar built under another name runs as this starter at its defaults, e.g.
#   VARIANT=starter-okhttp bash probe.sh okhttp-1
# usage: [VARIANT=none|starter|...] [PROBE_JVM_FLAGS=...] [WARMUP=30] probe.sh label extra-args...
cd "$(dirname "$0")"
# shellcheck source=harness.sh
source harness.sh
JVM_FLAGS="$JVM_FLAGS ${PROBE_JVM_FLAGS:-}"
label=$1; shift
variant=${VARIANT:-starter}
# shellcheck disable=SC2046
launch_app results/bench-app-$variant.jar 18080 /tmp/probe-app.log \
  $(variant_args "$variant" 18080 http://127.0.0.1:14318) "$@"
pid=$LAUNCHED
wrk -t2 -c16 -d${WARMUP:-30}s http://127.0.0.1:18080/one >/dev/null; sleep 6
curl -sf -X POST http://127.0.0.1:14318/count >/dev/null
b=$(ticks $pid); jb=$(jit_ticks $pid)
wrk -t2 -c16 -d8s --latency http://127.0.0.1:18080/one > /tmp/probe-wrk.txt
a=$(ticks $pid); ja=$(jit_ticks $pid); rss=$(rss_mb $pid)
kill -TERM $pid; wait $pid
read -r req rps _ _ < <(wrk_figures /tmp/probe-wrk.txt)
echo "$label req=$req rps=$rps cpu_us=$(us_per_request $((a - b)) "$req") jit_us=$(us_per_request $((ja - jb)) "$req" 2) rss_mb=$rss spans=$(curl -sf http://127.0.0.1:14318/count)"
