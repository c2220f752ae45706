"""Summarises benchmarks/e2e/run.sh's runs.tsv: medians per variant and endpoint, ratios to 'none'."""
import csv
import statistics
import sys


def ms(value):
    value = value.strip()
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = {}
for row in rows:
    groups.setdefault((row["endpoint"], row["variant"]), []).append(row)


def median(group, key, convert=float):
    return statistics.median(convert(r[key]) for r in group)


print("| endpoint | variant | req/s | vs none | CPU µs/req | vs none | p50 ms | p99 ms | startup s | RSS MB | spans received/expected |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for endpoint in ("one", "call"):
    base = groups.get((endpoint, "none"))
    for variant in ("none", "starter", "official", "micrometer"):
        group = groups.get((endpoint, variant))
        if not group:
            continue
        rps = median(group, "req_per_s")
        cpu = median(group, "cpu_us_per_req")
        expected = sum(int(r["spans_expected"]) for r in group)
        received = sum(int(r["spans_received"]) for r in group)
        spans = "n/a" if expected == 0 else f"{received}/{expected} ({100.0 * received / expected:.1f}%)"
        print(f"| /{endpoint} | {variant} | {rps:.0f} | {rps / median(base, 'req_per_s'):.3f} | {cpu:.1f} | "
              f"{cpu / median(base, 'cpu_us_per_req'):.3f} | {median(group, 'p50_ms', ms):.2f} | "
              f"{median(group, 'p99_ms', ms):.2f} | {median(group, 'startup_s'):.2f} | {median(group, 'rss_mb'):.0f} | {spans} |")
