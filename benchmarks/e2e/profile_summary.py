"""Splits an async-profiler collapsed-stack file of the benchmark app by where the CPU went.

Categories, first match wins: 'jit' (compiler threads), 'gc', 'export' (the batch span processor's
worker, OTLP marshaling, the HTTP sender and the JDK HTTP client under it), 'chain' (below the
tracing filter, in the rest of the filter chain and the handler), 'filter-own' (inside the tracing
filter but not in the chain below it: span start and end, attributes, propagation, scope and MDC),
'other' (Tomcat, the network, the kernel, everything outside the filter). Filter-own and export are
then broken down by the call one and two levels down.

usage: python3 profile_summary.py <file.collapsed>
"""
import collections
import sys

EXPORT_MARKERS = ("BatchSpanProcessor", "JdkHttpSender", "jdk/internal/net/http", "exporter/internal")
JIT_MARKERS = ("CompileBroker", "C2Compiler", "Compilation::", "CompilerThread")
GC_MARKERS = ("G1", "GCTaskThread", "ConcurrentGCThread")


def category(frames, stack):
    if any(marker in stack for marker in JIT_MARKERS):
        return "jit", None
    if any(marker in frames[0] or marker in frames[-1] for marker in GC_MARKERS):
        return "gc", None
    if any(marker in stack for marker in EXPORT_MARKERS):
        return "export", None
    filter_frames = [i for i, frame in enumerate(frames) if "ServerTracingFilter.doFilter" in frame]
    if not filter_frames:
        return "other", None
    below = frames[filter_frames[0] + 1:]
    if any("FilterChain.doFilter" in frame for frame in below):
        return "chain", None
    return "filter-own", below


def short(frame):
    return frame.split("(")[0].rsplit("/", 1)[-1]


def main(path):
    total = 0
    categories = collections.Counter()
    own = collections.Counter()
    export = collections.Counter()
    for line in open(path):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        count = int(count)
        frames = stack.split(";")
        total += count
        name, below = category(frames, stack)
        categories[name] += count
        if name == "filter-own":
            own[" > ".join(short(frame) for frame in below[:2]) or "(the filter itself)"] += count
        elif name == "export":
            ours = [short(f) for f in frames if "opentelemetry" in f or "net/http" in f]
            export[" > ".join(ours[-2:])] += count
    print(f"{total} samples")
    for name, count in categories.most_common():
        print(f"{name:12s} {count:7d} {100.0 * count / total:5.1f}%")
    for title, counter in (("filter-own", own), ("export", export)):
        print(f"\n{title}, by call (share of all samples):")
        for key, count in counter.most_common(12):
            print(f"  {100.0 * count / total:5.2f}%  {key}")


if __name__ == "__main__":
    main(sys.argv[1])
