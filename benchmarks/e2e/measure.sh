# Shared by run.sh and interleaved.sh (sourced): CPU readings from /proc and the adaptive warm-up.
# The caller sets CONNECTIONS, WARMUP, WARMUP_MAX and JIT_STEADY.

# CPU ticks (user + system) of a process, all its threads.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# CPU ticks of the JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"); the fields after the
# command name, which may hold spaces, are counted from the closing parenthesis.
jit_ticks() {
  local total=0 t
  for t in /proc/$1/task/*; do
    grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null || continue
    total=$((total + $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')))
  done
  echo $total
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
