"""What the repository's Python tools share with wfsim-analysis: its reader of results
files and guard of outputs, and its conventions. A user's mistake (a missing or wrong
file, a name that is not there) ends with one line on stderr and exit status 2; a
reader that stops early (`| head`) ends the tool quietly; a damaged file that crashes
HDF5 ends with one line too, never a traceback or a half-written output."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "analysis"))

from wfsim_analysis import missing_dependencies  # noqa: E402

BAD_INPUT = 2


def run_tool(prog, command, inputs):
    """`command()`'s exit status, with the conventions above; `inputs` are the files
    it reads, named if HDF5 crashes on one."""
    missing = missing_dependencies()
    if missing:
        print(f"{prog}: error: this Python ({sys.executable}) lacks {', '.join(missing)}; on Debian: "
              f"sudo apt-get install {' '.join(missing)} (or run with /usr/bin/python3)", file=sys.stderr)
        return 1
    from wfsim_analysis.damaged_input import crash_guarded, damaged_message, from_damage
    from wfsim_analysis.results import ResultsError

    def guarded():
        try:
            return command()
        except ResultsError as err:
            return fail(prog, str(err))
        except Exception as err:  # noqa: BLE001 - only errors that say an input is damaged are caught here
            if not from_damage(err):
                raise
            return fail(prog, damaged_message(inputs, err))

    return crash_guarded(guarded, inputs, prog)


def fail(prog, message):
    print(f"{prog}: error: {message}", file=sys.stderr)
    return BAD_INPUT


def check_table_output(path, inputs, headers, force=None):
    """Raises ResultsError if a tool's --markdown table must not be written to `path`:
    one of its `inputs`, a folder, in a missing folder, and (without --force) a link
    (to a file or to nothing), a write-protected file, or an existing file whose first
    line does not start with one of `headers`, as the tables the tool writes do (so a
    scenario, a results file or a colleague's notes under that name are refused, not
    replaced). `force` is None for a tool without --force."""
    from wfsim_analysis.output_guard import check_output
    from wfsim_analysis.results import ResultsError

    check_output(path, inputs=inputs, force=True)  # inputs, folders, missing folders
    if force:
        return
    or_force = "" if force is None else ", or give --force"
    if os.path.islink(path):
        raise ResultsError(f"refusing to write {path}: it is a link; write to a file itself{or_force}")
    if os.path.exists(path):
        if os.stat(path).st_mode & 0o222 == 0:
            raise ResultsError(f"refusing to replace {path}: it is write-protected; choose another name{or_force}")
        with open(path, "rb") as f:
            first = f.readline().decode("utf-8", errors="replace")
        if not any(first.startswith(h) for h in ([headers] if isinstance(headers, str) else headers)):
            raise ResultsError(f"refusing to replace {path}: it exists and is not a table this tool writes; choose "
                               f"another name{or_force}")


def write_table(path, text):
    """`text` to `path`, written whole to a temporary file beside it and renamed, so a
    failure never leaves a cut-off table where a good one stood."""
    from wfsim_analysis.output_guard import replacing

    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as out:
        out.write(text)


def flow_matrix(path):
    """A results file's flow matrix: its categories' labels and the mean moves a
    replication, (from, to, period), from `/flows/mean`; None where the file keeps none
    (a comparison or sweep file). The caller has checked the file opens."""
    import h5py

    with h5py.File(path, "r") as f:
        if "flow_category" not in f or "flows" not in f or "mean" not in f["flows"]:
            return None
        labels = [x.decode() if isinstance(x, bytes) else str(x) for x in f["flow_category"][()]]
        return labels, f["flows/mean"][()]
