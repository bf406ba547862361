"""Two `wfsim run` files that pair replication by replication (common random numbers):
the checks that they do, shared by rule_effect and cost_per."""
import os
import sys

from .results import ResultsError, as_text, open_file


def open_run(path, keep=None, name_runs=None):
    """A results file written by `wfsim run`, open for reading; anything else refused.
    For the message that says how to make the runs a comparison file pairs: `keep`, the
    --keep a run needs for the caller (None: the default); `name_runs`, a function of the
    variants' scenario texts giving each run's file name and what to do with them (None:
    RUN1.h5, RUN2.h5, ... and nothing more)."""
    f = open_file(path)
    fmt = as_text(f.attrs.get("format", ""))
    if fmt != "wfsim-results":
        hint = _runs_of_comparison(f, keep, name_runs) if fmt == "wfsim-comparison" else ""
        f.close()
        found = f"its format is {fmt}" if fmt else "it has no wfsim format"
        raise ResultsError(f"{path} is not a wfsim results file ({found}): pairing needs two files written by "
                           f"'wfsim run'{hint}")
    return f


def _runs_of_comparison(f, keep, name_runs):
    """How to get the runs a comparison pairs: each variant run alone on the comparison's
    seed and replication count draws the same replications as in the comparison."""
    try:
        files = [as_text(v) for v in f["variant_file"][()]]
        replications, seed = int(f.attrs["replications"]), int(f.attrs["seed"])
    except (KeyError, TypeError, ValueError, OSError):
        return ""
    outputs, then = [f"RUN{k + 1}.h5" for k in range(len(files))], ""
    if name_runs is not None:
        try:
            texts = [as_text(f["scenario"][str(k)][()]) for k in range(len(files))]
        except (KeyError, TypeError, OSError):
            texts = None  # an older file, or one cut short: the plain names
        if texts is not None:
            outputs, then = name_runs(texts)
    option = f" --keep {keep}" if keep else ""
    runs = "; ".join(f"wfsim run {name} -n {replications} --seed {seed}{option} -o {output}"
                     for name, output in zip(files, outputs))
    return (f". A comparison keeps no replication's series; each variant run alone on its seed draws the same "
            f"replications: {runs}{then}")


def same_run(a, b):
    """Whether two results files simulate the same scenario, overrides and seed."""
    def text(f):
        return as_text(f["scenario_resolved"][()] if "scenario_resolved" in f else f["scenario"][()])
    return text(a) == text(b) and as_text(a.attrs.get("overrides", "")) == as_text(b.attrs.get("overrides", ""))


def refuse_same_path(first, second, names, what):
    """Refuses one file given twice; `names` are the two arguments', `what` says what
    the two should be."""
    if os.path.exists(first) and os.path.exists(second) and os.path.samefile(first, second):
        raise ResultsError(f"{names} are the same file ({first}): give {what}")


def check_paired(a, b, first, second, rerun_hint):
    """Refuses two open results files whose replications do not pair: another seed or
    replication count, other periods or authorities, or the same run twice (every
    difference would be zero; `rerun_hint` says how to run the second)."""
    for key in ("seed", "replications"):
        if a.attrs[key] != b.attrs[key]:
            raise ResultsError(f"the two files differ in {key} ({first} has {a.attrs[key]}, {second} "
                               f"{b.attrs[key]}): not a paired comparison. Run both with the same --seed and -n")
    dates = [[as_text(d) for d in f["date"][()]] for f in (a, b)]
    if dates[0] != dates[1]:
        spans = [f"{path} reports {len(d)} periods, {d[0]} to {d[-1]}" if d else f"{path} reports no periods"
                 for path, d in zip((first, second), dates)]
        raise ResultsError(f"the two files report different periods ({'; '.join(spans)}): not a paired "
                           "comparison. Run both with the same start and duration")
    if same_run(a, b):
        raise ResultsError(f"{first} and {second} are runs of the same scenario with the same overrides: every "
                           f"difference would be zero. {rerun_hint}")
    if [as_text(n) for n in a["authority"][:]] != [as_text(n) for n in b["authority"][:]]:
        raise ResultsError("the two files simulate different authorities: not a paired comparison")
    # Another engine may draw or model otherwise: its change is counted with the policy's.
    versions = [as_text(f.attrs.get("engine_version", "")) for f in (a, b)]
    if versions[0] != versions[1]:
        print(f"note: {first} was written by wfsim {versions[0] or '(unknown)'} and {second} by wfsim "
              f"{versions[1] or '(unknown)'}: any change to the model between them is counted in every "
              "difference; run both with one wfsim for a difference that is the scenarios' alone", file=sys.stderr)
