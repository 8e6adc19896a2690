#!/usr/bin/env python3
"""Times `ontrack score --forecasts` against pandas + scikit-learn on the same 10^6 forecasts.

Usage: benches/compare_pandas.sh [PATH/TO/ontrack]   (or python3 benches/compare_pandas.py ...)

Without a path the release binary is looked for in $CARGO_TARGET_DIR/release and target/release
(build it first: `cargo build --release --no-default-features`).

Both sides are whole processes, started fresh each time, best of 3, run side by side:
  (a) `ontrack score --forecasts FILE --json`: every probability score (Brier score and its Murphy
      decomposition, skill, log score, calibration-in-the-large, AUC, the reliability diagram) and
      both 95 % bootstrap intervals of 2000 resamples;
  (b) a Python process: pandas `read_csv`, scikit-learn `brier_score_loss`, `log_loss` (forecasts
      clipped to [0.01, 0.99] as ontrack does) and `roc_auc_score`, and the Murphy decomposition
      with numpy; no bootstrap.
The file has 10^6 rows of whole-percent forecasts (as trainees give them) and outcomes drawn from
them, made here with a fixed seed. Both sides' numbers are compared before the times are printed.

Exits 0 with a message, measuring nothing, when Python lacks pandas, scikit-learn or numpy.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

ROWS = 1_000_000
RUNS = 3

PYTHON_SIDE = r"""
import sys
import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

df = pd.read_csv(sys.argv[1])
p = df["forecast"].to_numpy()
o = df["outcome"].to_numpy()
brier = brier_score_loss(o, p)
log = log_loss(o, np.clip(p, 0.01, 0.99))
auc = roc_auc_score(o, p)
values, group, cases = np.unique(p, return_inverse=True, return_counts=True)
observed = np.bincount(group, weights=o) / cases
base = o.mean()
rel = np.sum(cases * (values - observed) ** 2) / len(p)
res = np.sum(cases * (observed - base) ** 2) / len(p)
unc = base * (1 - base)
print(" ".join(repr(float(x)) for x in (brier, log, auc, rel, res, unc)))
"""


def main():
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as e:
        print(f"compare_pandas: skipped, Python lacks {e.name} (pip install pandas scikit-learn numpy)")
        return 0
    binary = find_binary(sys.argv[1] if len(sys.argv) > 1 else None)
    if binary is None:
        print(
            "compare_pandas: no release binary of ontrack found; build it with "
            "`cargo build --release --no-default-features` or give its path",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="ontrack-compare-") as folder:
        path = os.path.join(folder, "forecasts.csv")
        write_forecasts(path)
        ours_cmd = [binary, "score", "--forecasts", path, "--json"]
        theirs_cmd = [sys.executable, "-c", PYTHON_SIDE, path]
        check_same_numbers(json.loads(run(ours_cmd)), [float(x) for x in run(theirs_cmd).split()])
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(timed(ours_cmd))
            theirs.append(timed(theirs_cmd))
    # Best of the runs: the one least disturbed by whatever else the machine was doing.
    ours_wall, ours_cpu = min(ours)
    theirs_wall, theirs_cpu = min(theirs)
    print(f"{ROWS} forecasts, whole process, best of {RUNS} (wall clock; CPU time of that run):")
    print(f"  ontrack score --json (all scores, 2 bootstraps) {ours_wall * 1000:8.1f} ms  (CPU {ours_cpu * 1000:.0f} ms)")
    print(f"  pandas + scikit-learn + numpy (no bootstrap)    {theirs_wall * 1000:8.1f} ms  (CPU {theirs_cpu * 1000:.0f} ms)")
    print(f"  ratio: ontrack is {theirs_wall / ours_wall:.1f}x faster")
    print(f"  (load average before the runs: {load}, on {os.cpu_count()} cores)")
    return 0


def find_binary(given):
    if given:
        return given if os.access(given, os.X_OK) else None
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs = [os.environ.get("CARGO_TARGET_DIR"), os.path.join(here, "target")]
    for d in filter(None, dirs):
        candidate = os.path.join(d, "release", "ontrack")
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def write_forecasts(path):
    rng = random.Random(20240601)
    lines = ["forecast,outcome\n"]
    for _ in range(ROWS):
        p = rng.randint(0, 100) / 100
        lines.append(f"{p},{int(rng.random() < 0.15 + 0.7 * p)}\n")
    with open(path, "w", newline="") as f:
        f.writelines(lines)


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def timed(cmd):
    """Wall-clock and CPU (user + system, all threads) seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def check_same_numbers(ours, theirs):
    """Both sides must compute the same scores, or the comparison means nothing."""
    names = ["brier", "log_score", "auc", "reliability", "resolution", "uncertainty"]
    for name, value in zip(names, theirs):
        if abs(ours[name] - value) > 1e-9:
            sys.exit(f"compare_pandas: {name} differs: ontrack {ours[name]!r}, Python {value!r}")


if __name__ == "__main__":
    sys.exit(main())
