"""A heat map of the moves between councils, contracts and pools in a results file
(`/flows/mean`), summed over the reporting periods."""

import pathlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .literal_text import drawn_literally
from .results import ResultsError, as_text, open_file
from .run_description import changes_line, run_line


@drawn_literally
def flows_chart(path):
    path = pathlib.Path(path)
    with open_file(path) as f:
        kind = as_text(f.attrs.get("format", ""))
        if kind in ("wfsim-comparison", "wfsim-sweep"):
            raise ResultsError(f"{path} is a {kind[len('wfsim-'):]} file: the flows are drawn from a results file "
                               "(wfsim run); run the variant you want to see with wfsim run")
        # Every other command refuses a file that does not say it is wfsim's; flows read
        # one without a format attribute (an analysis audit).
        if kind != "wfsim-results":
            raise ResultsError(f"{path} is not a wfsim results file (write one with 'wfsim run')")
        if "flows/mean" not in f:
            raise ResultsError(f"{path} has no flow matrix (written by wfsim run from version 0.1)")
        labels = [as_text(v) for v in f["flow_category"][:]]
        total = f["flows/mean"][()].sum(axis=2)  # (from, to)
        # The moves of every reported period: from the first one's start (the file's
        # report_start_date), not its end, which put the title a month late.
        first = as_text(f.attrs.get("report_start_date", "")) or as_text(f["date"][0])
        last = as_text(f["date"][-1])
        scenario = as_text(f.attrs.get("scenario_name", ""))
        run = run_line(f.attrs)
        changes = changes_line(f.attrs)
    # A category nobody moves from or to (a scenario without a pool has no seekers) is
    # left out, and said to be: an empty row and column read as a chart of nothing there.
    moved = [i for i in range(len(labels)) if total[i, :].sum() > 0 or total[:, i].sum() > 0]
    if not moved:
        # An empty map would look like a chart of nothing, as plot says of an empty chart.
        raise ResultsError(f"{path.name}: no worker moved between councils, contracts or pools from {first} to {last}")
    left_out = [labels[i] for i in range(len(labels)) if i not in moved]
    labels, total = [labels[i] for i in moved], total[np.ix_(moved, moved)]
    size = max(6, 0.35 * len(labels) + 3)
    figure = Figure(figsize=(size + 2, size), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    shown = np.where(total > 0, total, np.nan)
    image = ax.imshow(shown, cmap="magma_r")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("to")
    ax.set_ylabel("from")
    figure.colorbar(image, ax=ax, label="workers moving, mean per replication")
    # On two lines, over the figure: on one, over the axes, it ran off the figure's edge.
    figure.suptitle(f"Moves between councils, contracts and pools\n{scenario + ', ' if scenario else ''}{first} to "
                    f"{last}")
    # Traceable to its run, as the other charts are.
    figure.text(0.01, 0.005, f"Source: {path.name}; {run}" + (f"; no moves from or to {', '.join(left_out)}"
                                                             if left_out else "") + (f"\n{changes}" if changes else ""),
                fontsize=7, color="dimgray", va="bottom")
    # The changes' line (a --set run) kept clear of, as the source's is.
    figure.tight_layout(rect=(0, 0.02 + (0.14 / figure.get_figheight() if changes else 0), 1, 1))
    return figure
