#include "import/baseline_scenario.hpp"

#include <algorithm>
#include <sstream>

#include "import/council_baseline.hpp"
#include "import/council_figures.hpp"
#include "import/data_quirks.hpp"
#include "import/yaml_text.hpp"

namespace wfsim::import {

namespace {

// The council's role, as a scenario's authority, from its worked-out figures.
void write_council(std::ostringstream& y, const CswwRow& council, const CouncilBaseline& b) {
  y << "  # " << council.name << " (" << council.code << ", " << council.region << "): line " << council.line
    << " of the data, year ending 30 September " << council.year << ".\n"
    << "  - name: " << yaml_quoted(council.name) << "\n"
    << "    roles:\n"
    << "      - name: social_worker\n"
    << "        permanent_posts: " << b.in_post + b.vacant << "   # in post " << b.in_post << " + vacancies "
    << b.vacant << "\n"
    << "        temporary_posts: " << b.temporary << "   # agency workers not covering a vacancy: " << b.agency_workers
    << " " << b.agency.source << " - " << b.covering_vacancies << " covering vacancies\n"
    << "        fte_per_worker: " << number_text(b.fte_per_worker.value) << "   # " << b.fte_per_worker.source << "\n"
    << "        initial:\n"
    << "          in_post: " << b.in_post << "   # " << b.headcount.source << "\n"
    << "          agency_covering_vacancies: " << b.covering_vacancies + b.temporary << "   # " << b.covering_vacancies
    << " vacancies " << b.cover.source << " + " << b.temporary << " temporary posts\n"
    << "        leaving:\n"
    << "          turnover_per_year: " << b.turnover_text << "   # " << b.turnover.source << b.spread_source << "\n"
    << "          notice: 3 months   # ASSUMPTION [000]: \"many candidates have 3 months' notice\"\n"
    << "          destinations: {outside: 0.6, other_council: 0.25, agency: 0.15}   # ASSUMPTION\n"
    << "        recruitment:\n"
    << "          opens_at: notice   # ASSUMPTION: a leaver's post is advertised at once [004]\n"
    << "          approval_to_offer: {distribution: lognormal, mean: 17 days, sd: 10 days}   # ASSUMPTION [000] 17 "
       "days\n"
    << "          offer_to_start: {distribution: gamma, mean: 49 days, shape: 3}   # ASSUMPTION [000] 66 days to "
       "start\n"
    << "          offer_failure_probability: " << number_text(kBaselineOfferFailure) << "   # ASSUMPTION\n"
    << "          # Starters " << number_text(b.starters.value, 1) << " " << b.starters.source
    << " over the offers accepted: a starting value; fit it to the vacancy rate with wfsim calibrate.\n"
    // Marked: a what-if that raises turnover leaves this stream as it is, so its
    // vacancies rest on it (it is the scenario's, not the data's).
    << "          applicants_per_year: " << number_text(b.applicants_per_year, 1)
    << "   # ASSUMPTION: as many whatever the vacancies; applicants_per_vacancy_per_year adds more where more posts "
       "are open\n"
    << "        agency:\n"
    << "          cover_vacancies: true\n"
    << "          cover_absences: true\n"
    << "          booking_delay: {distribution: exponential, mean: 14 days}   # ASSUMPTION [000] agency hire 14 "
       "days; fit it to the agency rate\n"
    << "          leaving_per_year: 1   # ASSUMPTION: an agency assignment lasts a year on average\n"
    << "        pay:   # ASSUMPTION: not in the data; edit for the council\n"
    << "          salary_per_year: 38000\n"
    << "          on_costs: 0.3\n"
    << "          agency_rate_per_hour: 45\n"
    << "          hours_per_week: 37\n"
    << "        short_sickness_days_per_year: " << number_text(b.sickness_days.value, 2) << "   # "
    << b.sickness_days.source << "\n"
    << "    # Caseload " << b.caseload.source << "; feedback off until its elasticity is known.\n"
    << "    workload_feedback: {enabled: false, caseload_at_full_cover: "
    // The model's caseload is this times every post (temporary ones too) over those at
    // work, agency workers among them, as the data's case holders are: so the run
    // starts at the data's caseload. Without the agency workers it started below it
    // (Sutton 2023: 9.4 against the data's 14.5; a review).
    << number_text(b.caseload.value * (b.in_post + b.agency_workers) / std::max(1, b.in_post + b.vacant + b.temporary),
                   2)
    << ", turnover_elasticity: 0.5}   # ASSUMPTION: elasticity\n";
}

}  // namespace

Baseline baseline_scenario(const CswwData& data, const std::vector<const CswwRow*>& councils, int year,
                           const BaselineOptions& options) {
  Baseline result;
  result.notes = options.lookup_notes;
  std::ostringstream body;
  for (const CswwRow* council : councils) {
    // As init --england says it: Cumberland's 2023 row is a part year, its turnover 2.3%.
    if (const auto what = data_quirk(council->name, year)) {
      result.notes.push_back(council->name + " " + std::to_string(year) + ": " + *what);
    }
    write_council(body, *council, council_baseline(data, *council, result.notes, options.with_spread));
  }
  const bool region = councils.size() > 1;
  const std::string title = region ? councils.front()->region + " (" + std::to_string(councils.size()) + " councils)"
                                   : councils.front()->name;
  std::ostringstream y;
  y << "# " << title << ", children's social workers at 30 September " << year << ".\n"
    << "# Written by wfsim " << options.engine_version << ": " << options.command_line << "\n"
    << "# Figures marked [DfE column] come from " << data.path() << " (Department for Education,\n"
    << "# children's social work workforce indicators). ASSUMPTION marks what the data lacks,\n"
    << "# from the seed reports: [000] Buckinghamshire 2015 (000_d147fe7436b3feae.txt), [004]\n"
    << "# Sunderland 2016 (004_87c248fe0fd615f0.txt). Headcounts are used where given, as the\n"
    << "# model counts workers. Check the assumptions, then calibrate (docs/validation.md).\n";
  if (!result.notes.empty()) {
    y << "# Notes: figures suppressed or missing and what stood in for them, and what to check:\n";
    for (const auto& n : result.notes) y << "#   " << n << "\n";
  }
  y << "wfsim: 1\n"
    << "name: " << yaml_quoted(title + ", September " + std::to_string(year) + " (imported)") << "\n"
    << "start: " << year << "-10-01\n"
    << "duration: " << options.duration << "\n"
    << "authorities:\n"
    << body.str();
  result.yaml = y.str();
  return result;
}

}  // namespace wfsim::import
