"""How a chart's axis states a measure's units, from the file's own attributes.

Shares are drawn in %, money in £k per month, and a count that is a flow (starters,
leavers, engagements) per month: each point is a month's sum (the reporting period
is a month), which "(engagements)" alone left unsaid. A flow that is a mean within the
month (days to fill a post) or a snapshot keeps its unit as it is.
"""


def axis_units(units, kind="", values=""):
    """(scale, label) for a measure whose file attributes are units, kind and values."""
    if units == "fraction":
        return 100.0, "%"
    if units == "GBP":
        return 1e-3, "£k per month"
    if kind == "flow" and values == "count":
        return 1.0, f"{units} per month"
    if units.startswith("GBP "):  # "GBP per hour", as other money axes say "£"
        return 1.0, "£" + units[len("GBP"):]
    return 1.0, units


def per_month(units, kind="", values=""):
    """Whether the axis says "per month" (money, and counts that are flows): such a
    period cut short holds its days' worth alone, which a chart's footnote must say."""
    return axis_units(units, kind, values)[1].endswith("per month")
