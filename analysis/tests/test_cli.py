"""The command line writes a chart, or stops with status 2 and one line saying why."""

import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest
from matplotlib.image import imread

import wfsim_analysis
import wfsim_analysis.__main__ as cli_module
from wfsim_analysis.__main__ import main
from wfsim_analysis.fanchart import fan_chart
from wfsim_analysis.results import Results


def test_plot_writes_png_and_prints_its_path(results_file, tmp_path, capsys):
    chart = tmp_path / "chart.png"
    assert main(["plot", str(results_file), "-o", str(chart)]) == 0
    assert capsys.readouterr().out.strip() == str(chart)
    assert chart.stat().st_size > 0
    height, width = imread(chart).shape[:2]
    assert 800 <= width <= 2000
    assert 500 <= height <= 2000


def test_plot_chosen_authority_and_measures(make_results, tmp_path, monkeypatch):
    # The figure the command saves, kept to read: a chart of another council or of
    # every measure would be a non-empty PNG too.
    drawn = []

    def keep(*args, **kwargs):
        drawn.append(fan_chart(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(cli_module, "fan_chart", keep)
    path = make_results(authorities=("Northshire", "Southvale"))
    chart = tmp_path / "south.png"
    args = ["plot", str(path), "-o", str(chart), "--authority", "Southvale", "--measures", "leavers_permanent"]
    assert main(args) == 0
    assert chart.stat().st_size > 0
    (figure,) = drawn
    assert "Southvale" in figure._suptitle.get_text() and "Northshire" not in figure._suptitle.get_text()
    assert len(figure.axes) == 1 and "leav" in figure.axes[0].get_ylabel().lower()
    # The median drawn is Southvale's, not only the title: the first line is the median.
    with Results(path) as results:
        median = results.summary("leavers_permanent", "Southvale")[results.statistic_index("p50")]
        other = results.summary("leavers_permanent", "Northshire")[results.statistic_index("p50")]
    drawn_median = np.asarray(figure.axes[0].lines[0].get_ydata(), dtype=float)
    np.testing.assert_allclose(drawn_median, median)
    assert not np.allclose(drawn_median, other)


def _bad_input(args, capsys):
    """Run the CLI expecting a refusal; return its single line of stderr."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_missing_file(tmp_path, capsys):
    err = _bad_input(["plot", str(tmp_path / "absent.h5"), "-o", str(tmp_path / "c.png")], capsys)
    assert "no such file" in err and "absent.h5" in err


def test_hdf5_that_is_not_wfsim(tmp_path, capsys):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "something-else"
    err = _bad_input(["plot", str(path), "-o", str(tmp_path / "c.png")], capsys)
    assert "not a wfsim results, comparison or sweep file" in err and "something-else" in err


def test_an_empty_measure_name_is_refused(results_file, tmp_path, capsys):
    # 'agency_share,' drew agency share alone, the empty name dropped (a review).
    for listed in ("agency_share,", ",,uncovered_gap", "agency_share,,uncovered_gap"):
        with pytest.raises(SystemExit) as stop:
            main(["plot", str(results_file), "-o", str(tmp_path / "c.png"), "--measures", listed])
        assert stop.value.code == 2
        assert "a name between commas is empty" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def test_unknown_measure_lists_available(results_file, tmp_path, capsys):
    chart = tmp_path / "c.png"
    err = _bad_input(["plot", str(results_file), "-o", str(chart), "--measures", "agency_share,uncovered_gp"], capsys)
    assert f"{results_file} has no measure 'uncovered_gp'; did you mean 'uncovered_gap'?" in err
    assert "measures there:" in err
    assert all(name in err for name in ("agency_share", "leavers_permanent", "uncovered_gap"))
    assert not chart.exists()


def test_unknown_authority_lists_available(results_file, tmp_path, capsys):
    err = _bad_input(["plot", str(results_file), "-o", str(tmp_path / "c.png"), "--authority", "Atlantis"], capsys)
    assert f"{results_file} has no authority 'Atlantis'" in err and "Northshire" in err


def test_a_folder_or_a_device_is_called_that_not_missing(tmp_path, capsys):
    assert f"{tmp_path} is a folder, not a file" in _bad_input(["plot", str(tmp_path), "-o", "c.png"], capsys)
    assert "/dev/null is a device, a pipe or a socket, not a file" in _bad_input(
        ["export", "/dev/null", "-o", str(tmp_path / "d.csv")], capsys)


def test_authority_and_measure_in_any_case(results_file, tmp_path, capsys):
    # 'northshire' was "unknown authority", though rule-effect's --members matches any case.
    chart = tmp_path / "c.png"
    assert main(["plot", str(results_file), "-o", str(chart), "--authority", "NORTHSHIRE",
                 "--measures", "Agency_Share"]) == 0
    assert chart.exists()


def test_unwritable_output(results_file, tmp_path, capsys):
    err = _bad_input(["plot", str(results_file), "-o", str(tmp_path / "no" / "dir" / "c.png")], capsys)
    assert "cannot write" in err


def test_module_entry_point_exits_2_without_traceback(tmp_path):
    """The real `python3 -m wfsim_analysis` process, not just main()."""
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    proc = subprocess.run(
        [sys.executable, "-m", "wfsim_analysis", "plot", str(tmp_path / "absent.h5"), "-o", str(tmp_path / "c.png")],
        capture_output=True, text=True, env=env, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("wfsim-analysis: error: no such file")
    assert proc.stderr.count("\n") == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line_not_a_traceback(results_file, tmp_path):
    # `export ... > /dev/full` (a full disk) ended in a traceback from whichever print
    # met it; the file it wrote is still there and whole.
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "wfsim_analysis", "export", str(results_file), "-o", str(tmp_path / "b.csv")],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr == "wfsim-analysis: cannot write the standard output: No space left on device\n"
    assert (tmp_path / "b.csv").stat().st_size > 0


@pytest.mark.parametrize("measures", [",", ""])
def test_empty_measure_list_is_a_usage_error(results_file, tmp_path, measures):
    with pytest.raises(SystemExit) as exit_info:
        main(["plot", str(results_file), "-o", str(tmp_path / "c.png"), "--measures", measures])
    assert exit_info.value.code == 2


def test_flows_of_a_comparison_says_it_needs_a_results_file(tmp_path, capsys):
    path = tmp_path / "policies.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "wfsim-comparison"
        f.attrs["format_version"] = 1
    assert main(["flows", str(path), "-o", str(tmp_path / "f.png")]) == 2
    assert "is a comparison file: the flows are drawn from a results file" in capsys.readouterr().err


def test_an_option_the_command_does_not_take_shows_the_commands_usage(results_file, tmp_path, capsys):
    # It showed the top level's usage ("wfsim-analysis [-h] COMMAND ..."), which names
    # no option of the command.
    with pytest.raises(SystemExit) as stop:
        main(["report", str(results_file), "-o", str(tmp_path / "r.html"), "--measures", "X"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "usage: wfsim-analysis report" in err and "unrecognized arguments: --measures X" in err
    assert not (tmp_path / "r.html").exists()


def test_a_postscript_chart_says_its_bands_are_opaque_in_our_words(results_file, tmp_path, capsys):
    # matplotlib's "The PostScript backend does not support transparency" was passed on
    # as it came, naming its backend rather than what the reader loses.
    assert main(["plot", str(results_file), "-o", str(tmp_path / "c.eps")]) == 0
    err = capsys.readouterr().err
    assert "PostScript has no transparency, so the shaded bands are drawn opaque" in err
    assert "PostScript backend" not in err
    assert main(["plot", str(results_file), "-o", str(tmp_path / "c.pdf")]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", [["plot"], ["export"], ["report"]])
def test_an_output_that_is_a_folder_is_called_a_folder(results_file, tmp_path, capsys, command):
    # plot and export said the name had no suffix, not that it was a folder.
    folder = tmp_path / "charts"
    folder.mkdir()
    assert main([*command, str(results_file), "-o", str(folder)]) == 2
    assert f"cannot write {folder}: it is a folder; give a file name" in capsys.readouterr().err


def test_a_rerun_says_it_replaced_its_own_earlier_output(results_file, tmp_path, capsys):
    chart = tmp_path / "chart.png"
    assert main(["plot", str(results_file), "-o", str(chart)]) == 0
    assert capsys.readouterr().out.strip() == str(chart)
    assert main(["plot", str(results_file), "-o", str(chart)]) == 0
    assert capsys.readouterr().out.strip() == f"{chart} (replacing the file of that name)"
    table = tmp_path / "out.csv"
    assert main(["export", str(results_file), "-o", str(table)]) == 0
    assert main(["export", str(results_file), "-o", str(table)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"{table} (replacing the file of that name): ")


def _with_two_flows(f):
    """Gives the synthetic file `f` (open to write) a flow matrix of two categories:
    one move a month to Northshire's permanent posts, half a move out."""
    periods = f["date"].shape[0]
    f.create_dataset("flow_category", data=["outside", "permanent: Northshire"], dtype=h5py.string_dtype())
    f.create_dataset("flows/mean", data=[[[0.0] * periods, [1.0] * periods], [[0.5] * periods, [0.0] * periods]])


def test_the_flows_chart_is_titled_from_the_first_period_start(results_file):
    # Titled from the first period's end (2015-10-31 for a run from 2015-10-01), a month
    # late, though that month's moves are in it.
    from wfsim_analysis.flows_chart import flows_chart

    with h5py.File(results_file, "a") as f:
        f.attrs["report_start_date"] = "2015-10-01"
        _with_two_flows(f)
        last = f["date"][-1].decode() if isinstance(f["date"][-1], bytes) else f["date"][-1]
    figure = flows_chart(results_file)
    title = figure._suptitle.get_text()
    assert title == f"Moves between councils, contracts and pools\nsynthetic baseline, 2015-10-01 to {last}"
    # Within the figure: on one line over the axes it ran off the right edge.
    figure.canvas.draw()
    box = figure._suptitle.get_window_extent()
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width
    # Traceable to its run, as the other charts are (it said the file's name alone).
    footnotes = [t.get_text() for t in figure.texts]
    assert any(t.startswith("Source: results.h5; 20 replications, seed 42, wfsim 0.1.0-test") for t in footnotes)


def test_the_flows_chart_of_a_run_changed_with_set_says_what_was_changed(results_file):
    # Footed as the baseline's, as the fan chart was.
    from wfsim_analysis.flows_chart import flows_chart

    with h5py.File(results_file, "a") as f:
        f.attrs["overrides"] = "duration=2 years\n"
        _with_two_flows(f)
    footnote, = [t.get_text() for t in flows_chart(results_file).texts if t.get_text().startswith("Source: ")]
    assert footnote.splitlines()[-1] == "Changed with --set: duration=2 years"


def test_the_flows_chart_leaves_out_a_category_nobody_moves_from_or_to(results_file):
    # A scenario without a pool drew an empty "seeking permanent" row and column.
    from wfsim_analysis.flows_chart import flows_chart

    with h5py.File(results_file, "a") as f:
        periods = f["date"].shape[0]
        labels = ["outside", "seeking permanent", "permanent: Northshire"]
        f.create_dataset("flow_category", data=labels, dtype=h5py.string_dtype())
        moves = np.zeros((3, 3, periods))
        moves[0, 2, :], moves[2, 0, :] = 1.0, 0.5
        f.create_dataset("flows/mean", data=moves)
    figure = flows_chart(results_file)
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["outside", "permanent: Northshire"]
    assert any(t.get_text().endswith("; no moves from or to seeking permanent") for t in figure.texts)


def test_report_on_a_region_of_an_england_file_says_what_to_do(regional_results, tmp_path, capsys):
    # 'no authority London; did you mean Swindon' said nothing of regions, which plot charts.
    path = regional_results
    out = tmp_path / "r.html"
    assert main(["report", str(path), "--authority", "london", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"'London' is a region of {path}, which keeps summaries of each council and of all of them together" in err
    assert "plot --authority 'London'" in err
    assert not out.exists()


def test_a_region_asked_of_a_comparison_file_says_it_cannot_be_charted_there(tmp_path):
    # plot, compare and report said "no authority 'South East'; did you mean
    # 'Southampton'", and wfsim info pointed at a plot that this file cannot give.
    import pytest

    from wfsim_analysis.comparison import _authority_row
    from wfsim_analysis.results import ResultsError
    path = tmp_path / "c.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("authority", data=["Camden", "Kent", "All councils"], dtype=h5py.string_dtype())
        with pytest.raises(ResultsError) as refused:
            _authority_row(f, "South East", path)
        assert _authority_row(f, "kent", path) == (1, "Kent")
    assert "a comparison or sweep file keeps no council's series to add one up from" in str(refused.value)


def test_a_name_too_long_for_the_file_system_is_bad_input_not_a_traceback(results_file, tmp_path, capsys):
    # OSError (File name too long) from the path checks was a traceback and status 1;
    # as an output, an input, and an input of rule-effect, which has its own entry.
    long_name = str(tmp_path / ("a" * 300))
    assert main(["plot", str(results_file), "-o", long_name + ".png"]) == 2
    assert "longer than the file system takes" in capsys.readouterr().err
    assert main(["plot", long_name + ".h5", "-o", str(tmp_path / "x.png")]) == 2
    assert "File name too long" in capsys.readouterr().err
    assert main(["rule-effect", str(results_file), long_name + ".h5", "--by-region"]) == 2
    assert "File name too long" in capsys.readouterr().err


def test_an_empty_file_name_is_refused_by_name(results_file, tmp_path, capsys):
    # '' read as a path is the current folder: '. is a folder, not a file' (a CLI audit).
    for args, said in ((["plot", "", "-o", str(tmp_path / "a.png")], "FILE.h5"),
                       (["flows", "", "-o", str(tmp_path / "a.png")], "RESULTS.h5"),
                       (["plot", str(results_file), "-o", ""], "--output"),
                       (["rule-effect", "", str(results_file), "--by-region"], "WITH.h5")):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 2
        assert f"the name given for {said} is empty (''): give a file name" in capsys.readouterr().err
    assert not (tmp_path / "a.png").exists()


def test_an_option_of_one_value_given_twice_is_refused(results_file, tmp_path, capsys):
    # argparse keeps the last: `plot FILE -o a.png -o b.png` wrote b.png and said
    # nothing of a.png; wfsim refuses an option given twice (a robustness test).
    for args in (["-o", str(tmp_path / "a.png"), "-o", str(tmp_path / "b.png")],
                 [f"--output={tmp_path / 'a.png'}", f"-o{tmp_path / 'b.png'}"]):
        with pytest.raises(SystemExit) as stop:
            main(["plot", str(results_file), *args])
        assert stop.value.code == 2
        assert "-o/--output is given more than once" in capsys.readouterr().err
    assert not (tmp_path / "a.png").exists() and not (tmp_path / "b.png").exists()
    # Flags and options that collect values may be repeated.
    assert main(["plot", str(results_file), "-o", str(tmp_path / "c.png"), "--force", "--force"]) == 0


@pytest.mark.parametrize("command", [["plot"], ["export"], ["report"]])
def test_a_full_disk_is_the_machines_failure_not_bad_input(command, results_file, tmp_path, monkeypatch, capsys):
    # A full disk was "error: cannot write ...: No space left on device", status 2: a
    # user's mistake, where wfsim says 1 (a hostile-input review, on a 200 kB tmpfs).
    import contextlib
    import errno

    import wfsim_analysis.__main__ as cli

    def failing(errno_value):
        @contextlib.contextmanager
        def replacing(output):
            raise OSError(errno_value, os.strerror(errno_value))
            yield  # pragma: no cover - never reached
        return replacing

    suffix = {"plot": ".png", "export": ".csv", "report": ".html"}[command[0]]
    out = tmp_path / f"out{suffix}"
    monkeypatch.setattr(cli, "replacing", failing(errno.ENOSPC))
    assert main([*command, str(results_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {out}: No space left on device (the machine's, not the input's" in err
    assert not out.exists()
    # A folder the user may not write to is still theirs to change: 2.
    monkeypatch.setattr(cli, "replacing", failing(errno.EACCES))
    assert main([*command, str(results_file), "-o", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err



def test_plot_of_a_comparison_says_which_one_measure_it_draws(tmp_path, monkeypatch, capsys):
    # Its default of two measures lost the second without a word.
    import wfsim_analysis.__main__ as cli

    drawn = []

    def chart(results, measure, authority):
        from matplotlib.figure import Figure

        drawn.append(measure)
        return Figure()

    monkeypatch.setattr(cli, "kind_of", lambda path: "comparison")
    monkeypatch.setattr(cli, "comparison_chart", chart)
    assert main(["plot", str(tmp_path / "c.h5"), "-o", str(tmp_path / "c.png")]) == 0
    assert drawn == ["agency_share"]
    assert "note: a comparison file's chart shows one measure: agency_share (--measures M for another)" in \
        capsys.readouterr().err


@pytest.mark.parametrize("command,suffix", [("plot", ".png"), ("export", ".csv"), ("report", ".html")])
def test_a_backtest_table_is_pointed_to_the_backtest_chart(command, suffix, tmp_path, capsys):
    # It was told "not an HDF5 file, so not a wfsim file": it is wfsim's, in CSV.
    table = tmp_path / "bt.csv"
    table.write_text("council,code,region,year,measure,previous,reported,median,p5,p95,inside\n")
    assert main([command, str(table), "-o", str(tmp_path / f"out{suffix}")]) == 2
    err = capsys.readouterr().err
    assert f"{table} is a backtest table (CSV), not a results, comparison or sweep file: chart it with " \
           f"'wfsim-analysis backtest {table} -o CHART.png'" in err


def test_compare_and_sweep_say_which_chart_another_kind_of_file_has(results_file, tmp_path, capsys):
    # Only compare said so (of a sweep file); the rest said "write one with 'wfsim ...'".
    import h5py as h5

    comparison = tmp_path / "c.h5"
    with h5.File(comparison, "w") as f:
        f.attrs["format"] = "wfsim-comparison"
        f.attrs["format_version"] = 1
    for command, path, said in (("sweep", comparison, "is a comparison file: chart it with 'wfsim-analysis compare'"),
                                ("compare", results_file, "is a results file of one run: chart it with "
                                                          "'wfsim-analysis plot'"),
                                ("sweep", results_file, "is a results file of one run: chart it with "
                                                        "'wfsim-analysis plot'")):
        assert main([command, str(path), "-o", str(tmp_path / "x.png")]) == 2
        assert said in capsys.readouterr().err, (command, path)


def test_the_flows_chart_of_a_file_that_is_not_wfsims_is_refused(results_file, tmp_path, capsys):
    # Every other command refused a file without wfsim's format attribute; flows read it.
    with h5py.File(results_file, "a") as f:
        del f.attrs["format"]
    assert main(["flows", str(results_file), "-o", str(tmp_path / "f.png")]) == 2
    assert "is not a wfsim results file (write one with 'wfsim run')" in capsys.readouterr().err
    assert not (tmp_path / "f.png").exists()


def test_the_flows_chart_of_a_run_where_nobody_moved_is_refused(results_file, tmp_path, capsys):
    # It drew an empty map, its footnote saying no one moved from or to every category.
    with h5py.File(results_file, "a") as f:
        f.create_dataset("flow_category", data=["outside", "permanent: Northshire"], dtype=h5py.string_dtype())
        f.create_dataset("flows/mean", data=np.zeros((2, 2, f["date"].shape[0])))
    assert main(["flows", str(results_file), "-o", str(tmp_path / "f.png")]) == 2
    assert "no worker moved between councils, contracts or pools from" in capsys.readouterr().err
    assert not (tmp_path / "f.png").exists()


def test_help_to_a_full_disk_is_said_in_one_line():
    # --help to /dev/full ended in a traceback of argparse's (a CLI audit).
    package = str(Path(wfsim_analysis.__file__).resolve().parents[1])
    for command, prog in ((["plot", "--help"], "wfsim-analysis"), (["rule-effect", "--help"],
                                                                   "wfsim-analysis rule-effect")):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "wfsim_analysis"] + command, stdout=full,
                                  stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": package})
        assert proc.returncode == 1
        assert proc.stderr == (f"{prog}: error: writing to standard output failed (No space left on device); "
                               "what was printed there is incomplete\n")


def test_a_measure_named_twice_is_refused(results_file, tmp_path, capsys):
    # It drew two identical panels.
    with pytest.raises(SystemExit) as stop:
        main(["plot", str(results_file), "-o", str(tmp_path / "c.png"), "--measures", "agency_share,Agency_Share"])
    assert stop.value.code == 2
    assert "agency_share named twice in 'agency_share,Agency_Share'" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def test_a_workbook_past_the_size_limit_is_one_line_not_a_traceback(results_file, tmp_path):
    # `ulimit -f` (or a full disk) met by openpyxl's own save left its zip archive open,
    # and Python printed "Exception ignored in ZipFile.__del__" and a traceback below
    # the command's one line; met in the temporary file openpyxl writes each sheet
    # through, it was a traceback of lxml's "unknown error -1". Nothing is left at the
    # output. The limits: below the smallest sheet's temporary file, then just below
    # the workbook (whose sheets' temporary files are smaller here).
    import resource

    pytest.importorskip("openpyxl")
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    out = tmp_path / "b.xlsx"
    command = [sys.executable, "-m", "wfsim_analysis", "export", str(results_file), "-o", str(out)]
    assert subprocess.run(command, capture_output=True, env=env, check=False).returncode == 0
    whole = out.stat().st_size
    out.unlink()
    said = {}
    for limit in (512, whole - 1024):
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False,
                              preexec_fn=lambda limit=limit: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith(f"wfsim-analysis: error: cannot write {out}: ")
        assert proc.stderr.count("\n") == 1, proc.stderr
        said[limit] = proc.stderr
        assert not out.exists() and not list(tmp_path.glob(".b.xlsx.partial-*"))
    assert "openpyxl could not write a sheet to its temporary file" in said[512]
    assert "File too large (the machine's, not the input's" in said[whole - 1024]


def test_every_commands_help_examples_parse():
    # The commands showed no examples (they were only in the README: a walk of the
    # help texts); those now shown must at least be commands the parser takes.
    import shlex

    from wfsim_analysis.__main__ import EXAMPLES, build_parser

    parser = build_parser()
    assert set(EXAMPLES) == {"plot", "compare", "export", "report", "sweep", "flows", "backtest", "cost-per"}
    for command, lines in EXAMPLES.items():
        for line in lines:
            words = shlex.split(line, comments=True)
            assert words[0] == command, line
            parser.parse_args(words)  # exits 2, failing the test, on a line it does not take


def test_rule_effect_says_it_takes_no_total(results_file, capsys):
    # sweep's --period takes 'total'; rule-effect's was told argparse's "invalid int value".
    with pytest.raises(SystemExit) as ended:  # argparse's own end, as for any option it refuses
        main(["rule-effect", str(results_file), str(results_file), "--period", "total"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "expected a period index (0 the first, -1 the last), got 'total'" in err and "invalid int" not in err
