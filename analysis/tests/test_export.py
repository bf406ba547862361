"""The CSV export: tidy rows whose totals equal the HDF5 file's."""

import csv

import h5py
import numpy as np

from wfsim_analysis.__main__ import main


def test_export_totals_match_the_file(make_results, tmp_path):
    path = make_results()
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-o", str(out), "--series"]) == 0
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert set(rows[0]) == {"measure", "units", "authority", "date", "statistic", "value"}
    with h5py.File(path) as f:
        for measure in f["summary"]:
            summary_total = np.nansum(f["summary"][measure][()])
            series_total = np.nansum(f["series"][measure][()])
            got_summary = sum(float(r["value"]) for r in rows
                              if r["measure"] == measure and not r["statistic"].startswith("replication") and r["value"])
            got_series = sum(float(r["value"]) for r in rows
                             if r["measure"] == measure and r["statistic"].startswith("replication") and r["value"])
            assert np.isclose(got_summary, summary_total, rtol=1e-12)
            assert np.isclose(got_series, series_total, rtol=1e-12)
        expected = sum(f["summary"][m].size + f["series"][m].size for m in f["summary"])
    assert len(rows) == expected


def test_export_of_a_missing_file_is_bad_input(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.h5"), "-o", str(tmp_path / "x.csv")]) == 2
    assert "nope.h5" in capsys.readouterr().err
