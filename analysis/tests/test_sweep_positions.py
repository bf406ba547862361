"""Where a sweep chart puts its swept values: at their numbers when they are numbers in
one unit, at their lengths when they are durations in several, else evenly in the order
given."""

import numpy as np

from wfsim_analysis.sweep_chart import _positions


def test_numbers_in_one_unit_sit_at_their_numbers():
    # 3, 6 and 12 months were drawn evenly spaced, as if 6 were midway.
    assert list(_positions(["3 months", "6 months", "12 months"])) == [3, 6, 12]
    assert list(_positions(["1 month", "2 months"])) == [1, 2]
    assert list(_positions(["0.15", "0.173", "0.2"])) == [0.15, 0.173, 0.2]


def test_durations_in_several_units_sit_at_their_lengths():
    # 6 months, 1 year, 3 months were drawn evenly in the order typed: the line went
    # out to a year and back to 3 months.
    days = _positions(["6 months", "1 year", "3 months", "2 weeks", "10 days"])
    assert list(days) == [6 * 365.25 / 12, 365.25, 3 * 365.25 / 12, 14, 10]
    assert list(np.argsort(days)) == [4, 3, 2, 0, 1]


def test_other_values_are_spaced_evenly():
    assert list(_positions(["6", "1 year"])) == [0, 1]  # a number and a duration: not one scale
    assert list(_positions(["6 apples", "1 year"])) == [0, 1]
    assert list(_positions(["{distribution: exponential, mean: 14 days}", "28 days"])) == [0, 1]
    assert _positions(["a", "b", "c"]).dtype == np.float64


def test_a_swept_rule_of_the_base_is_named_as_extends_merges_the_rules(tmp_path):
    # A rule the sweep's scenario takes from its base went unnamed ("length" alone): the
    # rule was looked for in the scenario's own text only (an analysis walkthrough).
    import h5py

    from wfsim_analysis.sweep_chart import _rule_name

    base = "name: base\nrules:\n  - {name: MoC, kind: cooling_off}\n  - {name: Cap, kind: rate_cap}\n"
    middle = "extends: base.yaml\nname: middle\nrules:\n  - {name: Cap, kind: rate_cap}\n  - {name: Later, kind: rate_cap}\n"
    path = tmp_path / "s.h5"
    with h5py.File(path, "w") as f:
        f.create_group("scenario").create_dataset("0", data="extends: middle.yaml\nname: top\n",
                                                  dtype=h5py.string_dtype())
        chain = f.create_group("scenario_extends").create_dataset("0", data=[middle, base], dtype=h5py.string_dtype())
        chain.attrs["extends"] = "middle.yaml\nbase.yaml"
    with h5py.File(path) as f:
        # The base's two, in its order, then the middle's new one.
        assert [_rule_name(f, f"rules[{i}].length") for i in range(4)] == ["MoC", "Cap", "Later", ""]
    # An empty list drops the base's.
    with h5py.File(path, "a") as f:
        del f["scenario"]["0"]
        f["scenario"].create_dataset("0", data="extends: middle.yaml\nname: top\nrules: []\n", dtype=h5py.string_dtype())
    with h5py.File(path) as f:
        assert _rule_name(f, "rules[0].length") == ""


def test_a_key_given_one_value_is_dropped_from_the_chart_and_said_in_its_title():
    # '--vary duration=2 years' beside a key of three values drew a heat map of one row.
    import numpy as np

    from wfsim_analysis.sweep_chart import _without_single_values

    ordered = [("duration\n(duration)", ["2 years"]), ("length\n(rules[0].length)", ["1 year", "3 months"])]
    data = np.arange(2 * 7 * 1 * 3, dtype=float).reshape(1, 2, 7, 1, 3)
    paired = np.arange(2 * 5 * 1 * 3, dtype=float).reshape(1, 2, 5, 1, 3)
    kept, kept_data, kept_paired, fixed = _without_single_values(ordered, data, paired)
    assert kept == ordered[1:]
    assert fixed == [("duration", "2 years")]
    assert kept_data.shape == (2, 7, 1, 3) and np.array_equal(kept_data, data[0])
    assert kept_paired.shape == (2, 5, 1, 3)
    # Every key of one value: the first is kept, a chart of one point, the rest said.
    both = [("duration\n(duration)", ["2 years"]), ("notice\n(notice)", ["1 month"])]
    single = np.arange(7 * 3, dtype=float).reshape(1, 1, 7, 1, 3)
    kept, kept_data, kept_paired, fixed = _without_single_values(both, single, single[:, :, :5])
    assert kept == both[:1] and fixed == [("notice", "1 month")]
    assert kept_data.shape == (1, 7, 1, 3) and kept_paired.shape == (1, 5, 1, 3)
