"""The assumptions a scenario declares, each with its key's full path, so that a
report can say which of them a run changed (--set, a sweep's --vary)."""

import pathlib
import re

import pytest
import yaml  # Debian's python3-yaml, which the package itself reads results with

from wfsim_analysis.assumptions import assumptions, changes_to, declared, key_paths, merged_paths, overrides_of

ROOT = pathlib.Path(__file__).resolve().parents[2]

TEXT = """\
# A test scenario. ASSUMPTION: the whole of it.
name: t
labour_market: {pay: 1.2,
                neighbour: -0.7}
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 60   # ASSUMPTION: sixty
        leaving:
          # ASSUMPTION: a fifth leave
          turnover_per_year: 0.2
      - name: manager
        pay: {salary_per_year: 48000}  # ASSUMPTION: the scale's top
  - name: B
    roles:
    - name: social_worker
      permanent_posts: 40   # ASSUMPTION: forty
rules: []
"""


def test_each_key_line_gets_the_path_set_writes():
    paths = key_paths(TEXT)
    lines = TEXT.splitlines()
    by_line = {lines[n].strip(): p for n, p in paths.items()}
    assert by_line["name: t"] == "name"
    assert by_line["labour_market: {pay: 1.2,"] == "labour_market"
    assert "neighbour: -0.7}" not in by_line  # inside a flow mapping: not a key of its own
    assert by_line["permanent_posts: 60   # ASSUMPTION: sixty"] == "authorities[0].roles[0].permanent_posts"
    assert by_line["turnover_per_year: 0.2"] == "authorities[0].roles[0].leaving.turnover_per_year"
    assert by_line["- name: manager"] == "authorities[0].roles[1].name"
    # A sequence written at its key's own indentation, as YAML allows.
    assert by_line["permanent_posts: 40   # ASSUMPTION: forty"] == "authorities[1].roles[0].permanent_posts"
    assert by_line["rules: []"] == "rules"


def test_declared_pairs_each_comment_with_its_key_path():
    found = declared(TEXT)
    assert [(a.key, a.path) for a in found] == [
        ("(the scenario)", ""),
        ("permanent_posts", "authorities[0].roles[0].permanent_posts"),
        ("turnover_per_year", "authorities[0].roles[0].leaving.turnover_per_year"),
        ("pay", "authorities[0].roles[1].pay"),
        ("permanent_posts", "authorities[1].roles[0].permanent_posts"),
    ]
    assert assumptions(TEXT) == [(a.key, a.text) for a in found]


def test_a_change_flags_the_assumptions_at_inside_or_around_it_and_no_other():
    found = {a.path: a for a in declared(TEXT)}
    changes = overrides_of("authorities[0].roles[0].leaving.turnover_per_year=0.3\n"
                           "authorities[0].roles[1].pay.salary_per_year = 50000\n"
                           "authorities[1].roles[0]={name: social_worker, permanent_posts: 45}\n")
    assert changes_to(found["authorities[0].roles[0].leaving.turnover_per_year"], changes) == [
        "--set authorities[0].roles[0].leaving.turnover_per_year=0.3"]
    # Inside the flow mapping the comment annotates.
    assert changes_to(found["authorities[0].roles[1].pay"], changes) == [
        "--set authorities[0].roles[1].pay.salary_per_year = 50000"]
    # The whole section holding it was replaced.
    assert len(changes_to(found["authorities[1].roles[0].permanent_posts"], changes)) == 1
    # Authority A's establishment is not B's, whatever the key's name.
    assert changes_to(found["authorities[0].roles[0].permanent_posts"], changes) == []
    assert changes_to(found[""], changes) == []


VARIANT = """\
extends: base.yaml
authorities:
  - name: B
    roles:
      - name: manager
        pay: {salary_per_year: 50000}  # ASSUMPTION: B's managers paid more
"""
MERGED = """\
authorities:
  - name: A
    roles:
      - name: manager
        pay:
          salary_per_year: 48000
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 2
      - name: manager
        pay:
          salary_per_year: 50000
"""


def test_a_variants_paths_are_mapped_to_the_runs_by_name():
    path_in_run = merged_paths(VARIANT, MERGED)
    assert path_in_run("authorities[0].roles[0].pay") == "authorities[1].roles[1].pay"
    assert path_in_run("authorities[0].roles[0].name") == "authorities[1].roles[1].name"
    assert path_in_run("authorities[5].roles[0].pay") is None
    (a,) = [a for a in declared(VARIANT) if a.path]
    # --set is written in the run's paths: authorities[0] there is A, not the variant's B.
    assert changes_to(a, overrides_of("authorities[0].roles[0].pay.salary_per_year=1"), path_in_run) == []
    assert changes_to(a, overrides_of("authorities[1].roles[1].pay.salary_per_year=1"), path_in_run) == [
        "--set authorities[1].roles[1].pay.salary_per_year=1"]
    # Unmapped, the variant's own numbering would have flagged A's change as B's.
    assert changes_to(a, overrides_of("authorities[0].roles[0].pay.salary_per_year=1")) != []


def _node_at(tree, path):
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        tree = tree[int(part[1:-1])] if part.startswith("[") else tree[part]
    return tree


@pytest.mark.parametrize("scenario", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scenarios").rglob("*.yaml"))
                         + ["tests/scenarios/every-feature.yaml"])
def test_every_path_names_the_key_on_its_line_in_each_shipped_scenario(scenario):
    text = (ROOT / scenario).read_text(encoding="utf-8")
    tree = yaml.safe_load(text)
    lines = text.splitlines()
    paths = key_paths(text)
    assert paths
    for number, path in paths.items():
        key = path.rsplit(".", 1)[-1].split("[")[0]
        assert re.match(rf"^\s*(-\s+)?{re.escape(key)}\s*:", lines[number]), (number + 1, path)
        _node_at(tree, path)  # raises if the path leads nowhere in the parsed scenario


def test_a_comment_above_a_list_element_is_labelled_by_the_element():
    from wfsim_analysis.assumptions import declared, label_of

    text = ("rules:\n"
            "  # SESLIP relaunched in 2022 (ASSUMPTION: it kept 6 months).\n"
            "  - name: SE MoC\n"
            "    length: 6 months\n"
            "authorities:\n"
            "  - name: Kent\n"
            "    # ASSUMPTION: a tenth of leavers go to agency.\n"
            "    to_agency: 0.1\n")
    assert [label_of(a) for a in declared(text)] == ["rules[0]", "to_agency"]  # "name" said nothing


def test_a_variant_says_what_it_changes_of_its_base():
    from wfsim_analysis.assumptions import variant_changes

    kent_out = """extends: south-east-moc-2016.yaml
name: "South East MoC, Kent stays out"
rules:
  - name: SE MoC cooling-off
    members: [Bracknell Forest, Medway]
"""
    assert variant_changes(kent_out) == \
        "extends south-east-moc-2016.yaml; sets rules[0] (SE MoC cooling-off): members"
    two = kent_out.replace("members: [Bracknell Forest, Medway]", "length: 3 months\n    from: 2017-01-01") + \
        "duration: 2 years\n"
    assert variant_changes(two) == \
        "extends south-east-moc-2016.yaml; sets rules[0] (SE MoC cooling-off): length, from; duration"
    assert variant_changes("extends: base.yaml\nname: renamed\n") == "extends base.yaml; sets nothing but its name"
    # An element taken out ('remove: true') is said so, not as a key set to "remove".
    removal = "extends: nr.yaml\nrules:\n  - {name: MoC, remove: true}\n  - {name: national, length: 3 months}\n"
    assert variant_changes(removal) == "extends nr.yaml; sets rules[1] (national): length; takes out rules[0] (MoC)"
    assert variant_changes("extends: nr.yaml\nrules:\n  - {name: MoC, remove: true}\n") == \
        "extends nr.yaml; takes out rules[0] (MoC)"
    # Found by role and region, as the merge finds them.
    supply = "extends: e.yaml\nagency_supply:\n  - {role: social_worker, region: North, remove: true}\n"
    assert variant_changes(supply) == "extends e.yaml; takes out agency_supply[0] (social_worker in North)"
    joining = "extends: e.yaml\nagency_supply:\n  - {role: social_worker, region: North, joining_per_year: 9}\n"
    assert variant_changes(joining) == \
        "extends e.yaml; sets agency_supply[0] (social_worker in North): joining_per_year"
    assert variant_changes("name: a scenario\nduration: 5 years\n") == ""  # extends none
    assert variant_changes("extends: [unclosed\n") == ""  # not YAML: nothing said


def test_a_key_set_with_dotted_indices_flags_the_same_assumptions():
    # The engine takes authorities.0.roles.0 for authorities[0].roles[0] (scenario-reference.md);
    # a run changed that way once went unmarked in the report and the workbook.
    found = {a.path: a for a in declared(TEXT)}
    dotted = overrides_of("authorities.0.roles.0.leaving.turnover_per_year=0.3\nauthorities.1.roles.0 = {}\n")
    assert changes_to(found["authorities[0].roles[0].leaving.turnover_per_year"], dotted) == [
        "--set authorities.0.roles.0.leaving.turnover_per_year=0.3"]
    assert len(changes_to(found["authorities[1].roles[0].permanent_posts"], dotted)) == 1
    assert changes_to(found["authorities[0].roles[0].permanent_posts"], dotted) == []


def test_inits_header_that_explains_the_word_is_not_an_assumption():
    # "ASSUMPTION marks what the data lacks" in init's header put the whole header (and
    # a calibration's log under it) among the scenario's assumptions.
    from wfsim_analysis.assumptions import declared
    text = ("# Dudley, children's social workers at 30 September 2023.\n"
            "# Figures marked [DfE column] come from the data. ASSUMPTION marks what the data lacks,\n"
            "# from the seed reports.\n"
            "wfsim: 1\nname: Dudley\n"
            "duration: 2 years   # ASSUMPTION: two years is long enough\n")
    found = declared(text)
    assert [a.key for a in found] == ["duration"]
