#!/usr/bin/env python3
"""Writes the South East regional scenarios from the official workforce indicators.

Usage: tools/make-regional-scenarios.py   (from the repository root; standard library only)

Each council's size comes from its row in data/csww_indicators_2017_2023.csv:
headcount in post, agency headcount, vacancies (FTE converted to posts at the council's
FTE per head) and turnover. Everything else is an assumption, stated in the output.
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "csww_indicators_2017_2023.csv"

# ASSUMPTION: the South East MoC had 17 members (002_ec599bf11c13242a.txt) but the
# seeds do not list them. Of the 19 South East councils in the data, the two taken to
# stay out are illustrative, chosen among the heaviest agency users.
NON_MEMBERS = {"Reading", "Windsor and Maidenhead"}


def rows(year):
    with open(DATA, newline="") as f:
        for r in csv.DictReader(f):
            if r["time_period"] == str(year) and r["region_name"] == "South East" and \
                    r["geographic_level"] == "Local authority":
                yield r


def number(text, default=0.0):
    try:
        return float(text)
    except ValueError:  # suppressed: low, u, x, z
        return default


def council(r):
    headcount = int(number(r["inpost_headcount"]))
    fte = number(r["inpost_fte"])
    fte_per_head = min(1.0, fte / headcount) if headcount else 1.0
    vacancies = round(number(r["vacancy_fte"]) / fte_per_head)
    agency = int(number(r["agency_headcount"]))
    turnover = number(r["turnover_rate_fte"]) / 100
    posts = headcount + vacancies
    covering = min(agency, vacancies)
    return dict(name=r["la_name"], posts=posts, in_post=headcount, fte=round(fte_per_head, 3),
                agency=covering, turnover=round(turnover, 3))


def authority_yaml(c, agency_rate):
    absent = round(c["in_post"] * 0.04)
    return f"""  # {c['name']}: {c['in_post']} in post, {c['posts'] - c['in_post']} vacancies, {c['agency']} agency
  # covering them, turnover {c['turnover']:.1%} [DfE].
  - name: {c['name']}
    roles:
      - name: social_worker
        permanent_posts: {c['posts']}
        fte_per_worker: {c['fte']}
        initial: {{in_post: {c['in_post']}, absent: {absent}, agency_covering_vacancies: {c['agency']}}}
        pay: {{salary_per_year: 33000, on_costs: 0.3, agency_rate_per_hour: {agency_rate}, hours_per_week: 37}}
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
          applicants_per_year: {round(0.05 * c['posts'], 1)}
        agency:
          booking_delay: {{distribution: exponential, mean: 14 days}}
          leaving_per_year: 1.0
          conversion_per_year: 0.05
        long_absences:
          - {{kind: maternity, starts_per_year: 0.03, duration: 9 months}}
          - {{kind: long_term_sickness, starts_per_year: 0.04, duration: {{distribution: lognormal, mean: 3 months, sd: 2 months}}}}
        short_sickness_days_per_year: 8
"""


HEADER = """# {title}
#
# Written by tools/make-regional-scenarios.py from the official workforce indicators
# (data/csww_indicators_2017_2023.csv, year to September {year}) [DfE]. Council sizes,
# vacancies, agency cover and turnover are each council's own figures; the rest are
# ASSUMPTIONS common to all councils:
# - salary £33,000 with 30% on-costs; notice 3 months [000]; time to offer 17 days and
#   to start 66 days [000]; agency booked in 14 days on average [000];
# - leavers' destinations: 55% out of the region or profession, 25% to another council,
#   20% to agency work; agency assignments end at 1.0 a year [004];
# - 4% of workers on long absence at the start; maternity and long-term sickness rates;
# - post-qualified experience spread evenly over 0 to 20 years; 3% of leavers redundant;
# - external applicants at 5% of establishment a year; agency conversions at 0.05 a year;
# - the regional pool: newly qualified cohorts each September, returners and arrivals,
#   and the agency market's joiners, as given below.
# Regenerate rather than edit: tools/make-regional-scenarios.py
wfsim: 1
name: {name}
start: {start}
duration: {duration}
agency_ranking: highest_rate_first
"""

MARKET = """
# ASSUMPTION: the region's labour market. About 700 agency workers are in post at the
# start; assignments end at 1.0 a year, so some 650 a year must join to sustain them.
# Permanent supply (newly qualified, returners, arrivals, movers between councils and
# each council's own applicants) is set to about match the region's 550 leavers a
# year once one offer in five has failed, so that vacancies neither vanish nor grow.
agency_supply:
  - {role: social_worker, available_at_start: 40, joining_per_year: 650, leaving_per_year: 4}
labour_pool:
  - role: social_worker
    newly_qualified: {per_year: 200, month: 9}
    returners_per_year: 30
    arrivals_per_year: 80
    leaving_per_year: 1.0
    experience: {distribution: uniform, min: 1 year, max: 15 years}
"""


def south_east_moc():
    councils = [council(r) for r in rows(2017)]
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
    text += MARKET
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
    (ROOT / "scenarios" / "south-east-moc-2016.yaml").write_text(text)
    # The same region with no MoC: every council free to engage anyone at its own rate.
    without = text[:text.index("\n# The MoC (002_")] + "\n"
    without = without.replace("name: South East, MoC from April 2016", "name: South East, no MoC")
    without = without.replace("17 sign the MoC on\n  4 April 2016 (rate cap and 6-month cooling-off). Run with --set 'rules=[]' for no MoC.",
                              "none signs the MoC:\n  the baseline against which south-east-moc-2016.yaml shows the MoC's effect.")
    (ROOT / "scenarios" / "south-east-no-moc-2016.yaml").write_text(without)


def national_2024():
    councils = [council(r) for r in rows(2023)]
    text = HEADER.format(title="The national agency rules of October 2024, in the South East", year=2023,
                         name="South East under the national agency rules", start="2024-04-01", duration="4 years")
    text += "description: >\n  19 South East councils; England's statutory guidance on agency social workers\n"
    text += "  applies from 1 October 2024, with price caps from 1 October 2025.\n"
    text += "authorities:\n"
    for c in councils:
        text += authority_yaml(c, 45)
    text += MARKET
    text += """
# England's statutory guidance (DOMAIN.md, "Agency rules that exist"), from October 2024:
# - at least 3 months before working as agency for the same council or any council in
#   the same region after leaving a permanent post; exceptions: redundancy (below),
#   moving to a permanent role (the rules only restrict agency engagement), and
#   another region (leavers from outside the region carry no history here);
# - at least 3 years' post-qualified experience before agency work;
# - regional price caps per role from October 2025 (ASSUMPTION: £42 an hour).
rules:
  - name: national cooling-off
    kind: cooling_off
    scope: any_member
    length: 3 months
    exempt: [redundancy]
    from: 2024-10-01
    members: all
  - name: national experience
    kind: experience
    min_experience: 3 years
    from: 2024-10-01
    members: all
  - name: national price cap
    kind: rate_cap
    caps_per_hour: {social_worker: 42}
    from: 2025-10-01
    members: all
"""
    (ROOT / "scenarios" / "national-rules-2024.yaml").write_text(text)


if __name__ == "__main__":
    south_east_moc()
    national_2024()
    print("wrote scenarios/south-east-moc-2016.yaml, south-east-no-moc-2016.yaml and national-rules-2024.yaml")
