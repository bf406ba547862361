"""A heat map of the moves between councils, contracts and pools in a results file
(`/flows/mean`), summed over the reporting periods."""

import pathlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .results import ResultsError, as_text, open_file


def flows_chart(path):
    path = pathlib.Path(path)
    with open_file(path) as f:
        kind = as_text(f.attrs.get("format", ""))
        if kind in ("wfsim-comparison", "wfsim-sweep"):
            raise ResultsError(f"{path} is a {kind[len('wfsim-'):]} file: the flows are drawn from a results file "
                               "(wfsim run); run the variant you want to see with wfsim run")
        if "flows/mean" not in f:
            raise ResultsError(f"{path} has no flow matrix (written by wfsim run from version 0.1)")
        labels = [as_text(v) for v in f["flow_category"][:]]
        total = f["flows/mean"][()].sum(axis=2)  # (from, to)
        # The moves of every reported period: from the first one's start (the file's
        # report_start_date), not its end, which put the title a month late.
        first = as_text(f.attrs.get("report_start_date", "")) or as_text(f["date"][0])
        last = as_text(f["date"][-1])
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
    figure.suptitle(f"Moves between councils, contracts and pools\n{first} to {last}")
    figure.text(0.01, 0.005, f"Source: {path.name}", fontsize=7, color="dimgray")
    figure.tight_layout(rect=(0, 0.02, 1, 1))
    return figure
