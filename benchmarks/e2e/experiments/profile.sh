#!/usr/bin/env bash
# Profiles one variant of the benchmark app at steady state with async-profiler (CPU, 1 ms) and
# splits the process's CPU into: the rest of the request (filter chain, handler), the tracing
# filter's own work, export (batch worker, OTLP marshaling, HTTP sender), JIT, GC and everything else.
#
# build.sh (or interleaved.sh) must have built $JARS/bench-app-<jar>.jar of the variant (<jar> or
# <jar>-<config>, see harness.sh), $JARS relative to benchmarks/e2e; a CountingReceiver must listen
# on 14318 when the variant exports. async-profiler comes from Maven Central
# (tools.profiler:async-profiler).
#
# usage:
#   [JARS=results] [WARMUP=40] [ENDPOINT=one] [EVENT=cpu] bash benchmarks/e2e/experiments/profile.sh <variant> <label> [app args...]
# writes $OUT_DIR/<label>.collapsed (collapsed stacks, for flame graphs) and prints the split, in
# shares of the samples and in µs of CPU per request served while profiling.
set -euo pipefail
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
variant=$1; label=$2; shift 2
JARS=${JARS:-results}
OUT_DIR=${OUT_DIR:-$JARS}
AP_VERSION=4.1
AP_DIR=target/async-profiler-$AP_VERSION
if [ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]; then
  ../../mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64
  mkdir -p "$AP_DIR"
  (cd "$AP_DIR" && unzip -o -q ~/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar)
fi
AP=$(cd "$AP_DIR/linux-x64" && pwd)/libasyncProfiler.so
# shellcheck source=../harness.sh
source harness.sh
# shellcheck disable=SC2046
launch_app "$JARS/bench-app-$(variant_jar "$variant").jar" 18080 "$OUT_DIR/profile-$label.log" \
  $(variant_args "$variant" 18080 http://127.0.0.1:14318) "$@"
pid=$LAUNCHED
trap 'kill $pid 2>/dev/null || true' EXIT
wrk -t2 -c16 -d"${WARMUP:-40}s" "http://127.0.0.1:18080/${ENDPOINT:-one}" >/dev/null
sleep 2
# jcmd passes the agent's options as one quoted argument
jcmd $pid JVMTI.agent_load "$AP" "\"start,event=${EVENT:-cpu},interval=1ms\"" >/dev/null
wrk -t2 -c16 -d10s "http://127.0.0.1:18080/${ENDPOINT:-one}" > "$OUT_DIR/profile-$label-wrk.txt"
jcmd $pid JVMTI.agent_load "$AP" "\"stop,file=$(pwd)/$OUT_DIR/$label.collapsed,collapsed\"" >/dev/null
kill -TERM $pid; wait $pid || true
grep "requests in" "$OUT_DIR/profile-$label-wrk.txt"
read -r requests _ < <(wrk_figures "$OUT_DIR/profile-$label-wrk.txt")
# On /call the app's RestTemplate sends through a JDK HttpClient too, so its threads are not all export.
shared=(); [ "${ENDPOINT:-one}" = call ] && shared=(--shared-http-client)
python3 experiments/profile_summary.py "${shared[@]}" --requests "$requests" "$OUT_DIR/$label.collapsed"
