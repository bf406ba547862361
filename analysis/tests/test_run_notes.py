"""The notes a run printed, as a report shows them from the file (tests/report_end_to_end.sh
checks each kind of report on files wfsim wrote)."""

from wfsim_analysis.run_notes import notes_of, notes_section


def test_each_note_is_an_item_escaped_and_none_gives_no_section():
    meta = {"notes": "s.yaml: authorities[0].policies[0] 'NQSW programme': 2 of its 5 cohorts <within> the run\n"
                     "s.yaml: rules[0] 'MoC': binds nothing\n"}
    assert notes_of(meta) == ["s.yaml: authorities[0].policies[0] 'NQSW programme': 2 of its 5 cohorts <within> "
                              "the run", "s.yaml: rules[0] 'MoC': binds nothing"]
    section = notes_section(meta).replace("&#x27;", "'")
    assert "<h2>What wfsim noted</h2>" in section
    assert "<li>s.yaml: authorities[0].policies[0] 'NQSW programme': 2 of its 5 cohorts &lt;within&gt; the run</li>" \
        "<li>s.yaml: rules[0] 'MoC': binds nothing</li>" in section
    # None noted, or a file from before notes were kept: no section at all.
    assert notes_section({"notes": ""}) == ""
    assert notes_section({}) == ""
    assert notes_of({"notes": "\n  \n"}) == []


def test_a_one_day_period_is_one_day():
    # "1 period (1 days)" and "covers 1 days", as wfsim info said too (a CLI audit).
    from wfsim_analysis.period_lengths import money_per, partial_periods_note, periods_counted
    attrs, dates = {"report_start_date": "2015-10-01"}, ["2015-10-01"]
    assert periods_counted(attrs, dates) == "1 period (1 day)"
    assert "2015-10-01 covers 1 day, from 2015-10-01" in partial_periods_note(attrs, dates)
    assert money_per(attrs, dates) == "in the period's 1 day"
