"""Reading wrk's figures: latencies come as "847.00us", "1.01ms" or "1.2s"."""


def ms(value):
    """Returns a wrk latency in milliseconds."""
    value = value.strip()
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)
