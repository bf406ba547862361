"""A damaged input ends a command with one line and status 2: errors h5py raises are
told from our own, and a crash in a forked child is reported by its parent, which
removes the partial output the child left. (tests/analysis_damaged_files.py runs the
same on files wfsim wrote, with 16 bytes overwritten at many offsets.)"""

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import h5py
import pytest

import wfsim_analysis

from wfsim_analysis import output_guard
from wfsim_analysis import rule_effect
from wfsim_analysis.__main__ import entry, main
from wfsim_analysis.damaged_input import crash_guarded, damaged_message, from_damage, raised_by_hdf5
from wfsim_analysis.results import ResultsError, period_index


def test_errors_from_h5py_are_told_from_ours(results_file):
    with h5py.File(results_file, "r") as f:
        with pytest.raises(KeyError) as from_h5py:
            f["no such measure"]
    assert raised_by_hdf5(from_h5py.value)
    with pytest.raises(KeyError) as ours:
        {}["no such measure"]
    assert not raised_by_hdf5(ours.value)
    with h5py.File(results_file, "r") as f:
        with pytest.raises(IndexError) as index:
            f["date"][99]
    assert raised_by_hdf5(index.value) and not from_damage(index.value)  # a caller's index, not damage


def test_a_period_outside_the_file_is_the_users_mistake_not_damage():
    assert period_index(-60, 60, "r.h5") == -60 and period_index(59, 60, "r.h5") == 59
    for period in (60, -61):
        with pytest.raises(ResultsError, match=f"--period {period} is outside r.h5's 60 reporting periods"):
            period_index(period, 60, "r.h5")


def test_rule_effect_refuses_a_file_of_another_kind(make_results, tmp_path, capsys):
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f.attrs["format"] = "wfsim-comparison"
        f.attrs["format_version"] = 1
    results = make_results()
    assert rule_effect.main([str(other), str(results), "--members", "all"]) == 2
    err = capsys.readouterr().err
    assert "is not a wfsim results file (its format is wfsim-comparison)" in err and "damaged" not in err


def test_damaged_message_names_every_input_on_one_line():
    message = damaged_message(["a.h5", "b.h5"], OSError("Can't read data\n(inflate() failed)"))
    assert message.startswith("a.h5 or b.h5 could not be read: HDF5 said 'Can't read data (inflate() failed)'")
    assert "\n" not in message


def _crash_while_writing(output):
    with output_guard.replacing(output) as temporary:
        with open(temporary, "w") as f:
            f.write("half a chart")
        os.kill(os.getpid(), signal.SIGSEGV)
    return 0


def test_a_crash_is_reported_and_its_partial_output_removed(tmp_path, capfd):
    output = tmp_path / "chart.png"
    assert crash_guarded(lambda: _crash_while_writing(output), ["damaged.h5"], "prog") == 2
    err = capfd.readouterr().err
    assert err.startswith("prog: error: damaged.h5 could not be read: the process crashed reading it (SIGSEGV)")
    assert err.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == []  # neither the output nor the temporary


def test_the_childs_status_and_output_pass_through(capfd):
    def prints_and_returns():
        print("done")
        return 3

    assert crash_guarded(prints_and_returns, ["x.h5"], "prog") == 3
    assert capfd.readouterr().out == "done\n"

    def exits_with_a_message():
        raise SystemExit("stopped")

    assert crash_guarded(exits_with_a_message, ["x.h5"], "prog") == 1
    assert capfd.readouterr().err == "stopped\n"
    # As the interpreter exits: None is 0, other numbers modulo 256.
    assert crash_guarded(lambda: None, ["x.h5"], "prog") == 0
    assert crash_guarded(lambda: 258, ["x.h5"], "prog") == 2


def test_a_bug_stays_a_traceback_and_status_1(capfd):
    def fails():
        raise ZeroDivisionError("a bug, not a damaged file")

    assert crash_guarded(fails, ["x.h5"], "prog") == 1
    err = capfd.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err and "could not be read" not in err


def _damaged_copy(path, offset, tmp_path):
    data = path.read_bytes()
    damaged = tmp_path / "damaged.h5"
    damaged.write_bytes(data[:offset] + b"\xff" * 16 + data[offset + 16:])
    return damaged


def test_a_file_that_starts_as_hdf5_but_is_cut_short_is_called_damaged(results_file, tmp_path, capsys):
    cut = tmp_path / "cut.h5"
    cut.write_bytes(results_file.read_bytes()[:1000])
    assert main(["plot", str(cut), "-o", str(tmp_path / "c.png")]) == 2
    err = capsys.readouterr().err
    assert "is damaged or cut short" in err and err.count("\n") == 1


class Hang(Exception):
    pass


def _expire(signum, frame):
    raise Hang()


def test_damaged_files_never_give_a_traceback(results_file, tmp_path, capfd):
    """Every 97th offset of this package's own test file's first 6,000 bytes; some
    damage must make h5py raise, or the test checks nothing. At a byte or two (4,074,
    5,723) HDF5 may loop for ever in H5HG_read; whether it does depends on what the
    damaged heap points at in the process's memory, so not on the byte alone. A
    watchdog stops it, as Ctrl-C would, and nothing may be left behind; more than 3
    such reads of the 62 fail, as reads that never end would then be the rule."""
    raised = hung = 0
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        for offset in range(0, min(results_file.stat().st_size, 6000), 97):
            damaged = _damaged_copy(results_file, offset, tmp_path)
            signal.alarm(5)
            try:
                code = entry(["export", str(damaged), "-o", str(tmp_path / "out.csv")])
            except Hang:
                code = "hung"
            finally:
                signal.alarm(0)
            captured = capfd.readouterr()
            assert code in (0, 2, "hung"), f"byte {offset}: exit {code}: {captured.err}"
            hung += code == "hung"
            assert "Traceback" not in captured.err, f"byte {offset}: {captured.err}"
            if code == 2:
                last = captured.err.strip().splitlines()[-1]
                assert captured.err.count("\n") == 1 or "crashed reading it" in last, captured.err  # after glibc's
                raised += "HDF5 said" in captured.err
            assert not [p for p in os.listdir(tmp_path) if ".partial-" in p]
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert raised > 0
    assert hung <= 3


def _stuck_while_writing(output):
    with output_guard.replacing(output) as temporary:
        with open(temporary, "w") as f:
            f.write("half a table")
        while True:
            time.sleep(1)


def test_a_caller_that_gives_up_leaves_no_child_and_no_partial_output(tmp_path):
    output = tmp_path / "out.csv"
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.alarm(1)
    try:
        with pytest.raises(Hang):
            crash_guarded(lambda: _stuck_while_writing(output), ["x.h5"], "prog")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert os.listdir(tmp_path) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the child was reaped: no zombie, nothing still running


_STUCK = """
import os, signal, sys, time
from wfsim_analysis import output_guard
from wfsim_analysis.damaged_input import crash_guarded

def stuck():
    # As if inside HDF5's endless loop: Python never gets to act on a stop.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    with output_guard.replacing(sys.argv[1]) as temporary:
        print("ready", os.getpid(), flush=True)
        while True:
            time.sleep(1)

sys.exit(crash_guarded(stuck, ["damaged.h5"], "prog"))
"""


def _start_stuck(tmp_path):
    """The stuck command as a real process; (process, the child's pid) once the child
    holds its partial output."""
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    proc = subprocess.Popen([sys.executable, "-c", _STUCK, str(tmp_path / "out.csv")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    if not ready:
        proc.kill()
        pytest.fail("the stuck command never said it was ready")
    word, child = proc.stdout.readline().split()
    assert word == "ready"
    return proc, int(child)


def _ended_cleanly(proc, child, tmp_path, signal_number):
    start = time.monotonic()
    assert proc.wait(timeout=30) == -signal_number
    assert time.monotonic() - start < 10
    assert "Traceback" not in proc.stderr.read()
    assert os.listdir(tmp_path) == []  # the partial output is gone
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # and so is the child, stuck as it was


def test_ctrl_c_ends_a_command_stuck_inside_hdf5(tmp_path):
    proc, child = _start_stuck(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    _ended_cleanly(proc, child, tmp_path, signal.SIGINT)


def test_a_second_ctrl_c_does_not_cut_the_clean_up_short(tmp_path):
    proc, child = _start_stuck(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.3)  # within the second the child is given
    os.killpg(proc.pid, signal.SIGINT)
    _ended_cleanly(proc, child, tmp_path, signal.SIGINT)


def test_sigterm_to_the_parent_alone_ends_the_stuck_child(tmp_path):
    proc, child = _start_stuck(tmp_path)
    os.kill(proc.pid, signal.SIGTERM)  # `kill PID`: the child is not told
    _ended_cleanly(proc, child, tmp_path, signal.SIGTERM)


def test_rule_effect_refuses_one_run_given_twice(make_results, tmp_path, capsys):
    # The same file, or two files of one scenario and overrides: every difference would
    # be zero, which reads as "the rule does nothing".
    results = make_results()
    assert rule_effect.main([str(results), str(results), "--members", "all"]) == 2
    assert "WITH and WITHOUT are the same file" in capsys.readouterr().err
    copy = tmp_path / "copy.h5"
    copy.write_bytes(results.read_bytes())
    assert rule_effect.main([str(results), str(copy), "--members", "all"]) == 2
    assert "runs of the same scenario with the same overrides" in capsys.readouterr().err


def test_rule_effect_says_which_options_clash(make_results, capsys):
    results = make_results()
    with pytest.raises(SystemExit) as stop:
        rule_effect.main([str(results), str(results), "--members", "Kent", "--by-region"])
    assert stop.value.code == 2
    assert "argument --by-region: not allowed with argument --members" in capsys.readouterr().err
    # The usage says one of them is needed: it showed both as optional, then refused to run.
    with pytest.raises(SystemExit) as stop:
        rule_effect.main([str(results), str(results)])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "(--members MEMBERS | --by-region)" in err and "is required" in err


def test_rule_effect_says_runs_of_different_seeds_are_not_paired(make_results, capsys):
    # Checked before the same-run test: two seeds of one scenario differ, but are not paired.
    first, second = make_results("a.h5", seed=1), make_results("b.h5", seed=2)
    assert rule_effect.main([str(first), str(second), "--members", "all"]) == 2
    err = capsys.readouterr().err
    assert f"differ in seed ({first} has 1, {second} 2): not a paired comparison" in err
    assert "every difference would be zero" not in err


def test_rule_effect_refuses_runs_that_report_different_periods(make_results, capsys):
    # Same seed and replications, but one run is longer: replication k's month t of one
    # is not month t of the other, and --period 30 would lie beyond the shorter file.
    short, longer = make_results("short.h5", periods=24), make_results("long.h5", periods=36)
    for when in ([], ["--period", "30"], ["--date", "2026-06-30"]):
        assert rule_effect.main([str(short), str(longer), "--members", "all", *when]) == 2
        out, err = capsys.readouterr()
        assert "report different periods" in err and "24 periods, 2025-04-30 to 2027-03-31" in err, err
        assert "36 periods" in err and out == ""


def test_rule_effect_members_with_a_stray_comma_says_so():
    # It said "--members names '', not among the file's councils" and listed them all.
    for given in ("Northshire,", ",Northshire", "Northshire,,Southshire"):
        with pytest.raises(ResultsError, match="has an empty name: a comma at the start or end, or two together"):
            rule_effect._members(given, ["Northshire", "Southshire"])
    assert rule_effect._members("northshire, Southshire", ["Northshire", "Southshire"]) == {"Northshire", "Southshire"}


def test_rule_effect_members_may_name_councils_whose_names_hold_a_comma():
    # "Herefordshire, County of" was split into 'Herefordshire' and 'County of', and
    # no council of the four so named could be given at all.
    councils = ["Birmingham", "Herefordshire, County of", "Bristol, City of", "Bath and North East Somerset"]
    assert rule_effect._members("Herefordshire, County of,Birmingham", councils) == {
        "Herefordshire, County of", "Birmingham"}
    assert rule_effect._members("birmingham, bristol, city of", councils) == {"Birmingham", "Bristol, City of"}
    with pytest.raises(ResultsError) as refused:
        rule_effect._members("Herefordshire,Wolverhampton", councils)
    # The unknown names, and the councils listed with '; ', which names with commas need.
    assert "'Herefordshire', 'Wolverhampton'" in str(refused.value)
    assert "Birmingham; Herefordshire, County of; Bristol, City of" in str(refused.value)


def test_rule_effect_refuses_the_run_with_fewer_rules_given_first(make_results, capsys):
    # The national rules against the MoC alone, given the other way round, reported
    # every difference with its sign turned: +1.49 points of agency share for -1.49.
    moc = make_results("moc.h5", seed=5)
    national = make_results("national.h5", seed=5)
    for path, rules in ((moc, ["moc"]), (national, ["moc", "national"])):
        with h5py.File(path, "a") as f:
            f.create_dataset("rule", data=rules, dtype=h5py.string_dtype())
            f["scenario"][()] = f"name: {path.stem}\n"
    assert rule_effect.main([str(moc), str(national), "--members", "all"]) == 2
    err = capsys.readouterr().err
    assert f"{national} has every rule of {moc} and more (national)" in err, err


def _one_measure_damaged(path, name, tmp_path):
    """A copy of `path` whose dataset `name` has a damaged object header: the rest of
    the file reads as before."""
    with h5py.File(path, "r") as f:
        header = h5py.h5o.get_info(f[name].id).addr
    data = bytearray(path.read_bytes())
    data[header] = 0x77  # the header's version byte
    damaged = tmp_path / "one-measure-damaged.h5"
    damaged.write_bytes(bytes(data))
    return damaged


def test_one_damaged_measure_is_damage_not_a_missing_measure(results_file, tmp_path, capsys):
    # h5py gives None for a link it cannot open, and the reader skipped it: the export
    # was one measure short with exit 0, and plot said "no measure 'agency_share'".
    damaged = _one_measure_damaged(results_file, "summary/agency_share", tmp_path)
    for command, out in (("export", "e.csv"), ("export", "e.xlsx"), ("plot", "p.png"), ("report", "r.html")):
        assert main([command, str(damaged), "-o", str(tmp_path / out)]) == 2, command
        err = capsys.readouterr().err
        assert "could not be read: HDF5 said 'Unable to open object" in err, err
        assert not (tmp_path / out).exists()
    with pytest.raises(ResultsError, match="could not be read: HDF5 said"):
        wfsim_analysis.open(damaged)


_COMMITS_THEN_FINISHES = """
import os, sys, time
from wfsim_analysis import output_guard
from wfsim_analysis.damaged_input import crash_guarded

def command():
    with output_guard.replacing(sys.argv[1]) as temporary:
        with open(temporary, "w") as f:
            f.write("whole\\n")
    print("in place", flush=True)
    time.sleep(0.1)  # what a command does after its output is in place (print its path, close)
    return 0

sys.exit(crash_guarded(command, ["results.h5"], "prog"))
"""


@pytest.mark.parametrize("stop", ["kill", "ctrl-c", "ctrl-c twice"])
def test_a_stop_after_the_output_is_in_place_ends_with_the_commands_own_status(tmp_path, stop):
    # The output replaced its target: the command ends as it would have, status 0, and
    # not by the stop, which would tell a script that nothing was written. (Before, the
    # stop passed on to the child ended it there, and the parent by the same signal,
    # with the new output in place.)
    output = tmp_path / "out.csv"
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    proc = subprocess.Popen([sys.executable, "-c", _COMMITS_THEN_FINISHES, str(output)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    assert ready, "the command never put its output in place"
    assert proc.stdout.readline().strip() == "in place"
    if stop == "kill":
        os.kill(proc.pid, signal.SIGTERM)  # `kill PID`, `timeout`
    else:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: a second one, held, is spent, not raised
        if stop == "ctrl-c twice":
            time.sleep(0.02)
            os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert "Traceback" not in proc.stderr.read()
    assert output.read_text() == "whole\n"
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]


def _in_imports(pid):
    """Whether the process is importing the command line's modules with SIGINT let go:
    numpy is loaded (its import comes after the command line lets SIGINT go; Python's
    own start, which has no handler at first either, loads no numpy) and SIGINT has no
    handler (/proc's maps and SigCgt)."""
    try:
        with open(f"/proc/{pid}/maps") as f:
            if "_multiarray_umath" not in f.read():
                return False
        with open(f"/proc/{pid}/status") as f:
            caught = next(line for line in f if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return False
    return not int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1))


def test_ctrl_c_while_the_command_line_imports_ends_it_quietly(results_file, tmp_path):
    # The imports (matplotlib's take most of a second) come before the command's own
    # handling of a stop; Ctrl-C there gave a traceback. The test waits until the
    # process has let go of Python's own SIGINT handler, as the command line does for
    # its imports, so that the stop lands inside them.
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "wfsim_analysis", "plot", str(results_file), "-o",
                             str(tmp_path / "chart.png")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)
    deadline = time.monotonic() + 20
    while not _in_imports(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert proc.poll() is None, "the command ended before its imports could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    status = proc.wait(timeout=30)
    stderr = proc.stderr.read()
    assert "Traceback" not in stderr
    assert status == -signal.SIGINT, stderr
    assert sorted(os.listdir(tmp_path)) == [results_file.name]  # no chart, no partial one


def test_a_sigint_the_caller_ignores_stays_ignored(results_file, tmp_path):
    # A background job (`command &` in a script) starts with SIGINT ignored: Ctrl-C at
    # the terminal must not end it, during the imports or after.
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    chart = tmp_path / "chart.png"
    proc = subprocess.Popen([sys.executable, "-m", "wfsim_analysis", "plot", str(results_file), "-o", str(chart)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with open(f"/proc/{proc.pid}/maps") as f:
                if "_multiarray_umath" in f.read():
                    break
        except OSError:
            break  # it has ended
        time.sleep(0.001)
    sent = 0
    for _ in range(5):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            sent += 1
        time.sleep(0.1)
    assert sent > 0, "the command ended before a Ctrl-C could reach it"  # else nothing was tested
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    assert chart.exists()


_LATE_STOP = """
import os, signal, sys, time
from wfsim_analysis.damaged_input import crash_guarded

def done():
    # Its output in place, the command ends; a stop reaches the parent just after.
    parent = os.getppid()
    if os.fork() == 0:
        time.sleep(0.3)
        os.kill(parent, int(sys.argv[1]))
        os._exit(0)
    return 0

status = crash_guarded(done, ["in.h5"], "prog", until_exit=sys.argv[2] == "hold")
time.sleep(1.0)  # the interpreter's own ending, drawn out
sys.exit(status)
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_after_the_output_is_in_place_leaves_the_commands_status(stop):
    # The command line's export was ended by the signal (-15) in 2 of 10 SIGTERMs sent as
    # its output appeared, though the output was already replaced: a status that said
    # nothing was written (a hostile-input review).
    env = dict(os.environ, PYTHONPATH=str(Path(wfsim_analysis.__file__).parents[1]))
    held = subprocess.run([sys.executable, "-c", _LATE_STOP, str(int(stop)), "hold"], env=env, capture_output=True,
                          text=True, timeout=30, start_new_session=True)
    assert held.returncode == 0 and "Traceback" not in held.stderr, held.stderr
    # In-process callers (these tests) get the stops back, and the stop ends the process.
    let_go = subprocess.run([sys.executable, "-c", _LATE_STOP, str(int(stop)), "let go"], env=env,
                            capture_output=True, text=True, timeout=30, start_new_session=True)
    assert let_go.returncode != 0


def test_a_measure_without_its_units_is_refused_alike_by_every_reader(results_file, tmp_path, capsys):
    # The CSV export and the chart refused it as "could not be read: HDF5 said 'Can't
    # open attribute'", naming no dataset; the bands CSV and the workbook wrote its
    # numbers unscaled and unlabelled (a fraction as 0.26, not 26%).
    with h5py.File(results_file, "a") as f:
        del f["summary/agency_share"].attrs["units"]
    said = f"{results_file}: summary/agency_share has no 'units' attribute: the file is damaged or was edited"
    for command in (["export", "-o", "out.csv"], ["export", "--bands", "-o", "bands.csv"],
                    ["export", "-o", "out.xlsx"], ["plot", "-o", "chart.png"]):
        out = tmp_path / "out" / command[-1]
        out.parent.mkdir(exist_ok=True)
        command = [command[0], str(results_file)] + command[1:-1] + [str(out)]
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, (command, err)
        assert not list(out.parent.iterdir()), command  # nothing half-written
    # And by the functions analysts call themselves, which gave the measure back without
    # its units (a review of docs/output-format.md).
    for reader in (wfsim_analysis.open, wfsim_analysis.to_dataframe):
        with pytest.raises(ResultsError) as refused:
            reader(results_file)
        assert said in str(refused.value), reader
