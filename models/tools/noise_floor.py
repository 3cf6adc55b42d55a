#!/usr/bin/env python3
"""Noise floor of the shared TX2 data (ADAPTATION-STUDY.md, third pass).

Per file and metric, in log space: least squares on one-hot option levels with all pairwise (147 columns)
or all pairwise and three-way interactions (471 columns) over the 768 rows; prints the residual standard
deviation with the degrees-of-freedom correction (an estimate of the measurement noise if higher
interactions are absent), its MAPE equivalent (0.8 sigma) and the 10-fold cross-validated MAPE.
Usage: python3 models/tools/noise_floor.py [/work/shared/datasets/jetson-tx2]   (numpy only)
"""
import itertools
import sys

import numpy as np

FOLDER = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/datasets/jetson-tx2'
NAMES = ['inceptionv3_600x600', 'xception_200x200', 'xception_400x400', 'xception_600x600', 'xception_800x800']


def load(name):
    lines = open(f'{FOLDER}/{name}.csv').read().strip().split('\n')
    rows = [l.split(',') if ',' in lines[0] else l.split() for l in lines]
    ix = {h: i for i, h in enumerate(rows[0])}
    out = {}
    for r in rows[1:]:
        key = (sum(int(r[ix[f'core{k}_status']]) for k in range(4)), float(r[ix['core_freq']]),
               float(r[ix['gpu_freq']]), float(r[ix['emc_freq']]))
        out[key] = (float(r[ix['inference_time']]), float(r[ix['power_consumption']]))
    return out


def design(keys, order):
    levels = [np.unique([k[j] for k in keys], return_inverse=True)[1] for j in range(4)]
    cols = [np.ones(len(keys))]
    for o in range(1, order + 1):
        for comb in itertools.combinations(range(4), o):
            for vals in itertools.product(*[range(1, levels[j].max() + 1) for j in comb]):
                m = np.ones(len(keys), bool)
                for j, v in zip(comb, vals):
                    m &= levels[j] == v
                cols.append(m * 1.0)
    return np.array(cols).T


for order in (2, 3):
    for name in NAMES:
        data = load(name)
        keys = sorted(data)
        a = design(keys, order)
        p = np.linalg.matrix_rank(a)
        out = []
        for metric in (0, 1):
            y = np.log([data[k][metric] for k in keys])
            r = y - a @ np.linalg.lstsq(a, y, rcond=None)[0]
            sigma = np.sqrt((r ** 2).sum() / (len(y) - p))
            idx = np.random.default_rng(0).permutation(len(y))
            err = np.zeros(len(y))
            for fold in range(10):
                test = idx[fold::10]
                train = np.setdiff1d(idx, test)
                w = np.linalg.lstsq(a[train], y[train], rcond=None)[0]
                err[test] = np.abs(np.exp(a[test] @ w - y[test]) - 1)
            out.append(f'sigma {sigma:.4f} (~{100 * 0.798 * sigma:.2f}%) cv {100 * err.mean():.2f}%')
        print(f'order {order} ({p} columns) {name}: latency {out[0]} | energy {out[1]}')
