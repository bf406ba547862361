"""The notes wfsim printed on a scenario as its run began, which a results, comparison
or sweep file keeps (its root attribute `notes`, one a line): what the figures do not
show, such as trainee cohorts whose cost falls in the run and their work after it. A
report said nothing of them, and told a committee a programme's five-year total alone
(a walkthrough)."""

import html

from .period_lengths import partial_periods_note


def notes_of(meta):
    """The notes in a file's root attributes, as a list; none in a file from before
    2026-12-06, which did not keep them."""
    return [line for line in str(meta.get("notes") or "").splitlines() if line.strip()]


def partial_periods_section(meta, dates):
    """A report's note of the periods that are not whole months, or "": their costs were
    shown as "a month" beside whole months', with no word (as wfsim info gives one)."""
    note = partial_periods_note(meta, dates)
    if not note:
        return ""
    return f"<h2>Periods that are not whole months</h2>\n<p>Note: {html.escape(note)}.</p>\n"


def notes_section(meta):
    """A report's section of the notes, or "" when there are none."""
    notes = notes_of(meta)
    if not notes:
        return ""
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return ("<h2>What wfsim noted</h2>\n<p>wfsim printed these notes on the scenario as the run began. They say "
            "what the figures here do not show: read them beside the figures below.</p>\n"
            f"<ul>{items}</ul>\n")
