"""cost-per: a policy's cost per unit of what it buys, from two paired runs, with
Fieller's interval."""
import pathlib
import re

import h5py
import numpy as np
import pytest

from wfsim_analysis.__main__ import main
from wfsim_analysis.cost_per import SUMMED, fieller
from wfsim_analysis.student_t import t975

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "output-format.md"


def test_the_measures_that_add_up_are_the_documented_ones():
    # docs/output-format.md's table is held to the engine's measures by a C++ test.
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| \w+ \| summed \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert rows and sorted(rows) == sorted(SUMMED)


def _interval_edge(cost, count, r):
    """The Fieller condition at r: 0 at each end of the interval."""
    n = len(cost)
    d = np.mean(cost) - r * np.mean(count)
    variance = np.var(cost - r * count, ddof=1) / n
    return d * d - t975(n) ** 2 * variance


def test_the_interval_ends_where_the_ratio_stops_being_told_apart():
    rng = np.random.default_rng(7)
    count = rng.normal(20, 8, 400)
    cost = 50_000 * count + rng.normal(0, 300_000, 400)
    ratio, low, high = fieller(cost, count)
    assert ratio == pytest.approx(np.mean(cost) / np.mean(count), rel=1e-12)
    assert low < ratio < high
    scale = np.var(cost, ddof=1) / 400
    for edge in (low, high):
        assert abs(_interval_edge(cost, count, edge)) < 1e-9 * scale
    assert _interval_edge(cost, count, ratio) < 0  # inside: told apart from no ratio there


def test_no_interval_where_the_count_does_not_move():
    rng = np.random.default_rng(8)
    count = rng.normal(0.1, 8, 100)  # mean within its own interval of 0
    cost = rng.normal(1e5, 1e5, 100)
    assert fieller(cost, count)[1:] == (None, None)


def test_the_interval_covers_the_true_ratio_95_times_in_100():
    # 4,000 experiments of 40 paired replications each, the count's change about 6
    # standard errors from zero: coverage 0.95 +- 3 standard errors of a proportion.
    rng = np.random.default_rng(11)
    trials, n, true_ratio = 4000, 40, -30_000.0
    covered = 0
    for _ in range(trials):
        count = rng.normal(6, 6.5, n)
        cost = true_ratio * count + rng.normal(0, 150_000, n)
        _, low, high = fieller(cost, count)
        covered += low is not None and low <= true_ratio <= high
    se = np.sqrt(0.95 * 0.05 / trials)
    assert abs(covered / trials - 0.95) < 3 * se


def _paired_pair(make_results, cost, count, *, policy_overrides="authorities[0].policies=[]", prefix=""):
    """Two results files of 50 replications whose total_cost and starters_permanent series
    are those given (replication x period), the policy's differing in its overrides."""
    paths = []
    for name, overrides, (c, s) in ((prefix + "base.h5", "", (cost[0], count[0])),
                                    (prefix + "policy.h5", policy_overrides, (cost[1], count[1]))):
        path = make_results(name, replications=50, periods=12)
        with h5py.File(path, "a") as f:
            f.attrs["overrides"] = overrides
            for measure, values, units in (("total_cost", c, "GBP"), ("starters_permanent", s, "workers")):
                f["series"].create_dataset(measure, data=values[:, None, :]).attrs["units"] = units
                f["summary"].create_dataset(measure, data=np.zeros((8, 1, 12)))
        paths.append(str(path))
    return paths


def _pair_alike_but_for_chance(make_results, seed):
    """A paired base and policy whose costs and starters are drawn alike (rng `seed`)."""
    rng = np.random.default_rng(seed)
    costs = rng.normal(1e6, 1e5, (2, 50, 12))
    counts = rng.poisson(4, (2, 50, 12)).astype(float)
    return _paired_pair(make_results, costs, counts)


def test_cost_per_prints_the_paired_ratio_and_its_interval(make_results, capsys):
    rng = np.random.default_rng(3)
    base_cost = rng.normal(1e6, 1e5, (50, 12))
    base_count = rng.poisson(4, (50, 12)).astype(float)
    extra = rng.poisson(1, (50, 12)).astype(float)
    policy_cost = base_cost + 40_000 * extra + rng.normal(0, 20_000, (50, 12))
    base, policy = _paired_pair(make_results, (base_cost, policy_cost), (base_count, base_count + extra))
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    out = capsys.readouterr().out
    ratio, low, high = fieller((policy_cost - base_cost).sum(axis=1), extra.sum(axis=1))
    assert f"{policy} against {base}: Northshire, the 12 periods to" in out
    assert "50 paired replications" in out
    assert f"Over the 12 months, the change in total_cost per change in starters_permanent: +£{ratio / 1e3:,.1f}k " \
           f"(95% interval +£{low / 1e3:,.1f}k to +£{high / 1e3:,.1f}k, Fieller's" in out
    assert f"The total cost is £{ratio / 1e3:,.1f}k higher for each extra permanent starter over the run. The ratio " \
           "weighs all that the policy changes in total_cost against its change in starters_permanent: it does " \
           "not say that one causes the other." in out


def test_cost_per_refuses_what_cannot_be_totalled_or_paired(make_results, capsys):
    rng = np.random.default_rng(4)
    costs = rng.normal(1e6, 1e5, (2, 50, 12))
    counts = rng.poisson(4, (2, 50, 12)).astype(float)
    base, policy = _paired_pair(make_results, costs, counts)
    assert main(["cost-per", base, policy, "--per", "agency_share"]) == 2
    assert "agency_share does not add up over the months" in capsys.readouterr().err
    assert main(["cost-per", base, policy, "--per", "leavers_permanent"]) == 0  # kept by the fixture
    capsys.readouterr()
    assert main(["cost-per", base, policy, "--per", "total_cost"]) == 2
    assert "--cost and --per are both total_cost" in capsys.readouterr().err
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", ""]) == 2
    assert "has no authority ''" in capsys.readouterr().err
    assert main(["cost-per", base, base, "--per", "starters_permanent"]) == 2
    assert "BASE and POLICY are the same file" in capsys.readouterr().err
    same, also = _paired_pair(make_results, costs, counts, policy_overrides="", prefix="same-")
    assert main(["cost-per", same, also, "--per", "starters_permanent"]) == 2
    assert "every difference would be zero" in capsys.readouterr().err
    with h5py.File(policy, "a") as f:
        del f["series/starters_permanent"]
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 2
    assert "keeps no per-replication series of starters_permanent, which pairing needs: run it again with " \
           "--keep series=total_cost,starters_permanent" in capsys.readouterr().err


def test_cost_per_says_when_the_policy_moved_nothing(make_results, capsys):
    # A lever that starts after the run changes nothing: "run more replications" was
    # the advice, which cannot help.
    rng = np.random.default_rng(6)
    cost = rng.normal(1e6, 1e5, (50, 12))
    count = rng.poisson(4, (50, 12)).astype(float)
    base, policy = _paired_pair(make_results, (cost, cost), (count, count))
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    out = capsys.readouterr().out
    assert "total_cost per starters_permanent: none. The policy did not change starters_permanent in any of the 50 " \
           "paired replications, nor total_cost: does it act within the run" in out
    assert "run more replications" not in out
    # A cost that moved shows the policy acts: the count is what it does not move.
    base, policy = _paired_pair(make_results, (cost, cost + 1000.0), (count, count), prefix="cost-")
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    out = capsys.readouterr().out
    assert "The policy changed total_cost but not starters_permanent in any of the 50 paired replications: weigh " \
           "the cost against a measure the policy moves" in out


def test_cost_per_says_when_there_is_no_interval(make_results, capsys):
    base, policy = _pair_alike_but_for_chance(make_results, 5)
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    assert "total_cost per starters_permanent: no interval. The change in starters_permanent" in capsys.readouterr().out


def test_a_damaged_file_is_one_line_and_status_2(make_results, tmp_path, capfd):
    from wfsim_analysis.__main__ import entry

    rng = np.random.default_rng(6)
    base, policy = _paired_pair(make_results, rng.normal(1e6, 1e5, (2, 50, 12)),
                                rng.poisson(4, (2, 50, 12)).astype(float))
    cut = tmp_path / "cut.h5"
    cut.write_bytes(pathlib.Path(policy).read_bytes()[:1000])
    assert entry(["cost-per", base, str(cut), "--per", "starters_permanent"]) == 2
    err = capfd.readouterr().err
    assert "is damaged or cut short" in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_sign_the_interval_does_not_establish_is_not_stated(make_results, capsys):
    # Starters move clearly, the cost hardly at all: the ratio's interval spans zero.
    rng = np.random.default_rng(9)
    base_cost = rng.normal(1e6, 1e5, (50, 12))
    base_count = rng.poisson(4, (50, 12)).astype(float)
    extra = rng.poisson(1, (50, 12)).astype(float)
    base, policy = _paired_pair(make_results, (base_cost, base_cost + rng.normal(0, 5_000, (50, 12))),
                                (base_count, base_count + extra))
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    out = capsys.readouterr().out
    assert "The interval spans zero: whether total_cost rises or falls with starters_permanent is not established." \
        in out
    assert "higher for each" not in out and "lower for each" not in out


def test_a_ratio_of_counts_keeps_its_significant_figures(make_results, capsys):
    # Leavers per starter of about 0.004 once printed as 0.0 (0.0 to 0.0).
    rng = np.random.default_rng(10)
    count = rng.poisson(4, (50, 12)).astype(float)
    extra = rng.poisson(2, (50, 12)).astype(float)
    base, policy = _paired_pair(make_results, (count * 1e3, count * 1e3 + 3 * extra), (count, count + extra))
    for path in (base, policy):  # leavers exactly 0.004 a starter, in both runs
        with h5py.File(path, "a") as f:
            f["series/leavers_permanent"][...] = f["series/starters_permanent"][...] * 0.004
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--cost", "leavers_permanent"]) == 0
    out = capsys.readouterr().out
    assert "per change in starters_permanent: +0.00400 (95% interval +0.00400 to +0.00400" in out
    assert "leavers_permanent is 0.00400 higher for each extra permanent starter" in out


def test_an_undefined_value_is_refused_not_printed_as_nan(make_results, capsys):
    rng = np.random.default_rng(12)
    base, policy = _paired_pair(make_results, rng.normal(1e6, 1e5, (2, 50, 12)),
                                rng.poisson(4, (2, 50, 12)).astype(float))
    with h5py.File(policy, "a") as f:
        values = f["series/total_cost"][...]
        values[7, 0, 3] = np.nan
        f["series/total_cost"][...] = values
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 2
    err = capsys.readouterr().err
    assert f"{policy}: total_cost has no value in some month of replication 7 (1 replication in all)" in err
    assert "nan" not in err.replace("no value", "")


def test_a_comparison_file_is_refused_with_the_runs_that_pair_as_it_did(make_results, tmp_path, capsys):
    # A comparison keeps no replication's series: the message gives the runs to make,
    # on its seed and replication count, keeping the two series cost-per needs.
    rng = np.random.default_rng(7)
    base, _ = _paired_pair(make_results, rng.normal(1e6, 1e5, (2, 50, 12)), rng.poisson(4, (2, 50, 12)).astype(float))
    comparison = tmp_path / "c.h5"
    with h5py.File(comparison, "w") as f:
        f.attrs["format"] = "wfsim-comparison"
        f.attrs["format_version"] = 1
        f.attrs["replications"] = 300
        f.attrs["seed"] = 2015
        f.create_dataset("variant_file", data=["base.yaml", "policy.yaml"], dtype=h5py.string_dtype())
    assert main(["cost-per", str(comparison), base, "--per", "starters_permanent"]) == 2
    err = capsys.readouterr().err
    assert "is not a wfsim results file (its format is wfsim-comparison)" in err
    assert "wfsim run base.yaml -n 300 --seed 2015 --keep series=total_cost,starters_permanent -o RUN1.h5; " \
           "wfsim run policy.yaml -n 300 --seed 2015 --keep series=total_cost,starters_permanent -o RUN2.h5" in err


def test_money_per_money_is_pounds_per_pound(make_results, capsys):
    # total_cost per agency_spend of about 0.36 once printed as "£0.0k (£0.0k to £0.0k)".
    rng = np.random.default_rng(12)
    count = rng.poisson(4, (50, 12)).astype(float)
    spend = rng.normal(2e5, 2e4, (50, 12))
    saved = rng.normal(1e4, 2e3, (50, 12))
    cost = rng.normal(1e6, 1e5, (50, 12))
    base, policy = _paired_pair(make_results, (cost, cost - 0.36 * saved + rng.normal(0, 100, (50, 12))),
                                (count, count))
    for path, values in ((base, spend), (policy, spend - saved)):
        with h5py.File(path, "a") as f:
            f["series"].create_dataset("agency_spend", data=values[:, None, :]).attrs["units"] = "GBP"
            f["summary"].create_dataset("agency_spend", data=np.zeros((8, 1, 12)))
    assert main(["cost-per", base, policy, "--per", "agency_spend"]) == 0
    out = capsys.readouterr().out
    with h5py.File(base) as b, h5py.File(policy) as p:
        ratio, low, high = fieller((p["series/total_cost"][:, 0, :] - b["series/total_cost"][:, 0, :]).sum(axis=1),
                                   (p["series/agency_spend"][:, 0, :] - b["series/agency_spend"][:, 0, :]).sum(axis=1))
    # The ratio the data were drawn at, within 4 standard errors: the ratio is 0.36 less
    # the noise's sum (sd 100 a month, 600 months) over the saving's, whatever fieller() does.
    assert abs(ratio - 0.36) < 4 * 100 * np.sqrt(saved.size) / abs(saved.sum())
    assert f"per change in agency_spend: +£{ratio:.3f} (95% interval +£{low:.3f} to +£{high:.3f}" in out
    assert f"The total cost is £{ratio:.3f} lower for each £1 of agency_spend fewer over the run" in out


def test_runs_of_two_engine_versions_are_paired_with_a_note(make_results, capsys):
    # A copy written by another wfsim paired silently: a change to the model between
    # the versions would be counted as the policy's effect.
    base, policy = _pair_alike_but_for_chance(make_results, 6)
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    assert "was written by wfsim" not in capsys.readouterr().err
    with h5py.File(policy, "a") as f:
        f.attrs["engine_version"] = "0.0.9"
    assert main(["cost-per", base, policy, "--per", "starters_permanent"]) == 0
    assert f"note: {base} was written by wfsim 0.1.0-test and {policy} by wfsim 0.0.9: any change to the model " \
           "between them is counted in every difference" in capsys.readouterr().err


def _regional_pair(make_results, cost, count):
    """Base and policy files of London's Camden and Southwark, the South East's Kent and
    their total, as an England run writes them: `cost` and `count` are (2, replication,
    council, period), the total row their sum."""
    paths = []
    scenario = ("regions: [{name: London}, {name: South East}]\nauthorities:\n  - {name: Camden, region: London}\n"
                "  - {name: Southwark, region: London}\n  - {name: Kent, region: South East}\n")
    for k, (name, overrides) in enumerate((("base.h5", ""), ("policy.h5", "authorities[0].policies=[]"))):
        path = make_results(name, authorities=("Camden", "Southwark", "Kent", "All councils"), replications=50,
                            periods=12)
        with h5py.File(path, "a") as f:
            f.attrs["overrides"] = overrides
            del f["scenario"]
            f.create_dataset("scenario", data=scenario, dtype=h5py.string_dtype())
            for measure, values, units in (("total_cost", cost[k], "GBP"), ("starters_permanent", count[k], "workers")):
                with_total = np.concatenate([values, values.sum(axis=1, keepdims=True)], axis=1)
                f["series"].create_dataset(measure, data=with_total).attrs["units"] = units
                f["summary"].create_dataset(measure, data=np.zeros((8, 4, 12)))
        paths.append(str(path))
    return paths


def test_cost_per_adds_up_a_regions_councils(make_results, capsys):
    # An England file has no row of a region's own: the West Midlands' cost per starter
    # could not be asked for ("has no authority 'West Midlands'").
    rng = np.random.default_rng(12)
    base_cost = rng.normal(1e6, 1e5, (50, 3, 12))
    base_count = rng.poisson(4, (50, 3, 12)).astype(float)
    extra = rng.poisson(1, (50, 3, 12)).astype(float)
    extra[:, 2, :] *= 5  # Kent's starters move most: a region's figure is not the total's
    policy_cost = base_cost + 40_000 * extra + rng.normal(0, 20_000, (50, 3, 12))
    base, policy = _regional_pair(make_results, (base_cost, policy_cost), (base_count, base_count + extra))
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "london"]) == 0
    out = capsys.readouterr().out
    london = slice(0, 2)
    ratio, low, high = fieller((policy_cost - base_cost)[:, london].sum(axis=(1, 2)),
                               extra[:, london].sum(axis=(1, 2)))
    assert f"{policy} against {base}: London (2 councils), the 12 periods to" in out
    assert f"per change in starters_permanent: +£{ratio / 1e3:,.1f}k (95% interval +£{low / 1e3:,.1f}k to " \
           f"+£{high / 1e3:,.1f}k, Fieller's" in out
    # A council is still its own row, and a name near a region is pointed to it.
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "Kent"]) == 0
    assert f"{policy} against {base}: Kent, the 12 periods" in capsys.readouterr().out
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "Londn"]) == 2
    assert "'Londn' is neither a council nor a region of" in capsys.readouterr().err
    # A council's misspelling is the council's, though a region is near it too ('Lton'
    # was pointed to London, not Luton; 'Southark' to the South East).
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "Southark"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'Southwark'" in err and "the region" not in err
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "Wales"]) == 2
    assert "or a region, whose councils are added up: London, South East" in capsys.readouterr().err


def test_a_region_is_not_added_up_where_set_moved_its_councils(make_results, capsys):
    # The file keeps the scenario's text before --set: with a council moved to another
    # region by --set, 'London' added up the councils the text names, without a word.
    rng = np.random.default_rng(13)
    cost = rng.normal(1e6, 1e5, (2, 50, 3, 12))
    count = rng.poisson(4, (2, 50, 3, 12)).astype(float)
    base, policy = _regional_pair(make_results, cost, count)
    for path in (base, policy):
        with h5py.File(path, "a") as f:
            f.attrs["overrides"] = "authorities[1].region=South East\n" + f.attrs["overrides"]
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "London"]) == 2
    assert "the run changed authorities[1].region with --set" in capsys.readouterr().err
    assert main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "Kent"]) == 0
    # Written with dots for the index, as --set takes it too; and a change that moves no
    # council (a region's neighbours) refuses nothing.
    for change, refused in (("authorities.1.region=South East", True), ("regions[0].neighbours=[]", False)):
        for path in (base, policy):
            with h5py.File(path, "a") as f:
                f.attrs["overrides"] = change + "\n" + f.attrs["overrides"].split("\n", 1)[1]
        capsys.readouterr()
        code = main(["cost-per", base, policy, "--per", "starters_permanent", "--authority", "London"])
        assert (code == 2) == refused, change


def test_the_sentence_names_measures_in_words():
    # "total_cost is £100.4k higher for each extra starters_permanent" read as code.
    from wfsim_analysis.cost_per import _named, _per_noun
    assert _per_noun("starters_permanent", "workers") == "permanent starter"
    assert _per_noun("time_to_fill", "days") == "day of time_to_fill"
    assert _per_noun("agency_spend", "GBP") == "£1 of agency_spend"
    assert _per_noun("caseload", "") == "unit of caseload"
    assert _named("total_cost") == "The total cost" and _named("agency_share") == "agency_share"
