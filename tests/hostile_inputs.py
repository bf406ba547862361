#!/usr/bin/env python3
"""Hostile input and environment faults: every case must end with exit 1 or 2 (or
130/143 when stopped) and a message naming the problem, within seconds, never by a
signal, and never with a good file lost, a stray temporary left or a link followed.

    hostile_inputs.py WFSIM [--only TEXT] [--kills N]

Each case is a class of the hardening issue (docs/development.md, "Hostile input and
faults"). The full-disk cases need to mount a small tmpfs (root, outside a container
that forbids it); where that fails they are reported as skipped, with the reason.
"""
import argparse
import glob
import hashlib
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMALL = """wfsim: 1
name: small
start: 2020-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: {posts}
        leaving: {{turnover_per_year: 0.17, notice: 90 days}}
        recruitment: {{applicants_per_year: 40}}
"""
TIMEOUT = 20  # seconds: "within seconds", with room for a loaded CI machine


class Failure(Exception):
    pass


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def strays(folder):
    return sorted(glob.glob(os.path.join(folder, "*.partial-*")))


class Harness:
    def __init__(self, wfsim, work):
        self.wfsim = wfsim
        self.work = work
        self.failures = []
        self.passed = 0
        self.skipped = []

    def path(self, name):
        return os.path.join(self.work, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def run(self, args, timeout=TIMEOUT, preexec=None, cwd=None):
        start = time.monotonic()
        try:
            p = subprocess.run([self.wfsim] + args, capture_output=True, text=True, errors="replace", timeout=timeout,
                               preexec_fn=preexec, cwd=cwd or self.work, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise Failure(f"no answer within {timeout} s")
        return p, time.monotonic() - start

    def expect(self, name, args, codes, says, timeout=TIMEOUT, preexec=None, cwd=None, unchanged=(),
               not_in_message=(), one_line=False):
        """Runs wfsim; checks the exit code, that the message contains `says` (and,
        with `one_line`, that the error output is that one line, the note on few
        replications aside), that the files in
        `unchanged` kept their bytes, and that no temporary is left."""
        before = {f: digest(f) if os.path.isfile(f) else os.stat(f).st_mode for f in unchanged}
        try:
            p, seconds = self.run(args, timeout, preexec, cwd)
            message = p.stdout + p.stderr
            if p.returncode < 0:
                raise Failure(f"killed by signal {-p.returncode}: {message.strip()[-300:]}")
            if p.returncode not in codes:
                raise Failure(f"exit {p.returncode}, expected {codes}: {message.strip()[-300:]}")
            if says.lower() not in message.lower():
                raise Failure(f"message lacks '{says}': {message.strip()[-300:]}")
            for text in not_in_message:
                if text in message:
                    raise Failure(f"message quotes '{text}': {message.strip()[-300:]}")
            # The note a compare or sweep of few replications prints as it starts, and the
            # one a run prints early when its file will not fit, are not part of the
            # error; any other note is counted.
            errors = [line for line in p.stderr.strip().splitlines()
                      if not (line.startswith("note: ") and (" replications: with fewer than " in line
                                                             or " will need about " in line))]
            if one_line and len(errors) != 1:
                raise Failure(f"{len(errors)} lines of errors, not one: {p.stderr.strip()[:300]}")
            for f, was in before.items():
                now = digest(f) if os.path.isfile(f) else os.stat(f).st_mode
                if now != was:
                    raise Failure(f"{f} was changed")
            left = strays(self.work)
            if left:
                raise Failure(f"temporaries left: {left}")
            self.passed += 1
            print(f"ok    {name} (exit {p.returncode}, {seconds:.1f} s)")
        except Failure as e:
            self.failures.append(f"{name}: {e}")
            print(f"FAIL  {name}: {e}")

    def skip(self, name, why):
        self.skipped.append(f"{name}: {why}")
        print(f"skip  {name}: {why}")


def outputs_refused(h):
    s = h.write("s.yaml", SMALL.format(posts=50))
    good = h.path("good.h5")
    p, _ = h.run(["run", s, "-o", good, "-n", "4", "-q"])
    if p.returncode != 0:
        raise SystemExit("cannot make the good file: " + p.stderr)
    os.makedirs(h.path("folder"), exist_ok=True)
    fifo = h.path("fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    long_run = ["-n", "1000000"]
    h.expect("-o the scenario itself", ["run", s, "-o", s], {2}, "one of this command's inputs", unchanged=[s])
    h.expect("-o a folder, before running", ["run", s, "-o", h.path("folder")] + long_run, {2}, "directory")
    h.expect("-o into a missing folder", ["run", s, "-o", h.path("nowhere/out.h5")] + long_run, {2},
             "does not exist")
    h.expect("-o a FIFO", ["run", s, "-o", fifo] + long_run, {2}, "pipe", unchanged=[fifo])
    h.expect("-o a FIFO, even with --force", ["run", s, "-o", fifo, "--force"], {2}, "pipe", unchanged=[fifo])
    h.expect("schema -o a FIFO", ["schema", "-o", fifo], {2}, "pipe", unchanged=[fifo])
    if os.path.exists("/dev/full"):
        h.expect("-o /dev/full", ["run", s, "-o", "/dev/full"], {2}, "device", unchanged=["/dev/full"])
    h.expect("-o a chart that is not a results file", ["run", s, "-o", s.replace("s.yaml", "s.yaml")], {2}, "inputs")
    notes = h.write("notes", "someone's notes")
    h.expect("-o a file of another kind", ["run", s, "-o", notes], {2}, "--force", unchanged=[notes])
    png = h.write("chart.png", "not really a png")
    h.expect("-o a name that says another format, even with --force", ["run", s, "-o", png, "--force"], {2},
             "its name says an image", unchanged=[png])
    # Variants need names of their own (compare refuses two alike).
    variant = h.write("variant.yaml", open(s).read().replace("name: small", "name: small, a variant")
                      .replace("applicants_per_year: 40", "applicants_per_year: 50"))
    h.expect("compare -o its baseline", ["compare", s, variant, "-o", s], {2}, "inputs", unchanged=[s])
    protected = h.path("protected.h5")
    shutil.copy(good, protected)
    os.chmod(protected, 0o444)
    h.expect("-o a write-protected results file", ["run", s, "-o", protected, "-n", "2"], {2}, "write-protected",
             unchanged=[protected])
    os.chmod(protected, 0o644)
    # A link as -o: the results renamed into place replaced the link with a file and
    # left the file it points to as it was, without a word.
    link = h.path("link.h5")
    os.symlink(protected, link)
    h.expect("-o a symbolic link", ["run", s, "-o", link, "-n", "2"], {2}, "it is a link", unchanged=[protected])
    if not os.path.islink(link):
        h.failures.append("-o a symbolic link: the link was replaced by a file")
    # --force was offered for a link to a folder, which --force then refused too.
    to_folder = h.path("folder-link.h5")
    os.symlink(h.work, to_folder)
    h.expect("-o a link to a folder", ["run", s, "-o", to_folder, "-n", "2"], {2}, "which is not a file")
    dangling = h.path("dangling.h5")
    os.symlink(h.path("nowhere/x.h5"), dangling)
    h.expect("-o a link to nothing", ["run", s, "-o", dangling, "-n", "2"], {2}, "which points to nothing")
    later = h.write("later.yaml", open(s).read().replace("start: 2020-01-01", "start: 2021-01-01")
                    .replace("name: small", "name: small, a year later"))
    h.expect("compare of scenarios over other dates says which", ["compare", s, later, "-o", h.path("c.h5")], {2},
             "it runs 2021-01-01")
    for target, says in (("vacancy_rate=-0.5", "never negative"), ("vacancy_rate=20", "from 0 to 1")):
        h.expect(f"calibrate --target {target}", ["calibrate", s, "--target", target, "--free",
                                                  "authorities[0].roles[0].recruitment.applicants_per_year",
                                                  "-o", h.path("cal.yaml")], {2}, says)


def planted_links(h):
    s = h.write("s.yaml", SMALL.format(posts=50))
    victim = h.write("victim.txt", "precious\n")
    out = h.path("linked.h5")
    host = socket.gethostname()
    # Links at the names a writer used to pick (TARGET.partial-PID) for every PID the
    # next processes could get, and at a stale-looking name of this host.
    base = os.getpid()
    for pid in range(base, base + 200):
        for name in (f"{out}.partial-{pid}", f"{h.path('schema.json')}.partial-{pid}"):
            if not os.path.lexists(name):
                os.symlink(victim, name)
    dead = f"{out}.partial-{host}-999999999-00000000deadbeef"
    os.symlink(victim, dead)
    before = digest(victim)
    p, _ = h.run(["run", s, "-o", out, "-n", "4", "-q"])
    q, _ = h.run(["schema", "-o", h.path("schema.json")])
    name = "planted links at temporary names are never followed"
    if p.returncode != 0 or q.returncode != 0:
        h.failures.append(f"{name}: run exit {p.returncode}, schema exit {q.returncode}: {p.stderr}{q.stderr}")
        print("FAIL  " + h.failures[-1])
    elif digest(victim) != before or not os.path.islink(dead):
        h.failures.append(f"{name}: the link's target was written, or the link removed")
        print("FAIL  " + h.failures[-1])
    else:
        h.passed += 1
        print(f"ok    {name}")
    for link in glob.glob(h.path("*.partial-*")):
        os.unlink(link)


def stale_temporaries(h):
    s = h.write("s.yaml", SMALL.format(posts=50))
    out = h.path("stale.h5")
    host = socket.gethostname()
    stale = [f"{out}.partial-{host}-999999999-0123456789abcdef", f"{out}.partial-999999999"]
    for f in stale:
        with open(f, "w") as handle:
            handle.write("left by a killed run")
    day_ago = time.time() - 25 * 3600  # an old-style name (no host) must also be a day old
    os.utime(stale[1], (day_ago, day_ago))
    alive = f"{out}.partial-{host}-{os.getpid()}-0123456789abcdef"  # this script is alive
    with open(alive, "w") as handle:
        handle.write("in use")
    p, _ = h.run(["run", s, "-o", out, "-n", "4", "-q"])
    name = "temporaries of dead processes are removed by the next run, live ones kept"
    if p.returncode != 0 or any(os.path.exists(f) for f in stale) or not os.path.exists(alive):
        h.failures.append(f"{name}: exit {p.returncode}; left {[f for f in stale if os.path.exists(f)]}")
        print("FAIL  " + h.failures[-1])
    else:
        h.passed += 1
        print(f"ok    {name}")
    os.unlink(alive)


def unbounded_work(h):
    s = h.path("s.yaml")
    fifo = h.path("fifo")
    text = open(s).read()
    h.expect("duration: 1e15 days", ["validate", h.write("d.yaml", text.replace("2 years", "1e15 days"))], {2},
             "200 years")
    h.expect("duration: 1e300 years", ["validate", h.write("d.yaml", text.replace("2 years", "1e300 years"))],
             {2}, "200 years")
    h.expect("posts: 1e8", ["validate", h.write("p.yaml", SMALL.format(posts="1e8"))], {2}, "at most 100000")
    # Whole numbers or 'unlimited' have the same bound: 5e8 idle agency workers at the
    # start once passed validation and ran out of memory.
    region = os.path.join(SOURCE, "scenarios", "south-east-moc-2016.yaml")
    h.expect("available_at_start: 5e8", ["validate", region, "--set", "agency_supply[0].available_at_start=5e8"],
             {2}, "at most 100000")
    h.expect("available_at_start: 12.5", ["validate", region, "--set", "agency_supply[0].available_at_start=12.5"],
             {2}, "whole number")
    h.expect("extends: /dev/zero", ["validate", h.write("z.yaml", "extends: /dev/zero\n" + text)], {2}, "outside")
    os.makedirs(h.path("sub"), exist_ok=True)
    if not os.path.exists(h.path("sub/zero.yaml")):
        os.symlink("/dev/zero", h.path("sub/zero.yaml"))
    h.expect("extends: a link to /dev/zero", ["validate", h.write("z2.yaml", "extends: sub/zero.yaml\n" + text)],
             {2}, "outside")
    h.expect("validate /dev/zero", ["validate", "/dev/zero"], {2}, "device")
    h.expect("validate a FIFO", ["validate", fifo], {2}, "pipe")
    h.expect("init --from-csww /dev/zero", ["init", "--from-csww", "/dev/zero", "--year", "2020", "--la", "X",
                                            "-o", h.path("i.yaml")], {2}, "device")
    h.expect("init --from-csww a FIFO", ["init", "--from-csww", fifo, "--year", "2020", "--la", "X",
                                         "-o", h.path("i.yaml")], {2}, "pipe")
    big = h.path("big.yaml")
    with open(big, "w") as f:
        f.write(text + "#" + "x" * (17 << 20) + "\n")
    h.expect("a 17 MB scenario", ["validate", big], {2}, "larger than")
    # 1.6 kB on which yaml-cpp's LoadAll never returned, taking all memory (found by the
    # scenario fuzzer in CI; tests/fuzz/regressions/scenario/).
    runaway = os.path.join(SOURCE, "tests", "fuzz", "regressions", "scenario", "loadall-runs-away.yaml")
    h.expect("a malformed scenario that once made the YAML parser run away", ["validate", runaway], {2}, "error",
             timeout=10)
    os.unlink(big)
    h.expect("sweep of 5 x 8192 values", ["sweep", s, "-o", h.path("sw.h5")] +
             sum([["--vary", f"authorities[0].roles[0].{key}=" + ",".join(["50"] * 8192)]
                  for key in ("permanent_posts", "temporary_posts", "fte_per_worker", "leaving.turnover_per_year",
                              "recruitment.applicants_per_year")], []), {2}, "at most 1000")


def extends_confined(h):
    outside = tempfile.mkdtemp(prefix="wfsim-outside-")
    try:
        secret = os.path.join(outside, "shadow.yaml")
        with open(secret, "w") as f:
            f.write("root: SECRET-HASH-1234\n")
        text = open(h.path("s.yaml")).read()
        h.expect("extends: a file outside the scenario's folders",
                 ["validate", h.write("e.yaml", f"extends: {secret}\n" + text)], {2}, "outside",
                 cwd=h.work, not_in_message=["SECRET-HASH"])
        h.expect("extends: a file that is not .yaml", ["validate", h.write("e2.yaml", "extends: s.txt\n" + text)],
                 {2}, ".yaml")
    finally:
        shutil.rmtree(outside)


def exit_codes(h):
    s = h.path("s.yaml")
    text = open(s).read()
    h.expect("--set with a 23-digit index", ["validate", s, "--set", "authorities[99999999999999999999999].name=x"],
             {2}, "out of range")
    h.expect("-n -1", ["run", s, "-o", h.path("n.h5"), "-n", "-1"], {2}, "whole number")
    h.expect("-n 10^12", ["run", s, "-o", h.path("n.h5"), "-n", "1000000000000"], {2}, "10000000")
    h.expect("--seed -1", ["run", s, "-o", h.path("n.h5"), "--seed", "-1"], {2}, "whole number")
    h.expect("--threads 0", ["run", s, "-o", h.path("n.h5"), "--threads", "0"], {2}, "threads")
    h.expect("a second YAML document", ["validate", h.write("two.yaml", text + "---\nname: other\n")], {2},
             "one YAML document")
    h.expect("salary_per_year: 1e308", ["validate", h.write("pay.yaml", text.replace("        recruitment:", "        pay: {salary_per_year: 1e308}\n        recruitment:"))],
             {2}, "at most")
    many = "wfsim: 1\nname: many\nstart: 2020-01-01\nduration: 1 year\nauthorities:\n" + "".join(
        f"  - name: A{i}\n    roles:\n      - name: social_worker\n        permanent_posts: 100000\n"
        "        initial: {in_post: 0}\n        leaving: {turnover_per_year: 0.1}\n"
        "        recruitment: {applicants_per_year: 0}\n" for i in range(25))
    # Counted right, and (since 2026-12-06) refused as more than a run can hold workers.
    h.expect("posts summed past 2^31 are counted in 64 bits", ["validate", h.write("many.yaml", many)], {2},
             "the scenario has 2500000 posts")
    # An empty value clears a key (docs/scenario-reference.md); a required one is then
    # said to be empty where it was emptied, the --set, not missing from the file.
    h.expect("--set KEY= on a required key", ["validate", s, "--set", "authorities[0].roles[0].permanent_posts="],
             {2}, "--set authorities[0].roles[0].permanent_posts=: authorities[0].roles[0].permanent_posts: "
                  "'permanent_posts' is required and cannot be empty")
    for values in ("40,,60", "40,60,"):
        h.expect(f"--vary with an empty value ({values})",
                 ["sweep", s, "-o", h.path("sw.h5"), "--vary", f"authorities[0].roles[0].permanent_posts={values}"],
                 {2}, "empty value")
    # A bad value from --vary or --free is named by the option the user gave.
    h.expect("--vary with a value out of range names --vary",
             ["sweep", s, "-o", h.path("sw.h5"), "--vary", "authorities[0].roles[0].permanent_posts=40,-1"], {2},
             "--vary authorities[0].roles[0].permanent_posts=-1")
    h.expect("--free with a range out of bounds names --free",
             ["calibrate", s, "--target", "vacancy_rate=0.2", "--free",
              "authorities[0].roles[0].leaving.turnover_per_year=-0.5:-0.1", "-o", h.path("cal.yaml"), "-n", "2",
              "--max-evaluations", "3"], {2}, "--free authorities[0].roles[0].leaving.turnover_per_year=")
    h.expect("--precision 5 (500%)", ["run", s, "-o", h.path("n.h5"), "--precision", "5"], {2}, "below 1")
    h.expect("backtest --from before the data", ["backtest", "--from-csww",
                                                 os.path.join(SOURCE, "data", "csww_indicators_2017_2023.csv"),
                                                 "--la", "West Sussex", "--from", "2010", "-o", h.path("bt.csv")],
             {2}, "outside the years")
    # An existing output that cannot be read is said to be unreadable (as root, tried
    # as the user nobody).
    if os.geteuid() == 0 and shutil.which("setpriv"):
        locked = tempfile.mkdtemp(prefix="wfsim-hostile-nobody-")  # the work folder is root's alone
        shutil.copy(h.path("good.h5"), os.path.join(locked, "r.h5"))
        shutil.copy(s, os.path.join(locked, "s.yaml"))
        os.chmod(os.path.join(locked, "r.h5"), 0)
        os.chmod(locked, 0o777)

        def as_nobody(name, extra, says):
            p = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", h.wfsim, "run",
                                os.path.join(locked, "s.yaml"), "-o", os.path.join(locked, "r.h5"), "-q"] + extra,
                               capture_output=True, text=True, timeout=TIMEOUT)
            if p.returncode == 2 and says in p.stderr:
                h.passed += 1
                print(f"ok    {name}")
            else:
                h.failures.append(f"{name}: exit {p.returncode}: {p.stderr.strip()[-200:]}")
                print("FAIL  " + h.failures[-1])

        as_nobody("-o an existing file nobody may read", [], "cannot be read")
        # Another user's results in a folder with the sticky bit (as /tmp): the finished
        # file could not be moved over it, found out only after the whole run, exit 1.
        os.chmod(locked, 0o1777)
        os.chmod(os.path.join(locked, "r.h5"), 0o644)
        as_nobody("-o another user's file in a sticky folder, --force", ["--force"], "it belongs to another user")
        shutil.rmtree(locked, ignore_errors=True)
    else:
        h.skip("-o an existing file nobody may read", "needs root and setpriv")
    # Standard output on a full disk: a failure, not a truncated schema and exit 0. A
    # reader that closes the pipe early (`| head`) is not one.
    if os.path.exists("/dev/full"):
        for args in (["schema"], ["info", h.path("good.h5")]):
            name = f"{args[0]} > /dev/full"
            with open("/dev/full", "w") as full:
                p = subprocess.run([h.wfsim] + args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
            if p.returncode == 1 and "standard output" in p.stderr:
                h.passed += 1
                print(f"ok    {name}")
            else:
                h.failures.append(f"{name}: exit {p.returncode}: {p.stderr.strip()[-200:]}")
                print("FAIL  " + h.failures[-1])
    reader = subprocess.Popen([h.wfsim, "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()
    said = reader.stderr.read().decode(errors="replace")
    if reader.wait(timeout=TIMEOUT) == 0 and not said:
        h.passed += 1
        print("ok    schema | head: quiet, exit 0")
    else:
        h.failures.append(f"schema | head: exit {reader.returncode}: {said.strip()[-200:]}")
        print("FAIL  " + h.failures[-1])


def csv_import(h):
    header = open(os.path.join(SOURCE, "data", "csww_indicators_2017_2023.csv")).readline()
    rows = open(os.path.join(SOURCE, "data", "csww_indicators_2017_2023.csv")).read().splitlines()
    columns = header.strip().split(",")
    sample = next(r for r in rows[1:] if ",Local authority," in r and r.startswith("2023"))

    def with_cell(row, column, value):
        cells = row.split(",")  # the sample row has no quoted cells
        cells[columns.index(column)] = value
        return ",".join(cells)

    name = sample.split(",")[columns.index("la_name")]
    h.expect("CSV time_period 1e300", ["init", "--from-csww",
                                       h.write("t.csv", header + with_cell(sample, "time_period", "1e300") + "\n"),
                                       "--year", "2023", "--la", name, "-o", h.path("t.yaml")], {2}, "not a year")
    h.expect("CSV duplicate council", ["init", "--from-csww", h.write("d.csv", header + sample + "\n" + sample + "\n"),
                                       "--year", "2023", "--la", name, "-o", h.path("t.yaml")], {2}, "twice")
    h.expect("CSV negative figure", ["init", "--from-csww",
                                     h.write("n.csv", header + with_cell(sample, "inpost_fte", "-5") + "\n"),
                                     "--year", "2023", "--la", name, "-o", h.path("t.yaml")], {2}, "negative")
    odd = 'Bath "North": East\\ Somerset'
    quoted = '"' + odd.replace('"', '""') + '"'
    h.expect("CSV council name needing escapes", ["init", "--from-csww",
                                                  h.write("q.csv", header + with_cell(sample, "la_name", quoted) + "\n"),
                                                  "--year", "2023", "--la", odd, "-o", h.path("q.yaml")], {0}, "wrote")
    if os.path.exists(h.path("q.yaml")):
        h.expect("... and the scenario init wrote loads", ["validate", h.path("q.yaml")], {0}, "posts")


def data_files(h):
    """init's data files are inputs too, and one laid out otherwise is bad input."""
    data = h.path("data")
    os.makedirs(data, exist_ok=True)
    for name in ("csww_indicators_2017_2023.csv", "regions.yaml", "regional_agreements.yaml",
                 "england_calibration.yaml"):
        shutil.copy(os.path.join(SOURCE, "data", name), os.path.join(data, name))
    csv = os.path.join(data, "csww_indicators_2017_2023.csv")
    region = ["init", "--from-csww", csv, "--region", "South East", "--year", "2022"]
    for name in ("regions.yaml", "regional_agreements.yaml", "england_calibration.yaml"):
        target = os.path.join(data, name)
        h.expect(f"init --force -o its own {name}", region + ["-o", target, "--force"], {2},
                 "one of this command's inputs", unchanged=[target])
        # --la reads none of them, but they are the CSV's own data all the same.
        h.expect(f"init --la --force -o the {name} beside the CSV",
                 ["init", "--from-csww", csv, "--la", "Kent", "--year", "2022", "-o", target, "--force"], {2},
                 "one of this command's inputs", unchanged=[target])
    own = h.write("my-regions.yaml", open(os.path.join(data, "regions.yaml")).read())
    h.expect("init --force -o its --regions-data", region + ["--regions-data", own, "-o", own, "--force"], {2},
             "inputs", unchanged=[own])
    good = h.path("good.h5")
    h.expect("init -o a results file's name, even with --force", region + ["-o", good, "--force"], {2},
             "its name says HDF5, but this command writes YAML", unchanged=[good])
    unnamed = h.path("good-results")
    shutil.copy(good, unnamed)
    h.expect("init -o a results file, without --force", region + ["-o", unnamed], {2}, "--force",
             unchanged=[unnamed])
    for option, text, says in (("--regions-data", "x: 1\n", "list of regions"),
                               ("--regions-data", "- {data_names: [South East]}\n", "'name'"),
                               ("--agreements-data", "x: 1\n", "'agreements'"),
                               ("--agreements-data", "agreements: 5\n", "must be a list"),
                               ("--agreements-data", "agreements:\n  - {region: South East, name: a, note: b}\n",
                                "no members"),
                               ("--calibration", "regions: [1, 2]\n", "'regions'")):
        bad = h.write("bad-data.yaml", text)
        h.expect(f"init {option} holding {text.strip()!r}", region + [option, bad, "-o", h.path("r.yaml")], {2},
                 says, not_in_message=("internal error",))


def damaged_results(h):
    """A results file damaged or cut short: info says so, never crashes, and a run does
    not replace it unasked. HDF5 trusts offsets inside the file, so 16 bytes overwritten
    in the wrong place once crashed it (a variable-length string's heap)."""
    good = open(h.path("good.h5"), "rb").read()
    s = h.path("s.yaml")
    damaged = h.path("damaged.h5")
    problems = []
    for offset in range(0, min(len(good), 8000), 100):
        with open(damaged, "wb") as f:
            f.write(good[:offset] + b"\xff" * 16 + good[offset + 16:])
        for args in (["info", damaged], ["run", s, "-o", damaged, "-n", "2", "-q"]):
            p, _ = h.run(args)
            message = (p.stdout + p.stderr).strip()
            if p.returncode not in (0, 2) or "internal error" in message or "writing the results" in message:
                problems.append(f"{args[0]} at byte {offset}: exit {p.returncode}: {message[-200:]}")
    name = "info and run on a results file with 16 bytes overwritten, at every 100th byte to 8000"
    if problems:
        h.failures.append(f"{name}: {problems[:3]}")
        print("FAIL  " + h.failures[-1])
    else:
        h.passed += 1
        print(f"ok    {name}")
    for size in (8, 1000, len(good) // 2):
        with open(damaged, "wb") as f:
            f.write(good[:size])
        h.expect(f"info on a results file cut to {size} bytes", ["info", damaged], {2}, "cut short")
    one_measure_damaged(h, good, damaged)
    endless_read(h)


def one_measure_damaged(h, good, damaged):
    """One measure's object header damaged, late in the table: info printed the rows
    before it to standard output, then the error."""
    try:
        import h5py
    except ImportError:
        h.skip("info on a file with one measure damaged", "needs python3-h5py")
        return
    with h5py.File(h.path("good.h5"), "r") as f:
        header = h5py.h5o.get_info(f["summary/vacancy_rate"].id).addr
    data = bytearray(good)
    data[header] = 0x77  # the header's version byte
    with open(damaged, "wb") as f:
        f.write(bytes(data))
    p, _ = h.run(["info", damaged])
    name = "info on a file with one measure damaged: exit 2, the damage said, nothing on standard output"
    if p.returncode == 2 and "cannot be read, so it is damaged" in p.stderr and p.stdout == "":
        h.passed += 1
        print(f"ok    {name}")
    else:
        h.failures.append(f"{name}: exit {p.returncode}, stdout {p.stdout[:120]!r}, stderr {p.stderr[-200:]!r}")
        print("FAIL  " + h.failures[-1])


# Bytes of the analysis package's synthetic results file (analysis/tests/conftest.py)
# where 16 bytes of 0xff send HDF5 round a loop in H5HG_read that never ends. Whether
# it loops depends on what the damaged heap points at in memory too: `info` did on
# the first in every one of a dozen tries, the analysis package's export on either now
# and then; the test takes the first that loops. The bytes move with that file's layout:
# its measures' kind and values attributes (as the engine writes them) moved them from
# 4074 and 5723; each of these looped in 5 tries of 5.
ENDLESS_AT = (3025, 3057, 3089)


def cpu_seconds(pid):
    """User and system time of a running process, from /proc (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def endless_read(h):
    """`info` on a file HDF5 reads for ever: Ctrl-C and SIGTERM still end it at once,
    which the interrupt flags checked between blocks of a run could not."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "analysis", "tests"))
    try:
        from conftest import write_results  # noqa: E402 - h5py's layout, not wfsim's, holds the loop
    except ImportError as err:
        h.skip("info reading a file HDF5 loops on", f"the analysis tests' file writer needs {err.name}")
        return

    synthetic = h.path("synthetic.h5")
    write_results(synthetic)
    data = open(synthetic, "rb").read()
    endless = h.path("endless.h5")
    with open(h.wfsim, "rb") as f:
        sanitized = b"__asan_init" in f.read()  # AddressSanitizer's build (Debug, tools/build.sh -DWFSIM_SANITIZE=ON)
    for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        name = f"{signal.Signals(sig).name} to info reading a file HDF5 loops on"
        for offset in ENDLESS_AT:
            with open(endless, "wb") as f:
                f.write(data[:offset] + b"\xff" * 16 + data[offset + 16:])
            p = subprocess.Popen([h.wfsim, "info", endless], cwd=h.work, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            # Inside the loop once it has used a second of CPU (start-up takes a few
            # ms): by then the guard is up. Ending by itself within 30 s means this
            # file does not make HDF5 loop here.
            deadline = time.monotonic() + 30
            while p.poll() is None and cpu_seconds(p.pid) < 1.0 and time.monotonic() < deadline:
                time.sleep(0.1)
            if p.poll() is None and cpu_seconds(p.pid) >= 1.0:
                break
            p.kill()
            p.communicate()
            if sanitized:
                break  # the loop is HDF5 reading out of bounds: there it ends in a crash, said as damage
        else:
            h.failures.append(f"{name}: info ended by itself at every byte of {ENDLESS_AT}, so this checks "
                              "nothing: find another byte where HDF5 loops")
            print("FAIL  " + h.failures[-1])
            continue
        if p.poll() is not None:
            h.skip(name, "in a sanitizer build HDF5's read out of bounds ends in a crash, not a loop")
            continue
        p.send_signal(sig)
        try:
            _, err = p.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
            err = "still running 5 s after the signal"
        if p.returncode != code or "interrupted" not in err:
            h.failures.append(f"{name}: exit {p.returncode}: {err.strip()[-200:]}")
            print("FAIL  " + h.failures[-1])
        else:
            h.passed += 1
            print(f"ok    {name} (exit {p.returncode})")


def threads_refused(h):
    s = h.path("s.yaml")
    out = h.path("threads.h5")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    h.expect("--threads 1000 under a 2 GiB address-space limit", ["run", s, "-o", out, "--threads", "1000", "-n", "2000"],
             {1}, "thread", preexec=limit)


def interrupted(h):
    s = h.write("long.yaml", SMALL.format(posts=300).replace("2 years", "20 years"))
    good = h.path("good.h5")
    before = digest(good)
    for sig, code in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        name = f"{signal.Signals(sig).name} during a run over a good file"
        p = subprocess.Popen([h.wfsim, "run", s, "-o", good, "--force", "-n", "100000", "-q"], cwd=h.work,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        p.send_signal(sig)
        try:
            _, err = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            p.kill()
            err = "no exit within the time"
        if p.returncode != code or digest(good) != before or strays(h.work):
            h.failures.append(f"{name}: exit {p.returncode}, file kept {digest(good) == before}, strays "
                              f"{strays(h.work)}: {err.strip()[-200:]}")
            print("FAIL  " + h.failures[-1])
        else:
            h.passed += 1
            print(f"ok    {name} (exit {p.returncode})")


def valid_results(path):
    """Opens a results file and reads every dataset whole: True if it is complete."""
    check = ("import h5py,sys\n"
             "f=h5py.File(sys.argv[1],'r')\n"
             "assert f.attrs['format']=='wfsim-results'\n"
             "f.visititems(lambda n,o: o[()] if isinstance(o,h5py.Dataset) else None)\n")
    return subprocess.run(["/usr/bin/python3", "-c", check, path], capture_output=True).returncode == 0


def kills(h, count):
    s = h.write("k.yaml", SMALL.format(posts=300).replace("2 years", "5 years"))
    target = h.path("killed.h5")
    p, _ = h.run(["run", s, "-o", target, "-n", "8", "-q"])
    assert p.returncode == 0, p.stderr
    rng = random.Random(20)
    damaged = 0
    mid_run = 0
    # Kill times spread over an uninterrupted run's length, so that most land while it
    # simulates or writes (a fixed range would land after the end on a fast machine).
    started = time.monotonic()
    p, _ = h.run(["run", s, "-o", h.path("timed.h5"), "-n", "6000", "-q", "--threads", "2"])
    assert p.returncode == 0, p.stderr
    whole_run = time.monotonic() - started
    for _ in range(count):
        proc = subprocess.Popen([h.wfsim, "run", s, "-o", target, "-n", "6000", "-q", "--threads", "2"],
                                cwd=h.work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 1.1 * whole_run))
        mid_run += proc.poll() is None
        proc.kill()
        proc.wait()
        if not valid_results(target):
            damaged += 1
    left_before = len(strays(h.work))
    p, _ = h.run(["run", s, "-o", target, "-n", "8", "-q"])
    left = strays(h.work)
    name = f"{count} SIGKILLs at random times"
    if mid_run < count // 2:
        # Kills after the run ended test nothing: said, not passed.
        h.failures.append(f"{name}: only {mid_run} of {count} landed before the run ended ({whole_run:.2f} s a run)")
        print("FAIL  " + h.failures[-1])
    elif damaged or left or p.returncode != 0:
        h.failures.append(f"{name}: {damaged} damaged files, {len(left)} temporaries after the next run")
        print("FAIL  " + h.failures[-1])
    else:
        h.passed += 1
        print(f"ok    {name} ({mid_run} before the run ended): 0 damaged files; {left_before} temporaries "
              "left at the end, 0 after the next run")


def file_size_limit(h):
    """A file grown past the size limit (ulimit -f) ends the command with one line and
    status 1, its temporary removed: not a death by SIGXFSZ that leaves the temporary
    behind, nor a crash inside HDF5."""
    s = h.write("s.yaml", SMALL.format(posts=50))
    good = h.path("good.h5")
    variant = h.write("variant.yaml", open(s).read().replace("name: small", "name: small, a variant")
                      .replace("applicants_per_year: 40", "applicants_per_year: 50"))

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, resource.RLIM_INFINITY))

    h.expect("run past the file size limit", ["run", s, "-o", good, "-n", "2000", "--force", "-q", "--keep", "all"],
             {1}, "size limit", preexec=limit, unchanged=[good], one_line=True)
    h.expect("compare past the file size limit", ["compare", s, variant, "-o", h.path("c.h5"), "-n", "400", "-q"],
             {1}, "size limit", preexec=limit, one_line=True)

    # A limit met while the file is set up (its scales copied): once a segmentation
    # fault inside HDF5, which went on after the failed write.
    def tiny_limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

    h.expect("run past a 20 kB file size limit", ["run", s, "-o", good, "-n", "20", "--force", "-q"], {1},
             "size limit", preexec=tiny_limit, unchanged=[good], one_line=True)
    h.expect("compare past a 20 kB file size limit", ["compare", s, variant, "-o", h.path("c.h5"), "-n", "20", "-q"],
             {1}, "size limit", preexec=tiny_limit, one_line=True)


def full_disk(h):
    mount = h.path("tmpfs")
    os.makedirs(mount, exist_ok=True)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount], capture_output=True, text=True)
    if p.returncode != 0:
        h.skip("full disk", "cannot mount a tmpfs here (" + (p.stderr.strip() or "not root") + ")")
        return
    try:
        s = h.write("s.yaml", SMALL.format(posts=50))
        good = os.path.join(mount, "good.h5")
        p, _ = h.run(["run", s, "-o", good, "-n", "2", "-q", "--keep", "summaries"])
        assert p.returncode == 0, p.stderr
        before = digest(good)
        filler = os.path.join(mount, "filler")
        # Nearly full: about 200 kB free, room for a little, not for the run's file
        # (2,000 replications' series take some MB).
        free = shutil.disk_usage(mount).free
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k", f"count={max(0, free - 200_000) // 4096}"],
                       capture_output=True)
        h.expect("run onto a good file, disk nearly full", ["run", s, "-o", good, "-n", "2000", "--force", "-q"],
                 {1}, "error", unchanged=[good], one_line=True)
        variant = h.write("variant.yaml", open(s).read().replace("name: small", "name: small, a variant")
                      .replace("applicants_per_year: 40", "applicants_per_year: 50"))
        h.expect("compare, disk nearly full", ["compare", s, variant, "-o", os.path.join(mount, "c.h5"), "-n",
                                               "2000", "-q"], {1}, "error", one_line=True)
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}2", "bs=64k", "count=1000"], capture_output=True)
        h.expect("run, disk 100% full", ["run", s, "-o", good, "-n", "400", "--force", "-q"], {1}, "error",
                 unchanged=[good], one_line=True)
        # One line, not one a dataset (H5::DataSet's destructor prints a failed close).
        h.expect("compare, disk 100% full", ["compare", s, variant, "-o", os.path.join(mount, "c.h5"), "-n", "50",
                                             "-q"], {1}, "error", one_line=True)
        h.expect("sweep, disk 100% full", ["sweep", s, "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.1,0.2", "-o",
                                           os.path.join(mount, "w.h5"), "-n", "20", "-q"], {1}, "error",
                 one_line=True)
        h.expect("schema, disk 100% full", ["schema", "-o", os.path.join(mount, "schema.json")], {1}, "error")
        # Full while the file is set up: with a few kB free, HDF5's copy of a dimension
        # scale crashed (signal 11, its temporary left), and each dataset's failed close
        # printed a line of its own above the error.
        for name in ("filler", "filler2"):
            os.remove(os.path.join(mount, name))
        for room in (0, 4096, 16384, 65536):
            free = shutil.disk_usage(mount).free
            subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k", f"count={max(0, free - room) // 4096}"],
                           capture_output=True)
            h.expect(f"run, {room // 1024} kB free at set-up", ["run", s, "-o", os.path.join(mount, "r.h5"), "-n",
                                                               "5", "-q"], {1}, "error", one_line=True)
            h.expect(f"compare, {room // 1024} kB free at set-up",
                     ["compare", s, variant, "-o", os.path.join(mount, "c.h5"), "-n", "5", "-q"], {1}, "error",
                     one_line=True)
            h.expect(f"sweep, {room // 1024} kB free at set-up",
                     ["sweep", s, "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.1,0.2", "-o",
                      os.path.join(mount, "w.h5"), "-n", "5", "-q"], {1}, "error", one_line=True)
            os.remove(filler)
        left = strays(mount)
        if left or digest(good) != before:
            h.failures.append(f"full disk: temporaries {left} or the good file changed")
    finally:
        subprocess.run(["umount", mount], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wfsim")
    parser.add_argument("--only", default="", help="run the groups whose name contains this")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs at random times (the issue's figure is 100)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="wfsim-hostile-")
    h = Harness(os.path.abspath(args.wfsim), work)
    groups = [("outputs", outputs_refused), ("links", planted_links), ("stale", stale_temporaries),
              ("unbounded", unbounded_work), ("extends", extends_confined), ("exit-codes", exit_codes),
              ("csv", csv_import), ("data-files", data_files), ("damaged", damaged_results),
              ("threads", threads_refused), ("interrupt", interrupted),
              ("file-size-limit", file_size_limit), ("full-disk", full_disk), ("kills", lambda h: kills(h, args.kills))]
    try:
        outputs_refused(h)  # makes s.yaml, good.h5 and the FIFO the others use
        for name, group in groups[1:]:
            if args.only in name:
                group(h)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{h.passed} passed, {len(h.failures)} failed, {len(h.skipped)} skipped")
    for f in h.failures:
        print("  FAIL " + f)
    for s in h.skipped:
        print("  skipped " + s)
    # 77: ctest's SKIP_RETURN_CODE, so that a case not run shows as skipped, not passed
    return 1 if h.failures else (77 if h.skipped else 0)


if __name__ == "__main__":
    sys.exit(main())
