# Shared by the e2e scripts (sourced): how the receiver and each variant are started, readings from
# /proc and from wrk, and the adaptive warm-up. warm_up needs CONNECTIONS, WARMUP, WARMUP_MAX and
# JIT_STEADY set by the caller.

# The same JVM flags for every variant, unless the caller set them.
JVM_FLAGS=${JVM_FLAGS:-"-Xms256m -Xmx256m -XX:+UseG1GC"}

# A variant is named "<jar>" or "<jar>-<config>": it runs bench-app-<jar>.jar with the arguments
# variant_args gives that jar, and a config's arguments (config_args) on top. The configs:
CONFIGS="ratio rate tail tailwait metrics nojdbc"

# The jar a variant runs, the <jar> of bench-app-<jar>.jar: variant_jar <variant>. A name that does
# not end in a config is the jar's (starter-okhttp runs bench-app-starter-okhttp.jar).
variant_jar() {
  local config=${1##*-}
  if [ "$config" != "$1" ] && [[ " $CONFIGS " == *" $config "* ]]; then echo "${1%-*}"; else echo "$1"; fi
}

# The arguments a config adds to a jar's: config_args <jar> <config>. ratio samples 0.1% of the
# traces at the head (Micrometer Tracing's probability for micrometer), rate at most 10 new traces a
# second, tail keeps every trace with an error and 5% of the others when they have ended (tailwait:
# the same, each trace held until none of its spans has ended for 500 ms), metrics
# turns this starter's metrics on (HTTP durations and JVM metrics, exported every minute), nojdbc
# turns JDBC tracing off (both starters' key); rate, tail, tailwait and metrics are this starter's
# own. Fails for a config the jar has not.
config_args() {
  case $1:$2 in
    micrometer:ratio) echo "--management.tracing.sampling.probability=0.001"; return ;;
    none:* | floor:* | official:rate | official:tail* | official:metrics | micrometer:*) ;;
    *:ratio) echo "--otel.traces.sampler=parentbased_traceidratio --otel.traces.sampler.arg=0.001"; return ;;
    *:rate) echo "--otel.traces.sampler=parentbased_rate_limiting --otel.traces.sampler.arg=10"; return ;;
    *:tail) echo "--otel.spring.sampling.tail.enabled=true --otel.spring.sampling.tail.baseline-ratio=0.05"; return ;;
    *:tailwait) echo "--otel.spring.sampling.tail.enabled=true --otel.spring.sampling.tail.baseline-ratio=0.05 --otel.spring.sampling.tail.decision-wait=500ms"; return ;;
    *:metrics) echo "--otel.metrics.exporter=otlp"; return ;;
    *:nojdbc) echo "--otel.instrumentation.jdbc.enabled=false"; return ;;
  esac
  echo "bench-app-$1.jar has no config $2 (a variant is <jar> or <jar>-<config>; configs: $CONFIGS)" >&2
  return 1
}

# The spans a traced variant makes for one /db request: db_spans <variant>. The SERVER span, and the
# query's CLIENT span where the variant traces JDBC (not the SDK floor, not Micrometer Tracing, not
# a variant with JDBC tracing turned off).
db_spans() {
  case $(variant_jar "$1"):${1##*-} in
    floor:* | micrometer:* | *:nojdbc) echo 1 ;;
    *) echo 2 ;;
  esac
}

# Arguments with others on top: merge_args <arguments> <more arguments>. One of the second that sets
# the same key replaces the first's (Spring joins a repeated option's values with commas, and
# "1.0,0.001" is no probability).
merge_args() {
  local kept=() a b
  local -
  set -f   # the arguments are split on whitespace, never globbed
  for a in $1; do
    for b in $2; do
      if [ "${b%%=*}" = "${a%%=*}" ]; then continue 2; fi
    done
    kept+=("$a")
  done
  # shellcheck disable=SC2086
  echo "${kept[@]}" $2
}

# The app's arguments for a variant: variant_args <variant> <app port> <receiver base URL>. Every
# traced variant is named after itself and exports spans over OTLP/HTTP to the receiver at its
# defaults, fully sampled unless its config samples; neither starter exports metrics or logs unless
# the config says so. Fails for a config its jar has not.
# STARTER_SLOTS="<variant>:<extra args, separated by ;> ..." runs this starter in another variant's
# slot with those settings instead (experiments/batch-sizes.sh), e.g. "official:--otel.bsp.max.export.batch.size=512".
# A jar of any other name runs as this starter at its defaults.
# An argument can hold commas, not spaces or semicolons.
variant_args() {
  local common="--server.port=$2 --server.address=127.0.0.1 --spring.main.banner-mode=off --logging.level.root=warn"
  local starter="$common --otel.service.name=$1 --otel.exporter.otlp.endpoint=$3 --otel.metrics.exporter=none --otel.logs.exporter=none"
  local jar config="" base slot
  local -
  set -f   # the slots are split on whitespace, never globbed
  for slot in ${STARTER_SLOTS:-}; do
    if [ "${slot%%:*}" = "$1" ]; then
      echo "$starter ${slot#*:}" | tr ';' ' '
      return
    fi
  done
  jar=$(variant_jar "$1")
  if [ "$jar" != "$1" ]; then
    config=$(config_args "$jar" "${1##*-}") || return 1
  fi
  case $jar in
    none) base=$common ;;
    official) base="$common --otel.service.name=$1 --otel.exporter.otlp.endpoint=$3 --otel.exporter.otlp.protocol=http/protobuf --otel.metrics.exporter=none --otel.logs.exporter=none" ;;
    micrometer) base="$common --spring.application.name=$1 --management.tracing.sampling.probability=1.0 --management.otlp.tracing.endpoint=$3/v1/traces" ;;
    # starter, or a jar of this starter built another way (bench-app-starter-okhttp.jar, say)
    *) base=$starter ;;
  esac
  merge_args "$base" "$config"
}

# Names the slots of an interleaved run in $OUT after what ran in them (slices.tsv, variants.tsv)
# and summarises it again under those names: rename_slots "starter=batch2048 official=batch512".
rename_slots() {
  local f
  for f in slices.tsv variants.tsv; do
    awk -F'\t' -v OFS='\t' -v map="$1" '
      BEGIN { k = split(map, pairs, " "); for (i = 1; i <= k; i++) { split(pairs[i], kv, "="); n[kv[1]] = kv[2] } }
      { for (i = 1; i <= NF; i++) if ($i in n) $i = n[$i]; print }' "$OUT/$f" > "$OUT/$f.renamed"
    mv "$OUT/$f.renamed" "$OUT/$f"
  done
  python3 summarize_interleaved.py "$OUT" | tee "$OUT/summary.md"
}

# Installs what the scripts call if it is missing (Debian's packages; CI runs as root).
require_tools() {
  local missing=() t
  for t in wrk curl bc; do command -v $t >/dev/null || missing+=("$t"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
}

# Starts a counting OTLP receiver in the background: start_receiver <port> <log file>; sets
# LAUNCHED to its pid. RECEIVER_FLAGS="-Dreceiver.decode=full" decodes every span (see
# CountingReceiver) instead of counting them on the wire.
start_receiver() {
  # shellcheck disable=SC2086
  java ${RECEIVER_FLAGS:-} -cp "receiver/target/classes:$(cat receiver/target/cp.txt)" dev.otelspring.bench.CountingReceiver "$1" > "$2" 2>&1 &
  LAUNCHED=$!
}

# Starts an app jar with JVM_FLAGS in the background and waits until it answers /one:
# launch_app <jar> <port> <log file> <app arguments...>; sets LAUNCHED to its pid and STARTUP to the
# seconds from launch to the first answer. Fails, with the end of the app's log, if the app exits or
# has not answered after 180 s.
launch_app() {
  local jar=$1 port=$2 log=$3 start
  shift 3
  local deadline=$((SECONDS + 180))
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $JVM_FLAGS -jar "$jar" "$@" > "$log" 2>&1 &
  LAUNCHED=$!
  # shell built-ins only while the app starts, so that polling costs it no CPU
  until curl -sf "http://127.0.0.1:$port/one" >/dev/null 2>&1; do
    if ! kill -0 "$LAUNCHED" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "$jar did not answer on port $port; the end of $log:" >&2
      tail -n 20 "$log" >&2
      kill "$LAUNCHED" 2>/dev/null || true
      return 1
    fi
    sleep 0.02
  done
  STARTUP=$(echo "$(date +%s.%N) - $start" | bc)
}

# Starts one variant from $JARS with launch_app and the arguments variant_args gives it for
# $APP_PORT and the receiver on $RECEIVER_PORT: launch_spec <spec> <log file>, where a spec is
# "<variant>" or "<variant>:<one extra argument>" (startup.sh, memory.sh), the variant with or
# without a config; the extra argument replaces one of the same key (starter-rate:--otel.traces.sampler.arg=100).
launch_spec() {
  local variant=${1%%:*} extra="" args
  if [ "$1" != "$variant" ]; then extra=${1#*:}; fi
  args=$(variant_args "$variant" "$APP_PORT" "http://127.0.0.1:$RECEIVER_PORT") || return 1
  # shellcheck disable=SC2046
  launch_app "$JARS/bench-app-$(variant_jar "$variant").jar" "$APP_PORT" "$2" $(merge_args "$args" "$extra")
}

CLK=$(getconf CLK_TCK)

# CPU ticks (user + system) of a process, all its threads.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Microseconds of CPU per request from a difference of ticks: us_per_request <ticks> <requests> [decimals].
us_per_request() { echo "scale=${3:-1}; $1 * 1000000 / $CLK / $2" | bc; }

# Resident memory of a process, in MB.
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# From a file of wrk output (run with --latency): requests, requests per second, p50, p99 and the
# responses with a status of 400 or more (wrk's "Non-2xx or 3xx responses", 0 when it has none).
wrk_figures() {
  awk '/requests in/ {r=$1} /Requests\/sec/ {s=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2}
       /Non-2xx or 3xx responses/ {f=$NF} END {print r, s, p50, p99, f + 0}' "$1"
}

# CPU ticks (user + system) of a process's threads, grouped by name with the number at the end
# dropped (pool-2-thread-1 and pool-2-thread-2 are pool-2-thread; /proc cuts names at 15
# characters): one line a group, name<TAB>ticks, sorted by name. The fields after the command name,
# which may hold spaces, are counted from the closing parenthesis. thread_ticks <pid>
thread_ticks() {
  local t
  for t in /proc/$1/task/*; do
    printf '%s\t%s\n' "$(<"$t/comm")" "$(<"$t/stat")"
  done 2>/dev/null | awk -F'\t' '{
    name = $1; sub(/-?[0-9]+$/, "", name); stat = $2; sub(/.*\) /, "", stat); split(stat, f, " ")
    s[name] += f[12] + f[13] } END { for (k in s) print k "\t" s[k] }' | sort
}

# CPU ticks of the JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre").
jit_ticks() {
  thread_ticks "$1" | awk -F'\t' '/^C[12] Compiler/ { s += $2 } END { print s + 0 }'
}

# Loads a process (pid, url) for WARMUP seconds, then in 10 s slices until its compiler threads take
# at most JIT_STEADY percent of its CPU over a slice, or WARMUP_MAX seconds; prints the seconds taken.
warm_up() {
  local pid=$1 url=$2 waited=$WARMUP t0 j0 t1 j1
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
  while [ "$waited" -lt "$WARMUP_MAX" ]; do
    t0=$(ticks "$pid"); j0=$(jit_ticks "$pid")
    wrk -t2 -c"$CONNECTIONS" -d10s "$url" >/dev/null
    t1=$(ticks "$pid"); j1=$(jit_ticks "$pid")
    waited=$((waited + 10))
    [ $(((j1 - j0) * 100)) -le $((JIT_STEADY * (t1 - t0))) ] && break
  done
  echo "$waited"
}
