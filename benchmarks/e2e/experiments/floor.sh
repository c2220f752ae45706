#!/usr/bin/env bash
# How much of this starter's cost is the OpenTelemetry SDK's, with the interleaved harness and the
# app's floor variant (the SDK, a hand-written filter and RestTemplate interceptor recording the
# same SERVER and CLIENT spans, SdkFloorConfiguration), whose --bench.floor.export takes the export
# apart: otlp (over OTLP/HTTP), marshal (the OTLP body written, nothing sent), discard (the batch
# processor with an exporter that throws the batches away) and none (nothing kept after a span
# ends).
#
#   bash benchmarks/e2e/experiments/floor.sh            untraced, this starter, floor-otlp, floor-none
#   bash benchmarks/e2e/experiments/floor.sh pipeline   untraced, floor-otlp, floor-marshal, floor-discard
#   bash benchmarks/e2e/experiments/floor.sh ab         untraced, this starter, floor-otlp, this starter again
#                                                       (starter-2: how far two processes of one jar differ)
#
# The floor jars run in the slots interleaved.sh calls starter, official and micrometer (copied over
# those slots' jars in $OUT, so pipeline's folder holds no starter jar after it); the slots are
# renamed after what ran in them. A floor that sends nothing leaves its receiver at 0 spans.
# Output in benchmarks/e2e/$OUT (summary.md, slices.tsv, variants.tsv).
# Knobs: those of interleaved.sh; OUT defaults to results-floor, results-floor-pipeline or
# results-floor-ab here, and STARTUP_ROUNDS is always 0.
set -euo pipefail
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
case ${1:-starter} in
  starter) slots="official=otlp micrometer=none" out=results-floor ;;
  pipeline) slots="starter=otlp official=marshal micrometer=discard" out=results-floor-pipeline ;;
  ab) slots="official=otlp" out=results-floor-ab ;;
  *) echo "usage: floor.sh [starter|pipeline|ab]" >&2; exit 2 ;;
esac
export OUT=${OUT:-$out} STARTUP_ROUNDS=0
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
  bash build.sh "$OUT"
  ../../mvnw -B -q -f app/pom.xml clean package -DskipTests -Pfloor
  cp app/target/bench-app-floor.jar "$OUT/"
fi
# the floor reads otel.service.name and otel.exporter.otlp.endpoint as the starter does
STARTER_SLOTS="" names=""
for s in $slots; do
  cp "$OUT/bench-app-floor.jar" "$OUT/bench-app-${s%%=*}.jar"
  STARTER_SLOTS="$STARTER_SLOTS ${s%%=*}:--bench.floor.export=${s#*=}"
  names="$names ${s%%=*}=floor-${s#*=}"
done
if [ "${1:-starter}" = ab ]; then
  cp "$OUT/bench-app-starter.jar" "$OUT/bench-app-micrometer.jar"
  STARTER_SLOTS="$STARTER_SLOTS micrometer:" names="$names micrometer=starter-2"
fi
export STARTER_SLOTS
SKIP_BUILD=1 bash interleaved.sh > "$OUT/run.log"
# shellcheck source=../harness.sh
source harness.sh
rename_slots "$names"
