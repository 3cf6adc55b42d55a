#!/usr/bin/env python3
"""Times the Python reference learners on one study file, for comparison with LearnerBenchmark.

Not part of the build or the product. Needs Debian's python3-sklearn (apt-get install python3-sklearn);
run with the system interpreter:

    /usr/bin/python3 models/bench/sklearn_reference.py ../shared/datasets/jetson-tx2/inceptionv3_600x600.csv

Same task as LearnerBenchmark: fit on all measured configurations (latency), predict all of them.
Features: core count and the three frequencies, min-max scaled.
"""
import csv
import sys
import time
import warnings

import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.tree import DecisionTreeRegressor

warnings.filterwarnings("ignore")  # MLP convergence warnings


def load(path):
    rows = list(csv.DictReader(open(path)))
    x = np.array([[sum(int(r[f"core{i}_status"]) for i in range(4)), float(r["core_freq"]),
                   float(r["gpu_freq"]), float(r["emc_freq"])] for r in rows])
    x = (x - x.min(0)) / np.maximum(x.max(0) - x.min(0), 1e-12)
    return x, np.array([float(r["inference_time"]) for r in rows])


def bench(make, x, y, runs):
    for _ in range(max(3, runs // 5)):  # warm-up
        make().fit(x, y).predict(x)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make().fit(x, y).predict(x)
        times.append((time.perf_counter() - start) * 1000)
    t = np.array(times)
    return f"mean {t.mean():.3f} ms, sd {t.std():.3f} ms, median {np.median(t):.3f} ms ({runs} runs)"


def main():
    x, y = load(sys.argv[1])
    print(f"{len(y)} configurations")
    print("RT  (DecisionTreeRegressor, defaults):", bench(lambda: DecisionTreeRegressor(random_state=0), x, y, 2000))
    print("NN  (MLPRegressor 32-16, 200 iterations):",
          bench(lambda: MLPRegressor(hidden_layer_sizes=(32, 16), max_iter=200, random_state=0), x, y, 10))


if __name__ == "__main__":
    main()
