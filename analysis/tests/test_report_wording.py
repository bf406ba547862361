"""The report's figures in words: no sign on a figure shown as 0, no direction named
for a change shown as 0, and an interval's three figures in one unit."""

import numpy as np

from wfsim_analysis.comparison_report import _change, _interval_money, _sentence


def test_a_figure_shown_as_zero_has_no_sign():
    assert _change(-0.0004, "share") == "0.0 points"  # read "−0.0 points", a change
    assert _change(0.0004, "share") == "0.0 points"
    assert _change(-0.004, "share") == "−0.4 points"
    assert _change(20.0, "money") == "£0.0k a month"
    assert _change(-0.04, "posts") == "0.0 posts"


def test_an_interval_shares_one_unit():
    # "−£0.10m (95% interval −£0.28m to +£80.2k)" read as a factor of 1,000 apart.
    assert _interval_money(-1.0e5, -2.8e5, 8.02e4) == ("−£0.10m", "−£0.28m", "+£0.08m")
    assert _interval_money(4249, 3000, 5500) == ("+£4.2k", "+£3.0k", "+£5.5k")


def test_a_change_shown_as_zero_names_no_direction():
    differences = {"agency_share": (0.0003, -0.0002, 0.0008, 0.004), "uncovered_gap": (0.2, -0.9, 1.4, 8.0),
                   "total_cost": (2.0e6, 1.9e6, 2.1e6, 0.8e6)}
    words = _sentence("Kent stays out", differences, "2019-12-31", ("48 months", (6.68e6, 6.49e6, 6.88e6, 1.7e6)))
    assert "changes agency share by less than 0.05 points (95% interval 0.0 points to +0.1 points" in words
    assert "raises agency share" not in words
    assert "costs £6.68m more in total than the baseline over the 48 months" in words
    # A mean shown as £0.00m in its interval's unit names no direction.
    small = _sentence("X", differences, "2020-09-30", ("60 months", (3000.0, -150000.0, 156000.0, 600000.0)))
    assert "X costs within £0.005m of the baseline in total over the 60 months" in small and "more in total" not in small
    # The interval is of the mean; one replication's difference varies by its sd.
    assert "from one replication to another the difference varies with a standard deviation of £1.70m" in words


def test_uncertain_inputs_are_found_in_a_scenario():
    from wfsim_analysis.assumptions import uncertain_keys

    text = """authorities:
  - name: A
    roles:
      - leaving: {turnover_per_year: {mean: 0.17, sd: 0.02}}
        agency: {booking_delay: {distribution: exponential, mean: 14 days}}
    policies:
      - {name: c, kind: recruitment_campaign, extra_applicants_per_year: {low: 6, high: 42}}
"""
    assert uncertain_keys(text) == ["authorities[0].roles[0].leaving.turnover_per_year",
                                    "authorities[0].policies[0].extra_applicants_per_year"]
    assert uncertain_keys("name: [unclosed") == []


def test_a_base_the_file_does_not_hold_is_said_unread():
    from wfsim_analysis.comparison_report import _comparison_uncertainty

    base = "name: base\nleaving: {turnover_per_year: {mean: 0.17, sd: 0.03}}\n"
    variant = "extends: base.yaml\nname: v\n"
    # The base is one of the variants: its spread is named.
    said = _comparison_uncertainty(["base", "v"], [base, variant], ["dir/base.yaml", "dir/v.yaml"], 100)
    assert "leaving.turnover_per_year (base)" in said and "does not hold" not in said
    # Two variants of a base the file does not hold: not "randomness alone".
    said = _comparison_uncertainty(["v", "w"], [variant, "extends: base.yaml\nname: w\n"], ["v.yaml", "w.yaml"], 100)
    assert "randomness alone" not in said and "any input given as a spread in base.yaml" in said
    said = _comparison_uncertainty(["a", "b"], ["name: a\n", "name: b\n"], ["a.yaml", "b.yaml"], 100)
    assert "the model's randomness alone, not uncertainty in the assumptions" in said
    # Each interval is one figure's: the report says so, and what it means for many.
    assert "Each interval holds for its own figure" in said
    assert "where a policy does nothing, about 1 in 20 excludes no change by chance" in said


BASE = """# A council. Everything else is an ASSUMPTION.
name: base
authorities:
  - name: A
    roles:
      - name: sw
        recruitment:
          applicants_per_year: 48   # ASSUMPTION: a national shortage
        leaving: {turnover_per_year: {mean: 0.17, sd: 0.03}}   # ASSUMPTION: turnover as in 2015
"""
VARIANT = """extends: base.yaml
name: v
authorities:
  - name: A
    roles:
      - name: sw
        recruitment:
          applicants_per_year: 60   # ASSUMPTION: the campaign's effect
"""


def test_a_bases_assumptions_are_listed_and_a_key_the_variant_sets_marked():
    from wfsim_analysis.assumptions import inherited

    found = {(a.key, tuple(marks)) for _, a, marks in inherited(VARIANT, [("base.yaml", BASE)])}
    assert ("applicants_per_year", ("set by the scenario's own file",)) in found
    assert ("leaving", ()) in found  # not set by the variant
    assert ("(the scenario)", ()) in found


def test_the_spread_a_held_base_gives_is_read():
    from wfsim_analysis.comparison_report import _comparison_uncertainty

    extended = [[("dir/base.yaml", BASE)], [("dir/base.yaml", BASE)]]
    said = _comparison_uncertainty(["v", "w"], [VARIANT, VARIANT.replace("name: v", "name: w")], ["v.yaml", "w.yaml"],
                                   100, extended)
    assert "authorities[0].roles[0].leaving.turnover_per_year (base.yaml, extended by v, w)" in said
    assert "does not hold" not in said
    # A variant that fixes the key runs no spread of the base's: only the other is named.
    fixed = VARIANT.replace("name: v", "name: w").replace(
        "          applicants_per_year: 60   # ASSUMPTION: the campaign's effect",
        "          applicants_per_year: 60\n        leaving: {turnover_per_year: 0.2}")
    said = _comparison_uncertainty(["v", "w"], [VARIANT, fixed], ["v.yaml", "w.yaml"], 100, extended)
    assert "turnover_per_year (base.yaml, extended by v)" in said


def test_a_variant_runs_report_lists_its_bases_assumptions(tmp_path):
    import h5py

    from wfsim_analysis.report import _extends_note, _inherited_lines

    path = tmp_path / "run.h5"
    with h5py.File(path, "w") as f:
        f.attrs["extends"] = "scenarios/base.yaml"
        f.create_dataset("scenario_extends", data=[BASE], dtype=h5py.string_dtype())
    with h5py.File(path) as f:
        lines = _inherited_lines(f, VARIANT, ["scenarios/base.yaml"], [], "")
    assert "applicants_per_year (from scenarios/base.yaml): ASSUMPTION: a national shortage [set by the scenario's " \
           "own file]" in lines
    assert "leaving (from scenarios/base.yaml): ASSUMPTION: turnover as in 2015" in lines
    page = _extends_note(["scenarios/base.yaml"], lines)
    assert "The assumptions those declare, as they were read for the run" in page and "none declared" not in page
    # A file written before the bases' texts were kept says where they are.
    with h5py.File(path, "a") as f:
        del f["scenario_extends"]
    with h5py.File(path) as f:
        assert _inherited_lines(f, VARIANT, ["scenarios/base.yaml"], [], "") is None
    assert "are declared in that file" in _extends_note(["scenarios/base.yaml"], None)


FLOW_BASE = """name: base
agency_supply:   # ASSUMPTION: about 65 a year come forward
  - {role: sw, joining_per_year: 65}
rules:
  # ASSUMPTION: a 6-month cooling-off
  - name: MoC
    kind: cooling_off
    length: 6 months
authorities:
  - name: A   # ASSUMPTION: the one council
    roles:
      - name: sw
        pay: {salary_per_year: 33000}   # ASSUMPTION: a mid-scale salary
"""


def test_elements_in_flow_style_and_whole_elements_are_matched():
    from wfsim_analysis.assumptions import inherited

    variant = """extends: base.yaml
agency_supply:
  - {role: sw, joining_per_year: 100}
rules:
  - name: MoC
    length: 12 months
authorities:
  - name: A
    roles:
      - {name: sw, pay: {salary_per_year: 36000}}
"""
    marks = {a.key if a.key != "name" else a.path: m for _, a, m in inherited(variant, [("base.yaml", FLOW_BASE)])}
    assert marks["agency_supply"] == ["set by the scenario's own file"]  # written as "- {role: ...}"
    assert marks["rules[0].name"] == ["set by the scenario's own file"]  # about the whole element
    assert marks["pay"] == ["set by the scenario's own file"]
    # An assumption about a whole element is marked by anything set inside it (the pay,
    # for the council); naming an element to merge into sets nothing of it.
    assert marks["authorities[0].name"] == ["set by the scenario's own file"]
    only_names = "extends: base.yaml\nrules:\n  - name: MoC\nauthorities:\n  - name: A\n    roles: [{name: sw}]\n"
    assert all(m == [] for _, _, m in inherited(only_names, [("base.yaml", FLOW_BASE)]))


def test_a_base_shared_by_variants_is_listed_once_with_each_ones_marks():
    from wfsim_analysis.assumptions import inherited_by_variants

    faster = "extends: base.yaml\nname: f\nrules:\n  - name: MoC\n    length: 3 months\n"
    paid = "extends: base.yaml\nname: p\nauthorities:\n  - name: A\n    roles:\n      - name: sw\n" \
           "        pay: {salary_per_year: 36000}\n"
    rows = inherited_by_variants([("faster", faster, [("base.yaml", FLOW_BASE)]),
                                  ("paid", paid, [("base.yaml", FLOW_BASE)])])
    assert {tuple(by) for _, text, by, _, _ in rows} == {("faster", "paid")}
    assert {text for _, text, _, _, _ in rows} == {FLOW_BASE}
    marks = {a.key if a.key != "name" else a.path: m for _, _, _, a, m in rows}
    assert marks["rules[0].name"] == ["set by the scenario's own file, for faster"]
    assert marks["pay"] == ["set by the scenario's own file, for paid"]
    # A base that is a variant itself is listed as that variant, not again.
    assert inherited_by_variants([("base", FLOW_BASE, []), ("paid", paid, [("base.yaml", FLOW_BASE)])]) == []


def test_a_base_assumption_the_variant_repeats_is_listed_once():
    from wfsim_analysis.assumptions import inherited

    repeat = "extends: base.yaml\nrules:\n  # ASSUMPTION: a 6-month cooling-off\n  - name: MoC\n"
    assert not any(a.text == "ASSUMPTION: a 6-month cooling-off" for _, a, _ in inherited(repeat, [("b", FLOW_BASE)]))


def test_a_sweep_marks_the_swept_keys_of_the_scenario_it_extends():
    # A sweep of a variant: its bases' assumptions at a swept key were listed unmarked.
    # The end of the chain numbers its lists as the run does, so its keys are marked;
    # a nearer base, numbered its own way, is not.
    from wfsim_analysis.assumptions import inherited_by_variants, swept_marks

    keys = [("turnover", "authorities[0].roles[0].leaving.turnover_per_year", ["0.15", "0.2"]),
            ("salary", "authorities[0].roles[0].pay.salary_per_year", ["30000", "36000"])]
    rows = inherited_by_variants([("the sweep", VARIANT, [("base.yaml", BASE)])])
    marked = {a.key: swept_marks(a, text, keys) for _, text, _, a, _ in rows}
    assert marked["leaving"] == ["swept in this run over 0.15, 0.2"]
    assert marked["applicants_per_year"] == []
    # A whole element's assumption is marked by a key swept inside it.
    whole = [(a, text) for _, text, _, a, _ in
             inherited_by_variants([("the sweep", "extends: base.yaml\nname: s\n", [("base.yaml", FLOW_BASE)])])]
    council = next(a for a, _ in whole if a.text == "ASSUMPTION: the one council")
    assert swept_marks(council, FLOW_BASE, keys) == ["swept in this run over 0.15, 0.2",
                                                     "swept in this run over 30000, 36000"]
    # A base that extends another numbers its lists its own way: not marked.
    middle = "extends: base.yaml\n" + BASE.replace("name: base\n", "name: middle\n")
    assert all(swept_marks(a, middle, keys) == [] for a, _ in whole)


def test_a_report_of_a_run_from_mid_month_says_which_periods_are_not_whole_months():
    # Its first period's costs, 17 days', were headed as a month's beside whole months',
    # with no word: wfsim info gave one, the reports none. (Each report puts this
    # section beside wfsim's notes.)
    from wfsim_analysis.run_notes import partial_periods_section
    dates = ["2015-10-31", "2015-11-30"]
    assert partial_periods_section({"report_start_date": "2015-10-01"}, dates) == ""
    page = partial_periods_section({"report_start_date": "2015-10-15"}, dates)
    assert page.startswith("<h2>Periods that are not whole months</h2>")
    assert "2015-10-31 covers 17 days, from 2015-10-15" in page


def test_a_last_period_cut_short_is_costed_for_its_days_not_a_month():
    differences = {"agency_share": (0.0003, -0.0002, 0.0008, 0.004), "uncovered_gap": (0.2, -0.9, 1.4, 8.0),
                   "total_cost": (2.0e4, 1.9e4, 2.1e4, 0.8e4)}
    words = _sentence("X", differences, "2018-10-14", None, "in the period's 14 days")
    assert "costs £20.0k in the period's 14 days more in total than the baseline in that period" in words
    assert "a month" not in words


def test_a_run_of_one_replication_gives_no_range_in_words():
    # It read "in 90 of every 100 it lies between 26% and 26%" (an audit). The report
    # of a real one-replication run: tests/report_end_to_end.sh.
    from wfsim_analysis.report import _one_future_words

    words = _one_future_words("2019-03-31", "26", "4")
    assert words.startswith("In the one simulated future of this run, the agency share at 2019-03-31 is about 26%")
    assert "between" not in words and "One replication shows no range" in words
    from wfsim_analysis.run_description import one_replication
    assert one_replication(1) and one_replication(np.uint64(1)) and one_replication(np.array([1]))
    assert one_replication("1") and not one_replication(20) and not one_replication(None)
    assert not one_replication("")
