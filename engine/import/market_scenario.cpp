#include "import/market_scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

#include "import/agreement_rules.hpp"
#include "import/calibration_factors.hpp"
#include "import/council_figures.hpp"
#include "import/data_file.hpp"
#include "import/data_quirks.hpp"
#include "import/region_definitions.hpp"
#include "import/yaml_text.hpp"
#include "kernel/calendar.hpp"
#include "model/workload_factor.hpp"
#include "scenario/run_length.hpp"

namespace wfsim::import {

namespace {

// The day after the run of `duration` ("5 years") from `start` (YYYY-MM-DD), as a
// scenario's duration ends it; the text was checked as N and a unit by the caller.
std::string run_end_date(const std::string& start, const std::string& duration) {
  return kernel::format_iso_date(scenario::run_end_day(kernel::days_from_civil(*kernel::parse_iso_date(start)),
                                                       scenario::duration_text_days(duration).value_or(0), duration));
}

struct Council {
  std::string name;
  std::string region;
  int in_post = 0;
  int posts = 0;
  int covering = 0;   // agency covering vacancies
  int temporary = 0;  // agency beyond the vacancies, in temporary posts
  double fte = 1;
  double turnover = 0;
  double per_vacancy = 0;
  int vacant = 0;                // vacancies in workers, from the data
  double leavers = 0;            // permanent leavers a year at the data's turnover
  double appeal_to_seekers = 0;  // set once the region's councils are read
  std::string comment;
};

// ASSUMPTION: 4% of those in post are on long absence at the start.
int absent_at_start(const Council& c) { return whole(0.04 * c.in_post); }

// The council's headcount turnover, else its region's (a 0 is a gap in the return), else
// 16% (ASSUMPTION); each stand-in noted.
Sourced headcount_turnover(CouncilFigures& f, const CswwRow& row, int in_post) {
  if (auto t = f.own("turnover_rate_headcount"); t && *t > 0) {
    const Sourced own{*t / 100, "[DfE turnover_rate_headcount]"};
    remark_turnover_above_all(f, own.value, in_post);
    return own;
  } else {
    const CswwRow* region_row = f.region();
    const auto& cell =
        region_row ? region_row->figure("turnover_rate_headcount") : row.figure("turnover_rate_headcount");
    const bool regional = region_row && cell.value;
    f.note("turnover_rate_headcount",
           (t ? zero_turnover_reason(in_post) + "; " : "") +
               (regional ? "used the region's turnover" : "the region gives none either: used 16% (ASSUMPTION)"));
    return Sourced{regional ? *cell.value / 100 : 0.16, "the region's turnover"};
  }
}

Council read_council(const CswwData& data, const CswwRow& row, const std::string& region, double applicants,
                     std::vector<std::string>& notes) {
  CouncilFigures f(data, row, notes);
  Council c;
  c.name = row.name;
  c.region = region;
  const std::string who = row.name + " " + std::to_string(row.year);
  const auto headcount = f.first_of({"inpost_headcount", "inpost_fte"});
  c.in_post = headcount ? whole(headcount->value) : 0;
  c.fte = fte_per_worker(f).value;
  const int vacant = whole(vacancies_in_workers(f, c.fte, c.in_post).value);
  const int agency = whole(agency_workers(f, c.in_post).value);
  c.posts = c.in_post + vacant;
  c.covering = std::min(agency, vacant);
  c.temporary = agency - c.covering;
  if (c.in_post == 0) {
    notes.push_back(who + ": no permanent staff in post (" + row.figure("inpost_headcount").cell +
                    "); sized from its " + std::to_string(vacant) +
                    (vacant == 1 ? " vacancy and " : " vacancies and ") + std::to_string(agency) +
                    (agency == 1 ? " agency worker" : " agency workers") + ", with the region's turnover");
  }
  const Sourced turnover = headcount_turnover(f, row, c.in_post);
  c.turnover = std::max(turnover.value, 0.05);
  // ASSUMPTION: a council's own applicants (from outside the region's pool) come in
  // proportion to the posts it advertises, and fill 0.4 of its leavers' posts when its
  // vacancies are at their level in the data (the pool fills the rest); 4 in 5 offers
  // are accepted. So each council's vacancies settle near its own figure [DfE].
  const double leavers = c.turnover * std::max(c.in_post, 1);
  c.per_vacancy = std::min(std::round(100 * applicants * 0.4 * leavers / (0.8 * std::max(vacant, 1))) / 100, 50.0);
  c.vacant = vacant;
  c.leavers = leavers;
  std::ostringstream comment;
  comment << row.name << ": " << c.in_post << " in post, " << vacant << " vacancies, " << agency
          << " agency workers, turnover " << number_text(100 * c.turnover, 1) << "%";
  // Where the region's turnover stood in, say so: the line's own cell is a marker.
  if (turnover.source == "the region's turnover") {
    comment << " (the region's: the council's is " << row.figure("turnover_rate_headcount").cell << ")";
  } else if (turnover.value < c.turnover) {
    // Cumberland's 2.3% and Westmorland and Furness's 2.4% in 2023 were written as
    // "turnover 5% [DfE]", crediting the data with the floor.
    comment << " (at least 5%, an ASSUMPTION: the data's is " << number_text(100 * turnover.value, 1) << "%)";
  }
  comment << " [DfE " << row.year << ", line " << row.line << "]";
  c.comment = comment.str();
  return c;
}

void write_council(std::ostringstream& y, const Council& c) {
  const int absent = absent_at_start(c);
  y << "  # " << c.comment << "\n"
    << "  - name: " << yaml_quoted(c.name) << "\n"
    << "    region: " << yaml_quoted(c.region) << "\n"
    << "    roles:\n"
    << "      - name: social_worker\n"
    << "        permanent_posts: " << c.posts << "\n";
  if (c.temporary > 0) y << "        temporary_posts: " << c.temporary << "   # agency workers beyond the vacancies\n";
  y << "        fte_per_worker: " << number_text(c.fte) << "\n"
    << "        initial: {in_post: " << c.in_post << ", absent: " << absent
    << ", agency_covering_vacancies: " << c.covering + c.temporary << "}\n"
    << "        pay: {salary_per_year: 33000, on_costs: 0.3, agency_rate_per_hour: 40, hours_per_week: 37,\n"
    << "              agency_margin_per_hour: 4, agency_employer_costs: 0.143}\n"
    << "        experience: {distribution: uniform, min: 0 years, max: 20 years}\n"
    << "        leaving:\n"
    << "          turnover_per_year: " << number_text(c.turnover, 3) << "\n"
    << "          redundancy_share: 0.03\n"
    << "          notice: 3 months\n"
    << "          destinations: {outside: 0.55, other_council: 0.25, agency: 0.20}\n"
    << "        recruitment:\n"
    << "          approval_to_offer: {distribution: lognormal, mean: 17 days, sd: 10 days}\n"
    << "          offer_to_start: {distribution: gamma, mean: 49 days, shape: 3}\n"
    << "          offer_failure_probability: 0.2\n"
    << "          applicants_per_year: 0\n"
    << "          applicants_per_vacancy_per_year: " << number_text(c.per_vacancy, 2) << "\n"
    << "          appeal_to_seekers: " << number_text(c.appeal_to_seekers, 2)
    << "   # its leavers per vacancy against the region's (docs/england.md)\n"
    << "        agency:\n"
    << "          booking_delay: {distribution: exponential, mean: 14 days}\n"
    << "          leaving_per_year: 1.0\n"
    << "          conversion_per_year: 0.05\n";
  // ASSUMPTION: a council with fewer agency workers than vacancies covers that share of
  // its vacancies, as a policy; without it the council's agency rate drifts to its
  // region's (docs/england.md).
  if (c.covering < c.vacant) {
    y << "          vacancy_cover_share: " << number_text(static_cast<double>(c.covering) / c.vacant, 3)
      << "   # its agency workers per vacancy [DfE]\n";
  }
  y << "        long_absences:\n"
    << "          - {kind: maternity, starts_per_year: 0.03, duration: 9 months}\n"
    << "          - {kind: long_term_sickness, starts_per_year: 0.04, duration: {distribution: lognormal, mean: 3 "
       "months, sd: 2 months}}\n"
    << "        short_sickness_days_per_year: 8\n";
}

// The weight of workload in workers' choices, as write_markets writes it.
constexpr double kWorkloadWeight = -1.0;

// A council's workload factor in a seeker's choice at the start, by the model's own rule
// (model/workload_factor.hpp), from the staffing the scenario writes.
double start_workload_factor(const Council& c) {
  return model::workload_factor(
      model::posts_per_person_at_work(c.posts + c.temporary, c.in_post - absent_at_start(c) + c.covering + c.temporary),
      kWorkloadWeight);
}

// ASSUMPTION: the region's pool fills each council's posts in proportion to its leavers
// (0.6 of them, as the applicants per vacancy assume). A seeker weighs a council by the
// posts waiting there, so with no appeal of its own a council's share of the pool would
// follow its vacancies, not its leavers: a council with few vacancies for its leavers
// would fill too slowly and its vacancies grow for a year, one with many would fill too
// fast and drain for years (docs/england.md traces it). So each council's appeal makes
// its share follow its leavers at the data's vacancies: e^appeal in proportion to
// leavers / (vacancies x workload factor), scaled so that the region's seekers weigh its
// posts as much in all as with no appeal. Approximately: the vacancies stand for the
// posts waiting for an applicant, which leave out those whose applicant is under way and
// add those opened at a notice; travel is left out (homes follow posts, so it favours
// every council alike but at the region's edges); and the model's workload factors are
// 1 until the first month ends. Within +-3 (a factor of 20): a council cut there (in
// 2023 only Brighton and Hove, with no vacancy and 25 leavers a year) gets less than
// its leavers' share, which its region's others share (1.7% at most more for a South
// East council in tests/test_england.cpp's scenarios, 2026-12-06). The ten-year runs of
// docs/england.md measure how well it holds.
void set_appeal_to_seekers(std::vector<Council>& councils) {
  std::map<std::string, std::pair<double, double>> weighed_posts_and_leavers;  // by region
  for (const Council& c : councils) {
    auto& [posts, leavers] = weighed_posts_and_leavers[c.region];
    posts += std::max(c.vacant, 1) * start_workload_factor(c);
    leavers += c.leavers;
  }
  for (Council& c : councils) {
    const auto& [posts, leavers] = weighed_posts_and_leavers[c.region];
    const double share = c.leavers / (std::max(c.vacant, 1) * start_workload_factor(c));
    const double factor = leavers > 0 && c.leavers > 0 ? share * posts / leavers : 1.0;
    c.appeal_to_seekers = std::clamp(std::round(100 * std::log(factor)) / 100, -3.0, 3.0);
  }
}

// The chosen regions' councils with anyone to simulate, in the data's order.
struct RegionsCouncils {
  std::vector<Council> councils;
  std::size_t rows = 0;                     // the data's council rows for the year
  std::map<std::string, int> region_posts;  // posts by region
};

RegionsCouncils read_councils(const CswwData& data, const std::vector<const RegionDefinition*>& regions, int year,
                              const CalibrationFactors& calibration, std::vector<std::string>& notes) {
  RegionsCouncils found;
  for (const RegionDefinition* region : regions) {
    for (const std::string& data_name : region->data_names) {
      for (const CswwRow* row : data.region(data_name, year)) {
        ++found.rows;
        if (const auto what = data_quirk(row->name, year))
          notes.push_back(row->name + " " + std::to_string(year) + ": " + *what);
        Council c = read_council(data, *row, region->name, factors_of(calibration, region->name).applicants, notes);
        if (c.posts == 0 && c.covering + c.temporary == 0) {
          notes.push_back(row->name + " " + std::to_string(year) +
                          ": dropped: no staff, vacancies or agency workers to simulate");
          continue;
        }
        found.region_posts[region->name] += c.posts;
        found.councils.push_back(std::move(c));
      }
    }
  }
  if (found.councils.empty())
    throw ImportError("no council of the chosen regions has figures for " + std::to_string(year));
  set_appeal_to_seekers(found.councils);
  return found;
}

void write_header(std::ostringstream& y, const std::string& title, int year, const CswwData& data,
                  const RegionsCouncils& found, const std::vector<std::string>& notes,
                  const MarketScenarioOptions& options) {
  y << "# " << title << ", children's social workers at 30 September " << year << ", one labour market per region.\n"
    << "# Written by wfsim " << options.engine_version << ": " << options.command_line << "\n"
    << "# Regenerate rather than edit. Each council's size, vacancies, agency workers and turnover\n"
    << "# are its own [DfE " << data.path() << "]; the rest are ASSUMPTIONS common to every council,\n"
    << "# as in scenarios/south-east-moc-2016.yaml (salary, notice, time to hire, agency booking,\n"
    << "# destinations, absences, experience) and docs/england.md explains. The data has " << found.rows
    << " council\n# rows for " << year << "; " << found.councils.size() << " are simulated.\n";
  if (!notes.empty()) {
    y << "# The data as it is, and what was done:\n";
    for (const auto& n : notes) y << "#   " << n << "\n";
  }
  y << "wfsim: 1\n"
    << "name: " << yaml_quoted(title + ", " + std::to_string(year) + (options.national_rules ? ", national rules" : ""))
    << "\n"
    << "start: " << year << "-10-01\n"
    << "duration: " << options.duration << "\n";
}

// The regions and their neighbours among the chosen, for England's scenario.
void write_regions(std::ostringstream& y, const std::vector<const RegionDefinition*>& regions,
                   const std::vector<std::string>& chosen, const std::string& regions_file) {
  y << "# The regions and their land neighbours [" << regions_file << ", ONS].\n"
    << "regions:\n";
  for (const RegionDefinition* r : regions) {
    y << "  - name: " << yaml_quoted(r->name) << "\n    neighbours: [";
    bool first = true;
    for (const auto& n : r->neighbours) {
      if (std::find(chosen.begin(), chosen.end(), n) == chosen.end()) continue;
      y << (first ? "" : ", ") << yaml_quoted(n);
      first = false;
    }
    y << "]\n";
  }
}

void write_authorities(std::ostringstream& y, const std::vector<Council>& councils, bool england) {
  y << "authorities:\n";
  std::ostringstream body;
  for (const Council& c : councils) write_council(body, c);
  if (england) {
    y << body.str();
    return;
  }
  // One region: no regions list, so no region keys.
  std::istringstream lines(body.str());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("    region: ", 0) != 0) y << line << "\n";
  }
}

// Each region's agency market and pool of seekers, and the weights of workers' choices.
void write_markets(std::ostringstream& y, const std::vector<const RegionDefinition*>& regions,
                   const RegionsCouncils& found, const CalibrationFactors& calibration,
                   const MarketScenarioOptions& options, bool england) {
  y << "# Each region's agency market and pool of seekers, scaled from the South East's (5,300\n"
    << "# posts: 300 agency joiners a year, a pool fed by 20 newly qualified, 10 returners and 10\n"
    << "# arrivals a year) by the region's posts (ASSUMPTION, docs/labour-market.md). No agency\n"
    << "# worker is idle at the start: the data's are all in posts, and bookings wait in every\n"
    << "# region, so idle workers are engaged within weeks (docs/england.md). Agency workers' and\n"
    << "# arrivals' post-qualified experience is spread over 1 to 15 years (ASSUMPTION: no\n"
    << "# source gives it).\n";
  if (options.calibration_file.empty()) {
    y << "# Not calibrated (--calibration none): councils' own applicants and the market's joiners\n"
      << "# are the assumptions' above, unscaled (docs/england.md: the regions' figures move by points).\n";
  }
  if (!options.calibration_file.empty()) {
    y << "# Calibrated [" << options.calibration_file << "]: councils' own applicants per vacancy and\n"
      << "# the market's joiners are scaled per region by\n";
    for (const RegionDefinition* r : regions) {
      if (calibration.count(r->name) == 0) {
        y << "#   " << r->name << ": none in the file, unscaled\n";
        continue;
      }
      y << "#   " << r->name << ": applicants x " << number_text(factors_of(calibration, r->name).applicants)
        << ", joiners x " << number_text(factors_of(calibration, r->name).joiners) << "\n";
    }
  }
  const auto posts = [&](const RegionDefinition* r) {
    const auto p = found.region_posts.find(r->name);
    return p == found.region_posts.end() ? 0 : p->second;
  };
  y << "agency_supply:\n";
  for (const RegionDefinition* r : regions) {
    const double scale = posts(r) / 5300.0 * factors_of(calibration, r->name).joiners;
    y << "  - {role: social_worker" << (england ? ", region: " + r->name : "")
      << ", available_at_start: 0, joining_per_year: " << whole(300 * scale)
      << ",\n     leaving_per_year: 4, leave_at_assignment_end: 0.3, leaving_to_permanent: 0.4, supply_elasticity: "
         "1.0,\n     experience: {distribution: uniform, min: 1 year, max: 15 years}}\n";
  }
  y << "labour_pool:\n";
  for (const RegionDefinition* r : regions) {
    const double scale = posts(r) / 5300.0;
    y << "  - {role: social_worker" << (england ? ", region: " + r->name : "")
      << ", newly_qualified: {per_year: " << whole(20 * scale)
      << ", month: 9}, returners_per_year: " << whole(10 * scale) << ",\n     arrivals_per_year: " << whole(10 * scale)
      << ", leaving_per_year: 1.0, experience: {distribution: uniform, min: 1 year, max: 15 years}}\n";
  }
  y << "# Weights of workers' choices (docs/labour-market.md gives each one's source); other_region:\n"
    << "# a worker leaving a region's market moving to a neighbouring region's instead (ASSUMPTION).\n"
    << "labour_market: {pay: 1.4, agency_pay: 3.0, neighbour: -0.5, region: -1.5, workload: " << kWorkloadWeight
    << ", agency_idle: -4,\n"
    << "                seeker_waits: -3, outside_region: -1.0, other_region: -2.0, bar_horizon: 12 months,\n"
    << "                review_interval: 14 days}\n";
}

// The agreements in force during the run, and the national rules if asked for.
void write_agreements(std::ostringstream& y, const std::vector<Council>& councils,
                      const std::vector<std::string>& chosen, const std::vector<std::string>& known_regions, int year,
                      const MarketScenarioOptions& options, Baseline& result) {
  std::vector<std::string>& notes = result.notes;
  AgreementsRun run{options.agreements_file,
                    chosen,
                    std::to_string(year) + "-10-01",
                    "",
                    year,
                    options.national_rules,
                    {},
                    known_regions};
  run.end = run_end_date(run.start, options.duration);
  for (const Council& c : councils) run.councils[c.region].push_back(c.name);
  const AgreementsText agreements = agreements_in_force(run);
  notes.insert(notes.end(), agreements.notes.begin(), agreements.notes.end());
  result.rule_sources = agreements.sources;
  if (!agreements.not_modelled.empty()) {
    y << "# Agreements not modelled, their terms not found [" << options.agreements_file << "]:\n"
      << agreements.not_modelled;
  }
  if (!agreements.rules.empty()) y << "rules:\n" << agreements.rules;
}

}  // namespace

Baseline market_scenario(const CswwData& data, const std::vector<std::string>& chosen, int year,
                         const MarketScenarioOptions& options) {
  const std::vector<RegionDefinition> all = read_regions(options.regions_file);
  // A region given by its code (E12000008), as a council may be by its own.
  std::vector<std::string> named;
  for (const std::string& c : chosen) named.push_back(data.region_name(c));
  const std::vector<const RegionDefinition*> regions = chosen_regions(all, named, options.regions_file);
  // As the regions file spells them: the agreements name regions so, and "london" given
  // on the command line once wrote none of London's.
  std::vector<std::string> names;
  for (const RegionDefinition* r : regions) names.push_back(r->name);
  const bool england = regions.size() > 1;
  // A year the data lacks is the data's to say: the regions' check below blamed the
  // regions file's first region ("region 'North East' lists 'North East' ...").
  data.require_year(year);
  data.require_regional_rows();  // as the year: blamed on the regions file's first region
  refuse_councils_in_no_region(data, year, all, options.regions_file);
  std::vector<std::string> region_names_all;
  for (const RegionDefinition& r : all) region_names_all.push_back(r.name);
  const CalibrationFile calibration_file = read_calibration(options.calibration_file, region_names_all);
  const CalibrationFactors& calibration = calibration_file.factors;
  Baseline result;
  // Factors fitted to one year, applied to another without a word: a run of 2019 to
  // 2023 compared with the data had the 2023 figures fitted already (an audit).
  if (calibration_file.year != 0 && calibration_file.year != year) {
    const std::string fitted = std::to_string(calibration_file.year);
    result.notes.push_back(options.calibration_file + " was fitted to " + fitted + ", not " + std::to_string(year) +
                           ": its factors are applied as they stand" +
                           (calibration_file.year > year
                                ? ", so a comparison of this run with the data of " + fitted + " is not out of sample"
                                : "") +
                           " (docs/england.md)");
  }
  // A file that lacks a region written left its factors at 1, said only as "x 1" in the
  // header, which reads as a fitted 1 (an audit).
  // A file of no regions ('regions: {}') is a file that lacks them all (a review).
  if (!options.calibration_file.empty()) {
    for (const RegionDefinition* r : regions) {
      if (calibration.count(r->name) == 0) {
        result.notes.push_back(options.calibration_file + " has no factors for " + r->name + ": its councils' own " +
                               "applicants and its agency joiners are the assumptions', unscaled");
      }
    }
  }
  const RegionsCouncils found = read_councils(data, regions, year, calibration, result.notes);
  const std::string title =
      england ? "England" : regions.front()->name + " (" + std::to_string(found.councils.size()) + " councils)";
  std::ostringstream y;
  write_header(y, title, year, data, found, result.notes, options);
  if (england) write_regions(y, regions, names, options.regions_file);
  write_authorities(y, found.councils, england);
  write_markets(y, regions, found, calibration, options, england);
  std::vector<std::string> known_regions;
  for (const RegionDefinition& r : all) known_regions.push_back(r.name);
  write_agreements(y, found.councils, names, known_regions, year, options, result);
  result.yaml = y.str();
  result.council_rows = found.rows;
  return result;
}

}  // namespace wfsim::import
