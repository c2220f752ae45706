#!/usr/bin/env bash
# A short pass of the end-to-end benchmark, run by CI: interleaved.sh builds the variants, starts the
# four, the SDK floor and starter-rate (this starter sampling at most 10 traces a second, so that a
# config's path runs too), loads each with wrk on both endpoints for one cycle of 2 s slices and
# measures one round of startups, exactly as a full run does; then the untraced app and starter-tail
# (tail sampling, errors and 5%) on /mixed, where every hundredth request fails, and on /db, a query
# per request. It then checks what a broken harness would show: every variant answered
# requests on every endpoint and has its row in variants.tsv, every fully traced variant's receiver
# counted spans (a sampled one's may count few or none in 2 s), and the summary tables were written;
# that on /mixed tail sampling delivered an ERROR span for every failed request wrk saw (more may
# arrive: requests still running when wrk stops are not in its count); and that on /db the traces it
# kept arrived with their database span (2 spans a trace). The figures of so short a run are not
# benchmarks and are not checked; docs/benchmarks.md says how the real runs are made.
#
# Usage (from the repository root): bash benchmarks/e2e/smoke.sh   (OUT: results-smoke)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-results-smoke}
rm -rf "$OUT"
FULL="none starter floor official micrometer"   # every request traced but none's
SAMPLED="starter-rate"
MIXED="none starter-tail"
CYCLES=1 SLICE=2 WARMUP=2 WARMUP_MAX=2 STARTUP_ROUNDS=1 OUT=$OUT VARIANTS="$FULL $SAMPLED" bash interleaved.sh
mkdir -p "$OUT/mixed"
for jar in "$OUT"/bench-app-*.jar; do ln -s "../$(basename "$jar")" "$OUT/mixed/"; done
CYCLES=1 SLICE=2 WARMUP=2 WARMUP_MAX=2 STARTUP_ROUNDS=0 SKIP_BUILD=1 OUT=$OUT/mixed ENDPOINTS="mixed db" \
  VARIANTS="$MIXED" bash interleaved.sh
python3 - "$OUT" "$FULL" "$SAMPLED" "$MIXED" <<'EOF'
import csv, sys
out, full, sampled, mixed = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split()
problems = []
slices, variants = [], []
for directory in (out, f"{out}/mixed"):
    with open(f"{directory}/slices.tsv") as f:
        slices += list(csv.DictReader(f, delimiter="\t"))
    with open(f"{directory}/variants.tsv") as f:
        variants += list(csv.DictReader(f, delimiter="\t"))
for endpoint, names in (("one", full + sampled), ("call", full + sampled), ("mixed", mixed), ("db", mixed)):
    for variant in names:
        served = [int(s["requests"]) for s in slices if s["endpoint"] == endpoint and s["variant"] == variant]
        if not served or min(served) <= 0:
            problems.append(f"/{endpoint} {variant}: no requests served ({served})")
        row = [v for v in variants if v["endpoint"] == endpoint and v["variant"] == variant]
        if not row:
            problems.append(f"/{endpoint} {variant}: missing from variants.tsv")
        elif variant != "none" and variant in full and int(row[0]["spans_received"] or 0) <= 0:
            problems.append(f"/{endpoint} {variant}: its receiver counted no spans")
row = [v for v in variants if v["endpoint"] == "mixed" and v["variant"] == "starter-tail"]
if row:
    failures, errors = int(row[0]["failures"]), int(row[0]["errors_received"] or 0)
    if failures <= 0 or errors < failures:
        problems.append(f"/mixed starter-tail: {errors} ERROR spans for {failures} failed requests")
row = [v for v in variants if v["endpoint"] == "db" and v["variant"] == "starter-tail"]
if row:
    spans, traces = int(row[0]["spans_received"] or 0), int(row[0]["traces_received"] or 0)
    if traces <= 0 or not 1.9 <= spans / traces <= 2.1:
        problems.append(f"/db starter-tail: {spans} spans in {traces} traces, not 2 a trace")
for name in ("summary.md", "startup.md"):
    with open(f"{out}/{name}") as f:
        if "|---" not in f.read():
            problems.append(f"{name} holds no table")
if problems:
    sys.exit("e2e smoke failed:\n  " + "\n  ".join(problems))
print("e2e smoke: every variant served every endpoint, every fully traced variant's receiver counted spans,"
      " tail sampling kept every failed request's trace, and database spans arrived in their traces")
EOF
