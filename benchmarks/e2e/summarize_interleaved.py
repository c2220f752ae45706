"""Summarises benchmarks/e2e/interleaved.sh's slices.tsv and variants.tsv (in the directory given).

Per endpoint and variant: throughput, CPU per request (with and without the JIT compiler threads'
share), p50 and p99 (medians over the slices), each with its ratio to the untraced app. Ratios are
paired by cycle (each cycle's figure over the same cycle's untraced figure; the slices of a cycle
run back to back) and shown as the median with the range of the middle half (25th-75th percentile)
and the full range. Then startup, warm-up, RSS, spans received against those expected if every
request were traced (a sampled variant's share), and spans received per second of measured load
(n/a for files written before variants.tsv had load_s), traces received per second (root spans) and
spans per trace (3 on /call when traces arrive whole).
"""
import csv
import statistics
import sys

from wrk_output import ms


def quartiles(values):
    values = sorted(values)
    if len(values) < 4:
        return values[0], values[-1]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def ratio_text(ratios):
    if not ratios:
        return "n/a"
    low, high = quartiles(ratios)
    return f"{statistics.median(ratios):.3f} ({low:.2f}-{high:.2f}; {min(ratios):.2f}-{max(ratios):.2f})"


def paired(mine, by_key, endpoint, key):
    """Each slice's figure over the untraced app's figure in the same cycle."""
    ratios = []
    for s in mine:
        base = by_key.get((endpoint, s["cycle"], "none"))
        if base is not None and base[key] > 0:
            ratios.append(s[key] / base[key])
    return ratio_text(ratios)


def main(directory):
    clk = 100
    try:
        for line in open(f"{directory}/machine.tsv"):
            key, value = line.split()
            if key == "clock_ticks_per_s":
                clk = int(value)
    except FileNotFoundError:
        pass
    slices = list(csv.DictReader(open(f"{directory}/slices.tsv"), delimiter="\t"))
    variants = list(csv.DictReader(open(f"{directory}/variants.tsv"), delimiter="\t"))
    for s in slices:
        requests = int(s["requests"])
        s["cpu_us"] = int(s["cpu_ticks"]) * 1e6 / clk / requests
        s["cpu_us_nojit"] = (int(s["cpu_ticks"]) - int(s["jit_ticks"])) * 1e6 / clk / requests
        s["rps"] = float(s["req_per_s"])
        s["p50"] = ms(s["p50_ms"])
        s["p99"] = ms(s["p99_ms"])
    by_key = {(s["endpoint"], s["cycle"], s["variant"]): s for s in slices}
    # the untraced app first, then the variants in the order the slices name them
    names = ["none"] + [v for v in dict.fromkeys(s["variant"] for s in slices) if v != "none"]
    endpoints = sorted({s["endpoint"] for s in slices}, key=lambda e: ("one", "call").index(e) if e in ("one", "call") else 9)

    print("| endpoint | variant | req/s | vs none | CPU µs/req | vs none | CPU µs/req without JIT | vs none "
          "| p50 ms | p99 ms | p99 vs none | JIT % of CPU | slices |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for endpoint in endpoints:
        for name in names:
            mine = [s for s in slices if s["endpoint"] == endpoint and s["variant"] == name]
            if not mine:
                continue
            jit = 100.0 * sum(int(s["jit_ticks"]) for s in mine) / max(1, sum(int(s["cpu_ticks"]) for s in mine))
            print(f"| /{endpoint} | {name} | {statistics.median(s['rps'] for s in mine):.0f} | {paired(mine, by_key, endpoint, 'rps')} | "
                  f"{statistics.median(s['cpu_us'] for s in mine):.1f} | {paired(mine, by_key, endpoint, 'cpu_us')} | "
                  f"{statistics.median(s['cpu_us_nojit'] for s in mine):.1f} | {paired(mine, by_key, endpoint, 'cpu_us_nojit')} | "
                  f"{statistics.median(s['p50'] for s in mine):.2f} | {statistics.median(s['p99'] for s in mine):.2f} | "
                  f"{paired(mine, by_key, endpoint, 'p99')} | {jit:.1f} | {len(mine)} |")

    print()
    print("| endpoint | variant | startup s | warm-up s | RSS MB | RSS vs none | spans received/expected "
          "| spans/s received | traces/s received | spans a trace | ERROR spans/failed requests |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rss_none = {v["endpoint"]: int(v["rss_mb"]) for v in variants if v["variant"] == "none"}
    for v in variants:
        expected, received = int(v["spans_expected"]), int(v["spans_received"] or 0)
        spans = "n/a" if expected == 0 else f"{received}/{expected} ({100.0 * received / expected:.1f}%)"
        load_s = float(v.get("load_s") or 0)
        per_second = "n/a" if expected == 0 or load_s <= 0 else f"{received / load_s:.1f}"
        traces = int(v.get("traces_received") or 0)
        traces_per_second = "n/a" if expected == 0 or load_s <= 0 or not v.get("traces_received") else f"{traces / load_s:.1f}"
        per_trace = "n/a" if traces == 0 else f"{received / traces:.3f}"
        failures = int(v.get("failures") or 0)
        errors = "n/a" if expected == 0 or failures == 0 else f"{int(v.get('errors_received') or 0)}/{failures}"
        delta = int(v["rss_mb"]) - rss_none.get(v["endpoint"], int(v["rss_mb"]))
        print(f"| /{v['endpoint']} | {v['variant']} | {float(v['startup_s']):.2f} | {v['warmup_s']} | "
              f"{v['rss_mb']} | {delta:+d} | {spans} | {per_second} | {traces_per_second} | {per_trace} | {errors} |")


if __name__ == "__main__":
    main(sys.argv[1])
