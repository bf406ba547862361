"""How long a run's reporting periods are. Periods are calendar months, but a run that
starts or ends part-way through a month has periods cut short, whose money and flows
are for their days alone: said as such, and counted as periods, not months."""

import datetime

from .results import as_text


def _period_spans(first_day, dates):
    """[(end, days, start)] of each reporting period (ISO dates), from the first reported
    day and the periods' last days; [] where the file does not give them right."""
    try:
        ends = [datetime.date.fromisoformat(as_text(d)) for d in dates]
        start = datetime.date.fromisoformat(as_text(first_day))
    except (TypeError, ValueError):
        return []
    spans = []
    for end in ends:
        spans.append((end.isoformat(), (end - start).days + 1, start.isoformat()))
        start = end + datetime.timedelta(days=1)
    return spans


def partial_periods(attrs, dates):
    """The periods that are not whole calendar months, as (end, days, start): a run from
    the 15th, or one that ends mid-month. Their money and flows are for their days alone,
    though their units say a month (as wfsim info notes)."""
    return [(end, days, start) for end, days, start in _period_spans(attrs.get("report_start_date", ""), dates)
            if not (start.endswith("-01") and
                    (datetime.date.fromisoformat(end) + datetime.timedelta(days=1)).day == 1)]


def days_counted(days):
    """"1 day", "14 days": a one-day run's period was said "(1 days)", as by wfsim info."""
    return f"{days} day{'' if days == 1 else 's'}"


def partial_periods_note(attrs, dates):
    """"not a whole month: 2016-04-30 covers 16 days, from 2016-04-15; ..." or ""."""
    partial = partial_periods(attrs, dates)
    if not partial:
        return ""
    listed = "; ".join(f"{end} covers {days_counted(days)}, from {start}" for end, days, start in partial)
    return (f"not a whole month: {listed}. Flows and costs in such a period (a month's, by their units) are for its "
            "days alone")


def money_per(attrs, dates, period=-1):
    """How money of a period is said: "a month", or "in the period's 14 days" for one
    that is not a whole month (its 14 days' cost was shown as "£514.7k a month")."""
    if not len(dates):
        return "a month"
    end = as_text(dates[period])
    cut = {e: days for e, days, _ in partial_periods(attrs, dates)}
    return f"in the period's {days_counted(cut[end])}" if end in cut else "a month"


def periods_counted(attrs, dates):
    """"31 months" where every period is a whole calendar month, else "31 periods (913
    days)": a run from the 15th has 31 periods over about 30 months, and its
    totals were said to be over 31 months."""
    n = len(dates)
    if not partial_periods(attrs, dates):
        return f"{n} month{'' if n == 1 else 's'}"
    spans = _period_spans(attrs.get("report_start_date", ""), dates)
    # Written as info writes it (no separator), so the two agree on every run.
    return f"{n} period{'' if n == 1 else 's'} ({days_counted(sum(days for _, days, _ in spans))})"
