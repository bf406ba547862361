"""The effect of agency rules: a run with rules against the same scenario without them.

Both runs must share the scenario, seed and replication count, so that replication k
of one pairs with replication k of the other (common random numbers). For groups of
councils (members, non-members, all councils; or, with --by-region, each region of a
scenario of several and England) it reports, at a chosen period, each run's median and
90% band and the paired difference with a 95% confidence interval.

    wfsim-analysis rule-effect WITH.h5 WITHOUT.h5 --members A,B,... [--date YYYY-MM-DD]
    wfsim-analysis rule-effect WITH.h5 WITHOUT.h5 --by-region [--period -1]
"""
import argparse
import re
import sys

import numpy as np
import yaml

from .assumptions import canonical_key
from .damaged_input import crash_guarded, damaged_message, from_damage, standard_output_failed
from .results import (TOTAL_ROWS, ResultsError, as_text, check_regions_as_run, close_names, match_name, period_index,
                      period_of_date, regions_of)
from .once import refuse_empty_file_names, refuse_repeats
from .paired_runs import check_paired, open_run, refuse_same_path
from .student_t import t975

PROG = "rule_effect"

MEASURES = [("agency_share", "agency share", 100.0, "%"),
            ("vacancy_rate", "vacancy rate", 100.0, "%"),
            ("uncovered_gap", "uncovered gap", 1.0, "posts"),
            ("leavers_to_agency_share", "permanent leavers going to agency", 100.0, "% of leavers, 12 months to date"),
            ("agency_spend", "agency spend", 1e-3, "£k a month"),
            ("agency_leakage", "leakage to non-members", 1.0, "engagements a month"),
            ("agency_engagements_refused", "refused", 1.0, "workers stopped a month, summed over councils")]


def group_series(f, measure, rows, period):
    """Per replication: the group's total (or, for a share, its pooled ratio)."""
    if measure == "agency_share":
        agency = f["series/agency_headcount"][:, rows, period].sum(axis=1)
        permanent = f["series/permanent_headcount"][:, rows, period].sum(axis=1)
        return agency / (agency + permanent)
    if measure == "vacancy_rate":
        vacancies = f["series/vacancies"][:, rows, period].sum(axis=1)
        permanent = f["series/permanent_headcount"][:, rows, period].sum(axis=1)
        return vacancies / (vacancies + permanent)
    if measure == "leavers_to_agency_share":
        periods = f["series/leavers_permanent"].shape[2]
        last = period % periods
        window = slice(max(0, last - 11), last + 1)
        to_agency = f["series/leavers_to_agency"][:, rows, window].sum(axis=(1, 2))
        leavers = f["series/leavers_permanent"][:, rows, window].sum(axis=(1, 2))
        # No share where nobody left (a small group, a short window): counted as 0, such
        # replications pulled the group's share and its difference towards 0.
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(leavers > 0, to_agency / np.where(leavers > 0, leavers, 1), np.nan)
    return f[f"series/{measure}"][:, rows, period].sum(axis=1)


def _window_unit(unit, f, period):
    """'12 months to date', or as many months as the file has up to `period` where it
    has fewer (group_series sums what there is)."""
    months = min(12, period % f["series/leavers_permanent"].shape[2] + 1)
    return unit.replace("12 months", f"{months} month{'s' if months > 1 else ''}") if months < 12 else unit


# The per-replication series the table is made from (a run's default --keep has them).
NEEDED = ("agency_headcount", "permanent_headcount", "vacancies", "uncovered_gap", "leavers_permanent",
          "leavers_to_agency", "agency_spend", "agency_leakage", "agency_engagements_refused")


def missing_series(f):
    return [m for m in NEEDED if f"series/{m}" not in f]


def describe(x):
    lo, med, hi = np.percentile(x, [5, 50, 95])
    return f"{med:.1f} ({lo:.1f} to {hi:.1f})"


def _members(given, councils, regions=()):
    """The councils --members names (any case, spaces around commas ignored); an unknown
    or empty name is an error, not a council quietly counted as a non-member, with the
    nearest councils' names, or --by-region for a region's name."""
    members, unknown = set(), []
    pieces = given.split(",")
    if "" in (p.strip() for p in pieces):
        raise ResultsError(f"--members {given!r} has an empty name: a comma at the start or end, or two together")
    # Four councils' names hold a comma ("Herefordshire, County of"): the longest run of
    # pieces that names a council is taken first, so they can be listed like the rest.
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            found = match_name(",".join(pieces[start:end]).strip(), councils)
            if found is not None:
                members.add(found)
                break
        else:
            unknown.append(pieces[start].strip())
            end = start + 1
        start = end
    if unknown:
        hints = []
        for name in unknown:
            region = match_name(name, list(regions))
            # In any case, as the names are matched ("SURRRY" is near Surrey).
            close = close_names(name, councils)
            if region is not None:
                hints.append(f"{region!r} is a region: --by-region gives each region's councils as a group")
            elif close:
                hints.append(f"for {name!r}, did you mean {' or '.join(repr(c) for c in close)}?")
        listed = ", ".join(repr(u) for u in unknown)
        raise ResultsError(f"--members names {listed}, not among the file's councils"
                           f"{' (' + '; '.join(hints) + ')' if hints else ''}: {'; '.join(councils)}")
    return members


def _scenario(f):
    """The run's scenario as it was simulated (its `extends` resolved, where the file
    keeps that)."""
    return yaml.safe_load(as_text(f["scenario_resolved"][()] if "scenario_resolved" in f else f["scenario"][()])) or {}


def _has_rules(f):
    """Whether the run simulated agency rules (the file lists them in /rule: the
    scenario's, after any --set)."""
    return "rule" in f and f["rule"].shape[0] > 0


def _lists_rules(text):
    """Whether a scenario's text lists agency rules: True or False, or None where it
    cannot say (one that extends a base takes its rules, and may remove them)."""
    try:
        scenario = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(scenario, dict) or "extends" in scenario:
        return None  # a variant's rules merge with its base's (and may remove them)
    return bool(scenario.get("rules"))


def _name_runs(texts):
    """The runs a comparison of a scenario with its rules and without pairs, named for
    the order rule-effect takes them in (the runs of a comparison given in the other
    order were refused as suggested)."""
    lists = [_lists_rules(t) for t in texts]
    if len(lists) == 2 and set(lists) == {True, False}:
        return ["WITH.h5" if has else "WITHOUT.h5" for has in lists], \
            "; then wfsim-analysis rule-effect WITH.h5 WITHOUT.h5 --members rules (or --by-region)"
    return [f"RUN{k + 1}.h5" for k in range(len(texts))], "; then give rule-effect the run with the rules first"


def _changes_membership(override):
    """Whether a --set line changes which councils the rules bind, or when: the whole
    list, a whole rule, a rule's members, or its dates. A change to a rule's length
    leaves them as named."""
    key = canonical_key(override.partition("=")[0].strip())
    whole_rule = re.fullmatch(r"rules\[\d+\]", key) is not None  # rules[0]={...} (canonical_key makes rules.0 so)
    return key == "rules" or whole_rule or ".members" in key or \
        (_about_rules(key) and key.rsplit(".", 1)[-1] in ("members", "from", "until"))


def _membership_overridden(f):
    return any(_changes_membership(line) for line in as_text(f.attrs.get("overrides", "")).splitlines())


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _scenario_as_run(f):
    """The run's scenario with its --set changes applied, as the engine applied them; None
    where one cannot be: a value the file keeps cut short ('... (81 characters)'), a path
    through a key the text lacks, or a value that is not YAML. A run whose --set named
    the rules' members was refused by --members rules, though the file keeps the change."""
    scenario = _scenario(f)
    for line in as_text(f.attrs.get("overrides", "")).splitlines():
        key, _, text = line.partition("=")
        if not key or re.search(r"\(\d+ characters\)$", text.strip()):
            return None
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        parts = [(name, int(index) if index else None) for name, index in _PATH_PART.findall(canonical_key(key))]
        node = scenario
        try:
            for i, (name, index) in enumerate(parts):
                last = i == len(parts) - 1
                if index is None:
                    if last:
                        node[name] = value
                    else:
                        node = node[name]
                elif last:
                    node[index] = value
                else:
                    node = node[index]
        except (KeyError, IndexError, TypeError):
            return None
    return scenario


def _within(item, date):
    """Whether `date` (YYYY-MM-DD) lies in the span an element gives with 'from' and
    'until' (either left out: open), as the scenario writes them."""
    start, end = item.get("from"), item.get("until")
    return (start is None or str(start) <= date) and (end is None or date < str(end))


def _rule_members(f, councils, date):
    """The councils some rule of the run binds as members on `date` (YYYY-MM-DD): the
    rules in force then, and each member whose membership covers it (a council named
    plainly is a member for as long as the rule is in force; every council, for a rule
    whose members are 'all'), with the run's --set changes applied. None for a run
    without rules, or where a --set changing the members or the dates cannot be applied
    from what the file keeps (_scenario_as_run). A council that
    had left the MoC, or not yet joined, was counted among the members, its leakage as
    theirs."""
    if not _has_rules(f):
        return None
    scenario = _scenario_as_run(f) if _membership_overridden(f) else _scenario(f)
    if scenario is None:
        return None
    members = set()
    for rule in scenario.get("rules") or []:
        if not _within(rule, date):
            continue
        listed = rule.get("members")
        if listed == "all":
            return set(councils)
        for item in listed or []:
            if not isinstance(item, dict):
                members.add(item)
            elif _within(item, date):
                members.add(item["authority"])
    return members & set(councils)


def _check_members(members, f, councils, prog, date):
    """A note on stderr where --members is not what the run's rules make members on the
    table's date: its 'members' and 'non-members' would then be other groups than the
    rules'."""
    bound = _rule_members(f, councils, date)
    if bound is None:
        return
    extra, left_out = sorted(members - bound), sorted(bound - members)
    if not extra and not left_out:
        return
    parts = []
    if extra:
        parts.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} given as members, and no rule of the "
                     "run binds them")
    if left_out:
        parts.append(f"{', '.join(left_out)} {'is' if len(left_out) == 1 else 'are'} bound by a rule, and counted "
                     "among the non-members")
    print(f"{prog}: note: --members is not the rules' members: {'; '.join(parts)} (--members rules takes them "
          "from the file)", file=sys.stderr)


def _period_index(text):
    """--period's index. 'total' (which sweep takes) was told argparse's "invalid int
    value": a rule's effect is shown at one period, its refusals counted in it (a walk of the
    help texts)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a period index (0 the first, -1 the last), got {text!r}; a "
                                         "rule's effect is shown at one period, not as a total over the run") from None


def build_parser(prog=PROG):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("with_rules", metavar="WITH.h5", help="results of the scenario with its rules")
    parser.add_argument("without_rules", metavar="WITHOUT.h5", help="the same scenario, seed and replications without")
    # One of the two is needed: the usage line says so ("(--members M | --by-region)"),
    # where it showed both as optional and the command then refused to run without.
    whose = parser.add_mutually_exclusive_group(required=True)
    whose.add_argument("--members", help="comma-separated member councils, 'all', or 'rules' (those the run's "
                                         "rules bind on the table's date, as the scenario names them)")
    whose.add_argument("--by-region", action="store_true",
                       help="instead of --members: each region of the scenario (its 'regions'), and all of them")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--period", type=_period_index, default=-1,
                      help="period index, 0 the first, -1 the last (the default)")
    when.add_argument("--date", metavar="YYYY-MM-DD",
                      help="instead of --period: the last period ending on or before this date, as "
                           "'wfsim info --date' chooses it")
    return parser


# Top-level keys that label a scenario rather than change what it simulates, and the
# rules, whose effect the table is for.
_LABELS_AND_RULES = ("wfsim", "name", "description", "extends", "rules")


def _overrides(f):
    """The run's --set lines in effect: the last for each key, as the engine applies them
    (two runs given the same keys in another order may have run other values)."""
    effective = {}
    for line in as_text(f.attrs.get("overrides", "")).splitlines():
        if line.strip():
            # Keys as the engine reads them: authorities.0 and authorities[0] are one key.
            key, _, value = line.partition("=")
            effective[canonical_key(key)] = f"{canonical_key(key)}={value.strip()}"
    return list(effective.values())


def _about_rules(override):
    key = override.split("=", 1)[0].strip()
    return key == "rules" or key.startswith("rules.") or key.startswith("rules[")


def _paths_differing(x, y, path, found):
    """Appends to `found` the key paths (authorities[3].roles[0].leaving...) where x and y differ."""
    if isinstance(x, dict) and isinstance(y, dict):
        for key in list(x) + [k for k in y if k not in x]:
            _paths_differing(x.get(key), y.get(key), f"{path}.{key}" if path else str(key), found)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)):
            _paths_differing(u, v, f"{path}[{i}]", found)
    elif x != y:
        found.append(path)


def _differences(a, b):
    """What sets the two runs apart, as (in their rules, beyond their rules): the key
    paths of their scenarios (as simulated, `extends` resolved) and their --set lines.
    Names and descriptions are labels, not differences."""
    sa, sb = _scenario(a), _scenario(b)
    beyond = []
    _paths_differing({k: v for k, v in sa.items() if k not in _LABELS_AND_RULES},
                     {k: v for k, v in sb.items() if k not in _LABELS_AND_RULES}, "", beyond)
    oa, ob = _overrides(a), _overrides(b)
    beyond += [f"--set {o}" for o in sorted(set(oa) ^ set(ob))
               if not _about_rules(o) and o.split("=", 1)[0].strip() not in _LABELS_AND_RULES]
    rules = sa.get("rules") != sb.get("rules") or \
        sorted(o for o in oa if _about_rules(o)) != sorted(o for o in ob if _about_rules(o))
    return rules, beyond


def _adds_rules(a, b):
    """Whether the first run's rules are the second's and more: what "with rules minus
    without" means. False where a rule of the second is missing from the first or
    differs there (its members, its length), or --set changed rules in another way."""
    if not _has_rules(b):
        return True
    rules_a, rules_b = (_scenario(f).get("rules") or [] for f in (a, b))
    overrides_a, overrides_b = (sorted(o for o in _overrides(f) if _about_rules(o)) for f in (a, b))
    return overrides_a == overrides_b and len(rules_a) > len(rules_b) and all(r in rules_a for r in rules_b)


def _check_second_members(members, a, b, path, councils, prog, date):
    """A note on stderr where the second file's rules bind other councils on the table's
    date than the first file's: both columns are grouped alike, so a council the MoC
    lost (Wokingham out) was counted among the members in the column of the run where
    it is not one, with no word (an analyst's audit). Each council named with the group
    it is counted in. Nothing where the two files' rules bind the same councils, whatever
    --members names (_check_members speaks of that)."""
    first, second = _rule_members(a, councils, date), _rule_members(b, councils, date)
    if first is None or second is None or first == second:
        return
    parts = []
    for names, verb in ((sorted(second - first), "bind"), (sorted(first - second), "do not bind")):
        if names:
            listed = ", ".join(f"{n} (counted among the {'members' if n in members else 'non-members'})"
                               for n in names)
            parts.append(f"{verb} {listed}")
    print(f"{prog}: note: each group holds the same councils in both columns, but on {date} the rules of {path} "
          f"{' and '.join(parts)}, unlike those of the first file", file=sys.stderr)


def _listed(paths, most=4):
    shown = "; ".join(paths[:most])
    return shown + (f"; and {len(paths) - most} more" if len(paths) > most else "")


def _check_order(args, a, b):
    """The first file must be the run with rules: given the other way round, every
    difference would be reported with its sign turned. Two runs without rules (a lever
    against the baseline, say) are compared as they are."""
    if not _has_rules(a) and _has_rules(b):
        raise ResultsError(f"{args.with_rules} was run without rules and {args.without_rules} with them: give the "
                           "run with the rules first (WITH.h5 WITHOUT.h5)")
    # Both with rules (the national rules against the MoC alone): the first must hold
    # the rules whose effect is measured, so its rules cannot be fewer than the other's.
    if _has_rules(a) and _has_rules(b):
        rules_a, rules_b = ({as_text(n) for n in f["rule"][()]} for f in (a, b))
        if rules_a < rules_b:
            extra = "; ".join(sorted(rules_b - rules_a))
            raise ResultsError(f"{args.without_rules} has every rule of {args.with_rules} and more ({extra}): "
                               "give the run with the rules whose effect you want first (WITH.h5 WITHOUT.h5)")


def _table(args, prog=PROG):
    refuse_same_path(args.with_rules, args.without_rules, "WITH and WITHOUT",
                     "the run with the rules and the run without them")
    with open_run(args.with_rules, name_runs=_name_runs) as a, \
            open_run(args.without_rules, name_runs=_name_runs) as b:
        check_paired(a, b, args.with_rules, args.without_rules, "Run the second without the rules (--set 'rules=[]')")
        names = [as_text(n) for n in a["authority"][:]]
        _check_order(args, a, b)
        for path, f in ((args.with_rules, a), (args.without_rules, b)):
            missing = missing_series(f)
            if missing:
                raise ResultsError(f"{path} keeps no per-replication series of {', '.join(missing)}, which pairing "
                                   "needs: run it again with --keep standard (the default) or --keep all")
        councils = [i for i, n in enumerate(names) if n not in TOTAL_ROWS]
        if args.date is not None:
            args.period, note = period_of_date(args.date, a["date"][()], args.with_rules)
            if note:
                print(note, file=sys.stderr)
        date = as_text(a["date"][period_index(args.period, a["date"].shape[0], args.with_rules)])
        if args.by_region:
            groups = regions_of(a, names)  # the same rows Results.regions gives a chart
            if groups:
                check_regions_as_run(a, args.with_rules)
            if not groups:
                raise ResultsError(f"{args.with_rules}: the scenario lists no regions (its councils are one region): "
                                   "use --members all for them together, or --members rules for the rules' members")
            groups["all regions"] = councils
        else:
            council_names = [names[i] for i in councils]
            if args.members == "rules":
                members = _rule_members(a, council_names, date)
                if members is None and not _has_rules(a):
                    raise ResultsError(f"--members rules: {args.with_rules} was run without agency rules, so none "
                                       "names members: name them")
                if members is None:
                    changed = "; ".join(o for o in _overrides(a) if _changes_membership(o))
                    raise ResultsError(f"--members rules: {args.with_rules} was run with --set changing which "
                                       f"councils its rules bind, or when ({changed}), in a way the file does not "
                                       "keep whole: name the members")
                if not members:
                    print(f"{prog}: note: no rule of {args.with_rules} binds a member on {date} (none is in force, "
                          "or no membership covers the date): every council is a non-member", file=sys.stderr)
            else:
                regions = list(regions_of(a, names))
                members = set(council_names) if args.members == "all" else \
                    _members(args.members, council_names, regions)
                # 'all' asks for every council by name: the note that the rules bind fewer
                # listed every council they do not, as if by mistake (an analysis walkthrough).
                if args.members != "all":
                    _check_members(members, a, council_names, prog, date)
            if _has_rules(b):
                _check_second_members(members, a, b, args.without_rules, council_names, prog, date)
            groups = {"members": [i for i in councils if names[i] in members],
                      "non-members": [i for i in councils if names[i] not in members],
                      "all councils": councils}
            if not groups["non-members"]:
                # Every council a member: "all councils" would repeat "members" row for row.
                del groups["all councils"]
        n = a.attrs["replications"]
        if n < 2:
            raise ResultsError(f"{args.with_rules} has {n} replication: an interval needs at least 2")
        rules_differ, beyond = _differences(a, b)
        # Headed as the rules' effect only when the rules are all that differs: a
        # "without" file that differs in anything else (another turnover, a lever) once
        # had that difference credited to the rules.
        if _has_rules(a) and beyond:
            print(f"{prog}: note: {args.with_rules} and {args.without_rules} differ in more than their rules "
                  f"({_listed(beyond)}): the table gives the difference of the first from the second, not the "
                  "rules' effect alone", file=sys.stderr)
        elif beyond:
            # Two runs without rules (a lever against the baseline) were compared without a
            # word of what set them apart, which the page promises (a docs walkthrough).
            print(f"{prog}: note: {args.with_rules} and {args.without_rules} were both run without agency rules and "
                  f"differ in {_listed(beyond)}: the table gives the difference of the first from the second",
                  file=sys.stderr)
        elif _has_rules(a) and not rules_differ:
            print(f"{prog}: note: {args.with_rules} and {args.without_rules} have the same rules: the table gives "
                  "the difference of the first from the second", file=sys.stderr)
        adds_rules = _adds_rules(a, b)
        if _has_rules(a) and rules_differ and not beyond and not adds_rules:
            # The MoC without one council against the MoC: both "with rules", neither
            # the other's rules and more. Headed "with minus without", each difference
            # read as a rule's effect, whichever way round they were given.
            print(f"{prog}: note: the rules of {args.with_rules} differ from those of {args.without_rules} in their "
                  "terms (members, lengths, dates), not by rules added: the table gives the difference of the first "
                  "from the second", file=sys.stderr)
        if _has_rules(a) and rules_differ and not beyond and adds_rules:
            print(f"At {date}, {n} paired replications; median (5% to 95%); difference with rules minus "
                  f"without: mean [95% CI]\n")
            print("| group | measure | with rules | without | difference |")
        else:  # not the rules alone: say what is compared
            print(f"At {date}, {n} paired replications; median (5% to 95%); difference of {args.with_rules} from "
                  f"{args.without_rules}: mean [95% CI]\n")
            print(f"| group | measure | {args.with_rules} | {args.without_rules} | difference |")
        print("| --- | --- | --- | --- | --- |")
        for group, rows in groups.items():
            if not rows:
                continue
            for measure, label, scale, unit in MEASURES:
                unit = _window_unit(unit, a, args.period)
                x = group_series(a, measure, rows, args.period) * scale
                y = group_series(b, measure, rows, args.period) * scale
                print(_row(group, label, unit, x, y))
    return 0


def _row(group, label, unit, x, y):
    """One line of the table: the pairs where the measure is defined in both runs (a
    share of leavers is not where nobody left), and how many those are if not all."""
    defined = np.isfinite(x) & np.isfinite(y)
    n, used = len(x), int(defined.sum())
    if used < 2:
        return (f"| {group} | {label} ({unit}) | not defined | not defined | not defined: {used} of {n} "
                "replications have it in both runs |")
    x, y = x[defined], y[defined]
    d = x - y
    half = t975(used) * d.std(ddof=1) / np.sqrt(used)
    among = "" if used == n else f" ({used} of {n} replications have it in both runs)"
    return (f"| {group} | {label} ({unit}){among} | {describe(x)} | {describe(y)} | "
            f"{d.mean():+.2f} [{d.mean() - half:+.2f}, {d.mean() + half:+.2f}] |")


def _run(args, prog=PROG):
    try:
        return _table(args, prog)
    except ResultsError as err:
        print(f"{prog}: error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - only errors that say the input is damaged are caught here
        if not from_damage(err):
            raise
        print(f"{prog}: error: {damaged_message([args.with_rules, args.without_rules], err)}", file=sys.stderr)
        return 2


def _parse(argv, prog=PROG):
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    refuse_repeats(parser, list(sys.argv[1:] if argv is None else argv))
    refuse_empty_file_names(parser, args)
    if args.members is not None and not args.members.strip():
        parser.error("--members is empty: give member councils, 'all' or 'rules'")
    return args


def main(argv=None, prog=PROG):
    """The table, computed in this process (`prog` names the command in messages:
    wfsim-analysis rule-effect runs it too)."""
    return _run(_parse(argv, prog), prog)


def entry(argv=None, prog=PROG):
    """The command line: as main(), in a child process that a crash inside HDF5 on a
    damaged input cannot take down without a message (damaged_input.crash_guarded)."""
    try:
        args = _parse(argv, prog)
    except BrokenPipeError:
        raise  # the reader chose to stop (`--help | head`)
    except OSError as err:  # --help to a full disk
        return standard_output_failed(err, prog)
    return crash_guarded(lambda: _run(args, prog), [args.with_rules, args.without_rules], prog, until_exit=True)


if __name__ == "__main__":
    sys.exit(entry())
