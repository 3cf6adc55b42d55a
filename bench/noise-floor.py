#!/usr/bin/env python3
# The noise floor of a measured data set with repeated runs: the regret an oracle gets that knows the K truly
# best configurations (by the median of their recorded runs, as `tunerd simulate --replay` scores regret),
# measures each once (one recorded run drawn at random, as the replay device answers one run per measurement)
# and keeps the best measured. No search with K single measurements can expect less than this regret unless
# it measures some configuration more than once or picks by a model rather than by its measured values.
# usage: bench/noise-floor.py FILE.csv [K...]     e.g. bench/noise-floor.py ../shared/datasets/board-change/tx2_xception_5000img.csv 10 19
# Reads the whitespace-separated study layout (inference_time, power_consumption and the option columns after
# config_name); prints, per metric and K, the oracle's mean regret and the probability that it is within 5 and
# 10 %, over 20,000 draws (seeded: the same output every run); then, per metric, how many configurations have a
# median within 5 and 10 % of the best (what a regret goal asks a search to find).
import random
import statistics
import sys
from collections import defaultdict

METRICS = {"latency": "inference_time", "energy": "power_consumption"}


def load(path):
    with open(path) as f:
        lines = [l.split() for l in f if l.strip()]
    header = lines[0]
    options = [c for c in header[header.index("config_name") + 1:] if c not in METRICS.values()]
    runs = {m: defaultdict(list) for m in METRICS}
    for row in lines[1:]:
        if len(row) != len(header):
            continue
        r = dict(zip(header, row))
        key = tuple(r[o] for o in options)
        for m, column in METRICS.items():
            if r[column] not in ("NA", ""):
                runs[m][key].append(float(r[column]))
    return runs


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench/noise-floor.py FILE.csv [K...]")
    ks = [int(k) for k in sys.argv[2:]] or [10, 19]
    runs = load(sys.argv[1])
    rng = random.Random(1)
    draws = 20000
    print(f"{sys.argv[1]}: {len(runs['latency'])} configurations")
    print("| metric | K | runs per configuration (median) | oracle mean regret | P(regret <= 5%) | P(regret <= 10%) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    medians_by_metric = {m: {c: statistics.median(v) for c, v in by.items() if v} for m, by in runs.items()}
    for m, by in runs.items():
        medians = medians_by_metric[m]
        best = min(medians.values())
        order = sorted(medians, key=medians.get)
        for k in ks:
            top = order[:k]
            regrets = []
            for _ in range(draws):
                pick = min(top, key=lambda c: rng.choice(by[c]))
                regrets.append(100 * (medians[pick] / best - 1))
            per = statistics.median(len(by[c]) for c in top)
            print(f"| {m} | {k} | {per:g} | {statistics.mean(regrets):.1f}% | "
                  f"{sum(r <= 5 for r in regrets) / draws:.2f} | {sum(r <= 10 for r in regrets) / draws:.2f} |")
    print()
    print("| metric | configurations | best median | within 5% of it | within 10% of it |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for m, medians in medians_by_metric.items():
        best = min(medians.values())
        print(f"| {m} | {len(medians)} | {best:g} | {sum(v <= 1.05 * best for v in medians.values())} | "
              f"{sum(v <= 1.10 * best for v in medians.values())} |")


if __name__ == "__main__":
    main()
