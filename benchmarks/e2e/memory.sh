#!/usr/bin/env bash
# Where each variant's resident memory goes under load: every variant is started alone with the
# harness's JVM flags plus Native Memory Tracking, loaded on ENDPOINT for WARMUP seconds and then
# LOAD seconds more, and read while wrk still runs. The rows split the resident set into the Java
# heap's touched pages (from /proc/<pid>/smaps, inside the range GC.heap_info prints) and the rest
# (of which the file-backed pages: the JDK's libraries, the class data archive, jars), and list
# what NMT says is committed outside the heap (class metadata, code, threads, GC, ...).
# Variants take turns, ROUNDS times; the summary gives medians and the difference to the untraced app.
#
# interleaved.sh (or build.sh <dir>) must have built $JARS/bench-app-<jar>.jar for each variant (a
# variant "<jar>-<config>", starter-rate say, runs that jar with the config's arguments; harness.sh).
# Usage (from the repository root): bash benchmarks/e2e/memory.sh
# Knobs: ROUNDS (2), JARS (results-interleaved), SPECS, ENDPOINT (/one), WARMUP (30), LOAD (20).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-2}
JARS=${JARS:-results-interleaved}
SPECS=${SPECS:-"none starter official micrometer"}
ENDPOINT=${ENDPOINT:-/one}
WARMUP=${WARMUP:-30}
LOAD=${LOAD:-20}
[ "$LOAD" -ge 5 ] || { echo "LOAD must be at least 5 seconds" >&2; exit 2; }
RECEIVER_PORT=14318
APP_PORT=18080
# shellcheck source=harness.sh
source harness.sh
require_tools
JVM_FLAGS="$JVM_FLAGS -XX:NativeMemoryTracking=summary"
start_receiver $RECEIVER_PORT "$JARS/receiver-memory.log"
RECEIVER=$LAUNCHED
pid=""; load=""
trap 'kill $RECEIVER $pid $load 2>/dev/null || true' EXIT
sleep 1

# The resident kB of the mappings inside the Java heap's address range: heap_rss_kb <pid>.
heap_rss_kb() {
  local range
  range=$(jcmd "$1" GC.heap_info | grep -o '\[0x[0-9a-f]*, 0x[0-9a-f]*)' | head -1 | tr -d '[),')
  python3 - "$1" $range <<'EOF'
import sys
pid, low, high = sys.argv[1], int(sys.argv[2], 16), int(sys.argv[3], 16)
total, inside = 0, False
with open(f"/proc/{pid}/smaps") as f:
    for line in f:
        head = line.split()[0]
        if "-" in head and ":" not in head:
            start, end = (int(x, 16) for x in head.split("-"))
            inside = start >= low and end <= high
        elif head == "Rss:" and inside:
            total += int(line.split()[1])
print(total)
EOF
}

RESULTS="$JARS/memory.tsv"
printf 'round\tvariant\tpart\tmb\n' > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for spec in $SPECS; do
    launch_spec "$spec" "$JARS/app-memory.log"
    pid=$LAUNCHED
    wrk -t2 -c16 -d"${WARMUP}s" "http://127.0.0.1:$APP_PORT$ENDPOINT" >/dev/null
    wrk -t2 -c16 -d"${LOAD}s" "http://127.0.0.1:$APP_PORT$ENDPOINT" >/dev/null &
    load=$!
    sleep $((LOAD - 3))
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    rss_file=$(awk '/RssFile/ {print $2}' "/proc/$pid/status")
    heap=$(heap_rss_kb $pid)
    nmt=$(jcmd $pid VM.native_memory summary scale=KB)
    wait $load
    kill -TERM $pid; wait $pid || true
    pid=""; load=""
    # every part in kB, then one row each in MB
    {
      printf 'RSS\t%s\n' "$rss"
      printf 'RSS: heap pages\t%s\n' "$heap"
      printf 'RSS: outside the heap\t%s\n' "$((rss - heap))"
      printf 'RSS: outside the heap, of it file-backed\t%s\n' "$rss_file"
      # "-   Class (reserved=1056768KB, committed=12345KB)": the committed figure of every category
      # but the heap, whose pages are counted above.
      echo "$nmt" | sed -n 's/^-[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*(reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/NMT committed: \1\t\2/p' \
        | grep -v '^NMT committed: Java Heap'
    } | awk -F'\t' -v r="$round" -v s="$spec" '{printf "%s\t%s\t%s\t%.1f\n", r, s, $1, $2 / 1024}' | tee -a "$RESULTS"
  done
done
python3 - "$RESULTS" <<'EOF' | tee "$JARS/memory.md"
import collections, statistics, sys
values = collections.defaultdict(lambda: collections.defaultdict(list))
specs, parts = [], []
with open(sys.argv[1]) as f:
    next(f)
    for line in f:
        _, spec, part, mb = line.rstrip("\n").split("\t")
        values[part][spec].append(float(mb))
        if spec not in specs:
            specs.append(spec)
        if part not in parts:
            parts.append(part)
def median(part, spec):
    xs = values[part].get(spec)
    return statistics.median(xs) if xs else 0.0
# The three RSS rows, then NMT's categories by the largest difference to the untraced app.
nmt = sorted((p for p in parts if p.startswith("NMT")),
             key=lambda p: -max(abs(median(p, s) - median(p, specs[0])) for s in specs))
print("| MB, median | " + " | ".join(specs) + " |")
print("|---" * (len(specs) + 1) + "|")
for part in [p for p in parts if p.startswith("RSS")] + nmt:
    base = median(part, specs[0])
    cells = [f"{base:.1f}"] + [f"{median(part, s):.1f} ({median(part, s) - base:+.1f})" for s in specs[1:]]
    print(f"| {part} | " + " | ".join(cells) + " |")
print(f"\n{len(next(iter(values.values()))[specs[0]])} rounds; in brackets the difference to {specs[0]}")
EOF
