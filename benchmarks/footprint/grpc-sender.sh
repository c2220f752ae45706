#!/usr/bin/env bash
# What the starter's gRPC sender (OkHttp) adds to the sample: jar bytes, classes loaded and
# resident memory at idle, over OTLP/HTTP (the JDK sender) and over gRPC, against the same
# sample without OkHttp on its class path.
#
#   ./mvnw -B -pl sample-app -am -DskipTests package && bash benchmarks/footprint/grpc-sender.sh [runs]
#
# Each run starts the sample, places one order (so the exporter has sent), waits 10 s idle,
# then reads the loaded class count (jcmd PerfCounter) and VmRSS; the medians are printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
CP_FILE=$(mktemp)
./mvnw -q -o -B -pl sample-app dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
FULL="sample-app/target/classes:$(cat "$CP_FILE")"
WITHOUT=$(tr ':' '\n' <<<"$FULL" | grep -vE 'opentelemetry-exporter-sender-okhttp|/okhttp|/okio|/kotlin-stdlib' | paste -sd: -)

echo "jars OkHttp adds:"
tr ':' '\n' <<<"$FULL" | grep -E 'opentelemetry-exporter-sender-okhttp|/okhttp|/okio|/kotlin-stdlib' \
  | while read -r jar; do printf '  %8d  %s\n' "$(stat -c %s "$jar")" "$(basename "$jar")"; done
tr ':' '\n' <<<"$FULL" | grep -E 'opentelemetry-exporter-sender-okhttp|/okhttp|/okio|/kotlin-stdlib' \
  | xargs stat -c %s | awk '{s+=$1} END {printf "  %8d  bytes in all\n", s}'

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

measure() { # $1 class path, $2 protocol; prints "classes rss_kb"
  local port; port=$(free_port)
  local log; log=$(mktemp)
  java -Xmx256m -cp "$1" dev.otelspring.sample.SampleApplication --server.port="$port" --server.address=127.0.0.1 \
    --otel.traces.exporter=otlp --otel.exporter.otlp.protocol="$2" \
    --otel.exporter.otlp.endpoint="http://127.0.0.1:$(free_port)" --otel.bsp.schedule.delay=100ms >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do grep -q 'Started SampleApplication' "$log" && break; sleep 0.5; done
  curl -s -o /dev/null -X POST "http://127.0.0.1:$port/api/orders" -H 'Content-Type: application/json' \
    -d '{"customerId":"c-42","items":[{"sku":"book-1","quantity":1,"unitPrice":9.5}]}'
  sleep 10
  local classes; classes=$(jcmd "$pid" PerfCounter.print | awk -F= '/java.cls.loadedClasses=/{print $2}')
  local rss; rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$log"
  echo "$classes $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for variant in "without-okhttp http/protobuf" "with-okhttp http/protobuf" "with-okhttp grpc"; do
  set -- $variant
  cp=$FULL; [ "$1" = without-okhttp ] && cp=$WITHOUT
  results=()
  for _ in $(seq 1 "$RUNS"); do results+=("$(measure "$cp" "$2")"); done
  classes=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  rss=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  rss_range=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | sort -n | sed -n '1p;$p' | paste -sd- -)
  printf '%-16s %-14s classes loaded %6d   RSS %6d KB (range %s KB, median of %d)\n' "$1" "$2" "$classes" "$rss" "$rss_range" "$RUNS"
done
rm -f "$CP_FILE"
