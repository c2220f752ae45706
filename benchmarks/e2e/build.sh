#!/usr/bin/env bash
# Builds the starter, the four variants of the benchmark app and its SDK floor (copied to $1 as
# bench-app-<variant>.jar, bench-app-floor.jar) and the counting receiver. $1 is relative to
# benchmarks/e2e. Used by interleaved.sh and the experiments.
set -euo pipefail
cd "$(dirname "$0")"
OUT=$1
mkdir -p "$OUT"
MVN="../../mvnw -B -q"
echo "== building the starter and the variants"
(cd ../.. && ./mvnw -B -q install -DskipTests -pl otel-spring-boot-starter -am)
for v in none starter official micrometer floor; do
  profile=""; [ "$v" != none ] && profile="-P$v"
  $MVN -f app/pom.xml clean package -DskipTests $profile
  cp app/target/bench-app-$v.jar "$OUT/"
done
$MVN -f receiver/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
