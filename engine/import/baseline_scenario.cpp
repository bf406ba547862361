#include "import/baseline_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "import/council_figures.hpp"
#include "import/yaml_text.hpp"
#include "import/year_to_year.hpp"

namespace wfsim::import {

namespace {

void write_council(std::ostringstream& y, const CswwData& data, const CswwRow& council, std::vector<std::string>& notes,
                   bool with_spread) {
  CouncilFigures f(data, council, notes);
  const std::string who = council.name + " " + std::to_string(council.year);

  // Size: permanent workers in post, as headcount (the model counts workers).
  const auto headcount = f.first_of({"inpost_headcount", "inpost_fte"});
  if (headcount && headcount->value <= 0) {
    // Nobody in post: on its own the council has no turnover or starters to size its
    // recruitment from. Its region's scenario sizes it from its vacancies and agency
    // workers, with the region's turnover.
    throw ImportError(who + ": no permanent staff in post (inpost_headcount " +
                      council.figure("inpost_headcount").cell + "), so it cannot be modelled on its own; --region '" +
                      council.region + "' or --england includes it, sized from its vacancies and agency workers");
  }
  if (!headcount) {
    throw ImportError(who + ": both inpost_headcount (" + describe_marker(council.figure("inpost_headcount").cell) +
                      ") and inpost_fte (" + describe_marker(council.figure("inpost_fte").cell) +
                      ") are missing; the council cannot be sized");
  }
  const int in_post = whole(headcount->value);
  Sourced fte{1.0, "ASSUMPTION: inpost_fte or inpost_headcount missing, 1 FTE each"};
  if (auto a = f.own("inpost_fte"), b = f.own("inpost_headcount"); a && b && *b > 0) {
    fte = Sourced{std::clamp(*a / *b, 0.05, 1.0), "[DfE inpost_fte / inpost_headcount]"};
    // More FTE than people (Warwickshire 2020: 368.2 for 321) is no worker's contract:
    // capped at 1, and said so rather than written as the data's ratio.
    if (*a / *b > 1.0) {
      fte.source =
          "[DfE inpost_fte / inpost_headcount is " + number_text(*a / *b) + ", more than one FTE each: capped at 1]";
      f.remark("inpost_fte " + council.figure("inpost_fte").cell + " is more than inpost_headcount " +
               council.figure("inpost_headcount").cell + "; used 1 FTE per worker");
    }
  }
  // Vacancies in workers' posts: vacancy FTE over FTE per worker.
  Sourced vacancies;
  if (auto v = f.own("vacancy_fte")) {
    vacancies =
        Sourced{*v / fte.value, "[DfE vacancy_fte " + council.figure("vacancy_fte").cell + " / fte_per_worker]"};
  } else {
    const Sourced r = f.rate("vacancy_rate_fte");
    f.note("vacancy_fte", "derived from the vacancy rate");
    vacancies = Sourced{r.value / (1 - r.value) * in_post, "vacancy rate " + r.source};
  }
  const int vacant = whole(vacancies.value);
  // Agency workers, and how many of them cover vacancies.
  Sourced agency;
  if (auto a = f.first_of({"agency_headcount", "agency_fte"})) {
    agency = *a;
  } else {
    const Sourced r = f.rate("agency_rate_headcount");
    f.note("agency_headcount", "derived from the agency rate");
    agency = Sourced{r.value / (1 - r.value) * in_post, "agency rate " + r.source};
  }
  const int agency_workers = whole(agency.value);
  Sourced cover;
  if (auto c = f.own("agency_cover_fte")) {
    cover = Sourced{*c, "[DfE agency_cover_fte " + council.figure("agency_cover_fte").cell + "]"};
    // Agency workers are counted as people and the cover in FTE: converted at the
    // agency workers' own FTE per head, so that (West Sussex 2022) 83.1 FTE covering
    // of 83.1 FTE and 86 people are 86 workers covering, not 83 and 3 temporary posts.
    const auto head = f.own("agency_headcount"), agency_fte = f.own("agency_fte");
    if (head && agency_fte && *agency_fte > 0 && *head >= *agency_fte) {
      cover = Sourced{*c * *head / *agency_fte, "[DfE agency_cover_fte " + council.figure("agency_cover_fte").cell +
                                                    " x agency_headcount " + council.figure("agency_headcount").cell +
                                                    " / agency_fte " + council.figure("agency_fte").cell + "]"};
    }
  } else {
    const Sourced r = f.rate("agency_cover_rate_fte");
    f.note("agency_cover_fte", "derived from the agency cover rate of vacancies");
    cover = Sourced{r.value * vacant, "agency cover rate " + r.source + " x vacancies"};
  }
  const int covering_vacancies = std::min({whole(cover.value), vacant, agency_workers});
  const int temporary = agency_workers - covering_vacancies;
  // Turnover as councils report it, leavers over headcount.
  Sourced turnover;
  if (auto t = f.own("turnover_rate_headcount")) {
    turnover =
        Sourced{*t / 100, "[DfE turnover_rate_headcount " + council.figure("turnover_rate_headcount").cell + "%]"};
  } else if (auto l = f.own("leavers_headcount")) {
    f.note("turnover_rate_headcount", "used leavers_headcount / in post");
    turnover = Sourced{*l / in_post, "[DfE leavers_headcount / inpost_headcount]"};
  } else {
    turnover = f.rate("turnover_rate_fte");
  }
  // With --with-spread, turnover is an uncertain input, spread as much as the council's
  // turnover moved from one year to the next up to this year (year_to_year.hpp).
  std::string turnover_text = number_text(turnover.value, 4), spread_source;
  if (with_spread) {
    const double sd = one_year_move(data, council, {"turnover_rate_headcount", "turnover_rate_fte"}, false);
    if (sd > 0) {
      turnover_text = "{mean: " + number_text(turnover.value, 4) + ", sd: " + number_text(sd, 4) + "}";
      spread_source = "; sd: its typical one-year move to " + std::to_string(council.year) +
                      " (1.4826 x the median absolute change; the region's where it has fewer than three)";
    }
  }
  Sourced starters;
  if (auto s = f.first_of({"starters_headcount", "starters_fte"})) {
    starters = *s;
  } else {
    f.note("starters_headcount", "assumed starters equal leavers (turnover x in post)");
    starters = Sourced{turnover.value * in_post, "ASSUMPTION: starters = turnover x in post"};
  }
  constexpr double kOfferFailure = 0.2;
  const double applicants = starters.value / (1 - kOfferFailure);
  // Days lost per FTE: the council's, else its region's, else England's, as for a rate.
  Sourced sickness{0, "no figure"};
  if (auto d = f.own("working_days_lost_fte"), n = f.own("inpost_fte"); d && n && *n > 0) {
    sickness = Sourced{std::min(*d / *n, 365.0), "[DfE working_days_lost_fte / inpost_fte]"};
  } else {
    bool found = false;
    for (const CswwRow* row : {f.region(), f.nation()}) {
      if (row == nullptr) continue;
      const auto d_row = row->figure("working_days_lost_fte").value, n_row = row->figure("inpost_fte").value;
      if (!d_row || !n_row || *n_row <= 0) continue;
      const double days = std::min(*d_row / *n_row, 365.0);
      f.note("working_days_lost_fte", "used the " + row->name + " rate, " + number_text(days, 2) + " days a year");
      sickness = Sourced{days, "[DfE " + row->name + " working_days_lost_fte / inpost_fte: " + council.name + "'s is " +
                                   council.figure("working_days_lost_fte").cell + "]"};
      found = true;
      break;
    }
    if (!found) f.note("working_days_lost_fte", "no sickness absence in the scenario");
  }
  Sourced caseload;
  if (auto c = f.own("caseload_fte")) {
    caseload = Sourced{*c, "[DfE caseload_fte " + council.figure("caseload_fte").cell + "]"};
  } else {
    const CswwRow* region = f.region();
    const auto& cell = region ? region->figure("caseload_fte") : council.figure("caseload_fte");
    f.note("caseload_fte", region && cell.value ? "used the " + region->name + " figure " + cell.cell : "used 16");
    caseload = Sourced{region && cell.value ? *cell.value : 16.0, "[DfE regional caseload_fte]"};
  }

  y << "  # " << council.name << " (" << council.code << ", " << council.region << "): line " << council.line
    << " of the data, year ending 30 September " << council.year << ".\n"
    << "  - name: " << yaml_quoted(council.name) << "\n"
    << "    roles:\n"
    << "      - name: social_worker\n"
    << "        permanent_posts: " << in_post + vacant << "   # in post " << in_post << " + vacancies " << vacant
    << "\n"
    << "        temporary_posts: " << temporary << "   # agency workers not covering a vacancy: " << agency_workers
    << " " << agency.source << " - " << covering_vacancies << " covering vacancies\n"
    << "        fte_per_worker: " << number_text(fte.value) << "   # " << fte.source << "\n"
    << "        initial:\n"
    << "          in_post: " << in_post << "   # " << headcount->source << "\n"
    << "          agency_covering_vacancies: " << covering_vacancies + temporary << "   # " << covering_vacancies
    << " vacancies " << cover.source << " + " << temporary << " temporary posts\n"
    << "        leaving:\n"
    << "          turnover_per_year: " << turnover_text << "   # " << turnover.source << spread_source << "\n"
    << "          notice: 3 months   # ASSUMPTION [000]: \"many candidates have 3 months' notice\"\n"
    << "          destinations: {outside: 0.6, other_council: 0.25, agency: 0.15}   # ASSUMPTION\n"
    << "        recruitment:\n"
    << "          opens_at: notice   # ASSUMPTION: a leaver's post is advertised at once [004]\n"
    << "          approval_to_offer: {distribution: lognormal, mean: 17 days, sd: 10 days}   # ASSUMPTION [000] 17 "
       "days\n"
    << "          offer_to_start: {distribution: gamma, mean: 49 days, shape: 3}   # ASSUMPTION [000] 66 days to "
       "start\n"
    << "          offer_failure_probability: " << number_text(kOfferFailure) << "   # ASSUMPTION\n"
    << "          # Starters " << number_text(starters.value, 1) << " " << starters.source
    << " over the offers accepted: a starting value; fit it to the vacancy rate with wfsim calibrate.\n"
    << "          applicants_per_year: " << number_text(applicants, 1) << "\n"
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
    << "        short_sickness_days_per_year: " << number_text(sickness.value, 2) << "   # " << sickness.source << "\n"
    << "    # Caseload " << caseload.source << "; feedback off until its elasticity is known.\n"
    << "    workload_feedback: {enabled: false, caseload_at_full_cover: "
    << number_text(caseload.value * in_post / std::max(1, in_post + vacant), 2)
    << ", turnover_elasticity: 0.5}   # ASSUMPTION: elasticity\n";
}

}  // namespace

Baseline baseline_scenario(const CswwData& data, const std::vector<const CswwRow*>& councils, int year,
                           const BaselineOptions& options) {
  Baseline result;
  std::ostringstream body;
  for (const CswwRow* council : councils) write_council(body, data, *council, result.notes, options.with_spread);
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
    y << "# Suppressed or missing figures, and what stood in for them:\n";
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
