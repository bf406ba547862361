"""Checks `wfsim schema` against the scenario files and the loader's own tests.

Usage: /usr/bin/python3 tests/check_scenario_schema.py path/to/wfsim

Needs Debian's python3-jsonschema and python3-yaml. Run from the repository root.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class ScenarioYamlLoader(yaml.SafeLoader):
    """Reads dates as text, as the engine does (PyYAML would make them date objects)."""


ScenarioYamlLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# What the schema must reject among the loader's malformed files, and what only the
# loader can catch (checks across keys, calendar dates, duplicates). Every malformed
# file must be in one list, so a new one forces a decision here.
REJECTED_BY_SCHEMA = {
    "03-empty", "04-top-level-list", "05-misspelt-required-top-level-key", "06-misspelt-top-level-key",
    "07-misspelt-required-nested-key", "08-misspelt-nested-key", "09-negative-rate", "10-probability-above-one",
    "12-duration-without-unit", "13-unknown-time-unit", "14-misspelt-choice", "15-unknown-distribution",
    "16-missing-permanent-posts", "19-end-and-duration", "20-non-integer-count", "22-list-instead-of-mapping",
    "23-gamma-without-shape", "29-rule-without-members", "30-misspelt-duration",
    "33-misspelt-absent", "37-empty-authority-name", "40-year-out-of-range",
    "41-quoted-number", "43-quoted-number-in-spread", "44-blank-unicode-name",
    "49-name-ending-in-space", "50-invisible-name", "53-cohort-without-its-route", "54-abbreviated-time-unit",
}
LOADER_ONLY = {
    "11-destinations-not-summing-to-one", "17-in-post-above-permanent-posts", "18-bad-date",
    "21-duplicate-authority", "24-absent-above-in-post", "26-agency-supply-unknown-role",
    "46-authorities-differing-in-case", "48-authorities-differing-in-spacing",
    "51-authorities-differing-by-an-invisible-character",
    "27-absent-without-absence-kinds", "31-overlapping-memberships", "34-zero-warmup",
    # Each value within its bounds; only drawing from them shows they make no distribution.
    "35-lognormal-sd-overflows", "36-uncertain-gamma-shape-reaches-zero",
    # PyYAML takes a CR alone for a line end; yaml-cpp does not, so the loader says so.
    "39-cr-line-endings",
    # The duration pattern's \\s matches a non-breaking space in a Unicode regex.
    "42-non-breaking-space",
}
NOT_YAML = {"01-bad-indentation", "02-unclosed-bracket", "25-mismatched-bracket", "32-tab-indent", "38-latin-1",
            "45-nested-too-deep", "47-key-too-long"}
# A key written twice is invisible once parsed (PyYAML keeps the last value); the
# loader refuses the repeat.
NOT_VISIBLE_AFTER_PARSING = {"28-duplicate-key"}
# A value that holds itself through an alias has no JSON form for a schema to judge (a
# validator would follow the loop); the loader refuses the loop itself.
NO_JSON_FORM = {"52-value-within-itself"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=ScenarioYamlLoader)


def errors(validator, document):
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:160]}" for e in validator.iter_errors(document)]


def main():
    wfsim = sys.argv[1]
    text = subprocess.run([wfsim, "schema"], check=True, capture_output=True, text=True).stdout
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    # Every shipped scenario, variant and benchmark is valid.
    shipped = sorted(glob.glob("scenarios/**/*.yaml", recursive=True) + glob.glob("bench/*.yaml"))
    check(len(shipped) >= 14, f"expected the shipped scenarios, found {shipped}")
    for path in shipped:
        problems = errors(validator, load(path))
        check(not problems, f"{path} fails the schema: {problems[:3]}")
        loaded = subprocess.run([wfsim, "validate", path], capture_output=True, text=True)
        check(loaded.returncode == 0, f"{path}: the loader rejects what the schema accepts: {loaded.stderr}")

    # The loader's malformed files: the schema rejects what it can express.
    for path in sorted(glob.glob("tests/malformed/*.yaml")):
        name = path.rsplit("/", 1)[-1][:-5]
        if name in NOT_VISIBLE_AFTER_PARSING or name in NO_JSON_FORM:
            continue
        if name in NOT_YAML:
            try:
                load(path)
                check(False, f"{path} was expected not to parse as YAML")
            except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
                pass
            continue
        problems = errors(validator, load(path))
        if name in REJECTED_BY_SCHEMA:
            check(problems, f"{path}: the schema accepts what the loader rejects")
        elif name in LOADER_ONLY:
            check(not problems, f"{path}: expected only the loader to catch this, schema says {problems}")
        else:
            check(False, f"{path}: new malformed file; put it in REJECTED_BY_SCHEMA or LOADER_ONLY")

    # Keys of another kind, and overlays.
    base = load("scenarios/buckinghamshire-2015.yaml")
    policy = {"name": "p", "kind": "recruitment_campaign", "role": "social_worker", "extra_applicants_per_year": 5}
    base["authorities"][0]["policies"] = [policy]
    check(not errors(validator, base), f"a campaign policy is rejected: {errors(validator, base)}")
    policy["max_share"] = 0.2
    check(errors(validator, base), "a campaign with an agency-share cap's key is accepted")
    del policy["max_share"]
    del policy["extra_applicants_per_year"]
    check(errors(validator, base), "a campaign without extra_applicants_per_year is accepted")
    overlay = {"extends": "buckinghamshire-2015.yaml", "authorities": [{"name": "Buckinghamshire"}]}
    check(not errors(validator, overlay), f"a partial overlay is rejected: {errors(validator, overlay)}")
    overlay["authorities"][0]["polices"] = []
    check(errors(validator, overlay), "an overlay with a misspelt key is accepted")
    removal = {"extends": "national-rules-2024.yaml", "rules": [{"name": "national experience", "remove": True}]}
    check(not errors(validator, removal), f"an overlay removing a rule is rejected: {errors(validator, removal)}")
    removal["rules"][0]["kind"] = "experience"
    check(errors(validator, removal), "an overlay removing a rule and setting its kind is accepted")
    del removal["rules"][0]["kind"]
    removal["rules"][0]["remove"] = False
    check(errors(validator, removal), "an overlay with 'remove: false' is accepted")
    complete = load("scenarios/buckinghamshire-2015.yaml")
    complete["authorities"][0]["remove"] = True
    check(errors(validator, complete), "'remove' in a scenario that extends none is accepted")

    # The bounds every number has beyond its key's own (docs/scenario-reference.md,
    # Types): the schema refuses what the loader refuses, and takes what it takes.
    bounds = [("permanent_posts", 100000, True), ("permanent_posts", 100001, False),
              ("pay.salary_per_year", 1e8, True), ("pay.salary_per_year", 1.5e8, False),
              ("recruitment.applicants_per_year", 1e9, True), ("recruitment.applicants_per_year", 2e9, False)]
    for path, value, valid in bounds:
        scenario = load("scenarios/buckinghamshire-2015.yaml")
        *parents, key = path.split(".")
        target = scenario["authorities"][0]["roles"][0]
        for parent in parents:
            target = target[parent]
        target[key] = value
        by_schema = not errors(validator, scenario)
        setting = f"authorities[0].roles[0].{path}={value:g}"
        by_loader = subprocess.run([wfsim, "validate", "scenarios/buckinghamshire-2015.yaml", "--set", setting],
                                   capture_output=True, text=True).returncode == 0
        check(by_schema == valid, f"{path} = {value:g}: the schema {'refuses' if valid else 'accepts'} it")
        check(by_loader == valid, f"{path} = {value:g}: the loader {'refuses' if valid else 'accepts'} it")

    # Names: a space at an end, or a control character anywhere, is refused by both;
    # any other character between the ends is the name's (a pattern of "[\s\S]*"
    # between them took a line end).
    for name, valid in (("Buckinghamshire ", False), (" Buckinghamshire", False), ("Bucking\u2028hamshire", True),
                        ("Bucking  hamshire", True), ("Bucking\nhamshire", False), ("Bucking\thamshire", False),
                        ("Buckinghamshire\u0085", False), ("Buckinghamshire\ufeff", True), ("\u200b", False),
                        ("\u200b\u00ad\u200b", False), ("Bucks\u200b", True)):
        scenario = load("scenarios/buckinghamshire-2015.yaml")
        scenario["authorities"][0]["name"] = name
        by_schema = not errors(validator, scenario)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "named.yaml")
            with open(path, "w", encoding="utf-8") as out:
                yaml.safe_dump(scenario, out, allow_unicode=True)
            by_loader = subprocess.run([wfsim, "validate", path], capture_output=True, text=True).returncode == 0
        check(by_schema == valid, f"name {name!r}: the schema {'refuses' if valid else 'accepts'} it")
        check(by_loader == valid, f"name {name!r}: the loader {'refuses' if valid else 'accepts'} it")

    # A key with no value, or `~`, is absent to the loader (scenario-reference.md): an
    # optional key takes its default (in a variant too, dropping the base's value), as
    # the loader's own messages ask for (`duration: ~`). The schema underlined them as
    # the wrong type. A required key stays required, in a variant too.
    scenario = load("scenarios/buckinghamshire-2015.yaml")
    scenario["description"] = None
    scenario["authorities"][0]["roles"][0]["leaving"]["notice"] = None
    check(not errors(validator, scenario), f"optional keys written '~' are refused: {errors(validator, scenario)}")
    scenario["name"] = None
    check(errors(validator, scenario), "a required key written '~' is accepted by the schema")
    overlay = {"extends": "buckinghamshire-2015.yaml", "name": "v", "duration": None}
    check(not errors(validator, overlay), f"a variant's 'duration: ~' is refused: {errors(validator, overlay)}")
    overlay["name"] = None
    check(errors(validator, overlay), "a variant's 'name: ~' is accepted by the schema")
    # `extends: ~` names no base: the file is a complete scenario, and one without a
    # name is refused (it was checked as a variant, of which nothing is required).
    unnamed = load("scenarios/buckinghamshire-2015.yaml")
    unnamed["extends"] = None
    check(not errors(validator, unnamed), f"'extends: ~' on a complete scenario is refused: {errors(validator, unnamed)}")
    del unnamed["name"]
    check(errors(validator, unnamed), "'extends: ~' without a name is accepted by the schema")

    # An empirical delay of no values: the schema's description said "at least one",
    # and it took none.
    scenario = load("scenarios/buckinghamshire-2015.yaml")
    scenario["authorities"][0]["roles"][0]["recruitment"]["approval_to_offer"] = {"distribution": "empirical",
                                                                               "values": []}
    check(errors(validator, scenario), "an empirical delay with no values is accepted by the schema")

    # Lists the loader refuses empty, the schema too: they passed it before.
    for path in (("authorities",), ("authorities", 0, "roles"), ("regions",)):
        scenario = load("scenarios/buckinghamshire-2015.yaml")
        target = scenario
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = []
        check(errors(validator, scenario), f"{'.'.join(map(str, path))}: [] is accepted by the schema")
    # A rate cap's amounts by role have money's maximum (a cap of 1e300 validated).
    rules = load("scenarios/south-east-moc-2016.yaml")
    rules["rules"] = [{"name": "cap", "kind": "rate_cap", "members": "all", "caps_per_hour": {"social_worker": 1e12}}]
    check(errors(validator, rules), "a rate cap of 1e12 an hour is accepted by the schema")
    rules["rules"][0]["caps_per_hour"]["social_worker"] = 40
    check(not errors(validator, rules), f"a rate cap of 40 an hour is refused: {errors(validator, rules)}")

    # Every key the schema knows is documented (policy keys in docs/policies.md).
    documented = set()
    for doc in ("docs/scenario-reference.md", "docs/policies.md"):
        documented |= set(re.findall(r"`([a-z_]+)`", open(doc, encoding="utf-8").read()))
    keys = set()
    for definition in schema["$defs"].values():
        keys |= set(definition.get("properties", {}))
        for branch in definition.get("allOf", []):
            keys |= set(branch["then"]["properties"])
    for key in sorted(keys - documented):
        check(False, f"key '{key}' is in the schema but in neither docs/scenario-reference.md nor docs/policies.md")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(shipped)} scenario files valid; {len(REJECTED_BY_SCHEMA)} malformed files rejected by the schema, "
          f"{len(LOADER_ONLY)} left to the loader; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
