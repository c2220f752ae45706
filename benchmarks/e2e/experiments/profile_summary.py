"""Splits an async-profiler collapsed-stack file of the benchmark app by where the CPU went.

Categories, first match wins: 'jit' (compiler threads), 'gc', 'export' (the batch span processor's
worker, OTLP marshaling, the HTTP sender and the JDK HTTP client under it), 'client-own' (inside the
RestTemplate interceptor but not in the call it makes: the client span, its scope and the header
injection), 'chain' (below the tracing filter, in the rest of the filter chain and the handler),
'filter-own' (inside the tracing filter but not in the chain below it: span start and end,
attributes, propagation, scope and MDC), 'other' (Tomcat, the network, the kernel, everything
outside the filter). Filter-own, client-own and export are then broken down by the call one and two
levels down.

With --shared-http-client (the /call endpoint, whose RestTemplate also sends through a JDK
HttpClient), stacks of the JDK HttpClient's own threads with no exporter frame in them cannot be told
apart and go to 'jdk-http-client' instead of 'export'. With --requests N every share is also given
in microseconds of CPU per request (one sample is 1 ms of CPU).

usage: python3 benchmarks/e2e/experiments/profile_summary.py [--shared-http-client] [--requests N] <file.collapsed>
"""
import collections
import sys

EXPORTER_MARKERS = ("BatchSpanProcessor", "JdkHttpSender", "exporter/internal")
HTTP_CLIENT_MARKER = "jdk/internal/net/http"
JIT_MARKERS = ("CompileBroker", "C2Compiler", "Compilation::", "CompilerThread")
GC_MARKERS = ("G1", "GCTaskThread", "ConcurrentGCThread")


def category(frames, stack, shared_http_client):
    if any(marker in stack for marker in JIT_MARKERS):
        return "jit", None
    if any(marker in frames[0] or marker in frames[-1] for marker in GC_MARKERS):
        return "gc", None
    if any(marker in stack for marker in EXPORTER_MARKERS):
        return "export", None
    interceptor = [i for i, frame in enumerate(frames) if "ClientTracingInterceptor.intercept" in frame]
    if interceptor:
        below = frames[interceptor[-1] + 1:]
        if not any("ClientHttpRequestExecution.execute" in frame or "InterceptingClientHttpRequest" in frame
                   for frame in below):
            return "client-own", below
    if HTTP_CLIENT_MARKER in stack and not any("ClientHttpRequest" in frame for frame in frames):
        return ("jdk-http-client" if shared_http_client else "export"), None
    filter_frames = [i for i, frame in enumerate(frames) if "ServerTracingFilter.doFilter" in frame]
    if not filter_frames:
        return "other", None
    below = frames[filter_frames[0] + 1:]
    if any("FilterChain.doFilter" in frame for frame in below):
        return "chain", None
    return "filter-own", below


def short(frame):
    return frame.split("(")[0].rsplit("/", 1)[-1]


def main(path, shared_http_client=False, requests=None):
    total = 0
    categories = collections.Counter()
    own = collections.Counter()
    client = collections.Counter()
    export = collections.Counter()
    for line in open(path):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        count = int(count)
        frames = stack.split(";")
        total += count
        name, below = category(frames, stack, shared_http_client)
        categories[name] += count
        if name == "filter-own":
            own[" > ".join(short(frame) for frame in below[:2]) or "(the filter itself)"] += count
        elif name == "client-own":
            client[" > ".join(short(frame) for frame in below[:2]) or "(the interceptor itself)"] += count
        elif name == "export":
            ours = [short(f) for f in frames if "opentelemetry" in f or "net/http" in f]
            export[" > ".join(ours[-2:])] += count
    def per_request(count):
        return f" {1000.0 * count / requests:8.2f} µs/request" if requests else ""

    print(f"{total} samples" + (f", {requests} requests" if requests else ""))
    for name, count in categories.most_common():
        print(f"{name:15s} {count:7d} {100.0 * count / total:5.1f}%{per_request(count)}")
    for title, counter in (("filter-own", own), ("client-own", client), ("export", export)):
        if not counter:
            continue
        print(f"\n{title}, by call (share of all samples):")
        for key, count in counter.most_common(12):
            print(f"  {100.0 * count / total:5.2f}%{per_request(count)}  {key}")


if __name__ == "__main__":
    args = sys.argv[1:]
    shared = "--shared-http-client" in args
    args = [a for a in args if a != "--shared-http-client"]
    count = None
    if "--requests" in args:
        i = args.index("--requests")
        count = int(args[i + 1])
        del args[i:i + 2]
    main(args[0], shared, count)
