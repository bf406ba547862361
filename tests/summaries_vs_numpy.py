#!/usr/bin/env python3
"""The summaries wfsim writes, against numpy's on the same replications.

Runs a scenario with every series kept, then for every measure, row and period
compares /summary with numpy.nanmean, nanstd (ddof 1) and nanquantile (numpy's
default, linear) of /series, undefined (NaN) exactly where numpy's are:
- counts: mean and every quantile equal to numpy's, bit for bit; sd to 1e-12;
- real numbers: mean and sd to 1e-10 (relative); quantiles within one histogram bin,
  that is at most 2 x range / (128 - 2) of the cell's values (docs/output-format.md).
Prints the largest quantile error of real numbers as a fraction of the cell's sd.

    summaries_vs_numpy.py WFSIM SCENARIO REPLICATIONS [--set KEY=VALUE]
"""
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))
from wfsim_analysis.results import measures_in  # noqa: E402

REAL_BINS = 128


def main():
    wfsim, scenario, replications = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = sys.argv[4:]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.h5"
        subprocess.run([wfsim, "run", scenario, "-o", str(out), "-n", replications, "--seed", "11", "-q",
                        "--keep", "all", *extra], check=True)
        failures, worst, compared, count_measures = 0, 0.0, 0, 0
        with h5py.File(out) as f:
            for name in measures_in(f["summary"]):
                compared += 1
                stored = f["series"][name]
                series = stored[()].astype(float)
                summary = f["summary"][name][()]
                counts = stored.attrs["values"] in (b"count", "count")
                count_measures += counts
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # all-NaN cells (a mean over no starters) are expected
                    mean = np.nanmean(series, axis=0)
                    sd = np.nanstd(series, axis=0, ddof=1)
                    quantiles = np.nanquantile(series, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
                    low, high = np.nanmin(series, axis=0), np.nanmax(series, axis=0)
                defined = ~np.isnan(mean)
                scale = np.maximum(np.abs(low), np.abs(high))

                def close(got, want, rtol):
                    with np.errstate(invalid="ignore"):
                        return (np.abs(got - want) <= 1e-12 * scale + rtol * np.abs(want)) | (~defined)

                bad = []
                # The eighth statistic, n: the replications each value is defined in.
                statistics = [s.decode() if isinstance(s, bytes) else s for s in f["statistic"][()]]
                if statistics[-1] != "n" or not np.array_equal(summary[-1], np.sum(~np.isnan(series), axis=0)):
                    bad.append("n, the replications defined")
                summary = summary[:-1]  # the seven of numpy's below
                # Counts are stored as integers: a "values" attribute read wrongly would
                # send every count to the looser real-number checks below.
                if counts != (stored.dtype.kind in "iu"):
                    bad.append(f"its values attribute {stored.attrs['values']!r} against its stored {stored.dtype}")
                # Undefined where numpy's are: every figure where no replication has a
                # value, and the sd where only one has.
                if not np.all(np.isnan(summary[:, ~defined])):
                    bad.append("a figure where no replication has a value")
                if not np.all(np.isnan(summary[1][defined & np.isnan(sd)])):
                    bad.append("an sd from one value")
                if not np.all(~np.isnan(summary[1][~np.isnan(sd)])):
                    bad.append("no sd where numpy has one")
                if counts:
                    if not np.array_equal(summary[0][defined], mean[defined]):
                        bad.append("mean")
                    if not np.all(close(summary[1], sd, 1e-12) | np.isnan(sd)):
                        bad.append("sd")
                    for q in range(5):
                        if not np.array_equal(summary[2 + q][defined], quantiles[q][defined]):
                            bad.append(f"quantile {q}")
                else:
                    if not np.all(close(summary[0], mean, 1e-10)):
                        bad.append("mean")
                    if not np.all(close(summary[1], sd, 1e-10) | np.isnan(sd)):
                        bad.append("sd")
                    bound = np.maximum(2 * (high - low) / (REAL_BINS - 2), np.ldexp(1.0, np.frexp(scale)[1] - 52))
                    for q in range(5):
                        error = np.abs(summary[2 + q] - quantiles[q])
                        if np.any(error[defined] > bound[defined]):
                            bad.append(f"quantile {q}")
                        spread = defined & (sd > 0)
                        if spread.any():
                            worst = max(worst, float(np.max(error[spread] / sd[spread])))
                if bad:
                    failures += 1
                    print(f"FAIL {name}: {', '.join(bad)}")
        print(f"{replications} replications of {scenario}, {compared} measures ({count_measures} counts): "
              "largest quantile error of a "
              f"real-valued measure {worst:.4f} sd")
        if compared == 0:
            print("FAIL: the file's summary group held no measure to compare")
        if count_measures == 0:
            print("FAIL: no measure was compared as a count (bit for bit)")
        sys.exit(1 if failures or compared == 0 or count_measures == 0 else 0)


if __name__ == "__main__":
    main()
