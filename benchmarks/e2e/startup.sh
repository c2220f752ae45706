#!/usr/bin/env bash
# Startup time of the benchmark app's variants: from launching the JVM to the first answered request
# on /one, each variant started alone, in turn, ROUNDS times, so that the machine's drift falls on all
# alike. Reports the median per variant and the median of the per-round differences to the untraced
# app. A spec "<variant>:<arg>" starts the variant with one extra argument (for example
# "starter:--otel.instrumentation.logback-mdc.enabled=false") to measure what a setting costs.
#
# interleaved.sh (or build.sh <dir>) must have built $JARS/bench-app-<jar>.jar for each variant (a
# variant "<jar>-<config>", starter-rate say, runs that jar with the config's arguments; harness.sh).
# Usage (from the repository root): bash benchmarks/e2e/startup.sh
# Knobs: ROUNDS (12), JARS (results-interleaved), SPECS (which variants, in order; none among them).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-12}
JARS=${JARS:-results-interleaved}
SPECS=${SPECS:-"none starter official micrometer"}
RECEIVER_PORT=14318
APP_PORT=18080
# shellcheck source=harness.sh
source harness.sh
require_tools
start_receiver $RECEIVER_PORT "$JARS/receiver-startup.log"
RECEIVER=$LAUNCHED
trap 'kill $RECEIVER 2>/dev/null || true' EXIT
sleep 1

RESULTS="$JARS/startup.tsv"
printf 'round\tvariant\tstartup_s\n' > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for spec in $SPECS; do
    launch_spec "$spec" "$JARS/app-startup.log"
    printf '%s\t%s\t%s\n' "$round" "$spec" "$STARTUP" | tee -a "$RESULTS"
    kill -TERM $LAUNCHED; wait $LAUNCHED || true
  done
done
python3 - "$RESULTS" <<'EOF' | tee "$JARS/startup.md"
import collections, statistics, sys
by_round = collections.defaultdict(dict)
order = []
with open(sys.argv[1]) as f:
    next(f)
    for line in f:
        round_, spec, seconds = line.split()
        by_round[round_][spec] = float(seconds)
        if spec not in order:
            order.append(spec)
print("| variant | startup s, median (range) | minus untraced, median of per-round differences (range) |")
print("|---|---|---|")
for spec in order:
    times = [r[spec] for r in by_round.values() if spec in r]
    diffs = [r[spec] - r["none"] for r in by_round.values() if spec in r and "none" in r]
    line = f"| {spec} | {statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f}) |"
    line += f" {statistics.median(diffs):+.2f} ({min(diffs):+.2f} to {max(diffs):+.2f}) |" if spec != "none" else " |"
    print(line)
print(f"\n{len(by_round)} rounds")
EOF
