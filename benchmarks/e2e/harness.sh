# Shared by the e2e scripts (sourced): how the receiver and each variant are started, readings from
# /proc and from wrk, and the adaptive warm-up. warm_up needs CONNECTIONS, WARMUP, WARMUP_MAX and
# JIT_STEADY set by the caller.

# The same JVM flags for every variant, unless the caller set them.
JVM_FLAGS=${JVM_FLAGS:-"-Xms256m -Xmx256m -XX:+UseG1GC"}

# The app's arguments for a variant: variant_args <variant> <app port> <receiver base URL>. Every
# traced variant is named after itself and exports OTLP/HTTP to the receiver at its defaults.
# STARTER_SLOTS="<variant>:<extra args, separated by ;> ..." runs this starter in another variant's
# slot with those settings instead (experiments/batch-sizes.sh), e.g. "official:--otel.bsp.max.export.batch.size=512".
# A variant of any other name runs as this starter at its defaults.
# An argument can hold commas, not spaces or semicolons.
variant_args() {
  local common="--server.port=$2 --server.address=127.0.0.1 --spring.main.banner-mode=off --logging.level.root=warn"
  local starter="$common --otel.service.name=$1 --otel.exporter.otlp.endpoint=$3"
  local slot
  local -
  set -f   # the slots are split on whitespace, never globbed
  for slot in ${STARTER_SLOTS:-}; do
    if [ "${slot%%:*}" = "$1" ]; then
      echo "$starter ${slot#*:}" | tr ';' ' '
      return
    fi
  done
  case $1 in
    none) echo "$common" ;;
    official) echo "$common --otel.service.name=official --otel.exporter.otlp.endpoint=$3 --otel.exporter.otlp.protocol=http/protobuf --otel.metrics.exporter=none --otel.logs.exporter=none" ;;
    micrometer) echo "$common --spring.application.name=micrometer --management.tracing.sampling.probability=1.0 --management.otlp.tracing.endpoint=$3/v1/traces" ;;
    # starter, or a jar of this starter built another way (bench-app-starter-okhttp.jar, say)
    *) echo "$starter" ;;
  esac
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
# "<variant>" or "<variant>:<one extra argument>" (startup.sh, memory.sh).
launch_spec() {
  local variant=${1%%:*} extra=""
  if [ "$1" != "$variant" ]; then extra=${1#*:}; fi
  # shellcheck disable=SC2046,SC2086
  launch_app "$JARS/bench-app-$variant.jar" "$APP_PORT" "$2" \
    $(variant_args "$variant" "$APP_PORT" "http://127.0.0.1:$RECEIVER_PORT") $extra
}

CLK=$(getconf CLK_TCK)

# CPU ticks (user + system) of a process, all its threads.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Microseconds of CPU per request from a difference of ticks: us_per_request <ticks> <requests> [decimals].
us_per_request() { echo "scale=${3:-1}; $1 * 1000000 / $CLK / $2" | bc; }

# Resident memory of a process, in MB.
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# From a file of wrk output (run with --latency): requests, requests per second, p50 and p99.
wrk_figures() {
  awk '/requests in/ {r=$1} /Requests\/sec/ {s=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print r, s, p50, p99}' "$1"
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
