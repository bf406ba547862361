"""A run with uncertain inputs: the report lists them and splits each measure's spread
between them and chance, as a straight-line fit on the drawn values explains it."""

import h5py
import numpy as np

from wfsim_analysis.report import uncertain_inputs


def _inputs_file(path, values, paths, descriptions, series):
    """A file of one authority 'A' with drawn inputs (R, K) and per-replication series
    {measure: values (R,)}: what uncertain_inputs reads."""
    with h5py.File(path, "w") as f:
        f["authority"] = np.array([b"A"])
        inputs = f.create_group("inputs")
        inputs.attrs["paths"] = "\n".join(paths)
        inputs.attrs["descriptions"] = "\n".join(descriptions)
        inputs["values"] = values
        group = f.create_group("series")
        for measure, ys in series.items():
            group[measure] = np.asarray(ys, dtype=float).reshape(-1, 1, 1)
    return path


def test_split_worked_by_hand(tmp_path):
    path = tmp_path / "r.h5"
    rng = np.random.default_rng(7)
    x = rng.normal(size=200)
    noise = rng.normal(size=200)
    # Half the variance from the input, half from noise: R^2 near 0.5, and exactly the
    # squared correlation of the two, adjusted for one input among 200. The permanent
    # headcount never varies: left out.
    _inputs_file(path, x.reshape(-1, 1), ["authorities[0].roles[0].leaving.turnover_per_year"],
                 ["normal, mean 0.5, sd 0.1"],
                 {"vacancies": 3 * x + 3 * noise, "permanent_headcount": np.full(200, 100.0)})
    found = uncertain_inputs(h5py.File(path), "A")
    assert found["inputs"] == [("authorities[0].roles[0].leaving.turnover_per_year", "normal, mean 0.5, sd 0.1")]
    assert [label for label, _ in found["shares"]] == ["vacancies"]
    r2 = np.corrcoef(x, 3 * x + 3 * noise)[0, 1] ** 2
    assert abs(found["shares"][0][1] - (1 - (1 - r2) * 199 / 198)) < 1e-9


def test_the_starters_a_chosen_keep_holds_are_split_as_info_splits_them(tmp_path):
    # A run kept --keep series=total_cost,starters_permanent: info split the starters,
    # and the report said "No per-replication series were kept".
    path = tmp_path / "r.h5"
    rng = np.random.default_rng(3)
    x = rng.normal(size=100)
    _inputs_file(path, x.reshape(-1, 1), ["authorities[0].roles[0].recruitment.applicants_per_year"],
                 ["normal, mean 40, sd 5"],
                 {"total_cost": rng.normal(size=100), "starters_permanent": 5 * x + rng.normal(size=100)})
    found = uncertain_inputs(h5py.File(path), "A")
    assert found["kept"]
    assert [label for label, _ in found["shares"]] == ["permanent starters"]


def test_a_file_without_the_series_says_which_keep_splits_it(tmp_path):
    from wfsim_analysis.report import _uncertain_section
    path = _inputs_file(tmp_path / "r.h5", np.zeros((10, 1)),
                        ["authorities[0].roles[0].recruitment.applicants_per_year"], ["normal, mean 40, sd 5"],
                        {"total_cost": np.zeros(10)})
    html = _uncertain_section(uncertain_inputs(h5py.File(path), "A"))
    assert "keeps none of the per-replication series that split the spread" in html
    assert "run with the default <code>--keep</code>" in html


def test_inputs_that_do_nothing_explain_nothing_on_average(tmp_path):
    # Four inputs with no effect on 30 replications: a plain R^2 of 4 / 29 (14%) on
    # average, which is chance; adjusted, 0 on average. Over 400 draws the mean share
    # sits within 4 standard errors of its expectation under the adjustment (0, but for
    # the clamp at 0, which can only raise it: so only the upper side is checked
    # against 4 / 29). The adjustment itself is checked exactly, draw by draw.
    rng = np.random.default_rng(11)
    shares = []
    for draw in range(400):
        path = tmp_path / f"r{draw}.h5"
        _inputs_file(path, 50 + 1e-3 * rng.normal(size=(30, 4)), [f"k{j}" for j in range(4)], ["normal"] * 4,
                     {"vacancies": rng.normal(size=30)})  # tiny spreads about 50
        with h5py.File(path) as f:
            shares.append(uncertain_inputs(f, "A")["shares"][0][1])
            x = f["inputs/values"][()]
            y = f["series/vacancies"][()].ravel()
        # Each share is the adjusted R^2 worked out here on its own, by the normal
        # equations with an intercept (not the report's least squares on centred values).
        design = np.column_stack([np.ones(30), x - x.mean(axis=0)])
        coefficients = np.linalg.solve(design.T @ design, design.T @ y)
        r2 = 1 - np.sum((y - design @ coefficients) ** 2) / np.sum((y - y.mean()) ** 2)
        assert abs(shares[-1] - max(0.0, 1 - (1 - r2) * 29 / 25)) < 1e-9
    shares = np.array(shares)
    se = shares.std(ddof=1) / np.sqrt(len(shares))
    assert shares.mean() + 4 * se < 4 / 29


def test_no_inputs_no_section(tmp_path):
    path = tmp_path / "r.h5"
    with h5py.File(path, "w") as f:
        f["authority"] = np.array([b"A"])
    assert uncertain_inputs(h5py.File(path), "A") is None


def test_the_brief_keeps_a_median_apart_from_its_band():
    from wfsim_analysis.report import _distinct

    # 13.7 in 13.5 to 13.9 read "about 14%, between 13% and 14%".
    assert _distinct((13.7, 13.5, 13.9)) == ["13.7", "13.5", "13.9"]
    assert _distinct((21.2, 16.5, 26.0)) == ["21", "16", "26"]
    assert _distinct((5.0, 5.0, 19.0)) == ["5", "5", "19"]  # equal values may read alike


def test_a_small_lever_cost_is_not_rounded_away():
    from wfsim_analysis.comparison_report import _total_money

    # A £4,249 campaign read "£0.00m (95% interval +£0.00m to +£0.00m)".
    assert _total_money(4249) == "£4.2k" and _total_money(-4249, True) == "−£4.2k"
    assert _total_money(2.28e6, True) == "+£2.28m"
