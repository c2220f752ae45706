#!/usr/bin/env bash
# Which classes a variant loads beyond the untraced app's: each of the two is started alone with
# -Xlog:class+load, loaded on /one for LOAD seconds, and its committed metaspace read (VM.metaspace)
# before it stops. Prints both metaspace figures and the classes only the variant loaded, counted by
# origin (lambdas, proxies and other generated classes left out: their names differ between runs).
# build.sh must have built $JARS/bench-app-<jar>.jar for both; the variant may carry a config
# (starter-ratio, see harness.sh). A CountingReceiver is started on 14318 for the traced one.
# usage: [JARS=results] [LOAD=15] bash benchmarks/e2e/experiments/classes.sh [variant] [out dir, default results-classes]
set -euo pipefail
cd "$(dirname "$0")/.."   # benchmarks/e2e: the harness, app/, receiver/ and the results folders
# shellcheck source=../harness.sh
source harness.sh
require_tools
JARS=${JARS:-results}
VARIANT=${1:-starter-ratio}
OUT=${2:-results-classes}
RECEIVER_PORT=14318
APP_PORT=18080
mkdir -p "$OUT"
start_receiver $RECEIVER_PORT "$OUT/receiver.log"
RECEIVER=$LAUNCHED
pid=""
trap 'kill $RECEIVER $pid 2>/dev/null || true' EXIT
sleep 1
flags=$JVM_FLAGS
for spec in none "$VARIANT"; do
  JVM_FLAGS="$flags -Xlog:class+load=info:file=$OUT/$spec.log"
  launch_spec "$spec" "$OUT/app-$spec.log"
  pid=$LAUNCHED
  wrk -t2 -c16 -d"${LOAD:-15}s" "http://127.0.0.1:$APP_PORT/one" >/dev/null
  echo "$spec: $(jcmd "$pid" VM.metaspace | grep -m1 '^ *Both:' | sed 's/^ *Both: *//')"
  kill -TERM "$pid"; wait "$pid" || true
  pid=""
  # "[info][class,load] java.lang.Object source: ...": the class name, generated ones left out
  grep -o '\] [^ ]* source' "$OUT/$spec.log" | awk '{print $2}' | grep -v 'Lambda\|0x0\|\$\$' | sort -u > "$OUT/$spec.classes"
done
comm -13 "$OUT/none.classes" "$OUT/$VARIANT.classes" > "$OUT/added.classes"
echo "classes loaded by $VARIANT and not by none: $(wc -l < "$OUT/added.classes")"
awk '{
  if ($0 ~ /^jdk\.internal\.net\.http|^java\.net\.http/) g = "the JDK HttpClient (the exporter sends with it)"
  else if ($0 ~ /^io\.opentelemetry/) g = "OpenTelemetry (API, SDK, exporter)"
  else if ($0 ~ /^dev\.otelspring/) g = "this starter"
  else if ($0 ~ /cglib|\.aop\.|objenesis/) g = "Spring AOP and CGLIB (class-based proxies)"
  else if ($0 ~ /^org\.springframework/) g = "other Spring"
  else g = "other JDK and libraries"
  n[g]++ } END { for (g in n) printf "%6d  %s\n", n[g], g }' "$OUT/added.classes" | sort -rn
