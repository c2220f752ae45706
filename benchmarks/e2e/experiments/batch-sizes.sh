#!/usr/bin/env bash
# Compares export batch sizes of this starter side by side, with the interleaved harness: the
# untraced app, and the starter at batches of 2048, 512 and 1024 spans (queue 8192 in all three),
# in the slots interleaved.sh calls starter, official and micrometer. Output in benchmarks/e2e/$OUT
# (summary.md, slices.tsv, variants.tsv), with the slots renamed batch2048, batch512 and batch1024.
#
# Usage: bash benchmarks/e2e/experiments/batch-sizes.sh
# Knobs: those of interleaved.sh; ENDPOINTS defaults to "one" here, OUT to results-batch-sizes, and
# STARTUP_ROUNDS is always 0 (startup does not depend on the batch size).
set -euo pipefail
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
export OUT=${OUT:-results-batch-sizes} ENDPOINTS=${ENDPOINTS:-one} STARTUP_ROUNDS=0
mkdir -p "$OUT"
[ -n "${SKIP_BUILD:-}" ] || bash build.sh "$OUT"
cp "$OUT/bench-app-starter.jar" "$OUT/bench-app-official.jar"
cp "$OUT/bench-app-starter.jar" "$OUT/bench-app-micrometer.jar"
export STARTER_SLOTS="starter:--otel.bsp.max.queue.size=8192;--otel.bsp.max.export.batch.size=2048
official:--otel.bsp.max.queue.size=8192;--otel.bsp.max.export.batch.size=512
micrometer:--otel.bsp.max.queue.size=8192;--otel.bsp.max.export.batch.size=1024"
SKIP_BUILD=1 bash interleaved.sh > "$OUT/run.log"
# shellcheck source=../harness.sh
source harness.sh
rename_slots "starter=batch2048 official=batch512 micrometer=batch1024"
