#include "import/council_baseline.hpp"

#include <algorithm>
#include <optional>

#include "import/year_to_year.hpp"

namespace wfsim::import {

namespace {

// The row's file and line, then whose it is: a refusal of the data names where to look.
std::string who(const CswwRow& council) {
  return council.file + ":" + std::to_string(council.line) + ": " + council.name + " " + std::to_string(council.year);
}

// Size: permanent workers in post, as headcount (the model counts workers).
Sourced permanent_headcount(CouncilFigures& f, const CswwRow& council) {
  const auto headcount = f.first_of({"inpost_headcount", "inpost_fte"});
  if (headcount && headcount->value <= 0) {
    // Nobody in post: on its own the council has no turnover or starters to size its
    // recruitment from. Its region's scenario sizes it from its vacancies and agency
    // workers, with the region's turnover.
    throw ImportError(who(council) + ": no permanent staff in post (inpost_headcount " +
                      council.figure("inpost_headcount").cell + "), so it cannot be modelled on its own; --region '" +
                      council.region + "' or --england includes it, sized from its vacancies and agency workers");
  }
  if (!headcount) {
    throw ImportError(who(council) + ": both inpost_headcount (" +
                      describe_marker(council.figure("inpost_headcount").cell) + ") and inpost_fte (" +
                      describe_marker(council.figure("inpost_fte").cell) +
                      ") are missing; the council cannot be sized");
  }
  return *headcount;
}

// Agency workers covering vacancies, in workers. The council's cover FTE can be read
// two ways: as a share of its vacancy FTE, times its vacant posts (turned into posts at
// the permanent staff's FTE per head, as the vacancies are), or as a share of its agency
// FTE, times its agency workers. The two differ where the permanent staff and the agency
// workers work different hours, so each reading alone left a council starting against
// its own figures: read as agency heads, Nottinghamshire 2023 (every one of its 61.7 FTE
// of vacancies covered) started 5 of its 70 vacant posts uncovered; read as posts,
// Birmingham 2023 (105.3 FTE of cover from 103.4 agency FTE: every agency worker
// covering a vacancy) started 36 of its 141 agency workers in temporary posts. The
// larger reading is kept, at most the vacant posts and the agency workers (below), so
// that neither starts otherwise. Where the cover FTE is not given, the two rates the
// data give for it stand in (agency_cover_rate_fte is of agency FTE, not of vacancies).
Sourced vacancy_cover(CouncilFigures& f, const CswwRow& council, const CouncilBaseline& b) {
  if (b.vacant == 0) return Sourced{0, "no vacancies"};
  const auto cover = f.own("agency_cover_fte"), vacancy = f.own("vacancy_fte"), agency_fte = f.own("agency_fte");
  const auto cell = [&](const char* column) { return std::string(column) + " " + council.figure(column).cell; };
  std::vector<Sourced> readings;
  if (cover && vacancy && *vacancy > 0) {
    readings.push_back({*cover / *vacancy * b.vacant,
                        "[DfE " + cell("agency_cover_fte") + " / " + cell("vacancy_fte") + "] x vacant posts"});
  } else if (const auto rate = f.own("vacancy_agency_cover_rate_fte")) {
    readings.push_back({*rate / 100 * b.vacant, "[DfE " + cell("vacancy_agency_cover_rate_fte") + "%] x vacant posts"});
  }
  if (cover && agency_fte && *agency_fte > 0) {
    readings.push_back({*cover / *agency_fte * b.agency_workers,
                        "[DfE " + cell("agency_cover_fte") + " / " + cell("agency_fte") + "] x agency workers"});
  } else if (const auto rate = f.own("agency_cover_rate_fte")) {
    readings.push_back(
        {*rate / 100 * b.agency_workers, "[DfE " + cell("agency_cover_rate_fte") + "%] x agency workers"});
  }
  if (!cover) f.note("agency_cover_fte", "derived from the cover rates");
  if (readings.empty()) {
    if (cover)
      return Sourced{*cover / b.fte_per_worker.value, "[DfE " + cell("agency_cover_fte") + " / fte_per_worker]"};
    const Sourced share = f.rate("agency_cover_rate_fte");  // the region's, or England's
    return Sourced{share.value * b.agency_workers, share.source + " x agency workers"};
  }
  Sourced larger = *std::max_element(readings.begin(), readings.end(),
                                     [](const Sourced& x, const Sourced& y) { return x.value < y.value; });
  if (readings.size() == 2) larger.source += ", the larger reading of the cover";
  return larger;
}

// The council's own turnover: its headcount rate, else leavers over in post, else its
// FTE rate; none if it gives none of them.
std::optional<Sourced> own_turnover(CouncilFigures& f, const CswwRow& council, int in_post) {
  if (auto t = f.own("turnover_rate_headcount")) {
    return Sourced{*t / 100, "[DfE turnover_rate_headcount " + council.figure("turnover_rate_headcount").cell + "%]"};
  }
  if (auto l = f.own("leavers_headcount")) {
    f.note("turnover_rate_headcount", "used leavers_headcount / in post");
    return Sourced{*l / in_post, "[DfE leavers_headcount / inpost_headcount]"};
  }
  if (auto t = f.own("turnover_rate_fte")) {
    f.note("turnover_rate_headcount", "used turnover_rate_fte");
    return Sourced{*t / 100, "[DfE turnover_rate_fte " + council.figure("turnover_rate_fte").cell + "%]"};
  }
  return std::nullopt;
}

// Turnover as councils report it, leavers over headcount. A 0 stands for the region's
// rate, as in a region's scenario (market_scenario.cpp): Manchester, Oldham and
// Lewisham 2022 report 0 with 426, 160 and 145 in post, which as given would have
// nobody leave for the whole run (and the backtest forecast Manchester's 2023 from it).
Sourced turnover_rate(CouncilFigures& f, const CswwRow& council, int in_post) {
  const std::optional<Sourced> own = own_turnover(f, council, in_post);
  if (!own) return f.rate("turnover_rate_fte");  // the region's, else England's, noted
  if (own->value > 0) {
    remark_turnover_above_all(f, own->value, in_post);
    if (in_post < kFewestInPostForOwnTurnover) {
      f.remark("turnover " + number_text(100 * own->value, 1) + "% is of " + std::to_string(in_post) +
               " in post, where one leaver moves it by " + number_text(100.0 / in_post, 0) +
               " points: set leaving.turnover_per_year to the region's rate if the year was unusual");
    }
    return *own;
  }
  if (auto wider = f.wider_rate("turnover_rate_headcount", zero_turnover_reason(in_post) + "; ",
                                " (set leaving.turnover_per_year if the council's was 0)")) {
    return *wider;
  }
  f.remark(
      "turnover is 0 and neither its region nor England gives one, so nobody leaves in the scenario: set "
      "leaving.turnover_per_year");
  return *own;
}

// With a spread, turnover is an uncertain input, spread as much as the council's
// turnover moved from one year to the next up to this year (year_to_year.hpp).
void write_turnover_text(CouncilBaseline& b, const CswwData& data, const CswwRow& council, bool with_spread,
                         std::vector<std::string>& notes) {
  b.turnover_text = number_text(b.turnover.value, 4);
  if (!with_spread) return;
  const OneYearMove move = one_year_move(data, council, {"turnover_rate_headcount", "turnover_rate_fte"}, false);
  if (move.sd <= 0) {
    // The data's first year has no year before it: said, as the option asked for a spread.
    notes.push_back(council.name + " " + std::to_string(council.year) +
                    ": --with-spread: no spread for turnover, as neither the council nor its region has a year "
                    "before " +
                    std::to_string(council.year) + " to move from; written as a plain value");
    return;
  }
  b.turnover_text = "{mean: " + number_text(b.turnover.value, 4) + ", sd: " + number_text(move.sd, 4) + "}";
  b.spread_source = "; sd: " + std::string(move.own ? "its" : "its region's councils'") + " typical one-year move to " +
                    std::to_string(council.year) +
                    " (1.4826 x the median absolute change; the region's where the council has fewer than three, "
                    "or fewer than " +
                    std::to_string(kFewestInPostForOwnTurnover) + " in post)";
}

// No starters among many in post is a gap in the return, as a turnover of 0 is
// (Lancashire 2022: 0 starters, 410 in post, 54 leavers): written as given, the council
// never recruited and its vacancy rate rose from 35% to 56% in three years.
Sourced starters_per_year(CouncilFigures& f, const Sourced& turnover, int in_post) {
  if (auto s = f.first_of({"starters_headcount", "starters_fte"})) {
    if (s->value > 0 || in_post < kFewestInPostForOwnTurnover) return *s;
    f.remark("starters are 0 with " + std::to_string(in_post) +
             " in post, most likely a gap in the return, not a year with no starters; assumed starters equal "
             "leavers (turnover x in post: set recruitment.applicants_per_year if the council did not recruit)");
    return Sourced{turnover.value * in_post, "ASSUMPTION: starters = turnover x in post; the DfE's 0 read as a gap"};
  }
  f.note("starters_headcount", "assumed starters equal leavers (turnover x in post)");
  return Sourced{turnover.value * in_post, "ASSUMPTION: starters = turnover x in post"};
}

// Days lost per FTE a year in a wider row (a region, England), if it has them.
std::optional<double> days_lost_per_fte(const CswwRow& row) {
  const auto days = row.figure("working_days_lost_fte").value, fte = row.figure("inpost_fte").value;
  if (!days || !fte || *fte <= 0) return std::nullopt;
  return std::min(*days / *fte, 365.0);
}

// Below this share of its region's days lost per FTE, a council's figure is remarked.
// The data's least non-zero figures are a few hundredths of a day a year (Southampton
// 2022: 7 days over 226.9 FTE, 1,339 the next year; Rutland 2021; North Tyneside
// 2017), each a tenth of the next least and a hundredth of the median of 7.5 days.
constexpr double kLeastShareOfRegionsDaysLost = 0.1;

// Days lost per FTE: the council's, else its region's, else England's, as for a rate.
// A 0 with kFewestInPostForOwnTurnover in post is a gap in the return, as turnover's
// is (Barnet 2021: 0 days over 300 FTE), and takes the region's too; a figure far below
// the region's, with as many in post, is used as reported, with a remark that says so.
Sourced sickness_days(CouncilFigures& f, const CswwRow& council, int in_post) {
  const auto d = f.own("working_days_lost_fte"), n = f.own("inpost_fte");
  const bool a_gap = d && *d == 0 && in_post >= kFewestInPostForOwnTurnover;
  if (d && n && *n > 0 && !a_gap) {
    const double days = std::min(*d / *n, 365.0);
    const CswwRow* region = f.region();
    const std::optional<double> regions = region == nullptr ? std::nullopt : days_lost_per_fte(*region);
    // With few in post a year of little sickness is likely (City of London 2017: 3 days
    // over 7.5 FTE), and was remarked as a slip (a review).
    if (days > 0 && regions && days < kLeastShareOfRegionsDaysLost * *regions &&
        in_post >= kFewestInPostForOwnTurnover) {
      f.remark("sickness of " + number_text(days, 2) + " days a year per FTE (working_days_lost_fte " +
               council.figure("working_days_lost_fte").cell + " over inpost_fte " + council.figure("inpost_fte").cell +
               ") is under a tenth of the " + region->name + " rate, " + number_text(*regions, 2) +
               ": most likely a slip in the return; set short_sickness_days_per_year to the region's if so");
    }
    return Sourced{days, "[DfE working_days_lost_fte / inpost_fte]"};
  }
  for (const CswwRow* row : {f.region(), f.nation()}) {
    if (row == nullptr) continue;
    const std::optional<double> days = days_lost_per_fte(*row);
    if (!days) continue;
    f.note("working_days_lost_fte",
           std::string(a_gap ? "0 with " + std::to_string(in_post) + " in post read as a gap in the return; " : "") +
               "used the " + row->name + " rate, " + number_text(*days, 2) + " days a year");
    return Sourced{*days, "[DfE " + row->name + " working_days_lost_fte / inpost_fte: " + council.name + "'s is " +
                              council.figure("working_days_lost_fte").cell + "]"};
  }
  f.note("working_days_lost_fte", "no sickness absence in the scenario");
  return Sourced{0, "no figure"};
}

Sourced caseload(CouncilFigures& f, const CswwRow& council) {
  if (auto c = f.own("caseload_fte")) {
    return Sourced{*c, "[DfE caseload_fte " + council.figure("caseload_fte").cell + "]"};
  }
  const CswwRow* region = f.region();
  const auto& cell = region ? region->figure("caseload_fte") : council.figure("caseload_fte");
  f.note("caseload_fte", region && cell.value ? "used the " + region->name + " figure " + cell.cell : "used 16");
  return Sourced{region && cell.value ? *cell.value : 16.0, "[DfE regional caseload_fte]"};
}

// A year's starters far from its leavers is a year of change (Nottinghamshire 2023: 19
// starters, 66 leavers), which the scenario then repeats every year: its vacancy rate
// went from 13% to 34% in three years, unsaid until a run showed it. Said, with the
// way to a steady baseline. Within a factor of 1.5 either way is left unsaid, and so are
// a few of each (under 5 starters and under 5 leavers a year), where one worker moves
// the ratio. Under 5 leavers alone is no reason: Bromley 2018 reported 3 leavers of 167
// in post and 67 starters, whose scenario fills its vacancies within a year.
void note_unsteady_recruitment(CouncilFigures& f, const CouncilBaseline& b) {
  const double leavers = b.turnover.value * b.in_post;
  if ((leavers < 5 && b.starters.value < 5) || leavers <= 0 || b.starters.value <= 0) return;
  const double ratio = b.starters.value / leavers;
  if (ratio > 1 / 1.5 && ratio < 1.5) return;
  f.remark("its " + number_text(b.starters.value, 0) + " starters a year are " + number_text(ratio * 100, 0) +
           "% of its " + number_text(leavers, 0) +
           " leavers (turnover x in post), and the scenario recruits at that "
           "rate every year: its vacancies " +
           (ratio < 1 ? "grow" : "shrink") +
           " through the run. For a steady baseline, fit recruitment.applicants_per_year to the council's vacancy "
           "rate with wfsim calibrate (docs/validation.md, 'Calibration')");
}

}  // namespace

CouncilBaseline council_baseline(const CswwData& data, const CswwRow& council, std::vector<std::string>& notes,
                                 bool with_spread) {
  CouncilFigures f(data, council, notes);
  CouncilBaseline b;
  b.headcount = permanent_headcount(f, council);
  b.in_post = whole(b.headcount.value);
  b.fte_per_worker = fte_per_worker(f);
  b.vacancies = vacancies_in_workers(f, b.fte_per_worker.value, b.in_post);
  b.vacant = whole(b.vacancies.value);
  b.agency = agency_workers(f, b.in_post);
  b.agency_workers = whole(b.agency.value);
  b.cover = vacancy_cover(f, council, b);
  b.covering_vacancies = std::min({whole(b.cover.value), b.vacant, b.agency_workers});
  b.temporary = b.agency_workers - b.covering_vacancies;
  b.turnover = turnover_rate(f, council, b.in_post);
  write_turnover_text(b, data, council, with_spread, notes);
  b.starters = starters_per_year(f, b.turnover, b.in_post);
  b.applicants_per_year = b.starters.value / (1 - kBaselineOfferFailure);
  note_unsteady_recruitment(f, b);
  b.sickness_days = sickness_days(f, council, b.in_post);
  b.caseload = caseload(f, council);
  return b;
}

}  // namespace wfsim::import
