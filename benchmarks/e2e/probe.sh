#!/usr/bin/env bash
# A single measured run of the "starter" variant on /one, with extra arguments, for trying a setting
# (run.sh must have built results/bench-app-starter.jar and a CountingReceiver must listen on 14318).
# usage: [VARIANT=none|starter|...] [PROBE_JVM_FLAGS=...] probe.sh label extra-args...
cd "$(dirname "$0")"
label=$1; shift
java -Xms256m -Xmx256m -XX:+UseG1GC ${PROBE_JVM_FLAGS:-} -jar results/bench-app-${VARIANT:-starter}.jar --server.port=18080 --server.address=127.0.0.1 --spring.main.banner-mode=off --logging.level.root=warn --otel.service.name=bench --otel.exporter.otlp.endpoint=http://127.0.0.1:14318 "$@" > /tmp/probe-app.log 2>&1 &
pid=$!
until curl -sf http://127.0.0.1:18080/one >/dev/null 2>&1; do sleep 0.05; done
wrk -t2 -c16 -d${WARMUP:-30}s http://127.0.0.1:18080/one >/dev/null; sleep 6
curl -sf -X POST http://127.0.0.1:14318/count >/dev/null
b=$(awk '{print $14+$15}' /proc/$pid/stat)
wrk -t2 -c16 -d8s http://127.0.0.1:18080/one > /tmp/probe-wrk.txt
a=$(awk '{print $14+$15}' /proc/$pid/stat)
kill -TERM $pid; wait $pid
req=$(awk '/requests in/ {print $1}' /tmp/probe-wrk.txt)
echo "$label req=$req rps=$(awk '/Requests\/sec/ {print $2}' /tmp/probe-wrk.txt) cpu_us=$(echo "scale=1; ($a-$b)*1000000/100/$req" | bc) spans=$(curl -sf http://127.0.0.1:14318/count)"
