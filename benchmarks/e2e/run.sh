#!/usr/bin/env bash
# End-to-end benchmark: one small Spring MVC app in four variants (no tracing; this starter; the
# official OpenTelemetry Spring Boot starter 2.31.1; Micrometer Tracing with the OTel bridge), each
# started as its own process with the same JVM flags, loaded with wrk on a one-span endpoint (/one)
# and a call-out endpoint (/call), variants interleaved over ROUNDS rounds so drift cancels. Every
# variant exports OTLP/HTTP to the same local counting receiver, fully sampled, at its defaults.
#
# Reports per variant and endpoint (medians over the rounds): throughput and its ratio to the
# untraced app, CPU time of the app process per request (from /proc/<pid>/stat, exporter threads
# included), p50/p99 latency, startup time, RSS, and spans received against spans expected; and the
# share of that CPU spent by the JIT compiler threads, which shows whether the warm-up reached steady
# state (a traced app has more code to compile: with a 4 s warm-up the compiler threads were still
# busy during the measurement and added 40 µs per request to the traced variants' figures).
#
# Warm-up: WARMUP seconds of load, then further 10 s slices until the compiler threads take at most
# JIT_STEADY percent of the process's CPU over a slice, or WARMUP_MAX seconds in all; the seconds it
# took are reported. The CPU per request is also reported without the compiler threads' share (the
# compilation is a one-time cost; code still running unoptimised is not removed by that).
#
# Usage (from the repository root): bash benchmarks/e2e/run.sh
# Knobs: ROUNDS (3), DURATION seconds of load (10), WARMUP seconds (30), WARMUP_MAX seconds (120),
# JIT_STEADY percent (5), CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
WARMUP_MAX=${WARMUP_MAX:-120}
JIT_STEADY=${JIT_STEADY:-5}
CONNECTIONS=${CONNECTIONS:-16}
RECEIVER_PORT=${RECEIVER_PORT:-14318}
APP_PORT=${APP_PORT:-18080}
VARIANTS="none starter official micrometer"
OUT=${OUT:-results}
mkdir -p "$OUT"
RESULTS="$OUT/runs.tsv"
# shellcheck source=harness.sh
source harness.sh
require_tools
bash build.sh "$OUT"
start_receiver $RECEIVER_PORT "$OUT/receiver.log"
RECEIVER=$LAUNCHED
trap 'kill $RECEIVER 2>/dev/null || true' EXIT
sleep 1

printf 'round\tvariant\tendpoint\trequests\treq_per_s\tcpu_us_per_req\tp50_ms\tp99_ms\tstartup_s\trss_mb\tspans_expected\tspans_received\tjit_cpu_pct\twarmup_s\tcpu_us_per_req_without_jit\n' > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for endpoint in one call; do
    per_request=1; [ $endpoint = call ] && per_request=3
    for v in $VARIANTS; do
      # shellcheck disable=SC2046
      launch_app "$OUT/bench-app-$v.jar" $APP_PORT "$OUT/app-$v.log" $(variant_args $v $APP_PORT http://127.0.0.1:$RECEIVER_PORT)
      pid=$LAUNCHED; startup=$STARTUP
      warmup=$(warm_up $pid "http://127.0.0.1:$APP_PORT/$endpoint")
      sleep 6   # the warm-up's spans leave before counting starts
      curl -sf -X POST "http://127.0.0.1:$RECEIVER_PORT/count" >/dev/null
      before=$(ticks $pid); jit_before=$(jit_ticks $pid)
      wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$APP_PORT/$endpoint" > "$OUT/wrk.txt"
      after=$(ticks $pid); jit_after=$(jit_ticks $pid)
      rss=$(rss_mb $pid)
      kill -TERM $pid; wait $pid || true
      read -r requests rps p50 p99 < <(wrk_figures "$OUT/wrk.txt")
      cpu=$(echo "scale=2; ($after - $before) * 1000000 / $CLK / $requests" | bc)
      jit=$(echo "scale=1; ($jit_after - $jit_before) * 100 / ($after - $before)" | bc)
      cpu_nojit=$(echo "scale=2; ($after - $before - $jit_after + $jit_before) * 1000000 / $CLK / $requests" | bc)
      received=$(curl -sf "http://127.0.0.1:$RECEIVER_PORT/count")
      expected=0; [ $v != none ] && expected=$((requests * per_request))
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$v" "$endpoint" "$requests" "$rps" "$cpu" \
        "$p50" "$p99" "$startup" "$rss" "$expected" "$received" "$jit" "$warmup" "$cpu_nojit" | tee -a "$RESULTS"
    done
  done
done
python3 summarize.py "$RESULTS" | tee "$OUT/summary.md"
