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
