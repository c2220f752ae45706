#!/usr/bin/env bash
# How long the JIT compiler keeps working on one variant under steady load on /one: starts it alone
# (with -XX:+PrintCompilation) and its own counting receiver on 14318, loads it for WARMUP seconds,
# then for WINDOWS windows of WINDOW seconds prints the CPU per request, the JIT compiler threads'
# share of the process's CPU and how many lines -XX:+PrintCompilation wrote (compilations, and code
# made not entrant or zombie). The compilation log stays in /tmp/jit-tail-<variant>.log. IDLE seconds
# without load before each window (0 by default) mimic interleaved.sh, where a variant idles while
# the others are loaded; the window's CPU then includes that idle time.
# Needs the jars of build.sh in benchmarks/e2e/results/ (or JARS, relative to benchmarks/e2e).
# usage: [WARMUP=30] [WINDOWS=8] [WINDOW=30] [IDLE=0] bash benchmarks/e2e/experiments/jit-tail.sh [variant]
set -euo pipefail
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
# shellcheck source=../harness.sh
source harness.sh
require_tools
variant=${1:-starter}
JARS=${JARS:-results}
APP_PORT=18080
RECEIVER_PORT=14318
log=/tmp/jit-tail-$variant.log
start_receiver $RECEIVER_PORT /tmp/jit-tail-receiver.log
receiver=$LAUNCHED
pid=""
trap 'kill $receiver $pid 2>/dev/null || true' EXIT
sleep 1
JVM_FLAGS="$JVM_FLAGS -XX:+PrintCompilation"
launch_spec "$variant" "$log"
pid=$LAUNCHED
wrk -t2 -c16 -d"${WARMUP:-30}"s "http://127.0.0.1:$APP_PORT/one" >/dev/null
for i in $(seq 1 "${WINDOWS:-8}"); do
  n0=$(wc -l < "$log"); b=$(ticks $pid); jb=$(jit_ticks $pid)
  sleep "${IDLE:-0}"
  wrk -t2 -c16 -d"${WINDOW:-30}"s "http://127.0.0.1:$APP_PORT/one" > /tmp/jit-tail-wrk.txt
  a=$(ticks $pid); ja=$(jit_ticks $pid); n1=$(wc -l < "$log")
  read -r req _ _ _ < <(wrk_figures /tmp/jit-tail-wrk.txt)
  echo "$variant window=$i requests=$req cpu_us=$(us_per_request $((a - b)) "$req")" \
    "jit_share=$(echo "scale=1; 100*($ja-$jb)/($a-$b)" | bc)% compilation_log_lines=$((n1-n0))"
done
