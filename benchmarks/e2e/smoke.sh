#!/usr/bin/env bash
# A short pass of the end-to-end benchmark, run by CI: interleaved.sh builds the variants, starts the
# four, the SDK floor and starter-rate (this starter sampling at most 10 traces a second, so that a config's path
# runs too), loads each with wrk on both endpoints for one cycle of 2 s slices and measures one round
# of startups, exactly as a full run does. It then checks what a broken harness would show: every
# variant answered requests on both endpoints and has its row in variants.tsv, every fully traced
# variant's receiver counted spans (a sampled one's may count few or none in 2 s), and the summary
# tables were written. The figures of so short a run are not benchmarks and are not checked;
# docs/benchmarks.md says how the real runs are made.
#
# Usage (from the repository root): bash benchmarks/e2e/smoke.sh   (OUT: results-smoke)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-results-smoke}
rm -rf "$OUT"
FULL="none starter floor official micrometer"   # every request traced but none's
SAMPLED="starter-rate"
CYCLES=1 SLICE=2 WARMUP=2 WARMUP_MAX=2 STARTUP_ROUNDS=1 OUT=$OUT VARIANTS="$FULL $SAMPLED" bash interleaved.sh
python3 - "$OUT" "$FULL" "$SAMPLED" <<'EOF'
import csv, sys
out, full, sampled = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
problems = []
with open(f"{out}/slices.tsv") as f:
    slices = list(csv.DictReader(f, delimiter="\t"))
with open(f"{out}/variants.tsv") as f:
    variants = list(csv.DictReader(f, delimiter="\t"))
for endpoint in ("one", "call"):
    for variant in full + sampled:
        served = [int(s["requests"]) for s in slices if s["endpoint"] == endpoint and s["variant"] == variant]
        if not served or min(served) <= 0:
            problems.append(f"/{endpoint} {variant}: no requests served ({served})")
        row = [v for v in variants if v["endpoint"] == endpoint and v["variant"] == variant]
        if not row:
            problems.append(f"/{endpoint} {variant}: missing from variants.tsv")
        elif variant != "none" and variant in full and int(row[0]["spans_received"] or 0) <= 0:
            problems.append(f"/{endpoint} {variant}: its receiver counted no spans")
for name in ("summary.md", "startup.md"):
    with open(f"{out}/{name}") as f:
        if "|---" not in f.read():
            problems.append(f"{name} holds no table")
if problems:
    sys.exit("e2e smoke failed:\n  " + "\n  ".join(problems))
print("e2e smoke: every variant served both endpoints and every fully traced variant's receiver counted spans")
EOF
