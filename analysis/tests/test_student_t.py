"""The 95% quantile of Student's t, against published values (Abramowitz and Stegun,
table 26.10, and NIST's e-Handbook table of t critical values)."""
import math

from wfsim_analysis.student_t import t975


def test_published_values():
    for n, value in ((2, 12.706), (3, 4.303), (4, 3.182), (11, 2.228), (31, 2.042), (41, 2.021), (61, 2.000),
                     (101, 1.984), (121, 1.980)):
        assert abs(t975(n) - value) < 6e-4, (n, t975(n), value)


def test_tends_to_the_normal_and_has_no_value_below_two():
    assert abs(t975(100000) - 1.95999) < 1e-4
    assert math.isnan(t975(1)) and math.isnan(t975(0))
    # The table and the expansion meet without a step.
    assert 0 < t975(31) - t975(32) < 0.004
