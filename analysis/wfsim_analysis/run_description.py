"""How a results file's run is said beside what is drawn or tabled from it: its
replications, seed and engine version, and the values it changed with --set, from the
file's root attributes (a chart pasted into a report stays traceable to its run)."""

import numpy as np

from .results import as_text


def one_replication(replications):
    """Whether a file's `replications` says one, in any form h5py gives it: such a run
    has no range across replications to show."""
    try:
        return int(np.asarray(replications).reshape(-1)[0]) == 1
    except (TypeError, ValueError, IndexError):
        return False


def run_line(attrs):
    """"200 replications, seed 1, wfsim 0.1.0" of a file's root attributes, for a chart's
    footnote: a chart pasted into a report stays traceable to the run that drew it."""
    n = int(attrs.get("replications", 0))
    return (f"{n:,} replication{'' if n == 1 else 's'}, seed {int(attrs.get('seed', 0))}, "
            f"wfsim {as_text(attrs.get('engine_version', '?'))}")


def changes_line(attrs, width=120):
    """"Changed with --set: KEY=VALUE; ..." of a file's root attributes, or "" for a run of
    the scenario as written: a chart of a what-if run (--set) was footed as the
    baseline's. Cut at `width` characters, saying how many more there are and where
    they are all listed."""
    changes = [line.strip() for line in as_text(attrs.get("overrides", "")).splitlines() if line.strip()]
    if not changes:
        return ""
    line = "Changed with --set: " + "; ".join(changes)
    if len(line) <= width:
        return line
    shown = []
    for change in changes:
        kept = "Changed with --set: " + "; ".join(shown + [change])
        rest = len(changes) - len(shown) - 1
        if len(kept) + len(f"; and {rest} more (wfsim info lists them)") > width:
            break
        shown.append(change)
    rest = len(changes) - len(shown)
    tail = f"and {rest} more (wfsim info lists them)" if shown else \
        ("cut short (wfsim info lists it)" if rest == 1 else f"and {rest - 1} more (wfsim info lists them)")
    if not shown:
        # The first alone is too long: its start names the key, which is what matters.
        room = width - len("Changed with --set: ") - len("...; ") - len(tail)
        shown = [changes[0][:max(room, 20)] + "..."]
    return "Changed with --set: " + "; ".join(shown + [tail])
