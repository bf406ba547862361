"""rule_effect's pieces that need no simulation: what sets two runs apart, and the
names --members is given."""

import h5py
import pytest

from wfsim_analysis.results import ResultsError
import numpy as np

from wfsim_analysis.rule_effect import _adds_rules, _differences, _members, _row, group_series

BASE = """wfsim: 1
name: "A region"
authorities:
  - name: Kent
    roles: [{leaving: {turnover_per_year: 0.17}}]
rules:
  - {name: MoC, kind: cooling_off, length: 6 months, members: [Kent]}
"""


def _file(path, scenario, overrides=""):
    with h5py.File(path, "w") as f:
        f.create_dataset("scenario", data=scenario, dtype=h5py.string_dtype())
        f.attrs["overrides"] = overrides
    return h5py.File(path, "r")


def test_the_rules_alone_differ(tmp_path):
    with _file(tmp_path / "a.h5", BASE) as a, _file(tmp_path / "b.h5", BASE, "rules=[]") as b:
        assert _differences(a, b) == (True, [])
    renamed = BASE.replace('name: "A region"', 'name: "A region, no rules"').split("rules:")[0]
    with _file(tmp_path / "a.h5", BASE) as a, _file(tmp_path / "c.h5", renamed) as c:
        assert _differences(a, c) == (True, [])  # names are labels, not differences


def test_a_difference_beyond_the_rules_is_named(tmp_path):
    other = BASE.replace("0.17", "0.3")
    with _file(tmp_path / "a.h5", BASE) as a, _file(tmp_path / "b.h5", other, "rules=[]") as b:
        assert _differences(a, b) == (True, ["authorities[0].roles[0].leaving.turnover_per_year"])
    with _file(tmp_path / "a.h5", BASE) as a, \
            _file(tmp_path / "b.h5", BASE, "authorities[0].roles[0].leaving.turnover_per_year=0.3") as b:
        assert _differences(a, b) == (False, ["--set authorities[0].roles[0].leaving.turnover_per_year=0.3"])


def test_members_suggests_the_nearest_council_or_by_region():
    councils = ["Kent", "Surrey", "Camden"]
    assert _members("kent, SURREY", councils) == {"Kent", "Surrey"}
    with pytest.raises(ResultsError, match=r"for 'Kentt', did you mean 'Kent'\?"):
        _members("Kentt", councils)
    with pytest.raises(ResultsError, match=r"for 'SURRRY', did you mean 'Surrey'\?"):
        _members("SURRRY", councils)
    with pytest.raises(ResultsError, match="'London' is a region: --by-region gives"):
        _members("london", councils, ["London", "South East"])


def test_the_last_set_of_a_key_is_the_one_compared(tmp_path):
    # K=0.3 then K=0.5 ran 0.5; K=0.5 then K=0.3 ran 0.3: not the same, though the same lines.
    key = "authorities[0].roles[0].leaving.turnover_per_year"
    with _file(tmp_path / "a.h5", BASE, f"{key}=0.3\n{key}=0.5") as a, \
            _file(tmp_path / "b.h5", BASE, f"{key}=0.5\n{key}=0.3\nrules=[]") as b:
        rules, beyond = _differences(a, b)
        assert rules and sorted(beyond) == [f"--set {key}=0.3", f"--set {key}=0.5"]
    # A --set made redundant by a later one is no difference.
    with _file(tmp_path / "a.h5", BASE, f"{key}=0.3\n{key}=0.5") as a, _file(tmp_path / "b.h5", BASE, f"{key}=0.5") as b:
        assert _differences(a, b) == (False, [])


def _with_rules(path, scenario, overrides=""):
    f = _file(path, scenario, overrides)
    f.close()
    with h5py.File(path, "a") as w:
        w.create_dataset("rule", data=["MoC"], dtype=h5py.string_dtype())
    return h5py.File(path, "r")


def test_with_minus_without_only_where_the_first_has_the_second_rules_and_more(tmp_path):
    # The MoC with one member fewer is not "without" the rules, either way round: its
    # table was headed "with rules minus without" and each difference read as a rule's.
    fewer = BASE.replace("members: [Kent]", "members: [Kent, Surrey]")
    with _with_rules(tmp_path / "a.h5", BASE) as a, _with_rules(tmp_path / "b.h5", fewer) as b:
        assert _differences(a, b) == (True, [])
        assert not _adds_rules(a, b) and not _adds_rules(b, a)
    more = BASE + "  - {name: national, kind: agency_share_cap, share: 0.2, members: all}\n"
    with _with_rules(tmp_path / "a.h5", more) as a, _with_rules(tmp_path / "b.h5", BASE) as b:
        assert _adds_rules(a, b) and not _adds_rules(b, a)
    with _with_rules(tmp_path / "a.h5", BASE) as a, _file(tmp_path / "b.h5", BASE, "rules=[]") as b:
        assert _adds_rules(a, b)


def test_a_key_set_with_dotted_indices_is_the_same_key(tmp_path):
    # authorities.0 and authorities[0] are one key to the engine: two runs given it each
    # way ran the same, and once differed "beyond the rules".
    key = "authorities[0].roles[0].leaving.turnover_per_year"
    with _file(tmp_path / "a.h5", BASE, f"{key}=0.3") as a, \
            _file(tmp_path / "b.h5", BASE, "authorities.0.roles.0.leaving.turnover_per_year = 0.3\nrules=[]") as b:
        assert _differences(a, b) == (True, [])


def test_a_share_of_leavers_is_not_defined_where_nobody_left(tmp_path):
    # Counted as 0 where nobody left, such replications pulled a small group's share,
    # and its difference, towards 0.
    leavers = np.array([[[1, 1]], [[0, 0]], [[2, 2]]], dtype="int32")  # replication x council x month
    to_agency = np.array([[[1, 0]], [[0, 0]], [[1, 0]]], dtype="int32")
    with h5py.File(tmp_path / "a.h5", "w") as f:
        f.create_dataset("series/leavers_permanent", data=leavers)
        f.create_dataset("series/leavers_to_agency", data=to_agency)
    with h5py.File(tmp_path / "a.h5", "r") as f:
        share = group_series(f, "leavers_to_agency_share", [0], 1)
    assert share[0] == 0.5 and np.isnan(share[1]) and share[2] == 0.25


def test_a_row_pairs_only_the_replications_where_both_runs_define_the_measure():
    x = np.array([10.0, np.nan, 30.0, 50.0])
    y = np.array([0.0, 20.0, np.nan, 40.0])
    row = _row("members", "share", "%", x, y)
    # Pairs 0 and 3 only: differences 10 and 10, so a mean of +10 and no spread.
    assert "(2 of 4 replications have it in both runs)" in row
    assert row.endswith("| +10.00 [+10.00, +10.00] |")
    whole = _row("members", "share", "%", np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0]))
    assert "replications have it" not in whole
    assert "not defined: 1 of 3" in _row("members", "share", "%", np.array([1.0, np.nan, np.nan]), np.ones(3))


DATED = """wfsim: 1
name: "A region"
authorities:
  - {name: A, roles: [{leaving: {turnover_per_year: 0.17}}]}
  - {name: Kent, roles: [{leaving: {turnover_per_year: 0.17}}]}
  - {name: Surrey, roles: [{leaving: {turnover_per_year: 0.17}}]}
rules:
  - name: MoC
    kind: cooling_off
    length: 6 months
    from: 2016-04-04
    members: [A, {authority: Kent, until: 2017-04-01}, {authority: Surrey, from: 2017-01-01}]
"""


def test_the_rules_members_are_those_on_the_tables_date(tmp_path):
    # A council that had left the MoC, or not yet joined, was counted among the members
    # whatever the date, its leakage as theirs.
    from wfsim_analysis.rule_effect import _rule_members
    councils = ["A", "Kent", "Surrey"]
    with _with_rules(tmp_path / "a.h5", DATED) as a:
        assert _rule_members(a, councils, "2016-01-31") == set()  # before the rule
        assert _rule_members(a, councils, "2016-12-31") == {"A", "Kent"}
        assert _rule_members(a, councils, "2017-03-31") == {"A", "Kent", "Surrey"}
        assert _rule_members(a, councils, "2019-12-31") == {"A", "Surrey"}
    # A changed length leaves the members as named; changed dates or members are taken
    # as --set changed them (the file keeps the change: they were refused before).
    with _with_rules(tmp_path / "b.h5", DATED, "rules[0].length=12 months") as b:
        assert _rule_members(b, councils, "2019-12-31") == {"A", "Surrey"}
    for changed, members in (("rules[0].until=2018-01-01", set()), ("rules.0.members=all", set(councils)),
                             ("rules[0].members[1].until=2020-01-01", set(councils)),
                             ("rules[0]={name: MoC, kind: cooling_off, length: 6 months, members: [A]}", {"A"}),
                             ("rules.0={name: MoC, kind: cooling_off, length: 6 months, members: [A]}", {"A"})):
        with _with_rules(tmp_path / "c.h5", DATED, changed) as c:
            assert _rule_members(c, councils, "2019-12-31") == members, changed
    # A value the file keeps cut short, or a path through a key the text lacks, cannot
    # be applied: the members are then not known.
    for unknown in ("rules[0].members='[A, Kent, Surr...' (120 characters)", "rules[3].members=[A]"):
        with _with_rules(tmp_path / "d.h5", DATED, unknown) as d:
            assert _rule_members(d, councils, "2019-12-31") is None, unknown


def test_a_second_run_whose_rules_bind_other_councils_is_said(tmp_path, capsys):
    # Wokingham out of the MoC against the MoC: both columns were grouped by the first
    # file's members, with no word that the second's rules bind Wokingham too.
    from wfsim_analysis.rule_effect import _check_second_members
    councils = ["A", "Kent", "Surrey"]
    without_kent = DATED.replace("{authority: Kent, until: 2017-04-01}, ", "")
    with _with_rules(tmp_path / "a.h5", DATED) as a, _with_rules(tmp_path / "b.h5", without_kent) as b, \
            _with_rules(tmp_path / "c.h5", DATED.replace("members: [A, ", "members: [A, Kent, ")) as c:
        # The same rules: nothing, whatever the groups (a review: --members all, or
        # named councils, drew a note that repeated --members' own).
        for members in ({"A", "Surrey"}, {"A"}, set(councils)):
            _check_second_members(members, a, a, "a.h5", councils, "prog", "2019-12-31")
            assert capsys.readouterr().err == ""
        # On 2016-12-31 Kent is a member in the first file's rules, not in the second's.
        _check_second_members({"A", "Kent"}, a, b, "b.h5", councils, "prog", "2016-12-31")
        assert capsys.readouterr().err == ("prog: note: each group holds the same councils in both columns, but on "
                                           "2016-12-31 the rules of b.h5 do not bind Kent (counted among the "
                                           "members), unlike those of the first file\n")
        # On 2019-12-31 the third file's rules bind Kent as well.
        _check_second_members({"A", "Surrey"}, a, c, "c.h5", councils, "prog", "2019-12-31")
        assert capsys.readouterr().err.endswith("the rules of c.h5 bind Kent (counted among the non-members), unlike "
                                                "those of the first file\n")
    with _with_rules(tmp_path / "a.h5", DATED) as a, _file(tmp_path / "n.h5", DATED.split("rules:")[0]) as n:
        _check_second_members({"A"}, a, n, "n.h5", councils, "prog", "2019-12-31")  # no rules: nothing to say
        assert capsys.readouterr().err == ""


def _comparison(path, texts):
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "wfsim-comparison"
        f.attrs["format_version"] = 1
        f.attrs["replications"] = 300
        f.attrs["seed"] = 7
        f.create_dataset("variant_file", data=[f"v{k}.yaml" for k in range(len(texts))],
                         dtype=h5py.string_dtype())
        for k, text in enumerate(texts):
            f.create_dataset(f"scenario/{k}", data=text, dtype=h5py.string_dtype())
    return str(path)


def test_a_comparison_is_refused_with_runs_named_for_the_order_rule_effect_takes(tmp_path, capsys):
    # The runs suggested for a comparison of a scenario without its rules and with them
    # were RUN1.h5 and RUN2.h5 in the comparison's order, which rule-effect then refused
    # as given the wrong way round (a review). Named for what they hold, they cannot be.
    from wfsim_analysis.__main__ import main
    no_rules = BASE.split("rules:")[0]
    comparison = _comparison(tmp_path / "c.h5", [no_rules, BASE])
    assert main(["rule-effect", comparison, str(tmp_path / "none.h5"), "--members", "rules"]) == 2
    err = capsys.readouterr().err
    assert "wfsim run v0.yaml -n 300 --seed 7 -o WITHOUT.h5; wfsim run v1.yaml -n 300 --seed 7 -o WITH.h5; " \
           "then wfsim-analysis rule-effect WITH.h5 WITHOUT.h5 --members rules (or --by-region)" in err
    # Rules a variant may take from a base it extends: the plain names, and the order said.
    extends = _comparison(tmp_path / "e.h5", ["wfsim: 1\nextends: base.yaml\nname: x\n", BASE])
    assert main(["rule-effect", extends, str(tmp_path / "none.h5"), "--members", "rules"]) == 2
    err = capsys.readouterr().err
    assert "-o RUN1.h5; wfsim run v1.yaml -n 300 --seed 7 -o RUN2.h5; then give rule-effect the run with the " \
           "rules first" in err
