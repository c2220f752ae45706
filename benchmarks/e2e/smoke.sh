#!/usr/bin/env bash
# A short pass of the end-to-end benchmark, run by CI: interleaved.sh builds the four variants, starts
# them, loads each with wrk on both endpoints for one cycle of 2 s slices and measures one round of
# startups, exactly as a full run does. It then checks what a broken harness would show: every
# variant answered requests on both endpoints, every traced variant's receiver counted spans, and the
# summary tables were written. The figures of so short a run are not benchmarks and are not checked;
# docs/benchmarks.md says how the real runs are made.
#
# Usage (from the repository root): bash benchmarks/e2e/smoke.sh   (OUT: results-smoke)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-results-smoke}
rm -rf "$OUT"
CYCLES=1 SLICE=2 WARMUP=2 WARMUP_MAX=2 STARTUP_ROUNDS=1 OUT=$OUT bash interleaved.sh
python3 - "$OUT" <<'EOF'
import csv, sys
out = sys.argv[1]
problems = []
with open(f"{out}/slices.tsv") as f:
    slices = list(csv.DictReader(f, delimiter="\t"))
with open(f"{out}/variants.tsv") as f:
    variants = list(csv.DictReader(f, delimiter="\t"))
for endpoint in ("one", "call"):
    for variant in ("none", "starter", "official", "micrometer"):
        served = [int(s["requests"]) for s in slices if s["endpoint"] == endpoint and s["variant"] == variant]
        if not served or min(served) <= 0:
            problems.append(f"/{endpoint} {variant}: no requests served ({served})")
        row = [v for v in variants if v["endpoint"] == endpoint and v["variant"] == variant]
        if not row:
            problems.append(f"/{endpoint} {variant}: missing from variants.tsv")
        elif variant != "none" and int(row[0]["spans_received"] or 0) <= 0:
            problems.append(f"/{endpoint} {variant}: its receiver counted no spans")
for name in ("summary.md", "startup.md"):
    with open(f"{out}/{name}") as f:
        if "|---" not in f.read():
            problems.append(f"{name} holds no table")
if problems:
    sys.exit("e2e smoke failed:\n  " + "\n  ".join(problems))
print("e2e smoke: every variant served both endpoints and every traced variant's receiver counted spans")
EOF
