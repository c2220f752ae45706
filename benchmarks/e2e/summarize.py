"""Summarises benchmarks/e2e/run.sh's runs.tsv per variant and endpoint.

Absolute figures are medians over the rounds. Ratios to the untraced app ('none') are paired: each
round's figure is divided by the same round's untraced figure (the variants of a round run back to
back, so drift between rounds cancels), and the median of those ratios is shown with their range.
"""
import csv
import statistics
import sys

from wrk_output import ms


rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = {}
by_round = {}
for row in rows:
    groups.setdefault((row["endpoint"], row["variant"]), []).append(row)
    by_round[(row["round"], row["endpoint"], row["variant"])] = row


extended = bool(rows) and "cpu_us_per_req_without_jit" in rows[0]


def median(group, key, convert=float):
    return statistics.median(convert(r[key]) for r in group)


def paired(group, endpoint, key, convert=float):
    ratios = []
    for r in group:
        base = by_round.get((r["round"], endpoint, "none"))
        if base is not None:
            ratios.append(convert(r[key]) / convert(base[key]))
    if not ratios:
        return "n/a"
    return f"{statistics.median(ratios):.3f} ({min(ratios):.2f}-{max(ratios):.2f})"


print("| endpoint | variant | req/s | vs none | CPU µs/req | vs none | p50 ms | p99 ms | p99 vs none "
      "| startup s | RSS MB | spans received/expected | JIT % of CPU |" + (" warm-up s | CPU µs/req without JIT | vs none |" if extended else ""))
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|" + ("---|---|---|" if extended else ""))
for endpoint in ("one", "call"):
    for variant in ("none", "starter", "official", "micrometer"):
        group = groups.get((endpoint, variant))
        if not group:
            continue
        expected = sum(int(r["spans_expected"]) for r in group)
        received = sum(int(r["spans_received"]) for r in group)
        spans = "n/a" if expected == 0 else f"{received}/{expected} ({100.0 * received / expected:.1f}%)"
        jit = f"{median(group, 'jit_cpu_pct'):.1f}" if "jit_cpu_pct" in group[0] else "n/a"
        print(f"| /{endpoint} | {variant} | {median(group, 'req_per_s'):.0f} | {paired(group, endpoint, 'req_per_s')} | "
              f"{median(group, 'cpu_us_per_req'):.1f} | {paired(group, endpoint, 'cpu_us_per_req')} | "
              f"{median(group, 'p50_ms', ms):.2f} | {median(group, 'p99_ms', ms):.2f} | "
              f"{paired(group, endpoint, 'p99_ms', ms)} | {median(group, 'startup_s'):.2f} | "
              f"{median(group, 'rss_mb'):.0f} | {spans} | {jit} |"
              + (f" {median(group, 'warmup_s'):.0f} | {median(group, 'cpu_us_per_req_without_jit'):.1f} | "
                 f"{paired(group, endpoint, 'cpu_us_per_req_without_jit')} |" if extended else ""))

print()
print("Startup over both endpoints' runs (median, range):")
for variant in ("none", "starter", "official", "micrometer"):
    values = [float(r["startup_s"]) for r in rows if r["variant"] == variant]
    if values:
        print(f"- {variant}: {statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f}, {len(values)} starts)")
