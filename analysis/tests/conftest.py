"""Synthetic wfsim results files, written with h5py to docs/output-format.md.

The tests do not run the engine: a small file built here to the documented
layout pins the reader to the contract rather than to one engine build.
"""

import signal

import h5py
import numpy as np
import pytest



@pytest.fixture(autouse=True)
def signal_mask_restored():
    """The command line's entry, called in this process by a test, holds the stops at its
    end for the process's exit (damaged_input.crash_guarded, until_exit): given back
    here, so that a later test's stop is not held."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    yield
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


STATISTICS = ("mean", "sd", "p5", "p25", "p50", "p75", "p95", "n")
START = np.datetime64("2025-04-01")
MEASURES = {
    # name: (units, description, typical level)
    "agency_share": ("fraction", "agency headcount / (permanent + agency headcount); snapshot", 0.15),
    "uncovered_gap": ("posts", "vacancies + long absences - agency cover; snapshot", 6.0),
    "leavers_permanent": ("workers", "permanent workers who left (end of notice); flow", 2.0),
}


def period_ends(periods):
    """Last day of each calendar month from START, as with monthly reporting."""
    month_starts = np.arange(START.astype("datetime64[M]") + 1, START.astype("datetime64[M]") + 1 + periods)
    return month_starts.astype("datetime64[D]") - 1


def summarise(series):
    """Statistics across replications, computed the way the format document specifies."""
    return np.stack(
        [
            np.nanmean(series, axis=0),
            np.nanstd(series, axis=0, ddof=1),
            *np.nanpercentile(series, [5, 25, 50, 75, 95], axis=0, method="linear"),
            np.sum(~np.isnan(series), axis=0).astype(float),  # the replications each is over
        ]
    )


def write_results(path, authorities=("Northshire",), replications=20, periods=24, seed=42):
    """Write a complete results file with log-normal noise around a rising trend."""
    rng = np.random.default_rng(seed)
    ends = period_ends(periods)
    strings = h5py.string_dtype()
    with h5py.File(path, "w") as f:
        f.attrs.update(
            {
                "format": "wfsim-results",
                "format_version": 1,
                "engine_version": "0.1.0-test",
                "seed": np.uint64(seed),
                "replications": replications,
                "command_line": f"wfsim run synthetic.toml --seed {seed}",
                "created_utc": "2025-01-01T00:00:00Z",
                "scenario_file": "synthetic.toml",
                "scenario_name": "synthetic baseline",
                "overrides": "",
                "start_date": str(START),
                "end_date": str(ends[-1] + 1),
                "events": np.uint64(123456),
            }
        )
        f.create_dataset("scenario", data='name = "synthetic baseline"\n', dtype=strings)
        time = f.create_dataset("time", data=ends.astype("int64").astype("int32"))
        time.attrs.update({"units": "days since 1970-01-01", "calendar": "proleptic_gregorian"})
        f.create_dataset("date", data=[str(d) for d in ends], dtype=strings)
        scales = {
            "replication": f.create_dataset("replication", data=np.arange(replications, dtype="int64")),
            "authority": f.create_dataset("authority", data=list(authorities), dtype=strings),
            "statistic": f.create_dataset("statistic", data=list(STATISTICS), dtype=strings),
            "time": time,
        }
        for name, scale in scales.items():
            scale.make_scale(name)
        f.create_group("series")
        f.create_group("summary")
        run = f.create_group("run")
        run.attrs.update({"threads": 2, "wall_seconds": 0.5, "simulate_seconds": 0.4, "events_per_second": 3e5})

        series_storage = {
            "chunks": (min(replications, 128), 1, periods),
            "shuffle": True,
            "compression": "gzip",
            "compression_opts": 4,
        }
        trend = np.linspace(1.0, 1.5, periods)
        for measure, (units, description, level) in MEASURES.items():
            series = level * trend * rng.lognormal(0.0, 0.3, size=(replications, len(authorities), periods))
            # As the engine writes them: a snapshot or a flow (the description's last word).
            attrs = {"units": units, "description": description, "kind": description.rsplit("; ", 1)[1],
                     "values": "real" if units == "fraction" else "count"}
            dims = ("authority", "time")
            _write_measure(f["series"], measure, series, attrs, ("replication", *dims), scales, series_storage)
            _write_measure(f["summary"], measure, summarise(series), attrs, ("statistic", *dims), scales, {})


def _write_measure(group, measure, data, attrs, dims, scales, storage):
    """Write one measure dataset with its dimensions attached to the shared scales."""
    ds = group.create_dataset(measure, data=data, **storage)
    ds.attrs.update(attrs)
    for axis, dim in enumerate(dims):
        ds.dims[axis].attach_scale(scales[dim])
        ds.dims[axis].label = dim


def _file_factory(folder, writer, default_name):
    """make(name, **options) -> the path of a file `writer` wrote there with them."""

    def make(name=default_name, **options):
        path = folder / name
        writer(path, **options)
        return path

    return make


@pytest.fixture
def make_results(tmp_path):
    """Factory for variants: make_results(name, **write_results options) -> path."""
    return _file_factory(tmp_path, write_results, "results.h5")


@pytest.fixture
def results_file(make_results):
    """A one-authority file: R=20 replications, T=24 monthly periods, three measures."""
    return make_results()


def write_scenario(path, text):
    """Give a results file the scenario text `text` (its regions, as a test needs them)."""
    with h5py.File(path, "a") as f:
        del f["scenario"]
        f.create_dataset("scenario", data=text, dtype=h5py.string_dtype())


@pytest.fixture
def set_scenario():
    """write_scenario, for a test: set_scenario(path, text)."""
    return write_scenario


@pytest.fixture
def regional_results(make_results):
    """A file of two regions' councils and their total, as an England run writes one:
    London's Camden and the South East's Kent."""
    path = make_results(authorities=("Camden", "Kent", "All councils"))
    write_scenario(path, "regions: [{name: London}, {name: South East}]\nauthorities:\n"
                   "  - {name: Camden, region: London}\n  - {name: Kent, region: South East}\n")
    return path


def write_paired(path, sweep=False, keys=2, periods=12, replications=8, seed=7):
    """Write a comparison file of two variants or, with `sweep`, a sweep file of `keys`
    swept keys (one or two) of two values each, its points the variants, as wfsim writes
    them: one authority, agency_share and total_cost, summaries and paired differences
    by month."""
    rng = np.random.default_rng(seed)
    ends = period_ends(periods)
    strings = h5py.string_dtype()
    lead = (2,) * keys if sweep else (2,)
    variants = int(np.prod(lead))
    with h5py.File(path, "w") as f:
        f.attrs.update({"format": "wfsim-sweep" if sweep else "wfsim-comparison", "format_version": 1,
                        "engine_version": "0.1.0-test", "seed": seed, "replications": replications,
                        "start_date": str(START), "end_date": str(ends[-1] + 1), "report_start_date": str(START),
                        "created_utc": "2025-01-01T00:00:00Z", "command_line": "wfsim synthetic"})
        time = f.create_dataset("time", data=ends.astype("int64").astype("int32"))
        time.attrs.update({"units": "days since 1970-01-01", "calendar": "proleptic_gregorian"})
        f.create_dataset("date", data=[str(d) for d in ends], dtype=strings)
        scales = [f.create_dataset("authority", data=["Northshire"], dtype=strings),
                  f.create_dataset("statistic", data=list(STATISTICS), dtype=strings), time]
        differences = f.create_dataset("difference_statistic", data=["mean", "sd", "ci95_low", "ci95_high", "n"],
                                       dtype=strings)
        f.create_dataset("variant", data=[f"point {v}" for v in range(variants)], dtype=strings)
        scenario = f.create_group("scenario")
        for v in range(variants):
            scenario.create_dataset(str(v), data=f'name: "point {v}"\n', dtype=strings)
        swept = []
        if sweep:
            group = f.create_group("sweep")
            for name, values in (("applicants_per_year", ["36", "48"]), ("turnover_per_year", ["0.15", "0.2"]))[:keys]:
                swept.append(group.create_dataset(name, data=values, dtype=strings))
                swept[-1].attrs.update({"key": f"authorities[0].roles[0].{name}", "long_name": name.replace("_", " ")})
        for scale in [*scales, differences, *swept]:
            scale.make_scale(scale.name.rsplit("/", 1)[-1])
        series = 0.15 * rng.lognormal(0.0, 0.3, size=(variants, replications, 1, periods))
        summary = np.stack([summarise(s) for s in series]).reshape(lead + (len(STATISTICS), 1, periods))
        change = series - series[0]
        mean, sd = change.mean(axis=1), change.std(axis=1, ddof=1)
        paired = np.stack([mean, sd, mean - 0.5 * sd, mean + 0.5 * sd, np.full_like(mean, replications)], axis=1)
        measures = {"agency_share": (1.0, {"units": "fraction", "description": "agency share; snapshot",
                                           "kind": "snapshot", "values": "real"}),
                    "total_cost": (1e6, {"units": "GBP", "description": "what the month cost; flow", "kind": "flow",
                                         "values": "real"})}
        for group, data, middle in (("summary", summary, scales[1]), ("difference", paired, differences)):
            for measure, (scale_by, attrs) in measures.items():
                ds = f.require_group(group).create_dataset(measure, data=scale_by * data.reshape(lead + data.shape[-3:]))
                ds.attrs.update(attrs)
                for axis, scale in enumerate([*swept, middle, scales[0], time] if sweep else
                                             [None, middle, scales[0], time]):
                    if scale is not None:
                        ds.dims[axis].attach_scale(scale)


@pytest.fixture
def make_paired(tmp_path):
    """Factory: make_paired(name, sweep=False, ...) -> the path of a comparison or sweep file."""
    return _file_factory(tmp_path, write_paired, "paired.h5")
