#!/usr/bin/env python3
"""Writes the South East regional scenarios from the official workforce indicators.

Usage: tools/make-regional-scenarios.py [--out DIR]   (standard library only)

--out writes the four files into DIR (which must exist) instead of scenarios/: the
test suite regenerates them there and compares them with the shipped ones.

Each council's size comes from its row in data/csww_indicators_2017_2023.csv:
headcount in post, agency headcount, vacancies (FTE converted to posts at the council's
FTE per head) and turnover. Everything else is an assumption, stated in the output.
"""
import argparse
import csv
import math
import os
import pathlib
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "csww_indicators_2017_2023.csv"

# ASSUMPTION: the South East MoC had 17 members (002_ec599bf11c13242a.txt) but the
# seeds do not list them. Of the 19 South East councils in the data, the two taken to
# stay out are illustrative, chosen among the heaviest agency users.
NON_MEMBERS = {"Reading", "Windsor and Maidenhead"}


def rows(year):
    with open(DATA, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["time_period"] == str(year) and r["region_name"] == "South East" and \
                    r["geographic_level"] == "Local authority":
                yield r


def number(text, default=0.0):
    try:
        return float(text)
    except ValueError:  # suppressed: low, u, x, z
        return default


def council(r, later=None):
    headcount = int(number(r["inpost_headcount"]))
    fte = number(r["inpost_fte"])
    fte_per_head = min(1.0, fte / headcount) if headcount else 1.0
    vacancies = round(number(r["vacancy_fte"]) / fte_per_head)
    agency = int(number(r["agency_headcount"]))
    turnover = number(r["turnover_rate_fte"]) / 100
    note = ""
    if turnover == 0 and later is not None:
        # A turnover of 0 (East Sussex, 2017) is a gap in the data, not a year with no
        # leavers: take the next year's.
        turnover = number(later["turnover_rate_fte"]) / 100
        note = f" (the year's figure is 0: {later['time_period']}'s)"
    posts = headcount + vacancies
    covering = min(agency, vacancies)
    starters = number(r["starters_headcount"])
    return dict(name=r["la_name"], posts=posts, in_post=headcount, fte=round(fte_per_head, 3),
                agency=covering, turnover=round(turnover, 3), turnover_note=note, starters=starters)


def absent_at_start(c):
    return round(c["in_post"] * 0.04)


# The labour market's weight on workload (MARKET below), which the appeals allow for.
WORKLOAD_WEIGHT = -1.0


def start_workload_factor(c):
    """As the model weighs a council's workload in workers' choices at the start
    (engine/model/workload_factor.hpp): e^(workload x (posts per person at work - 1))
    where above 1."""
    at_work = max(1.0, c["in_post"] - absent_at_start(c) + c["agency"])
    pressure = max(0.0, c["posts"] / at_work - 1)
    return math.exp(WORKLOAD_WEIGHT * pressure) if pressure > 0 else 1.0


def two_decimals(x):
    """x rounded half away from zero to 2 decimals, as `wfsim init` writes it."""
    return math.copysign(math.floor(abs(x) * 100 + 0.5) / 100, x) + 0.0


def set_appeals(councils):
    """Each council's appeal to the pool's seekers, by the rule `wfsim init --region`
    uses (engine/import/market_scenario.cpp, set_appeal_to_seekers; docs/england.md)
    applied to this script's own inputs (its turnover is the FTE rate, its vacancies
    rounded its own way, and agency workers beyond the vacancies left out):
    e^appeal in proportion to its leavers / (vacancies x workload factor at the start),
    scaled so that the region's seekers weigh its posts as much in all as with none, so
    that at the data's vacancies each council's share of the pool follows its leavers.
    Without it a seeker weighs councils by their posts waiting, and a council with few
    vacancies for its leavers fills too slowly (its vacancy rate rises for years) while
    one with many fills too fast. Within +-3."""
    def leavers(c):
        return max(c["turnover"], 0.05) * max(c["in_post"], 1)

    def weighed_posts(c):
        return max(c["posts"] - c["in_post"], 1) * start_workload_factor(c)

    all_posts = sum(weighed_posts(c) for c in councils)
    all_leavers = sum(leavers(c) for c in councils)
    for c in councils:
        factor = leavers(c) / weighed_posts(c) * all_posts / all_leavers
        c["appeal"] = min(3.0, max(-3.0, two_decimals(math.log(factor))))
    return councils


def number_text(x):
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# Councils sharing a boundary (the Isle of Wight: the ferry routes to Portsmouth and
# Southampton, and Hampshire), from the ONS map of local authority districts, 2019.
# Being neighbours is mutual; each pair is listed once, under the first in the data's
# order.
NEIGHBOURS = {
    "Bracknell Forest": ["Hampshire", "Surrey", "Windsor and Maidenhead", "Wokingham"],
    "Brighton and Hove": ["East Sussex", "West Sussex"],
    "Buckinghamshire": ["Milton Keynes", "Oxfordshire", "Slough", "Windsor and Maidenhead"],
    "East Sussex": ["Kent", "Surrey", "West Sussex"],
    "Hampshire": ["Isle of Wight", "Portsmouth", "Southampton", "Surrey", "West Berkshire", "West Sussex",
                  "Wokingham"],
    "Isle of Wight": ["Portsmouth", "Southampton"],
    "Kent": ["Medway", "Surrey"],
    "Oxfordshire": ["Reading", "West Berkshire", "Wokingham"],
    "Reading": ["West Berkshire", "Wokingham"],
    "Slough": ["Windsor and Maidenhead"],
    "Surrey": ["West Sussex", "Windsor and Maidenhead"],
    "West Berkshire": ["Wokingham"],
    "Windsor and Maidenhead": ["Wokingham"],
}


def authority_yaml(c, agency_rate):
    absent = absent_at_start(c)
    # ASSUMPTION: a council's own applicants (from outside the region's pool) come in
    # proportion to the posts it advertises, and fill two fifths of its leavers' posts
    # when its vacancies are at their level in the data (the region's pool fills the
    # rest); 4 in 5 offers are accepted: per post waiting, 0.4 x leavers / (0.8 x
    # vacancies) a year.
    # So each council's vacancies settle near its own figure [DfE], not at one shared
    # rate, and high where few apply.
    leavers = c["turnover"] * c["in_post"]
    vacancies = max(c["posts"] - c["in_post"], 1)
    per_vacancy = min(round(0.4 * leavers / (0.8 * vacancies), 2), 50.0)
    neighbours = NEIGHBOURS.get(c["name"], [])
    neighbour_line = f"    neighbours: [{', '.join(neighbours)}]\n" if neighbours else ""
    # ASSUMPTION: a council with fewer agency workers than vacancies covers that share
    # of its vacancies, as a policy; covering them all, it would drift to the region's
    # ratio of agency workers to vacancies (docs/england.md).
    vacant = c["posts"] - c["in_post"]
    cover_line = ""
    if c["agency"] < vacant:
        cover_line = (f"          vacancy_cover_share: {number_text(c['agency'] / vacant)}"
                      "   # its agency workers per vacancy [DfE]\n")
    return f"""  # {c['name']}: {c['in_post']} in post, {c['posts'] - c['in_post']} vacancies, {c['agency']} agency
  # covering them, turnover {c['turnover']:.1%}{c['turnover_note']}, {c['starters']:.0f} starters [DfE].
  - name: {c['name']}
{neighbour_line}    roles:
      - name: social_worker
        permanent_posts: {c['posts']}
        fte_per_worker: {c['fte']}
        initial: {{in_post: {c['in_post']}, absent: {absent}, agency_covering_vacancies: {c['agency']}}}
        pay: {{salary_per_year: 33000, on_costs: 0.3, agency_rate_per_hour: {agency_rate}, hours_per_week: 37,
              agency_margin_per_hour: 4, agency_employer_costs: 0.143}}
        experience: {{distribution: uniform, min: 0 years, max: 20 years}}
        leaving:
          turnover_per_year: {max(c['turnover'], 0.05)}
          redundancy_share: 0.03
          notice: 3 months
          destinations: {{outside: 0.55, other_council: 0.25, agency: 0.20}}
        recruitment:
          approval_to_offer: {{distribution: lognormal, mean: 17 days, sd: 10 days}}
          offer_to_start: {{distribution: gamma, mean: 49 days, shape: 3}}
          offer_failure_probability: 0.2
          applicants_per_year: 0
          applicants_per_vacancy_per_year: {per_vacancy}
          appeal_to_seekers: {number_text(c['appeal'])}   # its leavers per vacancy against the region's
        agency:
          booking_delay: {{distribution: exponential, mean: 14 days}}
          leaving_per_year: 1.0
          conversion_per_year: 0.05
{cover_line}        long_absences:
          - {{kind: maternity, starts_per_year: 0.03, duration: 9 months}}
          - {{kind: long_term_sickness, starts_per_year: 0.04, duration: {{distribution: lognormal, mean: 3 months, sd: 2 months}}}}
        short_sickness_days_per_year: 8
"""


HEADER = """# {title}
#
# Written by tools/make-regional-scenarios.py from the official workforce indicators
# (data/csww_indicators_2017_2023.csv, year to September {year}) [DfE]. Council sizes,
# vacancies, agency cover, turnover and starters are each council's own figures; the
# rest are ASSUMPTIONS common to all councils:
# - salary £33,000 with 30% on-costs; notice 3 months [000]; time to offer 17 days and
#   to start 66 days [000]; agency booked in 14 days on average [000];
# - an agency charge rate of which £4 an hour is the agency's margin and 14.3% of the
#   worker's pay is employer national insurance (13.8%) and the apprenticeship levy
#   (0.5%), so a £40 charge pays the worker £31.50 an hour;
# - leavers' destinations when no rule bars them: 55% out of councils' children's social
#   work, 25% to another council (in the region or not), 20% to agency work (the DfE's
#   attrition data give 56%, 25% and 18.5% for England over 2021 to 2023,
#   data/csww_attrition_national_2021_2025.csv);
#   agency assignments end at 1.0 a year [004];
# - 4% of workers on long absence at the start; maternity and long-term sickness rates;
# - post-qualified experience spread evenly over 0 to 20 years; 3% of leavers redundant;
# - each council's own applicants: in proportion to its posts advertised, filling two
#   fifths of its leavers' posts at its own vacancy level, the rest coming through the
#   region's pool; agency conversions at 0.05 a year;
# - each council's appeal to the pool's seekers, so that the pool fills its posts in
#   proportion to its leavers at its own vacancies (by `wfsim init --region`'s rule);
# - the share of its vacancies a council covers with agency workers: its agency workers
#   per vacancy, where below 1 (a policy; each vacancy drawn as it opens);
# - the regional pool, the agency market and the labour market's weights, as given
#   below (docs/labour-market.md gives each one's source).
# Regenerate rather than edit: tools/make-regional-scenarios.py
wfsim: 1
name: {name}
start: {start}
duration: {duration}
"""

MARKET = """
# The region's labour market (docs/labour-market.md). Weights of workers' choices, in
# utility units of a multinomial logit:
# - pay 1.4 per unit of ln(pay): Falch (2011, 2017), a 10% premium at one public employer
#   cut quits and raised recruitment by the same 6 to 7 points, an employer-level supply
#   elasticity of about 1.25 to 1.4; the same figure is the elasticity of turnover and
#   of outside applicants to pay relative to the neighbours;
# - agency pay 3.0: ASSUMPTION, agency workers being the most mobile (US travel nurses'
#   supply was "quite elastic", Gottlieb and Zenilman 2020);
# - travel: a neighbouring council -0.5, elsewhere in the region -1.5 (ASSUMPTION; 59% of
#   workers live and work in the same district, ONS 2009); workload -1.0 per unit of
#   posts per worker at work above 1 (ASSUMPTION: a heavy workload is worth 10 to 30% of
#   pay in doctors' choice experiments, Ubach et al. 2003);
# - an idle agency worker -4 and a waiting seeker -3 against taking a post now, and
#   agency work outside the region -1 for a leaver weighing agency work (ASSUMPTIONS).
labour_market:
  pay: 1.4
  agency_pay: 3.0
  neighbour: -0.5
  region: -1.5
  workload: {workload}
  agency_idle: -4
  seeker_waits: -3
  outside_region: -1.0
  bar_horizon: 12 months
  review_interval: 14 days
  quit_pay_elasticity: 1.4
  applicant_pay_elasticity: 1.4

# ASSUMPTION: the agency market. Agency workers have careers: an assignment ends at 1.0
# a year [004] and the worker takes another unless they leave agency work (3 in 10
# endings; 4 in 10 of those to a permanent post in the region). New agency workers
# (from other regions, returners) join as the region's pay draws them, with an
# elasticity of 1 to its mean pay against the region's own at the start; an idle one
# finds nothing and leaves at 4 a year. ASSUMPTION: their post-qualified experience is
# spread as the pool's arrivals' (no source gives agency workers' own): the national
# rules' 3-year threshold then bars some of them, where a fixed 5 years barred none.
# {joiners_note}
agency_supply:
  - {{role: social_worker, available_at_start: 40, joining_per_year: {joiners}, leaving_per_year: 4,
     leave_at_assignment_end: 0.3, leaving_to_permanent: 0.4, supply_elasticity: 1.0,
     experience: {{distribution: uniform, min: 1 year, max: 15 years}}}}
labour_pool:
  - role: social_worker
    newly_qualified: {{per_year: 20, month: 9}}
    returners_per_year: 10
    arrivals_per_year: 10
    leaving_per_year: 1.0
    experience: {{distribution: uniform, min: 1 year, max: 15 years}}
"""

# Agency joiners a year. 2016: fitted so that the region's median agency share at 30
# September 2017 is the data's 13.8% (200 replications, seed 11; 13.8% in 2018 against
# the data's 14.0%). The 300 used before, with every council covering every vacancy,
# gave 15.2%; with each council covering its own share it left 10 to 18 agency workers
# idle (medians; 14.3%); at 225, with the MoC, the median is none and bookings wait
# for a worker, as they did before (without the MoC about 20 are idle, means). 2024: 300, with which bookings already wait (the agency share 15.5% at
# September 2025, rising towards the data's 16.4% for 2023).
JOINERS_2016 = 225
JOINERS_2024 = 300


def south_east_moc(out):
    later = {r["la_name"]: r for r in rows(2018)}
    councils = set_appeals([council(r, later.get(r["la_name"])) for r in rows(2017)])
    members = [c["name"] for c in councils if c["name"] not in NON_MEMBERS]
    assert len(members) == 17, members
    text = HEADER.format(title="The South East Memorandum of Cooperation, April 2016", year=2017,
                         name="South East, MoC from April 2016", start="2016-01-01", duration="4 years")
    text += "description: >\n  19 South East councils sharing one labour market; 17 sign the MoC on\n"
    text += "  4 April 2016 (rate cap and 6-month cooling-off). Run with --set 'rules=[]' for no MoC.\n"
    text += "authorities:\n"
    for c in councils:
        # ASSUMPTION: members pay £40 an hour before the cap; non-members £45.
        text += authority_yaml(c, 45 if c["name"] in NON_MEMBERS else 40)
    text += MARKET.format(joiners=JOINERS_2016, workload=WORKLOAD_WEIGHT,
                          joiners_note="Joiners a year: fitted so that the region's agency share at 30 September\n# 2017 is the data's 13.8% [DfE] (tools/make-regional-scenarios.py says how).")
    member_list = "\n".join(f"      - {m}" for m in members)
    text += f"""
# The MoC (002_ec599bf11c13242a.txt): live 4 April 2016, 17 members; "any children's
# social worker leaving a permanent contract will not be employed on an agency contract
# by another authority in the region within 6 months"; "the agency rate has been capped"
# (ASSUMPTION: at £35 an hour; the seeds do not give the figure).
rules:
  - name: SE MoC cooling-off
    kind: cooling_off
    scope: other_members
    length: 6 months
    from: 2016-04-04
    members:
{member_list}
  - name: SE MoC rate cap
    kind: rate_cap
    caps_per_hour: {{social_worker: 35}}
    from: 2016-04-04
    members:
{member_list}
"""
    (out / "south-east-moc-2016.yaml").write_text(text, encoding="utf-8")
    # The same region with no MoC: every council free to engage anyone at its own rate.
    without = text[:text.index("\n# The MoC (002_")] + "\n"
    without = without.replace("# The South East Memorandum of Cooperation, April 2016\n",
                              "# The South East without its Memorandum of Cooperation: the baseline for\n"
                              "# south-east-moc-2016.yaml\n", 1)
    without = without.replace("name: South East, MoC from April 2016", "name: South East, no MoC")
    without = without.replace("17 sign the MoC on\n  4 April 2016 (rate cap and 6-month cooling-off). Run with --set 'rules=[]' for no MoC.",
                              "none signs the MoC:\n  the baseline against which south-east-moc-2016.yaml shows the MoC's effect.")
    (out / "south-east-no-moc-2016.yaml").write_text(without, encoding="utf-8")


SE_MOC_2022 = """  - name: SE MoC cooling-off 2022
    kind: cooling_off
    scope: other_members
    length: 6 months
    from: 2022-04-01
    members: all
"""

SE_MOC_2022_NOTE = """
# The region's own agreement, in force since before the run and kept throughout: the
# South East MoC, "updated and re-launched in April 2022. All nineteen SE local
# authorities ... committed" (SESLIP), with the 6-month rule of 2016 (ASSUMPTION: the
# relaunch kept 6 months; its rate cap was not found), as data/regional_agreements.yaml
# has it and England's scenario carries it.
#
# ASSUMPTION: every council pays agencies £45 an hour in 2024 (2016's £40 to £45, seven
# years on; no figure was found), so the worker gets £35.87 an hour, £41 with employer
# costs: above the national price cap of £38, which therefore binds. England's scenario
# keeps £40, where it does not (docs/england.md).
"""


def national_2024(out):
    councils = set_appeals([council(r) for r in rows(2023)])

    def body(title, name, description):
        text = HEADER.format(title=title, year=2023, name=name, start="2024-04-01", duration="4 years")
        text += "description: >\n" + description + "authorities:\n"
        for c in councils:
            text += authority_yaml(c, 45)
        return text + MARKET.format(joiners=JOINERS_2024, workload=WORKLOAD_WEIGHT,
                                joiners_note="Joiners a year: ASSUMPTION (with them bookings wait for workers, and the\n# agency share rises towards the data's 16.4% for 2023).") + SE_MOC_2022_NOTE

    text = body("The national agency rules of October 2024, in the South East",
                "South East under the national agency rules",
                "  19 South East councils; England's statutory guidance on agency social workers\n"
                "  applies from 31 October 2024, with price caps from 1 October 2025, on top of the\n"
                "  region's MoC (all 19 since April 2022). national-rules-2024-moc-only.yaml is the\n"
                "  same region with the MoC alone.\n")
    text += """#
# England's statutory guidance, "Child and family social workers: agency rules" (DfE):
# "in force on 31 October 2024 and has a transition end date of 1 October 2025"
# (DfE, "Implementing the agency rules"; docs/regional-rules.md cites each term):
# - at least 3 months before working as agency for the same council or any council in
#   the same region after leaving a permanent post; exceptions: redundancy (below),
#   moving to a permanent role (the rules only restrict agency engagement), another
#   region (leavers from outside the region carry no history here); leaving during
#   probation is not modelled;
# - at least 3 years' post-qualified experience before agency work;
# - regional price caps per role on the worker's pay with employer national insurance
#   and the apprenticeship levy, for new assignments from 1 October 2025 (ASSUMPTION:
#   £38 an hour, a £42 charge at the £4 margin; the South East's figure was not found).
# - existing assignments brought into line by the transition end date, 1 October 2025:
#   an agency worker in post whom the rules would refuse then leaves the assignment.
rules:
""" + SE_MOC_2022 + """  - name: national cooling-off
    kind: cooling_off
    scope: any_member
    length: 3 months
    exempt: [redundancy]
    from: 2024-10-31
    existing_from: 2025-10-01
    members: all
  - name: national experience
    kind: experience
    min_experience: 3 years
    from: 2024-10-31
    existing_from: 2025-10-01
    members: all
  - name: national price cap
    kind: rate_cap
    applies_to: pay_and_employer_costs
    caps_per_hour: {social_worker: 38}
    from: 2025-10-01
    members: all
"""
    (out / "national-rules-2024.yaml").write_text(text, encoding="utf-8")
    # The same region with its MoC alone: what the national rules are compared with.
    # Rules draw no random numbers, so run with the same seed it shares every draw.
    moc_only = body("The South East in 2024 with its MoC alone, without the national agency rules",
                    "South East, MoC alone (no national rules)",
                    "  19 South East councils under their MoC (all 19 since April 2022) and no national\n"
                    "  rules: the baseline against which national-rules-2024.yaml shows the national\n"
                    "  rules' effect.\n")
    moc_only += "rules:\n" + SE_MOC_2022
    (out / "national-rules-2024-moc-only.yaml").write_text(moc_only, encoding="utf-8")


MADE_BY = "# Written by tools/make-regional-scenarios.py"  # in the first lines of each file it writes


def main():
    parser = argparse.ArgumentParser(description="Write the South East regional scenarios from the official data.")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "scenarios",
                        help="folder to write them into (default: the repository's scenarios/)")
    out = parser.parse_args().out
    if not out.is_dir():
        print(f"error: --out {out}: no such folder", file=sys.stderr)
        return 2
    names = ("south-east-moc-2016.yaml", "south-east-no-moc-2016.yaml", "national-rules-2024.yaml",
             "national-rules-2024-moc-only.yaml")
    for name in names:  # checked before any is written
        target = out / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            print(f"error: {target} is not a file: move it aside first", file=sys.stderr)
            return 2
        if target.exists():
            with open(target, "rb") as f:
                head = f.read(4096)
                if not head.startswith(b"#") or MADE_BY.encode() not in head:
                    print(f"error: {target} is not a scenario this script writes: move it aside first",
                          file=sys.stderr)
                    return 2
    # Written whole in a folder of their own, then all four copied beside their places,
    # and only then renamed over them (a rename within a file system is whole): a
    # failure before the renames leaves the old set, removing the copies.
    partials = []
    try:
        with tempfile.TemporaryDirectory() as made:
            south_east_moc(pathlib.Path(made))
            national_2024(pathlib.Path(made))
            for name in names:
                handle, partial = tempfile.mkstemp(prefix=f".{name}.partial-", dir=out)
                os.close(handle)
                partials.append(partial)
                shutil.copyfile(pathlib.Path(made) / name, partial)
                os.chmod(partial, 0o644)
        for name, partial in zip(names, partials):
            os.replace(partial, out / name)
    finally:
        for partial in partials:
            if os.path.exists(partial):
                os.unlink(partial)
    print(f"wrote south-east-moc-2016.yaml, south-east-no-moc-2016.yaml, national-rules-2024.yaml and "
          f"national-rules-2024-moc-only.yaml in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
