#!/usr/bin/env bash
# End-to-end benchmark, interleaved by the slice: the variants of the benchmark app (by default: no
# tracing; this starter; the SDK floor, a hand-built SDK recording the same spans; the official
# OpenTelemetry Spring Boot starter 2.31.1; Micrometer Tracing with the OTel bridge) run side by
# side as processes with the same JVM flags, each on its own port and exporting OTLP/HTTP to its own
# counting receiver. After each is warmed up,
# wrk loads them in turn, SLICE seconds each, for CYCLES cycles (the order rotates every cycle), so
# that a change in the machine's speed, which on a shared machine changes from one minute to the
# next, falls on all alike. Only one process is under load at a time; the others idle.
#
# VARIANTS names them, in order: "<jar>" runs bench-app-<jar>.jar fully sampled, "<jar>-<config>"
# the same jar with a config's sampling (harness.sh: config_args), e.g. starter-ratio, starter-rate,
# starter-tail, official-ratio, micrometer-ratio. The untraced "none" comes first: ratios are taken
# against it. The i-th variant (from 0) listens on 18081+i, its receiver on 14321+i.
#
# For each cycle and variant: requests and latency of its slice, and the process's CPU time from the
# start of its slice to the start of its next one (so the export of spans that finishes after the
# slice is counted; the idle time between includes the process's background work, as for every
# variant). Ratios to the untraced app are taken per cycle; summarize_interleaved.py reports their
# medians and ranges. Also: startup time (each process started alone), RSS at the end, spans received
# against spans expected if every request were traced, and per second of load (a sampled variant's
# share), the warm-up it took, and the JIT compiler's share of the measured CPU. The endpoint /mixed
# (every hundredth request answered with a 500) also gives the failed requests wrk saw and the ERROR
# spans each receiver counted: tail sampling must keep every failed request's trace. The endpoint /db
# reads a row of an embedded H2 database (SERVER and database CLIENT span where JDBC is traced).
#
# Warm-up, per variant while the others idle: WARMUP seconds of load, then 10 s slices until the JIT
# compiler threads take at most JIT_STEADY percent of the process's CPU, or WARMUP_MAX seconds.
#
# Usage (from the repository root): bash benchmarks/e2e/interleaved.sh
# Knobs: VARIANTS ("none starter floor official micrometer"), CYCLES (12), SLICE seconds (5), WARMUP (30),
# WARMUP_MAX (120), JIT_STEADY (5), CONNECTIONS (16), ENDPOINTS ("one call"; also "mixed", "db"),
# OUT (results-interleaved), SKIP_BUILD (set to reuse jars), STARTUP_ROUNDS (12; then startup.sh
# measures startup of the same variants, 0 to skip).
set -euo pipefail
cd "$(dirname "$0")"
CYCLES=${CYCLES:-12}
SLICE=${SLICE:-5}
WARMUP=${WARMUP:-30}
WARMUP_MAX=${WARMUP_MAX:-120}
JIT_STEADY=${JIT_STEADY:-5}
CONNECTIONS=${CONNECTIONS:-16}
ENDPOINTS=${ENDPOINTS:-"one call"}
STARTUP_ROUNDS=${STARTUP_ROUNDS:-12}
read -r -a VARIANTS <<< "${VARIANTS:-none starter floor official micrometer}"
OUT=${OUT:-results-interleaved}
# shellcheck source=harness.sh
source harness.sh

# Each variant's place in VARIANTS, which gives its ports; TRACED: the variants that export spans.
declare -A INDEX
TRACED=()
[ "${VARIANTS[0]:-}" = none ] || { echo "VARIANTS must start with none, the untraced app: ${VARIANTS[*]}" >&2; exit 2; }
for i in "${!VARIANTS[@]}"; do
  v=${VARIANTS[$i]}
  [ -z "${INDEX[$v]:-}" ] || { echo "VARIANTS names $v twice" >&2; exit 2; }
  INDEX[$v]=$i
  variant_args "$v" 0 http://127.0.0.1:0 >/dev/null   # fails for a config its jar has not
  [ "$(variant_jar "$v")" = none ] || TRACED+=("$v")
done
app_port() { echo $((18081 + INDEX[$1])); }
receiver_port() { echo $((14321 + INDEX[$1])); }

mkdir -p "$OUT"
require_tools
[ -n "${SKIP_BUILD:-}" ] || bash build.sh "$OUT"
for v in "${VARIANTS[@]}"; do
  [ -f "$OUT/bench-app-$(variant_jar "$v").jar" ] || { echo "no $OUT/bench-app-$(variant_jar "$v").jar for $v" >&2; exit 2; }
done

declare -A RECEIVER PID STARTED WARMED T0 J0 REQUESTS FAILURES
for v in "${TRACED[@]}"; do
  start_receiver "$(receiver_port $v)" "$OUT/receiver-$v.log"
  RECEIVER[$v]=$LAUNCHED
done
cleanup() {
  for p in "${PID[@]}" "${RECEIVER[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
sleep 1

SLICES="$OUT/slices.tsv"
PHASES="$OUT/variants.tsv"
printf 'endpoint\tcycle\tvariant\trequests\treq_per_s\tp50_ms\tp99_ms\tcpu_ticks\tjit_ticks\n' > "$SLICES"
# spans_expected: if every request were traced; load_s: the seconds of measured load;
# traces_received: the root spans received (one a trace); failures: the responses of 400 or more
# wrk saw; errors_received: the ERROR spans received
printf 'endpoint\tvariant\tstartup_s\twarmup_s\trss_mb\tspans_expected\tspans_received\tload_s\ttraces_received\tfailures\terrors_received\n' > "$PHASES"
echo "clock_ticks_per_s	$CLK" > "$OUT/machine.tsv"

for endpoint in $ENDPOINTS; do
  case $endpoint in call) per_request=3 ;; *) per_request=1 ;; esac
  echo "== /$endpoint: starting and warming up"
  for v in "${VARIANTS[@]}"; do
    args=$(variant_args "$v" "$(app_port "$v")" "http://127.0.0.1:$(receiver_port "$v")")
    # shellcheck disable=SC2086
    launch_app "$OUT/bench-app-$(variant_jar "$v").jar" "$(app_port "$v")" "$OUT/app-$v-$endpoint.log" $args
    PID[$v]=$LAUNCHED; STARTED[$v]=$STARTUP
  done
  for v in "${VARIANTS[@]}"; do
    WARMED[$v]=$(warm_up "${PID[$v]}" "http://127.0.0.1:$(app_port $v)/$endpoint")
    echo "   $v warmed up in ${WARMED[$v]} s"
  done
  # one short pass each, so the last warmed is not the only one with hot caches
  for v in "${VARIANTS[@]}"; do wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$(app_port $v)/$endpoint" >/dev/null; done
  sleep 6   # spans of the warm-up leave before counting starts
  for v in "${TRACED[@]}"; do curl -sf -X POST "http://127.0.0.1:$(receiver_port "$v")/count" >/dev/null; done
  for v in "${VARIANTS[@]}"; do REQUESTS[$v]=0; FAILURES[$v]=0; done

  echo "== /$endpoint: $CYCLES cycles of ${SLICE} s slices"
  # PENDING[v] holds the previous slice of v; its CPU is closed when v's next slice starts
  declare -A PENDING=()
  for cycle in $(seq 1 "$CYCLES"); do
    for i in "${!VARIANTS[@]}"; do
      v=${VARIANTS[$(((i + cycle - 1) % ${#VARIANTS[@]}))]}
      t=$(ticks "${PID[$v]}"); j=$(jit_ticks "${PID[$v]}")
      if [ -n "${PENDING[$v]:-}" ]; then
        printf '%s\t%s\t%s\n' "${PENDING[$v]}" "$((t - T0[$v]))" "$((j - J0[$v]))" >> "$SLICES"
      fi
      T0[$v]=$t; J0[$v]=$j
      wrk -t2 -c"$CONNECTIONS" -d"${SLICE}s" --latency "http://127.0.0.1:$(app_port $v)/$endpoint" > "$OUT/wrk.txt"
      read -r requests rps p50 p99 failures < <(wrk_figures "$OUT/wrk.txt")
      REQUESTS[$v]=$((REQUESTS[$v] + requests))
      FAILURES[$v]=$((FAILURES[$v] + failures))
      PENDING[$v]=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s' "$endpoint" "$cycle" "$v" "$requests" "$rps" "$p50" "$p99")
      echo "   cycle $cycle $v: $requests requests, $rps/s, p99 $p99"
    done
  done
  sleep 6   # the last slices' spans are exported and counted
  for v in "${VARIANTS[@]}"; do
    t=$(ticks "${PID[$v]}"); j=$(jit_ticks "${PID[$v]}")
    printf '%s\t%s\t%s\n' "${PENDING[$v]}" "$((t - T0[$v]))" "$((j - J0[$v]))" >> "$SLICES"
    rss=$(rss_mb "${PID[$v]}")
    expected=0; received=0; traces=0; errors=0
    if [ -n "${RECEIVER[$v]:-}" ]; then
      n=$per_request
      if [ "$endpoint" = db ]; then n=$(db_spans "$v"); fi
      expected=$((REQUESTS[$v] * n))
      received=$(curl -sf "http://127.0.0.1:$(receiver_port "$v")/count")
      traces=$(curl -sf "http://127.0.0.1:$(receiver_port "$v")/roots")
      errors=$(curl -sf "http://127.0.0.1:$(receiver_port "$v")/errors")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$endpoint" "$v" "${STARTED[$v]}" "${WARMED[$v]}" "$rss" "$expected" "$received" \
      "$((CYCLES * SLICE))" "$traces" "${FAILURES[$v]}" "$errors" >> "$PHASES"
  done
  for v in "${VARIANTS[@]}"; do kill -TERM "${PID[$v]}"; wait "${PID[$v]}" || true; done
  PID=()
  unset PENDING
done
python3 summarize_interleaved.py "$OUT" | tee "$OUT/summary.md"
trap - EXIT; cleanup
# startup, measured apart: one start per variant above is not a figure on a shared machine
if [ "$STARTUP_ROUNDS" -gt 0 ]; then
  echo "== startup: $STARTUP_ROUNDS rounds"
  ROUNDS=$STARTUP_ROUNDS JARS=$OUT SPECS="${VARIANTS[*]}" bash startup.sh | tail -n $((${#VARIANTS[@]} + 4))
fi
